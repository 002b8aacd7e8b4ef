"""The jobs pages and endpoints run as many queries for eight rows as for one: no N+1."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from zhijiang.accounts.models import Role, User
from zhijiang.accounts.tests.factories import make_person
from zhijiang.common.testing import assert_queries_constant
from zhijiang.jobs import applications
from zhijiang.jobs.match_index import match_index_refresh
from zhijiang.jobs.models import Position, PositionSkill
from zhijiang.jobs.tests.factories import give_skills, make_position, share_with_employers, skill

pytestmark = pytest.mark.django_db

_serial = itertools.count(1)


@pytest.fixture
def post(employer_hr: User, employer: Any, skills: Any) -> Any:
    """``post(n)``: Erin posts ``n`` more positions for 人工智能训练师 in 渝中区; then the match
    index is rebuilt, as the background worker does after each change."""

    def make(count: int) -> list[Position]:
        made = [
            make_position(actor=employer_hr, employer=employer, title=f"训练师 {next(_serial)}")
            for _ in range(count)
        ]
        match_index_refresh()
        return made

    return make


@pytest.fixture
def seekers(position: Position, skills: Any) -> Any:
    """``seekers(n)``: ``n`` more learners who share their profile with employers, have the
    position's skills and apply to it."""

    def make(count: int) -> None:
        for _ in range(count):
            person = make_person(role=Role.LEARNER, username=f"seeker{next(_serial)}")
            share_with_employers(person)
            give_skills(person, {"python": "cv", "数据标注": "cv"})
            applications.application_submit(applicant=person, position=position, note="你好")

    return make


@pytest.fixture
def seeker(learner: User, skills: Any) -> User:
    """Alice, with Python and data annotation, sharing her profile with employers."""
    share_with_employers(learner)
    give_skills(learner, {"python": "cv", "数据标注": "cv"})
    return learner


def test_the_job_board_runs_the_same_queries_for_one_or_eight_positions(web, post):
    client = web()
    _one, eight = assert_queries_constant(post, lambda: client.get("/jobs/"))
    assert eight.content.decode().count('data-testid="position-card"') == 8


def test_a_position_page_runs_the_same_queries_for_one_or_eight_skills(web, position, seeker):
    def add_skills(count: int) -> None:
        for _ in range(count):
            number = next(_serial)
            PositionSkill.objects.create(
                position=position, skill=skill(f"skill-{number}"), required=number % 2 == 0
            )

    for client in (web(), web(seeker)):
        _one, eight = assert_queries_constant(
            add_skills, lambda c=client: c.get(f"/jobs/{position.pk}/")
        )
        assert eight.content.decode().count("skill-") >= 8
        PositionSkill.objects.filter(skill__key__startswith="skill-").delete()


def test_a_seekers_matches_page_runs_the_same_queries_for_one_or_eight_positions(web, seeker, post):
    client = web(seeker)
    _one, eight = assert_queries_constant(post, lambda: client.get("/jobs/matches/"))
    assert eight.content.decode().count('data-testid="matched-position"') == 8


def test_the_manage_list_runs_the_same_queries_for_one_or_eight_positions(web, employer_hr, post):
    client = web(employer_hr)
    _one, eight = assert_queries_constant(post, lambda: client.get("/jobs/manage/"))
    assert eight.content.decode().count('data-testid="managed-position"') == 8


def test_a_positions_candidates_page_runs_the_same_queries_for_one_or_eight_applicants(
    web, employer_hr, position, seekers
):
    client = web(employer_hr)
    _one, eight = assert_queries_constant(
        seekers, lambda: client.get(f"/jobs/manage/{position.pk}/")
    )
    page = eight.content.decode()
    assert page.count('data-testid="application"') == 8
    assert page.count('data-testid="candidate"') == 8


def test_a_seekers_applications_page_runs_the_same_queries_for_one_or_eight(web, seeker, post):
    def apply(count: int) -> None:
        for position in post(count):
            applications.application_submit(applicant=seeker, position=position, note="你好")

    client = web(seeker)
    _one, eight = assert_queries_constant(apply, lambda: client.get("/jobs/applications/"))
    assert eight.content.decode().count('data-testid="my-application"') == 8


def test_the_positions_endpoint_runs_the_same_queries_for_one_or_eight(api, post):
    client = api()
    _one, eight = assert_queries_constant(post, lambda: client.call("get", "/jobs/positions"))
    assert len(eight.json()["items"]) == 8


def test_the_managed_positions_endpoint_runs_the_same_queries_for_one_or_eight(
    api, employer_hr, post
):
    client = api(employer_hr)
    _one, eight = assert_queries_constant(
        post, lambda: client.call("get", "/jobs/manage/positions")
    )
    assert len(eight.json()["items"]) == 8


def test_my_matches_endpoint_runs_the_same_queries_for_one_or_eight_positions(api, seeker, post):
    client = api(seeker)
    _one, eight = assert_queries_constant(post, lambda: client.call("get", "/jobs/me/matches"))
    assert len(eight.json()) == 8


def test_a_positions_candidates_endpoint_runs_the_same_queries_for_one_or_eight(
    api, employer_hr, position, seekers
):
    client = api(employer_hr)
    _one, eight = assert_queries_constant(
        seekers, lambda: client.call("get", f"/jobs/positions/{position.pk}/candidates")
    )
    assert len(eight.json()) == 8


def test_a_positions_applications_endpoint_runs_the_same_queries_for_one_or_eight(
    api, employer_hr, position, seekers
):
    client = api(employer_hr)
    _one, eight = assert_queries_constant(
        seekers, lambda: client.call("get", f"/jobs/positions/{position.pk}/applications")
    )
    assert len(eight.json()) == 8


def test_my_applications_endpoint_runs_the_same_queries_for_one_or_eight(api, seeker, post):
    def apply(count: int) -> None:
        for position in post(count):
            applications.application_submit(applicant=seeker, position=position, note="你好")

    client = api(seeker)
    _one, eight = assert_queries_constant(apply, lambda: client.call("get", "/jobs/applications"))
    assert len(eight.json()["items"]) == 8
