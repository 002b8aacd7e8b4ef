"""Tasks a killed background worker left half-done go back on the queue.

The database task queue (django-tasks-db) marks a task RUNNING, and commits that, before it
calls the task; a worker killed mid-task (power cut, OOM, ``kill -9``) leaves the row RUNNING and
no worker takes it again. Every task of ours records what it did as it goes, in the same
transaction as the effect (a push and its ``MatchPush`` row, an employment question and its
``asked_at``, an index build under its data version, a bank's statistics replaced whole), so
running an interrupted task again from the start finishes the work without doing any of it
twice."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

# The longest a task of ours may run: one still RUNNING after this was interrupted.
INTERRUPTED_AFTER = datetime.timedelta(hours=1)


def tasks_requeue_interrupted(*, started_before: datetime.datetime | None = None) -> int:
    """Put the tasks RUNNING since before ``started_before`` (default: an hour ago) back on the
    queue for the next worker; returns how many."""
    cutoff = started_before or timezone.now() - INTERRUPTED_AFTER
    return (
        DBTaskResult.objects.running()
        .filter(started_at__lt=cutoff)
        .update(status=TaskResultStatus.READY, started_at=None)
    )
