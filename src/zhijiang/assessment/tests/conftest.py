"""Fixtures for the assessment tests: an approved standard, the assessors of one body (Ada, Abe
and Amy) and of another (Ann), a bank (also with calibrated items), web clients."""

from __future__ import annotations

import pytest

from zhijiang.accounts.models import Organisation, OrganisationKind, Role, User
from zhijiang.accounts.tests.factories import OrganisationFactory, make_person
from zhijiang.assessment.models import ItemBank
from zhijiang.assessment.tests.factories import approved_standard, calibrated_items, make_bank
from zhijiang.occupations.models import Standard


@pytest.fixture
def standard(district_officer: User, bureau_officer: User) -> Standard:
    return approved_standard(drafter=district_officer, approver=bureau_officer)


@pytest.fixture
def body(assessor: User) -> Organisation:
    """Ada's assessment body."""
    return Organisation.objects.get(memberships__user=assessor)


@pytest.fixture
def second_assessor(body: Organisation) -> User:
    """Abe, Ada's colleague: the second pair of eyes."""
    return make_person(role=Role.ASSESSOR, organisation=body, username="abe")


@pytest.fixture
def other_body(db: None) -> Organisation:
    return OrganisationFactory(name="另一评价机构", kind=OrganisationKind.ASSESSMENT_BODY)


@pytest.fixture
def other_assessor(other_body: Organisation) -> User:
    """Ann assesses for another body."""
    return make_person(role=Role.ASSESSOR, organisation=other_body, username="ann")


@pytest.fixture
def bank(assessor: User, body: Organisation, standard: Standard) -> ItemBank:
    return make_bank(actor=assessor, owner=body, standard=standard)


@pytest.fixture
def third_assessor(body: Organisation) -> User:
    """Amy, a third assessor of Ada's body, for practical scores that disagree."""
    return make_person(role=Role.ASSESSOR, organisation=body, username="amy")


@pytest.fixture
def calibrated_bank(assessor: User, bank: ItemBank) -> ItemBank:
    """Ada's bank with 40 calibrated level-2 items over the blueprint's three parts."""
    calibrated_items(author=assessor, bank=bank, count=40)
    return bank
