"""Learning records as xAPI 1.0.3 statements (actor, verb, object, result), kept in a local
store so that an external learning-record store can fetch them.

The actor is identified by an account on this platform (its id, never a name, phone or ID
number); activities are identified by their public address on the platform. The platform
vouches for every statement as its ``authority``, and no statement carries an empty object or
list (xAPI 1.0.3 §2.2: such properties SHOULD NOT be sent, and strict LRSs refuse them).
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


def authority() -> dict[str, Any]:
    """The platform as the Agent that asserts its statements are true (xAPI 1.0.3 §2.4.9):
    identified by an account on its own public address, like the learners."""
    return {
        "objectType": "Agent",
        "name": "智匠 Zhijiang",
        "account": {"homePage": settings.PUBLIC_URL, "name": "zhijiang"},
    }


def without_empty(value: Any) -> Any:
    """``value`` with every empty object and empty list removed, at any depth."""
    if isinstance(value, dict):
        kept = {key: without_empty(item) for key, item in value.items()}
        return {key: item for key, item in kept.items() if item != {} and item != []}
    if isinstance(value, list):
        kept_items = [without_empty(item) for item in value]
        return [item for item in kept_items if item != {} and item != []]
    return value


def statement_as_stored(stored: XapiStatement) -> dict[str, Any]:
    """A stored statement as an LRS returns it: with its ``stored`` time and an authority.
    Statements recorded before the platform added both are cleaned on the way out, since
    stored statements are immutable."""
    statement = without_empty(stored.statement)
    statement.setdefault("authority", authority())
    statement["stored"] = stored.stored.isoformat()
    return statement  # type: ignore[no-any-return]


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
        "context": {"platform": "zhijiang"},
        "timestamp": now.isoformat(),
        "authority": authority(),
    }
    if key:
        parent = _activity(run, "", COURSE, run.course.title)
        statement["context"]["contextActivities"] = {"parent": [parent]}
    if result:
        statement["result"] = result
    statement = without_empty(statement)
    return XapiStatement.objects.create(
        id=statement_id,
        person=person,
        verb=verb_id,
        object_id=statement["object"]["id"],
        statement=statement,
        timestamp=now,
    )
