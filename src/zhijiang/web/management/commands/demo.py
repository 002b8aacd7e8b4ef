"""``zhijiang demo``: load the reproducible demo data and print a login for each role."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhijiang.accounts.demo import demo_logins, load_demo
from zhijiang.accounts.models import Organisation, User
from zhijiang.assessment.demo import load_demo_assessment
from zhijiang.careers.services import match_push
from zhijiang.common.progress import Progress
from zhijiang.jobs.demo import load_demo_jobs
from zhijiang.occupations.demo import load_demo_standards
from zhijiang.training.demo import load_demo_training

ALREADY_THERE = "already there, nothing changed"


class Command(BaseCommand):
    help = "Load reproducible demo data (idempotent) and print a login for each role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production", action="store_true", help="load demo users even in production"
        )

    def handle(self, *args: Any, allow_production: bool, **options: Any) -> None:
        if settings.PRODUCTION and not allow_production:
            raise CommandError("refusing to load demo accounts with ZHIJIANG_ENV=production")
        progress = Progress(self.stdout)
        self._people(progress)
        self._standards(progress)
        self._positions(progress)
        progress.start("Demo courses: generated from the standards, adapted, run and enrolled on")
        courses = load_demo_training()
        progress.done(
            f"{courses} courses generated, approved and scheduled" if courses else ALREADY_THERE
        )
        progress.start("Demo assessment: item banks, an exam held and one open, certificates")
        certificates = load_demo_assessment()
        progress.done(
            "item banks calibrated, an adaptive session held and one opened; "
            f"{certificates} certificates issued"
            if certificates
            else ALREADY_THERE
        )
        self.stdout.write(f"Demo data ready in {progress.total_seconds():.0f} s.")
        self._logins()

    def _people(self, progress: Progress) -> None:
        progress.start("Demo people and organisations")
        created = load_demo()
        people, organisations = User.objects.count(), Organisation.objects.count()
        found = f"{people:,} people in {organisations:,} organisations"
        progress.done(f"{found} created" if created else f"{ALREADY_THERE}: {found}")

    def _standards(self, progress: Progress) -> None:
        progress.start(
            "Demo standards: one drafted, reviewed and approved for each digital occupation"
        )

        def every_twenty(done: int, total: int) -> None:
            if done % 20 == 0 and done < total:
                progress.note(f"{done} of {total} approved")

        approved = load_demo_standards(
            author=User.objects.get(username="officer_yuzhong"),
            reviewer=User.objects.get(username="bureau"),
            progress=every_twenty,
        )
        progress.done(f"{approved} standards approved" if approved else ALREADY_THERE)

    def _positions(self, progress: Progress) -> None:
        progress.start("Demo positions, job seekers' profiles and applications")
        positions = load_demo_jobs()
        if not positions:
            progress.done(ALREADY_THERE)
            return
        report = match_push()
        progress.done(
            f"{positions} positions posted; {report.pushed} matching positions sent to job seekers"
        )

    def _logins(self) -> None:
        self.stdout.write("")
        self.stdout.write(f"{'role':<18} {'username':<20} {'password':<20} note")
        for login in demo_logins():
            self.stdout.write(
                f"{login.role:<18} {login.username:<20} {login.password:<20} {login.note}"
            )
        self.stdout.write("Sign in with a username, or with the mobile number, on the login page.")
