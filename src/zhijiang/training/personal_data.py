"""The data download's sections of the person's training: enrolments with their attendance
and assessment-point records, and the xAPI learning records kept about them."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from zhijiang.accounts.models import User
from zhijiang.accounts.personal_data import iso, register_section
from zhijiang.training.models import Enrolment, ProgressRecord, XapiStatement


def _progress(record: ProgressRecord) -> dict[str, Any]:
    return {
        "kind": record.kind,
        "key": record.key,
        "attended": record.attended,
        "completed": record.completed,
        "passed": record.passed,
        "score": record.score,
        "recorded": iso(record.recorded_at),
    }


def enrolments(user: User) -> list[dict[str, Any]]:
    rows = (
        Enrolment.objects.filter(person=user)
        .select_related("run", "run__course", "run__course__occupation", "run__provider")
        .prefetch_related(
            Prefetch("progress", queryset=ProgressRecord.objects.order_by("kind", "key", "id"))
        )
        .order_by("created_at", "id")
    )
    return [
        {
            "course": e.run.course.title,
            "occupation": e.run.course.occupation.code,
            "level": e.run.course.level,
            "provider": e.run.provider.name,
            "starts": iso(e.run.start_date),
            "ends": iso(e.run.end_date),
            "mode": e.run.mode,
            "place": e.run.place,
            "status": e.status,
            "enrolled": iso(e.created_at),
            "completed": iso(e.completed_at),
            "cancelled": iso(e.cancelled_at),
            "progress": [_progress(record) for record in e.progress.all()],
        }
        for e in rows
    ]


def learning_records(user: User) -> list[dict[str, Any]]:
    """The xAPI statements as stored (the actor is the person's account number, no name)."""
    return [
        {
            "id": str(s.id),
            "verb": s.verb,
            "object": s.object_id,
            "timestamp": iso(s.timestamp),
            "stored": iso(s.stored),
            "statement": s.statement,
        }
        for s in XapiStatement.objects.filter(person=user).order_by("stored", "id")
    ]


def register() -> None:
    app = "training"
    register_section(
        "enrolments", app=app, collect=enrolments, covers={"training.Enrolment.person"}
    )
    register_section(
        "learning_records",
        app=app,
        collect=learning_records,
        covers={"training.XapiStatement.person"},
    )
