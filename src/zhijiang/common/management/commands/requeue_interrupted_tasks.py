"""``zhijiang requeue_interrupted_tasks``: queue again the tasks a killed worker left running."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from zhijiang.common.tasks_recovery import INTERRUPTED_AFTER, tasks_requeue_interrupted


class Command(BaseCommand):
    help = (
        "Queue again the background tasks still marked running after --minutes (a worker was "
        "killed mid-task); our tasks do nothing twice when run again. With a single worker, "
        "run it with --minutes 0 before the worker starts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--minutes",
            type=int,
            default=int(INTERRUPTED_AFTER.total_seconds() // 60),
            help="a task running longer than this was interrupted (default: %(default)s)",
        )

    def handle(self, *args: Any, minutes: int, **options: Any) -> None:
        if minutes < 0:
            raise CommandError("--minutes must be 0 or more")
        cutoff = timezone.now() - datetime.timedelta(minutes=minutes)
        count = tasks_requeue_interrupted(started_before=cutoff)
        self.stdout.write(f"{count} interrupted task(s) queued again.")
