"""`zhijiang demo` loads the whole chain once: approved standards for every digital occupation,
and courses generated from them, adapted, run, enrolled on and progressed through."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from zhijiang.occupations.models import Occupation, Skill, Standard
from zhijiang.training.models import Course, Enrolment, Notice, ProgressRecord

pytestmark = pytest.mark.django_db


def test_demo_loads_standards_and_courses_for_the_digital_occupations_once():
    out = io.StringIO()
    call_command("demo", stdout=out)
    digital = Occupation.objects.filter(is_digital=True, level=4)
    assert digital.count() == 95
    approved = Standard.objects.filter(status=Standard.Status.APPROVED, occupation__in=digital)
    assert approved.count() == 95
    assert set(approved.values_list("approved_by__username", flat=True)) == {"bureau"}
    assert set(approved.values_list("submitted_by__username", flat=True)) == {"officer_yuzhong"}
    assert Skill.objects.count() > 10000  # the vocabulary was loaded for linking
    courses = _check_training()
    before = Standard.objects.count()
    again = io.StringIO()
    call_command("demo", stdout=again)
    assert Standard.objects.count() == before
    assert "nothing changed" in again.getvalue()
    assert Course.objects.count() == courses


def _lesson_hours(course: Course) -> dict[str, float]:
    return {
        lesson["key"]: lesson["theory_hours"] + lesson["practice_hours"]
        for module in course.plan["modules"]
        for lesson in module["lessons"]
    }


def _check_training() -> int:
    approved = Course.objects.filter(status=Course.Status.APPROVED)
    assert approved.values("occupation").distinct().count() >= 20
    adapted = approved.exclude(district=None)
    assert adapted.values("district").distinct().count() == 2
    for standard in adapted.values_list("standard", flat=True).distinct():
        pair = list(adapted.filter(standard=standard).order_by("district__code"))
        assert len(pair) == 2 and all(course.plan["adjustments"] for course in pair)
        assert _lesson_hours(pair[0]) != _lesson_hours(pair[1])
    statuses = set(Enrolment.objects.values_list("status", flat=True))
    assert {"enrolled", "waitlisted", "completed"} <= statuses
    assert ProgressRecord.objects.filter(attended=True).exists()
    assert Notice.objects.exists() and approved.filter(is_open=True).exists()
    return Course.objects.count()
