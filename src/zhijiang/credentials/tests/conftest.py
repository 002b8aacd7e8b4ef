"""Fixtures for the credentials tests: Ada's assessment body, a certificate she issued to
Alice, a second assessment body (Ann's), and browser-like clients."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

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
    """Alice's 区块链工程技术人员 level 4 (高级工) certificate, issued by Ada."""
    return issue(actor=assessor, issuer=body, person=learner)


@pytest.fixture
def web() -> Callable[..., Client]:
    """``web(user)``: a browser-like client (``None``: anonymous), asking for English unless
    ``language`` says otherwise."""

    def make(user: Any = None, language: str = "en") -> Client:
        client = Client(headers={"Accept-Language": language})
        if user is not None:
            client.force_login(user)
        return client

    return make
