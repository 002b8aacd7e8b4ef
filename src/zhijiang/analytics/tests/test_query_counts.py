"""The quality review page and sample endpoint run as many queries for one unit as for many:
no query per item, course or generator."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from zhijiang.accounts.models import Organisation, User
from zhijiang.analytics import services
from zhijiang.common.testing import assert_queries_constant
from zhijiang.occupations.models import Standard
from zhijiang.training.tests.factories import make_course

pytestmark = pytest.mark.django_db

_serial = itertools.count(1)


@pytest.fixture
def judged_items(district_officer: User, make_items: Any) -> Any:
    """``grow(n)``: ``n`` more items, each from another generator, each judged by Olivia (so
    the rates table grows too) and ``n`` more that no one judged."""

    def grow(count: int) -> None:
        for _ in range(count):
            (item,) = make_items(1, f"llm:model-{next(_serial)}")
            services.content_review_record(
                reviewer=district_officer, kind="item", object_id=item.pk, verdict="accepted"
            )
        make_items(count, "template")

    return grow


def test_the_page_runs_the_same_queries_for_one_or_eight_items_and_generators(
    web, bureau_officer, judged_items
):
    client = web(bureau_officer)
    small, large = assert_queries_constant(
        judged_items, lambda: client.get("/analytics/quality/?kind=item&seed=4&size=100")
    )
    assert len(small.context["units"]) == 2 and len(large.context["units"]) == 16
    assert len(large.context["rates"].by_generator) == 8  # the generators judged


def test_the_sample_endpoint_runs_the_same_queries_for_one_or_eight_items(
    api, bureau_officer, judged_items
):
    client = api(bureau_officer)
    small, large = assert_queries_constant(
        judged_items, lambda: client.call("get", "/analytics/quality/sample?kind=item&size=100")
    )
    assert len(small.json()["units"]) == 2 and len(large.json()["units"]) == 16


@pytest.fixture
def more_courses(provider_staff: User, standard: Standard) -> Any:
    provider = Organisation.objects.get(memberships__user=provider_staff)

    def grow(count: int) -> None:
        for _ in range(count):
            make_course(actor=provider_staff, owner=provider, standard=standard, approve=False)

    return grow


@pytest.mark.parametrize("kind", ["course_text", "material_text"])
def test_course_texts_run_the_same_queries_for_one_or_three_courses(
    web, bureau_officer, more_courses, kind
):
    client = web(bureau_officer)
    small, large = assert_queries_constant(
        more_courses,
        lambda: client.get(f"/analytics/quality/?kind={kind}&seed=4&size=100"),
        sizes=(1, 3),
    )
    assert len({unit.object_id for unit in small.context["units"]}) == 1
    assert len({unit.object_id for unit in large.context["units"]}) == 3
