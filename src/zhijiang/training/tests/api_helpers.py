"""Request bodies and small helpers shared by the training API tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from zhijiang.accounts.models import Role, User
from zhijiang.accounts.tests.factories import make_person

XAPI_VERSION_HEADER = "X-Experience-API-Version"


def learner_named(username: str, **kwargs: Any) -> User:
    return make_person(role=Role.LEARNER, username=username, **kwargs)


def error_of(response: Any) -> dict[str, Any]:
    return response.json()["error"]


def run_body(**changes: Any) -> dict[str, Any]:
    start = timezone.localdate() + dt.timedelta(days=10)
    body: dict[str, Any] = {
        "start_date": start.isoformat(),
        "end_date": (start + dt.timedelta(days=20)).isoformat(),
        "mode": "in_person",
        "capacity": 25,
        "district": "500106",
        "place": "沙坪坝大学城实训楼",
        "fee": 1200,
        "voucher_eligible": True,
    }
    body.update(changes)
    return body


def course_body(standard: Any, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"standard_id": standard.pk, "level": 2, "total_hours": 40}
    body.update(changes)
    return body


def all_lessons(plan: dict[str, Any]) -> list[dict[str, Any]]:
    return [lesson for module in plan["modules"] for lesson in module["lessons"]]
