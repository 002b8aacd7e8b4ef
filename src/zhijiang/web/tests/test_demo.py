"""`zhijiang demo` loads the whole chain once: approved standards for every digital occupation,
courses generated from them, adapted, run, enrolled on and progressed through, and item banks
of hand-written items on them, calibrated, examined and certified."""

from __future__ import annotations

import datetime as dt
import io
import math
import re

import pytest
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from zhijiang.assessment import demo_items, services
from zhijiang.assessment.models import Attempt, ExamSession, Item, ItemBank, LevelDecision
from zhijiang.credentials.models import Certificate
from zhijiang.credentials.verification import verify_document
from zhijiang.occupations.models import Occupation, Skill, Standard
from zhijiang.training.models import Course, Enrolment, Notice, ProgressRecord
from zhijiang_engine.assessment import blueprint_for, part_of_requirement

pytestmark = pytest.mark.django_db


def test_demo_loads_standards_and_courses_for_the_digital_occupations_once():
    out = io.StringIO()
    call_command("demo", stdout=out)
    _check_progress_lines(out.getvalue())
    digital = Occupation.objects.filter(is_digital=True, level=4)
    assert digital.count() == 95
    approved = Standard.objects.filter(status=Standard.Status.APPROVED, occupation__in=digital)
    assert approved.count() == 95
    assert set(approved.values_list("approved_by__username", flat=True)) == {"bureau"}
    assert set(approved.values_list("submitted_by__username", flat=True)) == {"officer_yuzhong"}
    assert Skill.objects.count() > 10000  # the vocabulary was loaded for linking
    courses = _check_training()
    assessment = _check_assessment()
    _check_the_chain_reaches_employment()
    before = Standard.objects.count()
    again = io.StringIO()
    call_command("demo", stdout=again)
    assert Standard.objects.count() == before
    assert again.getvalue().count("  already there, nothing changed") == len(STEPS)
    assert Course.objects.count() == courses
    assert _assessment_counts() == assessment


STEPS = [
    "Demo people and organisations…",
    "Demo standards: one drafted, reviewed and approved for each digital occupation…",
    "Demo positions, job seekers' profiles and applications…",
    "Demo courses: generated from the standards, adapted, run and enrolled on…",
    "Demo assessment: item banks, an exam held and one open, certificates…",
]


def _check_progress_lines(output: str) -> None:
    """Each step says what it loads before it starts, then how many and how long it took."""
    lines = output.splitlines()
    assert [line for line in lines if line.startswith("Demo ") and line.endswith("…")] == STEPS
    results = [line for line in lines if re.fullmatch(r"  .+ \(\d+\.\d s\)\.", line)]
    assert len(results) == len(STEPS)
    assert results[0].startswith("  85 people in ") and "20 of 95 approved" in output
    assert results[1].startswith("  95 standards approved (")
    assert re.match(r"  \d+ positions posted; \d+ matching positions sent", results[2])
    assert re.match(r"  \d+ courses generated, approved and scheduled", results[3])
    assert re.search(r"; \d+ certificates issued \(", results[4])
    assert re.search(r"\nDemo data ready in \d+ s\.\n", output)


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


def _assessment_counts() -> tuple[int, ...]:
    return (
        ItemBank.objects.count(),
        Item.objects.count(),
        ExamSession.objects.count(),
        Attempt.objects.count(),
        LevelDecision.objects.count(),
        Certificate.objects.count(),
    )


def _check_assessment() -> tuple[int, ...]:
    banks = ItemBank.objects.select_related("standard__occupation").order_by("id")
    assert [bank.standard.occupation.code for bank in banks] == ["4-04-05-05", "4-04-05-01"]
    for bank in banks:
        items = bank.items.filter(level=3)
        written = demo_items.item_file(bank.standard.occupation.code)
        assert written is not None and items.count() == len(written.items) >= 60
        assert set(items.values_list("source", flat=True)) == {"demo"}
        assert set(items.values_list("stem", flat=True)) == {item.stem for item in written.items}
        assert not items.filter(stem__contains="相关知识要求").exists()  # issue 15's trivia
        blueprint = blueprint_for(services.standard_document(bank.standard), rank=3)
        parts = {part_of_requirement(key) for key in items.values_list("requirement", flat=True)}
        assert parts == {part.key for part in blueprint.parts}
        assert not items.exclude(status=Item.Status.CALIBRATED).exists()
        assert not items.filter(reviewer=None).exists()
        assert not items.filter(reviewer=F("author")).exists()  # four eyes
        assert all(
            math.isfinite(a) and a > 0 and math.isfinite(b)
            for a, b in items.values_list("discrimination", "difficulty")
        )
    closed = ExamSession.objects.get(status=ExamSession.Status.CLOSED)
    assert closed.starts_at < timezone.now() - dt.timedelta(days=13)
    decisions = LevelDecision.objects.filter(registration__session=closed)
    assert decisions.count() == closed.registrations.count() == 9
    certificates = [d.certificate for d in decisions.filter(passed=True)]
    assert certificates and all(
        certificate is not None and verify_document(certificate.credential).valid
        for certificate in certificates
    )
    assert decisions.filter(passed=False).exists()
    mine = decisions.get(registration__person__username="learner")
    assert mine.passed and mine.certificate is not None
    assert mine.certificate.person.username == "learner"
    opened = ExamSession.objects.get(status=ExamSession.Status.OPEN)
    assert opened.ends_at > timezone.now() + dt.timedelta(days=13)
    assert opened.registrations.filter(person__username="learner").exists()
    assert opened.registrations.count() == 4
    assert not Attempt.objects.filter(registration__session=opened).exists()
    return _assessment_counts()


def _check_the_chain_reaches_employment() -> None:
    """The demo's certificates verify skills on their holders' profiles; no standard links a
    word every occupation shares; every demo learner's plan suggests only skills of the
    target occupation (its standard, or what a quarter of its positions ask for)."""
    from collections import Counter

    from zhijiang.accounts.models import User
    from zhijiang.careers.planner import RELATED_SHARE, career_plan
    from zhijiang.jobs.models import PositionSkill
    from zhijiang.occupations.models import PersonSkill, Requirement
    from zhijiang_engine.skills_vocabulary import is_generic_term

    holders = Certificate.objects.filter(revoked_at__isnull=True).values("person")
    verified = PersonSkill.objects.filter(user__in=holders, source=PersonSkill.Source.CERTIFICATE)
    assert verified.exists()
    linked = Skill.objects.filter(requirements__in=Requirement.objects.all()).distinct()
    assert not [s.key for s in linked if is_generic_term(s.key)]
    learners = User.objects.filter(username__startswith="learner").order_by("pk")[:12]
    for person in learners:
        for target in career_plan(person=person):
            standard = Standard.objects.filter(
                occupation=target.occupation, status=Standard.Status.APPROVED
            ).first()
            own = set(
                Skill.objects.filter(
                    requirements__content__function__level__standard=standard
                ).values_list("key", flat=True)
            )
            asked = Counter(
                PositionSkill.objects.filter(
                    position__occupation=target.occupation, position__status="open"
                ).values_list("skill__key", flat=True)
            )
            floor = RELATED_SHARE * target.demand
            for gap in target.gap:
                assert gap.key in own or asked[gap.key] >= floor, (person, target, gap.key)
                assert not is_generic_term(gap.key)
