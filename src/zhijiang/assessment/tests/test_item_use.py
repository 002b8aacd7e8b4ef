"""Only reviewed or calibrated items are ever given: forms are assembled from them, a fixed
session is scheduled and opened only with them, an adaptive test draws calibrated items only,
and an item an open session gives is not edited (nor retired from its form) meanwhile."""

from __future__ import annotations

import pytest

from zhijiang.assessment import services, sessions
from zhijiang.assessment.models import AdministeredItem, ExamFormItem, ExamSession, Item
from zhijiang.assessment.tests.factories import (
    calibrated_items,
    fixed_form,
    item_input,
    learners,
    make_item,
    make_session,
)
from zhijiang.assessment.tests.test_sessions import answer_adaptive, schedule

pytestmark = pytest.mark.django_db

S = "/assessment/sessions"
USABLE = {Item.Status.REVIEWED, Item.Status.CALIBRATED}


@pytest.fixture
def items(calibrated_bank):
    return list(Item.objects.filter(bank=calibrated_bank).order_by("pk")[:4])


def _edit(item, **changes):
    values = {"level": 2, "requirement": item.requirement, "kind": item.kind,
              "stem": item.stem, "options": item.options, "answer": item.answer}  # fmt: skip
    return {**values, **changes}


def test_a_fixed_session_is_not_scheduled_with_a_draft_or_retired_item_on_its_form(
    api, assessor, calibrated_bank, items
):
    draft = make_item(actor=assessor, bank=calibrated_bank)
    services.item_retire(actor=assessor, item=items[1])
    form = fixed_form(actor=assessor, bank=calibrated_bank, items=[items[0], items[1], draft])
    response = api(assessor).call("post", S, schedule(calibrated_bank, mode="fixed", form=form.pk))
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "item_not_usable" and "form" in error["fields"]
    assert f"#{items[1].pk} " in error["message"] and f"#{draft.pk} " in error["message"]
    assert f"#{items[0].pk} " not in error["message"]
    assert "(Retired)" in error["message"] and "(Draft)" in error["message"]
    assert not ExamSession.objects.exists()


@pytest.mark.parametrize("change", ["retire", "edit"])
def test_a_scheduled_fixed_session_does_not_open_once_an_item_is_retired_or_edited_to_draft(
    api, assessor, calibrated_bank, items, change
):
    form = fixed_form(actor=assessor, bank=calibrated_bank, items=items)
    session = make_session(actor=assessor, bank=calibrated_bank, mode="fixed", form=form,
                           opened=False)  # fmt: skip
    client = api(assessor)
    if change == "retire":
        assert client.call("post", f"/assessment/items/{items[2].pk}/retire").status_code == 200
    else:
        body = _edit(items[2], stem="新题干")
        edited = client.call("put", f"/assessment/items/{items[2].pk}", body)
        assert edited.json()["status"] == "draft"
    response = client.call("post", f"{S}/{session.pk}/open")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "item_not_usable"
    assert f"#{items[2].pk} " in response.json()["error"]["message"]
    session.refresh_from_db()
    assert session.status == ExamSession.Status.SCHEDULED


def test_an_item_on_the_form_of_an_open_session_is_neither_edited_nor_retired_until_it_closes(
    api, assessor, calibrated_bank, items
):
    form = fixed_form(actor=assessor, bank=calibrated_bank, items=items)
    session = make_session(actor=assessor, bank=calibrated_bank, mode="fixed", form=form)
    client = api(assessor)
    edited = client.call("put", f"/assessment/items/{items[0].pk}", _edit(items[0], stem="改"))
    retired = client.call("post", f"/assessment/items/{items[0].pk}/retire")
    for response in (edited, retired):
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "in_open_session"
        assert session.title in response.json()["error"]["message"]
    items[0].refresh_from_db()
    assert items[0].status == Item.Status.CALIBRATED and items[0].stem != "改"
    sessions.session_close(actor=assessor, session=session)
    assert client.call("post", f"/assessment/items/{items[0].pk}/retire").status_code == 200


def test_an_item_shown_in_an_open_adaptive_session_is_not_edited_but_may_be_retired(
    api, assessor, learner, calibrated_bank
):
    session = make_session(actor=assessor, bank=calibrated_bank, max_items=5)
    sessions.registration_create(actor=assessor, session=session, person=learner)
    shown = sessions.attempt_start(person=learner, session_id=session.pk).current_item
    client = api(assessor)
    edited = client.call("put", f"/assessment/items/{shown.pk}", _edit(shown, stem="改"))
    assert edited.json()["error"]["code"] == "in_open_session"
    assert client.call("post", f"/assessment/items/{shown.pk}/retire").status_code == 200
    attempt = answer_adaptive(learner, session, lambda item: "A")
    assert attempt.submitted_at is not None  # the test goes on without the retired item
    later = AdministeredItem.objects.filter(attempt=attempt, position__gt=1)
    assert shown.pk not in set(later.values_list("item_id", flat=True))


def test_adaptive_tests_never_draw_draft_or_retired_items(assessor, calibrated_bank):
    # The most informative items of the bank are a draft and a retired item with a and b set;
    # the CAT would give them first were they in its pool.
    tempting = calibrated_items(author=assessor, bank=calibrated_bank, count=6, seed=99,
                                discrimination=4.0)  # fmt: skip
    Item.objects.filter(pk__in=[i.pk for i in tempting[:3]]).update(status=Item.Status.DRAFT)
    for item in tempting[3:]:
        services.item_retire(actor=assessor, item=item)
    session = make_session(actor=assessor, bank=calibrated_bank, max_items=8)
    for person in learners(4):
        sessions.registration_create(actor=assessor, session=session, person=person)
        sessions.attempt_start(person=person, session_id=session.pk)
        answer_adaptive(person, session, lambda item: "A" if item.difficulty < 0 else "B")
    given = Item.objects.filter(administrations__attempt__registration__session=session)
    assert given.count() >= 4 * 3
    assert set(given.values_list("status", flat=True)) == {Item.Status.CALIBRATED}
    assert not given.filter(pk__in=[i.pk for i in tempting]).exists()


def test_assembled_forms_hold_only_reviewed_or_calibrated_items(
    api, assessor, second_assessor, calibrated_bank
):
    for number in range(12):  # drafts and retired items on every requirement of the level
        make_item(actor=second_assessor, bank=calibrated_bank, stem=f"草稿{number}（  ）。")
    retired = services.item_create(actor=second_assessor, bank=calibrated_bank,
                                   data=item_input(stem="退役题（  ）。"))  # fmt: skip
    services.item_review(actor=assessor, item=retired, approve=True)
    services.item_retire(actor=assessor, item=retired)
    response = api(assessor).call("post", f"/assessment/banks/{calibrated_bank.pk}/forms",
                                  {"level": 2, "count": 2, "length": 15, "seed": 3})  # fmt: skip
    assert response.status_code == 201, response.json()
    chosen = Item.objects.filter(pk__in=ExamFormItem.objects.values("item_id"))
    assert chosen.count() == 30
    assert set(chosen.values_list("status", flat=True)) <= USABLE
