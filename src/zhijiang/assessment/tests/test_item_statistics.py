"""Item statistics from real responses: p-value and point-biserial of closed fixed-form and
adaptive sessions (never of an open one), the review flags and their reasons on the API, the
bank page, the item page and the statistics page, who may see them, and the query counts."""

from __future__ import annotations

import math

import numpy as np
import pytest
from django_tasks_db.models import DBTaskResult

from zhijiang.assessment import item_statistics, services, sessions
from zhijiang.assessment.models import AdministeredItem, Item, ItemStatistics
from zhijiang.assessment.tests.factories import (
    calibrated_items,
    fixed_form,
    learners,
    make_session,
)
from zhijiang.assessment.tests.test_sessions import answer_adaptive
from zhijiang.common.testing import assert_queries_constant

pytestmark = pytest.mark.django_db


def stats_path(bank):
    return f"/assessment/banks/{bank.pk}/item-statistics"


def sit_fixed(assessor, session, items, sheets, prefix):
    """Each sheet is one candidate's answers to ``items`` ('' leaves an item unanswered)."""
    for person, sheet in zip(learners(len(sheets), prefix=prefix), sheets, strict=True):
        sessions.registration_create(actor=assessor, session=session, person=person)
        sessions.attempt_start(person=person, session_id=session.pk)
        for item, answer in zip(items, sheet, strict=True):
            if answer:
                sessions.attempt_answer_save(person=person, session_id=session.pk,
                                             item_id=item.pk, answer=answer)  # fmt: skip


def close(api, assessor, session, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api(assessor).call("post", f"/assessment/sessions/{session.pk}/close")
    assert response.status_code == 200, response.json()


def by_item(response):
    return {row["id"]: row for row in response.json()["items"]}


# Five candidates, three items keyed A (B is wrong, '' unanswered):
#        I1 I2 I3 | rest of I1 (I2+I3), of I2 (I1+I3), of I3 (I1+I2)
#   c0    1  1  1 | 2 2 2
#   c1    1  1  0 | 1 2 2
#   c2    1  0  1 | 1 2 1
#   c3    0  1  0 | 1 0 1
#   c4    0  0  0 | 0 0 0   (answered nothing)
SHEETS = [("A", "A", "A"), ("A", "A", "B"), ("A", "B", "A"), ("B", "A", "B"), ("", "", "")]
# I1: p = 3/5; x − x̄ = (.4 .4 .4 −.6 −.6), y − ȳ = (1 0 0 0 −1):
#     Σdx·dy = .4 + .6 = 1, Σdx² = 1.2, Σdy² = 2 → r = 1/√2.4
# I2: p = 3/5; x − x̄ = (.4 .4 −.6 .4 −.6), y − ȳ = (1 0 1 −1 −1):
#     Σdx·dy = .4 − .6 − .4 + .6 = 0 → r = 0
# I3: p = 2/5; x − x̄ = (.6 −.4 .6 −.4 −.4), y − ȳ = (.8 .8 −.2 −.2 −1.2):
#     Σdx·dy = .48 − .32 − .12 + .08 + .48 = .6, Σdx² = 1.2, Σdy² = 2.8 → r = .6/√3.36
EXPECTED = [(0.6, 1 / math.sqrt(2.4)), (0.6, 0.0), (0.4, 0.6 / math.sqrt(3.36))]


@pytest.fixture
def three(calibrated_bank):
    return list(Item.objects.filter(bank=calibrated_bank).order_by("pk")[:3])


@pytest.fixture
def fixed_three(assessor, calibrated_bank, three):
    form = fixed_form(actor=assessor, bank=calibrated_bank, items=three)
    return make_session(actor=assessor, bank=calibrated_bank, mode="fixed", form=form)


def test_a_closed_fixed_session_gives_each_item_its_p_value_and_rest_score_point_biserial(
    api, assessor, calibrated_bank, three, fixed_three, django_capture_on_commit_callbacks
):
    sit_fixed(assessor, fixed_three, three, SHEETS, "c")
    close(api, assessor, fixed_three, django_capture_on_commit_callbacks)
    task = item_statistics.item_statistics_refresh_task
    assert DBTaskResult.objects.filter(task_path=task.module_path).count() == 1
    assert task.call(calibrated_bank.pk) == 3
    response = api(assessor).call("get", stats_path(calibrated_bank))
    assert response.status_code == 200
    rows = by_item(response)
    for item, (p, r) in zip(three, EXPECTED, strict=True):
        row = rows[item.pk]
        assert row["responses"] == 5 and row["adaptive_responses"] == 0
        assert row["p_value"] == pytest.approx(p)
        assert row["point_biserial"] == pytest.approx(r, abs=1e-9)
        assert row["discrimination"] == item.discrimination
        assert row["flagged"] is False  # 5 responses are too few to flag
    assert rows[Item.objects.filter(bank=calibrated_bank).last().pk]["responses"] == 0


def test_nothing_is_counted_from_a_session_that_is_still_open(
    api, assessor, calibrated_bank, three, fixed_three
):
    sit_fixed(assessor, fixed_three, three, SHEETS, "c")
    for person in fixed_three.registrations.all():
        sessions.attempt_submit(person=person.person, session_id=fixed_three.pk)
    assert item_statistics.item_statistics_refresh(bank=calibrated_bank) == 0
    rows = by_item(api(assessor).call("get", stats_path(calibrated_bank)))
    assert {row["responses"] for row in rows.values()} == {0}
    assert not ItemStatistics.objects.exists()


def test_adaptive_statistics_correlate_with_theta(
    api, assessor, calibrated_bank, django_capture_on_commit_callbacks
):
    session = make_session(actor=assessor, bank=calibrated_bank, max_items=8)
    for number, person in enumerate(learners(12)):
        sessions.registration_create(actor=assessor, session=session, person=person)
        sessions.attempt_start(person=person, session_id=session.pk)
        cut = -1.5 + 0.3 * number  # stronger candidates know harder items
        answer_adaptive(person, session, lambda i, cut=cut: "A" if i.difficulty < cut else "B")
    close(api, assessor, session, django_capture_on_commit_callbacks)
    item_statistics.item_statistics_refresh_task.call(calibrated_bank.pk)
    rows = by_item(api(assessor).call("get", stats_path(calibrated_bank)))
    answered: dict[int, list[tuple[int, float]]] = {}
    shown = AdministeredItem.objects.filter(attempt__registration__session=session)
    for item_id, correct, theta in shown.values_list("item_id", "correct", "attempt__theta"):
        answered.setdefault(item_id, []).append((int(correct), theta))
    defined = 0
    for item_id, pairs in answered.items():
        correct, theta = np.array(pairs).T
        row = rows[item_id]
        assert (row["responses"], row["adaptive_responses"]) == (0, len(pairs))
        assert row["adaptive_p_value"] == pytest.approx(correct.mean())
        if correct.min() == correct.max():
            assert row["adaptive_point_biserial"] is None
        else:
            defined += 1
            expected = np.corrcoef(correct, theta)[0, 1]
            assert row["adaptive_point_biserial"] == pytest.approx(expected)
    assert defined >= 3


# Thirty candidates, six items: fifteen weak (w) and fifteen strong (s) candidates.
#   good ×3: right when strong · never: nobody right · always: everybody right
#   reversed: right when weak (a wrong key would do this)
def _thirty_sheets():
    sheets = []
    for number in range(30):
        strong = number >= 15
        good = "A" if strong else "B"
        sheets.append((good, good, good, "B", "A", "B" if strong else "A"))
    return sheets


@pytest.fixture
def flagged_bank(api, assessor, calibrated_bank, django_capture_on_commit_callbacks):
    six = list(Item.objects.filter(bank=calibrated_bank).order_by("pk")[:6])
    form = fixed_form(actor=assessor, bank=calibrated_bank, items=six)
    session = make_session(actor=assessor, bank=calibrated_bank, mode="fixed", form=form)
    sit_fixed(assessor, session, six, _thirty_sheets(), "s")
    close(api, assessor, session, django_capture_on_commit_callbacks)
    item_statistics.item_statistics_refresh_task.call(calibrated_bank.pk)
    return calibrated_bank, six


def test_thirty_responses_flag_hard_easy_and_reversed_items_with_their_reasons(
    api, assessor, flagged_bank
):
    bank, six = flagged_bank
    rows = by_item(api(assessor).call("get", stats_path(bank)))
    never, always, reversed_ = rows[six[3].pk], rows[six[4].pk], rows[six[5].pk]
    assert (never["p_value"], never["point_biserial"]) == (0.0, None)
    assert [f["code"] for f in never["flags"]] == ["too_hard"]
    assert "fewer than 20%" in never["flags"][0]["reason"]
    assert [f["code"] for f in always["flags"]] == ["too_easy"]
    assert [f["code"] for f in reversed_["flags"]] == ["negative"]
    assert "is the key right?" in reversed_["flags"][0]["reason"]
    # good items: rest = 2 good + always + reversed = strong: 3, weak: 2 → r = 1
    for good in six[:3]:
        assert rows[good.pk]["point_biserial"] == pytest.approx(1.0)
        assert rows[good.pk]["flagged"] is False
    only = api(assessor).call("get", stats_path(bank) + "?flagged=true").json()
    assert {row["id"] for row in only["items"]} == {six[3].pk, six[4].pk, six[5].pk}
    listed = api(assessor).call("get", f"/assessment/banks/{bank.pk}/items?flagged=true").json()
    assert {row["id"] for row in listed["items"]} == {six[3].pk, six[4].pk, six[5].pk}


def test_flags_show_on_the_bank_page_the_item_page_and_the_statistics_page(
    web, assessor, flagged_bank
):
    bank, six = flagged_bank
    client = web(assessor)
    page = client.get(f"/assessment/banks/{bank.pk}/").content.decode()
    assert page.count('data-testid="flagged"') == 3 and 'data-testid="flagged-count"' in page
    only = client.get(f"/assessment/banks/{bank.pk}/?flagged=on").content.decode()
    assert only.count('data-testid="item"') == 3
    item_page = client.get(f"/assessment/items/{six[5].pk}/").content.decode()
    assert 'data-testid="flag-reasons"' in item_page and "is the key right?" in item_page
    assert "30 responses" in item_page
    chinese = web(assessor, language="zh-hans").get(f"/assessment/items/{six[5].pk}/")
    assert "点二列相关为负" in chinese.content.decode()
    good_page = client.get(f"/assessment/items/{six[0].pk}/").content.decode()
    assert 'data-testid="flag-reasons"' not in good_page
    stats_page = client.get(f"/assessment/banks/{bank.pk}/statistics/").content.decode()
    assert stats_page.count('data-testid="flagged"') == 3
    flagged_only = client.get(f"/assessment/banks/{bank.pk}/statistics/?flagged=1").content
    assert flagged_only.decode().count('data-testid="item-statistics-row"') == 3


def test_a_flagged_item_stays_usable_until_edited_and_then_counts_only_new_responses(
    api, assessor, flagged_bank
):
    bank, six = flagged_bank
    reversed_ = Item.objects.get(pk=six[5].pk)
    assert reversed_.status == Item.Status.CALIBRATED
    assert reversed_ in sessions.selectors.usable_items(bank, level=2)
    body = {"level": 2, "requirement": reversed_.requirement, "kind": "single",
            "stem": reversed_.stem, "options": reversed_.options, "answer": "B"}  # fmt: skip
    edited = api(assessor).call("put", f"/assessment/items/{reversed_.pk}", body)
    assert edited.json()["status"] == "draft"
    item_statistics.item_statistics_refresh(bank=bank)  # the old answers are not counted
    row = by_item(api(assessor).call("get", stats_path(bank)))[reversed_.pk]
    assert (row["responses"], row["flagged"], row["flags"]) == (0, False, [])


def test_a_calibrated_discrimination_below_0_3_flags_the_item_at_once(api, assessor, bank):
    weak = calibrated_items(author=assessor, bank=bank, count=2, discrimination=0.2)
    services.item_calibrate(actor=assessor, item=weak[1], discrimination=0.8, difficulty=0.0)
    rows = by_item(api(assessor).call("get", stats_path(bank)))
    assert [f["code"] for f in rows[weak[0].pk]["flags"]] == ["low_discrimination"]
    assert rows[weak[1].pk]["flags"] == []
    services.item_retire(actor=assessor, item=weak[0])
    assert by_item(api(assessor).call("get", stats_path(bank)))[weak[0].pk]["flagged"] is False


def test_item_statistics_are_for_the_banks_assessors_only(
    api, web, assessor, second_assessor, other_assessor, learner, bureau_officer, bank
):
    path = stats_path(bank)
    assert api().call("get", path).status_code == 401
    assert api(learner).call("get", path).status_code == 403
    assert api(bureau_officer).call("get", path).status_code == 403
    assert api(other_assessor).call("get", path).status_code == 404
    assert api(assessor).call("get", "/assessment/banks/999999/item-statistics").status_code == 404
    assert api(second_assessor).call("get", path).status_code == 200
    assert api(bureau_officer).call("get", f"/assessment/banks/{bank.pk}/items?flagged=true"
                                    ).status_code == 403  # fmt: skip
    assert api(assessor).call("get", path + "?flagged=maybe").status_code == 422
    page = f"/assessment/banks/{bank.pk}/statistics/"
    assert web().get(page).status_code == 302
    assert web(learner).get(page).status_code == 403
    assert web(other_assessor).get(page).status_code == 404
    assert web(assessor).get(page).status_code == 200
    officer_view = web(bureau_officer).get(f"/assessment/banks/{bank.pk}/").content.decode()
    assert 'data-testid="item-statistics"' not in officer_view


def _items_with_statistics(assessor, bank):
    made = {"seed": 100}

    def make_rows(count):
        made["seed"] += 1
        items = calibrated_items(author=assessor, bank=bank, count=count, seed=made["seed"])
        ItemStatistics.objects.bulk_create(
            ItemStatistics(item=item, responses=40, p_value=0.1, point_biserial=-0.2,
                           flags=["too_hard", "negative"], flagged=True,
                           computed_at=item.created_at)
            for item in items
        )  # fmt: skip

    return make_rows


def test_the_statistics_page_and_endpoint_run_the_same_queries_for_one_or_eight_items(
    api, web, assessor, bank
):
    make_rows = _items_with_statistics(assessor, bank)
    page = assert_queries_constant(
        make_rows, lambda: web(assessor).get(f"/assessment/banks/{bank.pk}/statistics/")
    )
    assert page[-1].content.decode().count('data-testid="item-statistics-row"') == 8
    endpoint = assert_queries_constant(
        make_rows, lambda: api(assessor).call("get", stats_path(bank))
    )
    assert endpoint[-1].json()["count"] == 16
    assert all(row["flagged"] for row in endpoint[-1].json()["items"])
    bank_page = assert_queries_constant(
        make_rows, lambda: web(assessor).get(f"/assessment/banks/{bank.pk}/?flagged=on")
    )
    assert bank_page[-1].content.decode().count('data-testid="flagged"') == 24
