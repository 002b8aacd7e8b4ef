"""The career plan (page and endpoint) runs as many queries whether each occupation it aims at
has one open position or eight: no N+1 over positions, skills or courses.

The plan has at most five targets; both sizes here fill all five, so that what is counted is
the data behind each target."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.utils import timezone

from zhijiang.accounts.models import Organisation, User
from zhijiang.common.testing import assert_queries_constant
from zhijiang.jobs.match_index import match_index_refresh
from zhijiang.jobs.tests.factories import TRAINER, give_skills, make_position, skill
from zhijiang.training.tests.factories import approved_standard, make_course, make_run

pytestmark = pytest.mark.django_db

# Five occupations the plan can aim at (four digital ones and 人工智能训练师), each asking for
# Python and one more skill.
TARGETS = sorted([*(f"2-02-38-{number:02d}" for number in range(1, 5)), TRAINER])
_serial = itertools.count(1)


@pytest.fixture
def seeker(learner: User) -> User:
    """Alice knows Python."""
    skill("python", "Python", "Python")
    give_skills(learner, {"python": "cv"})
    return learner


@pytest.fixture
def hiring(employer_hr: User, employer: Organisation) -> Any:
    """``hiring(n)``: Erin posts ``n`` more positions in each of the five occupations; then the
    match index is rebuilt, as the background worker does."""
    for code in TARGETS:
        skill(f"skill-{code}")

    def make(count: int) -> None:
        for code in TARGETS:
            for _ in range(count):
                make_position(
                    actor=employer_hr, employer=employer, title=f"岗位 {next(_serial)}",
                    occupation=code, required_skills=["python", f"skill-{code}"],
                    preferred_skills=[], level_min=None,
                )  # fmt: skip
        match_index_refresh()

    return make


def test_the_plan_page_runs_the_same_queries_for_one_or_eight_positions_per_target(
    web, seeker, hiring
):
    client = web(seeker)
    _one, eight = assert_queries_constant(hiring, lambda: client.get("/careers/plan/"))
    assert eight.content.decode().count("plan-target") >= 5


def test_the_plan_endpoint_runs_the_same_queries_for_one_or_eight_positions_per_target(
    api, seeker, hiring
):
    client = api(seeker)
    _one, eight = assert_queries_constant(
        hiring, lambda: client.call("get", "/careers/me/career-plan")
    )
    plan = eight.json()
    assert sorted(target["occupation"] for target in plan) == TARGETS
    assert all(target["positions"] for target in plan)


def test_the_plan_runs_the_same_queries_for_one_or_eight_runs_of_a_targets_course(
    api, seeker, hiring, provider_staff, district_officer, bureau_officer
):
    """Runs of a course for the 人工智能训练师 standard, which the plan offers as steps."""
    provider = provider_staff.memberships.get().organisation
    standard = approved_standard(drafter=district_officer, approver=bureau_officer)
    course = make_course(actor=provider_staff, owner=provider, standard=standard)
    hiring(1)

    def publish(count: int) -> None:
        for _ in range(count):
            start = timezone.localdate() + dt.timedelta(days=10 + next(_serial))
            make_run(
                actor=provider_staff, course=course, provider=provider, capacity=50,
                start_date=start, end_date=start + dt.timedelta(days=30),
            )  # fmt: skip

    client = api(seeker)
    _one, eight = assert_queries_constant(
        publish, lambda: client.call("get", "/careers/me/career-plan")
    )
    courses = {target["occupation"]: target["courses"] for target in eight.json()}
    assert courses[TRAINER] and all(row["course"] == course.title for row in courses[TRAINER])
