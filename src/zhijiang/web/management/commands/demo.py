"""``zhijiang demo``: load the reproducible demo data and print a login for each role."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhijiang.accounts.demo import demo_logins, load_demo
from zhijiang.accounts.models import User
from zhijiang.assessment.demo import load_demo_assessment
from zhijiang.careers.services import match_push
from zhijiang.jobs.demo import load_demo_jobs
from zhijiang.occupations.demo import load_demo_standards
from zhijiang.training.demo import load_demo_training


class Command(BaseCommand):
    help = "Load reproducible demo data (idempotent) and print a login for each role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production", action="store_true", help="load demo users even in production"
        )

    def handle(self, *args: Any, allow_production: bool, **options: Any) -> None:
        if settings.PRODUCTION and not allow_production:
            raise CommandError("refusing to load demo accounts with ZHIJIANG_ENV=production")
        created = load_demo()
        self.stdout.write("Demo people and organisations loaded." if created
                          else "Demo people and organisations already present.")  # fmt: skip
        standards = load_demo_standards(
            author=User.objects.get(username="officer_yuzhong"),
            reviewer=User.objects.get(username="bureau"),
        )
        self.stdout.write(
            f"Standards approved for digital occupations: {standards} new."
            if standards
            else "Every digital occupation already has an approved standard; nothing changed."
        )
        positions = load_demo_jobs()
        if positions:
            report = match_push()
            self.stdout.write(
                f"Positions posted: {positions}; matching positions pushed to job seekers: "
                f"{report.pushed}."
            )
        else:
            self.stdout.write("Demo positions already present; nothing changed.")
        courses = load_demo_training()
        self.stdout.write(
            f"Courses generated, approved and scheduled: {courses}."
            if courses
            else "Demo courses already present; nothing changed."
        )
        certificates = load_demo_assessment()
        self.stdout.write(
            "Item banks calibrated, an adaptive session held and one opened; certificates "
            f"issued: {certificates}."
            if certificates
            else "Demo assessment already present; nothing changed."
        )
        self.stdout.write("")
        self.stdout.write(f"{'role':<18} {'username':<20} {'password':<20} note")
        for login in demo_logins():
            self.stdout.write(
                f"{login.role:<18} {login.username:<20} {login.password:<20} {login.note}"
            )
        self.stdout.write("Sign in with a username, or with the mobile number, on the login page.")
