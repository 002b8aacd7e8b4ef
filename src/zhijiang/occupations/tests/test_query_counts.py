"""The occupations pages and endpoints run as many queries for eight rows as for one: no N+1.

The taxonomy is shipped data, so the tree and the search compare a branch or a query with one
result against one with many; standards are made by the test."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from zhijiang.accounts.models import User
from zhijiang.common.testing import assert_queries_constant, assert_same_queries
from zhijiang.occupations import services
from zhijiang.occupations.models import Standard
from zhijiang.occupations.tests.factories import TRAINER, document, imported

pytestmark = pytest.mark.django_db

TWO_CHILDREN, NINE_CHILDREN = "2-02-04-00", "2-02-02-00"
# CSCO digital occupations 2-02-38-01 … 2-02-38-12 (人工智能工程技术人员 …), linked to ESCO.
DIGITAL = [f"2-02-38-{number:02d}" for number in range(1, 13)]
_codes = itertools.cycle(DIGITAL)


def result_rows(response: Any) -> int:
    return response.content.decode().count('data-testid="occupation-result"')


def test_opening_a_branch_of_the_tree_runs_the_same_queries_for_two_or_nine_children(web):
    client = web()  # English: the labels are ESCO's, read through the links
    _two, nine = assert_same_queries(
        lambda: client.get(f"/occupations/children/{TWO_CHILDREN}/"),
        lambda: client.get(f"/occupations/children/{NINE_CHILDREN}/"),
        sizes=(2, 9),
    )
    assert nine.content.decode().count(NINE_CHILDREN[:7]) >= 9


def test_the_tree_runs_the_same_queries_in_either_language(web):
    _zh, en = assert_same_queries(
        lambda: web(language="zh-hans").get("/occupations/"),
        lambda: web().get("/occupations/"),
    )
    assert en.status_code == 200


def test_searching_runs_the_same_queries_for_one_or_twelve_results(web):
    client = web()
    one, twelve = assert_same_queries(
        lambda: client.get("/occupations/?q=2-02-38-08"),
        lambda: client.get("/occupations/?q=2-02-38"),
        sizes=(1, 12),
    )
    assert result_rows(one) == 1 and result_rows(twelve) >= 12


def test_the_search_endpoint_runs_the_same_queries_for_one_or_twelve_results(api):
    client = api()
    one, twelve = assert_same_queries(
        lambda: client.call("get", "/occupations?q=2-02-38-08"),
        lambda: client.call("get", "/occupations?q=2-02-38"),
        sizes=(1, 12),
    )
    assert one.json()["count"] == 1 and twelve.json()["count"] >= 12


@pytest.fixture
def versions(district_officer: User) -> Any:
    """``versions(n)``: Olivia imports ``n`` more draft versions of the 人工智能训练师 standard."""

    def make(count: int) -> list[Standard]:
        return [imported(district_officer) for _ in range(count)]

    return make


@pytest.fixture
def submitted(district_officer: User) -> Any:
    """``submitted(n)``: ``n`` more standards of digital occupations go to the bureau's review."""

    def make(count: int) -> None:
        for _ in range(count):
            code = next(_codes)
            standard = imported(district_officer, document(code=code, name=f"职业 {code}"))
            services.standard_submit(actor=district_officer, standard=standard)

    return make


def test_an_occupations_page_runs_the_same_queries_for_one_or_eight_standards(
    web, district_officer, versions
):
    client = web(district_officer)
    _one, eight = assert_queries_constant(versions, lambda: client.get(f"/occupations/{TRAINER}/"))
    assert eight.content.decode().count("/occupations/standards/") >= 8


def test_an_occupations_standards_endpoint_runs_the_same_queries_for_one_or_eight(
    api, district_officer, versions
):
    client = api(district_officer)
    _one, eight = assert_queries_constant(
        versions, lambda: client.call("get", f"/occupations/{TRAINER}/standards")
    )
    assert len(eight.json()) == 8


def test_the_review_queue_runs_the_same_queries_for_one_or_eight_standards(
    web, bureau_officer, submitted
):
    client = web(bureau_officer)
    _one, eight = assert_queries_constant(
        submitted, lambda: client.get("/occupations/standards/review/")
    )
    assert eight.content.decode().count("/occupations/standards/") >= 8
