"""The credentials pages and endpoints run as many queries for eight certificates as for one:
no N+1."""

from __future__ import annotations

import json
from typing import Any

import pytest

from zhijiang.accounts.models import Organisation, User
from zhijiang.common.testing import assert_queries_constant
from zhijiang.credentials.models import Certificate
from zhijiang.credentials.tests.factories import BLOCKCHAIN, TRAINER, issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def certify(assessor: User, body: Organisation, learner: User) -> Any:
    """``certify(n)``: Ada issues Alice ``n`` more certificates, alternating two occupations."""

    def make(count: int) -> list[Certificate]:
        return [
            issue(
                actor=assessor,
                issuer=body,
                person=learner,
                code=BLOCKCHAIN if number % 2 else TRAINER,
                level=2 + number % 3,
            )
            for number in range(count)
        ]

    return make


def test_my_certificates_page_runs_the_same_queries_for_one_or_eight(web, learner, certify):
    client = web(learner)
    _one, eight = assert_queries_constant(certify, lambda: client.get("/credentials/mine/"))
    assert eight.content.decode().count('data-testid="my-certificate"') == 8


def test_the_issuers_certificate_list_runs_the_same_queries_for_one_or_eight(
    web, assessor, body, certify
):
    client = web(assessor)
    _one, eight = assert_queries_constant(
        certify, lambda: client.get(f"/credentials/manage/{body.pk}/")
    )
    assert eight.content.decode().count('data-testid="issued-certificate"') == 8


def test_a_certificate_page_runs_the_same_queries_however_many_the_issuer_issued(
    web, assessor, certificate, certify
):
    for client in (web(), web(assessor)):
        _one, eight = assert_queries_constant(
            certify, lambda c=client: c.get(f"/credentials/c/{certificate.uuid}/")
        )
        assert 'data-testid="verification"' in eight.content.decode()


def test_verifying_a_certificate_runs_the_same_queries_however_many_the_issuer_issued(
    web, certificate, certify
):
    client = web()
    document = json.dumps(certificate.credential)
    _one, eight = assert_queries_constant(
        certify, lambda: client.post("/credentials/verify/", {"document": document})
    )
    assert 'data-testid="verdict"' in eight.content.decode()


def test_my_certificates_endpoint_runs_the_same_queries_for_one_or_eight(api, learner, certify):
    client = api(learner)
    _one, eight = assert_queries_constant(certify, lambda: client.call("get", "/credentials/mine"))
    rows = eight.json()
    assert len(rows["items"] if isinstance(rows, dict) else rows) == 8
