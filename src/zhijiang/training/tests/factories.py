"""Approved standards, courses and runs for the training tests, made through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from zhijiang.accounts.models import Organisation, User
from zhijiang.occupations import services as standards
from zhijiang.occupations.models import Standard
from zhijiang.occupations.tests.factories import imported
from zhijiang.training import delivery, services
from zhijiang.training.models import Course, CourseRun


def approved_standard(*, drafter: User, approver: User) -> Standard:
    """The small two-level 人工智能训练师 standard of the occupations tests, approved."""
    standard = imported(drafter)
    standards.standard_submit(actor=drafter, standard=standard)
    return standards.standard_approve(actor=approver, standard=standard)


def make_course(
    *, actor: User, owner: Organisation, standard: Standard, approve: bool = True, **request: Any
) -> Course:
    values: dict[str, Any] = {"standard": standard, "level": 2, "total_hours": 40}
    values.update(request)
    course = services.course_generate(
        actor=actor, owner=owner, request=services.CourseRequest(**values)
    )
    return services.course_approve(actor=actor, course=course) if approve else course


def run_input(**overrides: Any) -> delivery.RunInput:
    start = timezone.localdate() + dt.timedelta(days=14)
    values: dict[str, Any] = {
        "start_date": start,
        "end_date": start + dt.timedelta(days=30),
        "mode": "in_person",
        "capacity": 2,
        "district": "500103",
        "place": "解放碑培训中心 3 楼",
        "fee": 0,
        "voucher_eligible": True,
    }
    values.update(overrides)
    return delivery.RunInput(**values)


def make_run(*, actor: User, course: Course, provider: Organisation, **overrides: Any) -> CourseRun:
    return delivery.run_publish(
        actor=actor, course=course, provider=provider, data=run_input(**overrides)
    )
