"""Fixtures for the credentials tests: Ada's assessment body, a certificate she issued to
Alice, a second assessment body (Ann's), and browser-like clients."""

from __future__ import annotations

import pytest

from zhijiang.accounts.models import Organisation, OrganisationKind, Role, User
from zhijiang.accounts.tests.factories import OrganisationFactory, make_person
from zhijiang.credentials.models import Certificate
from zhijiang.credentials.tests.factories import issue


@pytest.fixture
def body(assessor: User) -> Organisation:
    """技能评价中心, where Ada assesses."""
    return Organisation.objects.get(memberships__user=assessor)


@pytest.fixture
def other_assessor(db: None) -> User:
    other = OrganisationFactory(name="数字技能评价站", kind=OrganisationKind.ASSESSMENT_BODY)
    return make_person(role=Role.ASSESSOR, organisation=other, username="ann")


@pytest.fixture
def other_body(other_assessor: User) -> Organisation:
    return Organisation.objects.get(memberships__user=other_assessor)


@pytest.fixture
def certificate(assessor: User, body: Organisation, learner: User) -> Certificate:
    """Alice's 区块链工程技术人员 level 4 certificate, issued by Ada: a professional occupation
    (大类 2), so the level is 高级 of its 职业技术技能等级."""
    return issue(actor=assessor, issuer=body, person=learner)
