"""Learning records as xAPI 1.0.3 statements (actor, verb, object, result), kept in a local
store so that an external learning-record store can fetch them.

The actor is identified by an account on this platform (its id, never a name, phone or ID
number); activities are identified by their public address on the platform.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.utils import timezone

from zhijiang.accounts.models import User
from zhijiang.training.models import CourseRun, XapiStatement

VERSION = "1.0.3"
ADL = "http://adlnet.gov/expapi/verbs/"
# verb → (id, English display, Chinese display)
VERBS: dict[str, tuple[str, str, str]] = {
    "registered": (ADL + "registered", "registered", "报名"),
    "attended": (ADL + "attended", "attended", "出勤"),
    "completed": (ADL + "completed", "completed", "完成"),
    "passed": (ADL + "passed", "passed", "通过"),
    "failed": (ADL + "failed", "failed", "未通过"),
    "voided": (ADL + "voided", "voided", "撤销"),
}
COURSE = "http://adlnet.gov/expapi/activities/course"
LESSON = "http://adlnet.gov/expapi/activities/lesson"
ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"


def run_iri(run: CourseRun) -> str:
    return f"{settings.PUBLIC_URL}/training/runs/{run.pk}/"


def _activity(run: CourseRun, key: str, kind: str, name: str) -> dict[str, Any]:
    iri = run_iri(run) + (f"#{key}" if key else "")
    return {
        "objectType": "Activity",
        "id": iri,
        "definition": {"type": kind, "name": {"zh-CN": name}},
    }


def statement_record(
    *,
    person: User,
    verb: str,
    run: CourseRun,
    key: str = "",
    kind: str = COURSE,
    name: str = "",
    result: dict[str, Any] | None = None,
) -> XapiStatement:
    """Store one statement about ``person`` and an activity of ``run`` (the run itself, or
    one of its lessons or assessment points when ``key`` is given)."""
    verb_id, english, chinese = VERBS[verb]
    now = timezone.now()
    statement_id = uuid.uuid4()
    statement: dict[str, Any] = {
        "id": str(statement_id),
        "version": VERSION,
        "actor": {
            "objectType": "Agent",
            "account": {"homePage": settings.PUBLIC_URL, "name": str(person.pk)},
        },
        "verb": {"id": verb_id, "display": {"en-US": english, "zh-CN": chinese}},
        "object": _activity(run, key, kind, name or run.course.title),
        "context": {
            "platform": "zhijiang",
            "contextActivities": {"parent": [_activity(run, "", COURSE, run.course.title)]}
            if key
            else {},
        },
        "timestamp": now.isoformat(),
    }
    if result:
        statement["result"] = result
    return XapiStatement.objects.create(
        id=statement_id,
        person=person,
        verb=verb_id,
        object_id=statement["object"]["id"],
        statement=statement,
        timestamp=now,
    )
