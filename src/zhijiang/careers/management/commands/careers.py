"""``zhijiang careers nightly [--enqueue]``: push new matches, ask due employment follow-ups
and delete expired pending sign-ups and throttle counts.

Run it once a night from cron (or a systemd timer). With ``--enqueue`` it only queues the task
for ``zhijiang db_worker`` to run."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from zhijiang.accounts.cleanup import expired_rows_delete
from zhijiang.careers.services import DEFAULT_DAILY_CAP, DEFAULT_THRESHOLD, match_push
from zhijiang.careers.tasks import nightly_run
from zhijiang.jobs.applications import employment_checks_ask


class Command(BaseCommand):
    help = "Push new matching positions to job seekers and ask due employment follow-ups."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        nightly = sub.add_parser("nightly", help=self.help)
        nightly.add_argument("--enqueue", action="store_true", help="queue it for the worker")
        nightly.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
        nightly.add_argument("--daily-cap", type=int, default=DEFAULT_DAILY_CAP)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = nightly_run.enqueue()
            self.stdout.write(f"queued task {result.id}")
            return
        today = timezone.localdate()
        report = match_push(
            today=today, threshold=options["threshold"], daily_cap=options["daily_cap"]
        )
        asked = employment_checks_ask(today=today)
        expired = expired_rows_delete()
        self.stdout.write(
            f"seekers {report.seekers}, pushed {report.pushed}, already known "
            f"{report.skipped_known}, held by the daily cap {report.capped}, "
            f"follow-ups asked {asked}, expired sign-ups deleted {expired.sign_ups}"
        )
