"""The officers' lists (people, organisations, the audit log) run as many queries for eight rows
as for one: no N+1."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from zhijiang.accounts.models import Organisation, Role, User
from zhijiang.accounts.tests.factories import OrganisationFactory, district, make_person
from zhijiang.common.audit import AuditAction, audit_record
from zhijiang.common.testing import assert_queries_constant

pytestmark = pytest.mark.django_db

_serial = itertools.count(1)


@pytest.fixture
def register(db: None) -> Any:
    """``register(n)``: ``n`` more learners of 渝中区, each with a masked phone number."""

    def make(count: int) -> None:
        for _ in range(count):
            number = next(_serial)
            make_person(role=Role.LEARNER, username=f"person{number}", phone=f"1380013{number:04d}")

    return make


@pytest.fixture
def found(db: None) -> Any:
    """``found(n)``: ``n`` more employers of 渝中区."""

    def make(count: int) -> None:
        for _ in range(count):
            OrganisationFactory(
                name=f"渝中企业{next(_serial)}有限公司", district=district("500103")
            )

    return make


@pytest.fixture
def audited(district_officer: User) -> Any:
    """``audited(n)``: ``n`` more audit events of 渝中区, each about a different person."""

    def make(count: int) -> None:
        for _ in range(count):
            person = make_person(role=Role.LEARNER, username=f"audited{next(_serial)}")
            audit_record(
                actor=district_officer, action=AuditAction.PERSON_UPDATE, target=person,
                changes={"full_name": ["旧名", "新名"]}, district=district("500103"),
            )  # fmt: skip

    return make


def test_the_people_list_runs_the_same_queries_for_one_or_eight_people(
    web, district_officer, register
):
    client = web(district_officer)
    _one, eight = assert_queries_constant(register, lambda: client.get("/accounts/people/"))
    assert eight.content.decode().count('data-testid="person-row"') == 8


def test_the_organisations_list_runs_the_same_queries_for_one_or_eight(web, bureau_officer, found):
    client = web(bureau_officer)
    _one, eight = assert_queries_constant(found, lambda: client.get("/accounts/organisations/"))
    assert eight.content.decode().count("渝中企业") == 8


def test_the_audit_log_runs_the_same_queries_for_one_or_eight_events(
    web, district_officer, audited
):
    client = web(district_officer)
    _one, eight = assert_queries_constant(
        audited, lambda: client.get("/accounts/audit/?action=person.update")
    )
    assert eight.content.decode().count("<code>person.update</code>") == 8


def test_the_people_endpoint_runs_the_same_queries_for_one_or_eight(
    api, district_officer, register
):
    client = api(district_officer)
    _one, eight = assert_queries_constant(register, lambda: client.call("get", "/people"))
    assert len(eight.json()["items"]) == 8


def test_the_organisations_endpoint_runs_the_same_queries_for_one_or_eight(
    api, bureau_officer, found
):
    client = api(bureau_officer)
    _one, eight = assert_queries_constant(
        found, lambda: client.call("get", "/organisations?district=500103")
    )
    assert len(eight.json()["items"]) == 8


def test_the_audit_events_endpoint_runs_the_same_queries_for_one_or_eight(
    api, district_officer, audited
):
    client = api(district_officer)
    _one, eight = assert_queries_constant(
        audited, lambda: client.call("get", "/audit-events?action=person.update")
    )
    assert len(eight.json()["items"]) == 8


def test_an_organisations_members_endpoint_runs_the_same_queries_for_one_or_eight(
    api, bureau_officer, employer: Organisation
):
    def hire(count: int) -> None:
        for _ in range(count):
            make_person(
                role=Role.EMPLOYER_STAFF, organisation=employer, username=f"hr{next(_serial)}"
            )

    client = api(bureau_officer)
    _one, eight = assert_queries_constant(
        hire, lambda: client.call("get", f"/organisations/{employer.pk}/members")
    )
    rows = eight.json()
    assert len(rows["items"] if isinstance(rows, dict) else rows) == 8
