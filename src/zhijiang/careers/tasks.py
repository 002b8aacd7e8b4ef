"""Background work of the careers app: the nightly run loads and calls the services."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django_tasks import task

from zhijiang.accounts.cleanup import expired_rows_delete
from zhijiang.careers.services import match_push
from zhijiang.jobs.applications import employment_checks_ask


@task()
def nightly_run() -> dict[str, Any]:
    """Push new matches, ask the due employment follow-ups and delete expired sign-ups."""
    today = timezone.localdate()
    report = match_push(today=today)
    asked = employment_checks_ask(today=today)
    expired = expired_rows_delete()
    return {
        "pushed": report.pushed,
        "seekers": report.seekers,
        "follow_ups_asked": asked,
        "expired_sign_ups_deleted": expired.sign_ups,
    }
