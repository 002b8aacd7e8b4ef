"""The assessment pages and endpoints run as many queries for eight rows as for one: no N+1."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from zhijiang.accounts.models import OrganisationKind, Role, User
from zhijiang.accounts.tests.factories import OrganisationFactory, make_person
from zhijiang.assessment import outcomes, practical, services, sessions
from zhijiang.assessment.models import ExamSession, ItemBank
from zhijiang.assessment.tests.factories import (
    calibrated_items,
    fixed_form,
    learners,
    make_item,
    make_session,
)
from zhijiang.common.testing import assert_queries_constant, assert_same_queries

pytestmark = pytest.mark.django_db

_serial = itertools.count(1)
MARKS = {"F1.C1.S1": 36, "F1.C1.S2": 36}  # 72 of 100 on the level-2 project P1


def sitting(*, assessors: tuple[User, User], bank: ItemBank, people: list[User]) -> ExamSession:
    """A fixed four-item session with practical task P1: each person answers AAAB (75), two
    assessors give 72 for the practical, the session closes and the levels are decided (each
    passes and gets a certificate)."""
    first = assessors[0]
    seed = next(_serial)
    items = calibrated_items(author=first, bank=bank, count=4, seed=seed)
    form = fixed_form(actor=first, bank=bank, items=items)
    session = make_session(actor=first, bank=bank, mode="fixed", form=form)
    practical.practical_task_set(actor=first, session=session, project_key="P1")
    for person in people:
        registration = sessions.registration_create(actor=first, session=session, person=person)
        sessions.attempt_start(person=person, session_id=session.pk)
        for item, answer in zip(items, "AAAB", strict=True):
            sessions.attempt_answer_save(
                person=person, session_id=session.pk, item_id=item.pk, answer=answer
            )
        sessions.attempt_submit(person=person, session_id=session.pk)
        for assessor in assessors:
            practical.practical_score_submit(
                actor=assessor, registration=registration, criteria=MARKS
            )
    sessions.session_close(actor=first, session=session)
    outcomes.decisions_make(actor=first, session=session)
    return session


@pytest.fixture
def schedule(assessor: User, bank: ItemBank, calibrated_bank: ItemBank) -> Any:
    """``schedule(n)``: Ada opens ``n`` more adaptive sessions on her bank."""

    def make(count: int) -> list[ExamSession]:
        return [make_session(actor=assessor, bank=bank) for _ in range(count)]

    return make


@pytest.fixture
def register(assessor: User, bank: ItemBank, calibrated_bank: ItemBank) -> Any:
    """An open session, and ``register.more(n)`` enters ``n`` more learners."""
    session = make_session(actor=assessor, bank=bank)

    def more(count: int) -> None:
        for person in learners(count, prefix=f"cand{next(_serial)}-"):
            sessions.registration_create(actor=assessor, session=session, person=person)

    more.session = session  # type: ignore[attr-defined]
    return more


@pytest.fixture
def write(second_assessor: User, bank: ItemBank) -> Any:
    """``write(n)``: Abe writes ``n`` more draft items in the bank, for Ada to review."""

    def make(count: int) -> None:
        for _ in range(count):
            make_item(
                actor=second_assessor, bank=bank, stem=f"第{next(_serial)}题：标注框应当（  ）。"
            )

    return make


@pytest.fixture
def open_banks(standard: Any) -> Any:
    """``open_banks(n)``: ``n`` more assessment bodies each start a bank with one item."""

    def make(count: int) -> None:
        for _ in range(count):
            number = next(_serial)
            body = OrganisationFactory(
                name=f"评价机构 {number}", kind=OrganisationKind.ASSESSMENT_BODY
            )
            author = make_person(role=Role.ASSESSOR, organisation=body)
            bank = services.bank_create(
                actor=author, owner=body, standard=standard, name=f"题库 {number}"
            )
            make_item(actor=author, bank=bank)

    return make


def test_the_session_list_runs_the_same_queries_for_one_or_eight_sessions(web, assessor, schedule):
    client = web(assessor)
    _one, eight = assert_queries_constant(schedule, lambda: client.get("/assessment/sessions/"))
    assert eight.content.decode().count('data-testid="session"') == 8


def test_a_session_page_runs_the_same_queries_for_one_or_eight_candidates(web, assessor, register):
    client = web(assessor)
    _one, eight = assert_queries_constant(
        register, lambda: client.get(f"/assessment/sessions/{register.session.pk}/")
    )
    assert eight.content.decode().count('data-testid="candidate"') == 8


def test_my_assessments_page_runs_the_same_queries_for_one_or_eight_sittings(
    web, assessor, second_assessor, bank, learner
):
    def sit(count: int) -> None:
        for _ in range(count):
            sitting(assessors=(assessor, second_assessor), bank=bank, people=[learner])

    client = web(learner)
    _one, eight = assert_queries_constant(sit, lambda: client.get("/assessment/mine/"))
    page = eight.content.decode()
    assert page.count('data-testid="my-assessment"') == 8
    assert page.count('data-testid="my-certificate"') == 8


def test_the_bank_list_runs_the_same_queries_for_one_or_eight_banks(
    web, bureau_officer, open_banks
):
    client = web(bureau_officer)
    _one, eight = assert_queries_constant(open_banks, lambda: client.get("/assessment/"))
    assert eight.content.decode().count('data-testid="bank"') == 8


def test_a_banks_item_list_runs_the_same_queries_for_one_or_eight_items(web, assessor, bank, write):
    client = web(assessor)
    _one, eight = assert_queries_constant(
        write, lambda: client.get(f"/assessment/banks/{bank.pk}/")
    )
    assert eight.content.decode().count('data-testid="item"') == 8


def test_the_review_queue_runs_the_same_queries_for_one_or_eight_drafts(web, assessor, write):
    client = web(assessor)
    _one, eight = assert_queries_constant(write, lambda: client.get("/assessment/review/"))
    assert eight.content.decode().count('data-testid="queued-item"') == 8


def test_a_closed_sessions_results_run_the_same_queries_for_one_or_eight_candidates(
    web, api, assessor, second_assessor, bank
):
    one = sitting(assessors=(assessor, second_assessor), bank=bank, people=learners(1))
    eight = sitting(
        assessors=(assessor, second_assessor), bank=bank, people=learners(8, prefix="more")
    )
    client = web(assessor)
    for page in ("results", "decisions"):
        assert_same_queries(
            lambda p=page: client.get(f"/assessment/sessions/{one.pk}/{p}/"),
            lambda p=page: client.get(f"/assessment/sessions/{eight.pk}/{p}/"),
        )
    caller = api(assessor)
    for path in ("results", "decisions", "registrations"):
        _small, large = assert_same_queries(
            lambda p=path: caller.call("get", f"/assessment/sessions/{one.pk}/{p}"),
            lambda p=path: caller.call("get", f"/assessment/sessions/{eight.pk}/{p}"),
        )
        rows = large.json()
        assert len(rows["items"] if isinstance(rows, dict) else rows) == 8


def test_the_bank_list_endpoint_runs_the_same_queries_for_one_or_eight_banks(
    api, bureau_officer, open_banks
):
    client = api(bureau_officer)
    _one, eight = assert_queries_constant(
        open_banks, lambda: client.call("get", "/assessment/banks")
    )
    assert len(eight.json()["items"]) == 8


def test_a_banks_items_endpoint_runs_the_same_queries_for_one_or_eight_items(
    api, assessor, bank, write
):
    client = api(assessor)
    _one, eight = assert_queries_constant(
        write, lambda: client.call("get", f"/assessment/banks/{bank.pk}/items")
    )
    assert len(eight.json()["items"]) == 8


def test_the_review_queue_endpoint_runs_the_same_queries_for_one_or_eight_drafts(
    api, assessor, write
):
    client = api(assessor)
    _one, eight = assert_queries_constant(
        write, lambda: client.call("get", "/assessment/review-queue")
    )
    assert len(eight.json()["items"]) == 8


def test_the_session_list_endpoint_runs_the_same_queries_for_one_or_eight_sessions(
    api, assessor, schedule
):
    client = api(assessor)
    _one, eight = assert_queries_constant(
        schedule, lambda: client.call("get", "/assessment/sessions")
    )
    assert len(eight.json()["items"]) == 8


def test_a_sessions_registrations_endpoint_runs_the_same_queries_for_one_or_eight(
    api, assessor, register
):
    client = api(assessor)
    path = f"/assessment/sessions/{register.session.pk}/registrations"
    _one, eight = assert_queries_constant(register, lambda: client.call("get", path))
    assert len(eight.json()["items"]) == 8
