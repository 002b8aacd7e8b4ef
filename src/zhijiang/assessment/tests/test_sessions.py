"""Exam sessions through the API and the pages: scheduling, registration, the one attempt,
autosave and the deadline, results withheld until close, and the adaptive test's stopping
and exposure rules."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from zhijiang.assessment import sessions
from zhijiang.assessment.models import AdministeredItem, Attempt, ExamSession, Item
from zhijiang.assessment.tests.factories import (
    calibrated_items,
    fixed_form,
    learners,
    make_session,
)
from zhijiang.common.models import AuditEvent, Notification

pytestmark = pytest.mark.django_db

S = "/assessment/sessions"


def schedule(bank, **overrides):
    body = {"bank": bank.pk, "level": 2, "mode": "adaptive",
            "starts_at": timezone.now().isoformat(), "duration_minutes": 60}  # fmt: skip
    body.update(overrides)
    return body


@pytest.fixture
def adaptive(assessor, calibrated_bank):
    return make_session(actor=assessor, bank=calibrated_bank, max_items=10)


@pytest.fixture
def four_items(assessor, calibrated_bank):
    return list(Item.objects.filter(bank=calibrated_bank).order_by("pk")[:4])


@pytest.fixture
def fixed(assessor, calibrated_bank, four_items):
    form = fixed_form(actor=assessor, bank=calibrated_bank, items=four_items)
    return make_session(actor=assessor, bank=calibrated_bank, mode="fixed", form=form)


def register(session, person, assessor):
    return sessions.registration_create(actor=assessor, session=session, person=person)


# Scheduling and registration


def test_assessor_schedules_an_adaptive_session_and_opens_it(api, assessor, calibrated_bank):
    client = api(assessor)
    response = client.call("post", S, schedule(calibrated_bank, title="春季认定"))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["title"], body["status"], body["max_items"]) == ("春季认定", "scheduled", 30)
    opened = client.call("post", f"{S}/{body['id']}/open")
    assert opened.json()["status"] == "open"
    assert client.call("post", f"{S}/{body['id']}/open").json()["error"]["code"] == "not_scheduled"
    assert AuditEvent.objects.filter(action__startswith="exam_session.").count() == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"mode": "fixed"}, "form"),
        ({"level": 5}, "level"),
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"max_items": 500}, "max_items"),
        ({"starts_at": "9999-12-31T12:00:00+08:00"}, "starts_at"),
        ({"starts_at": "9999-12-31T23:59:59-12:00"}, "starts_at"),
        ({"starts_at": "0001-01-01T00:00:00+14:00"}, "starts_at"),
    ],
)
def test_invalid_sessions_are_refused_at_their_field(api, assessor, bank, change, field):
    response = api(assessor).call("post", S, schedule(bank, **change))
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert not ExamSession.objects.exists()


def test_an_adaptive_session_needs_calibrated_items_to_open(api, assessor, bank):
    created = api(assessor).call("post", S, schedule(bank)).json()
    response = api(assessor).call("post", f"{S}/{created['id']}/open")
    assert response.json()["error"]["code"] == "no_calibrated_items"


def test_sessions_need_a_login_the_role_and_the_body(api, learner, other_assessor, adaptive):
    assert api().call("get", S).status_code == 401
    assert api(learner).call("get", S).status_code == 403
    assert api(other_assessor).call("get", S).json()["count"] == 0
    assert api(other_assessor).call("get", f"{S}/{adaptive.pk}").status_code == 404
    assert api(other_assessor).call("post", f"{S}/{adaptive.pk}/close").status_code == 404
    response = api(other_assessor).call("post", S, schedule(adaptive.bank))
    assert response.status_code == 404


def test_bureau_officers_see_sessions_but_do_not_run_them(api, bureau_officer, adaptive):
    assert api(bureau_officer).call("get", S).json()["count"] == 1
    assert api(bureau_officer).call("post", f"{S}/{adaptive.pk}/close").status_code == 403


def test_assessor_registers_a_learner_once(api, assessor, learner, adaptive):
    client = api(assessor)
    path = f"{S}/{adaptive.pk}/registrations"
    response = client.call("post", path, {"person": learner.pk})
    assert response.status_code == 201
    assert response.json()["person_name"] == str(learner)
    again = client.call("post", path, {"person": learner.pk})
    assert again.json()["error"]["code"] == "registered"
    assert client.call("get", path).json()["count"] == 1
    assert Notification.objects.filter(user=learner, kind="assessment.registered").exists()


def test_only_learners_are_registered_and_only_by_the_body(
    api, assessor, second_assessor, other_assessor, learner, adaptive
):
    path = f"{S}/{adaptive.pk}/registrations"
    staff = api(assessor).call("post", path, {"person": second_assessor.pk})
    assert staff.status_code == 400 and "person" in staff.json()["error"]["fields"]
    assert api(other_assessor).call("post", path, {"person": learner.pk}).status_code == 404
    assert api(learner).call("post", path, {"person": learner.pk}).status_code == 404


# The one attempt


def test_a_candidate_starts_once(api, assessor, learner, adaptive):
    register(adaptive, learner, assessor)
    client = api(learner)
    started = client.call("post", f"{S}/{adaptive.pk}/attempt")
    assert started.status_code == 201, started.json()
    state = started.json()
    assert state["current_item"] is not None and state["frozen"] is False
    assert 3500 <= state["remaining_seconds"] <= 3540  # the session began a minute ago
    second = client.call("post", f"{S}/{adaptive.pk}/attempt")
    assert second.status_code == 400 and second.json()["error"]["code"] == "one_attempt"
    assert Attempt.objects.count() == 1


def test_unregistered_people_and_closed_doors_cannot_start(
    api, assessor, learner, other_learner, calibrated_bank
):
    scheduled = make_session(actor=assessor, bank=calibrated_bank, opened=False)
    register(scheduled, learner, assessor)
    assert api(other_learner).call("post", f"{S}/{scheduled.pk}/attempt").status_code == 404
    assert api(assessor).call("post", f"{S}/{scheduled.pk}/attempt").status_code == 404
    refused = api(learner).call("post", f"{S}/{scheduled.pk}/attempt")
    assert refused.json()["error"]["code"] == "not_open"
    assert api().call("post", f"{S}/{scheduled.pk}/attempt").status_code == 401


def test_the_deadline_is_the_duration_or_the_session_end_whichever_comes_first(
    assessor, learner, calibrated_bank
):
    session = make_session(actor=assessor, bank=calibrated_bank, duration_minutes=30,
                           starts_at=timezone.now() - timedelta(minutes=20))  # fmt: skip
    register(session, learner, assessor)
    attempt = sessions.attempt_start(person=learner, session_id=session.pk)
    assert attempt.deadline == session.ends_at
    assert attempt.deadline - attempt.started_at < timedelta(minutes=11)


def test_in_a_window_each_candidate_has_the_time_limit_from_their_start(
    api, assessor, learner, calibrated_bank
):
    window = make_session(actor=assessor, bank=calibrated_bank, duration_minutes=7 * 24 * 60,
                          time_limit_minutes=60)  # fmt: skip
    register(window, learner, assessor)
    attempt = sessions.attempt_start(person=learner, session_id=window.pk)
    assert attempt.deadline - attempt.started_at == timedelta(minutes=60)
    body = {"bank": calibrated_bank.pk, "level": 2, "mode": "adaptive",
            "starts_at": timezone.now().isoformat(), "duration_minutes": 90}  # fmt: skip
    too_long = api(assessor).call("post", S, {**body, "time_limit_minutes": 120})
    assert too_long.json()["error"]["fields"].keys() == {"time_limit_minutes"}
    month = api(assessor).call("post", S, {**body, "duration_minutes": 31 * 24 * 60})
    assert month.json()["error"]["fields"].keys() == {"duration_minutes"}


def test_fixed_form_answers_are_saved_and_shown_again(api, assessor, learner, fixed, four_items):
    register(fixed, learner, assessor)
    client = api(learner)
    client.call("post", f"{S}/{fixed.pk}/attempt")
    first, second = four_items[0].pk, four_items[1].pk
    saved = client.call("put", f"{S}/{fixed.pk}/attempt/answers/{first}", {"answer": "a"})
    assert saved.status_code == 200 and saved.json()["answer"] == "A"
    client.call("put", f"{S}/{fixed.pk}/attempt/answers/{second}", {"answer": "C"})
    state = client.call("get", f"{S}/{fixed.pk}/attempt").json()
    assert state["answers"] == {str(first): "A", str(second): "C"}
    assert [item["id"] for item in state["items"]] == [item.pk for item in four_items]
    assert "answer" not in state["items"][0]  # the key stays on the server
    client.call("put", f"{S}/{fixed.pk}/attempt/answers/{second}", {"answer": ""})
    assert client.call("get", f"{S}/{fixed.pk}/attempt").json()["answered"] == 1


def test_answers_outside_the_exam_or_the_options_are_refused(
    api, assessor, learner, fixed, calibrated_bank, four_items
):
    register(fixed, learner, assessor)
    client = api(learner)
    client.call("post", f"{S}/{fixed.pk}/attempt")
    stranger = Item.objects.filter(bank=calibrated_bank).exclude(pk__in=[i.pk for i in four_items])
    outside = client.call("put", f"{S}/{fixed.pk}/attempt/answers/{stranger.first().pk}",
                          {"answer": "A"})  # fmt: skip
    assert outside.json()["error"]["code"] == "not_on_exam"
    wrong = client.call("put", f"{S}/{fixed.pk}/attempt/answers/{four_items[0].pk}",
                        {"answer": "AB"})  # fmt: skip
    assert wrong.json()["error"]["code"] == "invalid_answer"


def test_autosave_after_the_deadline_is_refused_and_the_attempt_is_scored(
    api, assessor, learner, fixed, four_items
):
    register(fixed, learner, assessor)
    client = api(learner)
    client.call("post", f"{S}/{fixed.pk}/attempt")
    client.call("put", f"{S}/{fixed.pk}/attempt/answers/{four_items[0].pk}", {"answer": "A"})
    Attempt.objects.update(deadline=timezone.now() - timedelta(seconds=1))
    late = client.call("put", f"{S}/{fixed.pk}/attempt/answers/{four_items[1].pk}",
                       {"answer": "A"})  # fmt: skip
    assert late.status_code == 400
    assert late.json()["error"]["code"] == "frozen"
    assert "no longer accepted" in late.json()["error"]["message"]
    attempt = Attempt.objects.get()
    assert attempt.submitted_at == attempt.deadline
    assert attempt.answers == {str(four_items[0].pk): "A"}
    assert attempt.score == 25.0


def test_hand_in_freezes_answers(api, assessor, learner, fixed, four_items):
    register(fixed, learner, assessor)
    client = api(learner)
    client.call("post", f"{S}/{fixed.pk}/attempt")
    for item, answer in zip(four_items, "AABB", strict=True):
        client.call("put", f"{S}/{fixed.pk}/attempt/answers/{item.pk}", {"answer": answer})
    handed = client.call("post", f"{S}/{fixed.pk}/attempt/submit").json()
    assert handed["frozen"] is True and handed["remaining_seconds"] == 0
    late = client.call("put", f"{S}/{fixed.pk}/attempt/answers/{four_items[2].pk}",
                       {"answer": "A"})  # fmt: skip
    assert late.json()["error"]["code"] == "frozen"
    assert Attempt.objects.get().score == 50.0  # two of four right, as a percentage


def test_results_are_withheld_until_the_session_is_closed(
    api, assessor, learner, fixed, four_items
):
    register(fixed, learner, assessor)
    client = api(learner)
    client.call("post", f"{S}/{fixed.pk}/attempt")
    for item in four_items[:3]:
        client.call("put", f"{S}/{fixed.pk}/attempt/answers/{item.pk}", {"answer": "A"})
    handed = client.call("post", f"{S}/{fixed.pk}/attempt/submit").json()
    assert (handed["score"], handed["passed"], handed["results_released"]) == (None, None, False)
    early = api(assessor).call("get", f"{S}/{fixed.pk}/results")
    assert early.json()["error"]["code"] == "not_closed"
    api(assessor).call("post", f"{S}/{fixed.pk}/close")
    state = client.call("get", f"{S}/{fixed.pk}/attempt").json()
    assert (state["score"], state["passed"]) == (75.0, True)
    results = api(assessor).call("get", f"{S}/{fixed.pk}/results").json()
    assert results[0]["theory_score"] == 75.0
    assert Notification.objects.filter(user=learner, kind="assessment.results").exists()


def test_closing_scores_unfinished_attempts_with_their_saved_answers(
    api, assessor, learner, fixed, four_items
):
    register(fixed, learner, assessor)
    api(learner).call("post", f"{S}/{fixed.pk}/attempt")
    api(learner).call("put", f"{S}/{fixed.pk}/attempt/answers/{four_items[0].pk}", {"answer": "A"})
    api(assessor).call("post", f"{S}/{fixed.pk}/close")
    attempt = Attempt.objects.get()
    assert attempt.submitted_at is not None and attempt.score == 25.0
    assert attempt.passed is False


# Adaptive tests


def answer_adaptive(person, session, answer_of):
    """Answer adaptive items until the test ends; ``answer_of(item)`` gives the answer."""
    while True:
        attempt = Attempt.objects.get(registration__session=session, registration__person=person)
        if attempt.submitted_at is not None:
            return attempt
        item = attempt.current_item
        sessions.attempt_cat_answer(person=person, session_id=session.pk, item_id=item.pk,
                                    answer=answer_of(item))  # fmt: skip


def test_reloading_shows_the_same_adaptive_item_and_a_resend_changes_nothing(
    api, assessor, learner, adaptive
):
    register(adaptive, learner, assessor)
    client = api(learner)
    first = client.call("post", f"{S}/{adaptive.pk}/attempt").json()["current_item"]
    again = client.call("get", f"{S}/{adaptive.pk}/attempt").json()["current_item"]
    assert again == first
    step = client.call("post", f"{S}/{adaptive.pk}/attempt/next",
                       {"item": first["id"], "answer": "A"}).json()  # fmt: skip
    second = step["current_item"]
    assert second["id"] != first["id"] and step["answered"] == 1
    resent = client.call("post", f"{S}/{adaptive.pk}/attempt/next",
                         {"item": first["id"], "answer": "A"}).json()  # fmt: skip
    assert resent["current_item"] == second and resent["answered"] == 1
    assert client.call("get", f"{S}/{adaptive.pk}/attempt").json()["current_item"] == second
    row = AdministeredItem.objects.get(item_id=first["id"])
    assert row.correct is True and row.theta is not None and row.se < 1


def test_an_adaptive_item_that_is_not_shown_is_refused(
    api, assessor, learner, adaptive, calibrated_bank
):
    register(adaptive, learner, assessor)
    client = api(learner)
    shown = client.call("post", f"{S}/{adaptive.pk}/attempt").json()["current_item"]["id"]
    other = Item.objects.filter(bank=calibrated_bank).exclude(pk=shown).first()
    response = client.call("post", f"{S}/{adaptive.pk}/attempt/next",
                           {"item": other.pk, "answer": "A"})  # fmt: skip
    assert response.json()["error"]["code"] == "not_current"
    empty = client.call("post", f"{S}/{adaptive.pk}/attempt/next", {"item": shown, "answer": ""})
    assert empty.json()["error"]["code"] == "required"


def test_the_adaptive_test_stops_at_its_maximum_length(assessor, learner, calibrated_bank):
    session = make_session(actor=assessor, bank=calibrated_bank, max_items=4)
    register(session, learner, assessor)
    sessions.attempt_start(person=learner, session_id=session.pk)
    attempt = answer_adaptive(learner, session, lambda item: "A")
    assert attempt.stop_reason == "max_items"
    assert attempt.administered.count() == 4 and attempt.se > 0.3
    assert attempt.score == sessions.reported_score(attempt.theta)


def test_the_adaptive_test_stops_once_the_standard_error_reaches_0_3(assessor, learner, bank):
    calibrated_items(author=assessor, bank=bank, count=60, discrimination=4.0, seed=3)
    session = make_session(actor=assessor, bank=bank, max_items=30)
    register(session, learner, assessor)
    sessions.attempt_start(person=learner, session_id=session.pk)
    flip = iter(range(1000))
    attempt = answer_adaptive(learner, session, lambda item: "A" if next(flip) % 2 else "B")
    assert attempt.stop_reason == "se_target"
    assert attempt.se <= 0.3 and attempt.administered.count() < 30
    last = attempt.administered.order_by("position").last()
    assert (last.theta, last.se) == (attempt.theta, attempt.se)


def test_no_item_is_shown_in_more_than_a_quarter_of_the_adaptive_tests(assessor, bank):
    # The cap admits each item once in the first seven tests: 7 × 6 items need 42 of them.
    calibrated_items(author=assessor, bank=bank, count=60)
    session = make_session(actor=assessor, bank=bank, max_items=6)
    people = learners(24)
    for person in people:
        register(session, person, assessor)
    for number, person in enumerate(people):
        sessions.attempt_start(person=person, session_id=session.pk)
        answer_adaptive(person, session,
                        lambda item, n=number: "A" if (item.pk + n) % 3 else "C")  # fmt: skip
    shown = Counter(AdministeredItem.objects.values_list("item_id", flat=True))
    assert max(shown.values()) <= 0.25 * len(people)
    reasons = Counter(Attempt.objects.values_list("stop_reason", flat=True))
    assert sum(shown.values()) == 24 * 6, reasons  # none stopped early: six items each


def test_reported_score_is_a_clipped_linear_map_of_theta():
    assert [sessions.reported_score(t) for t in (-4, -1, 0, 2 / 3, 1, 4)] == [
        0.0, 35.0, 50.0, 60.0, 65.0, 100.0,
    ]  # fmt: skip


# Pages


def test_the_take_page_resumes_with_the_saved_answers_and_the_server_clock(
    web, assessor, learner, fixed, four_items
):
    register(fixed, learner, assessor)
    client = web(learner)
    start = client.get(f"/assessment/sessions/{fixed.pk}/take/").content.decode()
    assert 'data-testid="start-test"' in start
    client.post(f"/assessment/sessions/{fixed.pk}/take/start/")
    sessions.attempt_answer_save(person=learner, session_id=fixed.pk,
                                 item_id=four_items[1].pk, answer="B")  # fmt: skip
    page = client.get(f"/assessment/sessions/{fixed.pk}/take/").content.decode()
    assert page.count('data-testid="take-item"') == 4
    assert f'name="answer-{four_items[1].pk}" value="B" checked' in page
    assert 'data-remaining="' in page and "localStorage" in page
    again = client.post(f"/assessment/sessions/{fixed.pk}/take/start/", follow=True)
    assert "already taken" in again.content.decode()


def test_handing_in_without_the_script_saves_the_posted_answers(
    web, assessor, learner, fixed, four_items
):
    register(fixed, learner, assessor)
    client = web(learner)
    client.post(f"/assessment/sessions/{fixed.pk}/take/start/")
    response = client.post(f"/assessment/sessions/{fixed.pk}/take/submit/",
                           {f"answer-{four_items[0].pk}": "A"})  # fmt: skip
    assert response["Location"] == "/assessment/mine/"
    attempt = Attempt.objects.get()
    assert attempt.answers == {str(four_items[0].pk): "A"} and attempt.submitted_at
    mine = client.get("/assessment/mine/").content.decode()
    assert 'data-testid="result-withheld"' in mine


def test_an_adaptive_page_shows_one_item_and_the_next_after_an_answer(
    web, assessor, learner, adaptive
):
    register(adaptive, learner, assessor)
    client = web(learner)
    client.post(f"/assessment/sessions/{adaptive.pk}/take/start/")
    first = Attempt.objects.get().current_item_id
    page = client.get(f"/assessment/sessions/{adaptive.pk}/take/").content.decode()
    assert page.count('data-testid="take-item"') == 1 and f'data-item="{first}"' in page
    client.post(f"/assessment/sessions/{adaptive.pk}/take/next/", {"item": first, "answer": "A"})
    assert Attempt.objects.get().current_item_id not in (None, first)


def test_session_pages_are_for_the_body_and_need_a_login(
    web, assessor, learner, other_assessor, adaptive
):
    for path in ("/assessment/sessions/", f"/assessment/sessions/{adaptive.pk}/",
                 "/assessment/mine/"):  # fmt: skip
        response = web().get(path)
        assert response.status_code == 302 and "/login" in response["Location"]
    assert web(learner).get("/assessment/sessions/").status_code == 403
    assert web(other_assessor).get(f"/assessment/sessions/{adaptive.pk}/").status_code == 404
    assert web(learner).get(f"/assessment/sessions/{adaptive.pk}/take/").status_code == 404
    assert web(assessor).get(f"/assessment/sessions/{adaptive.pk}/").status_code == 200


def test_assessor_schedules_registers_and_closes_on_the_pages(
    web, assessor, learner, calibrated_bank
):
    client = web(assessor)
    response = client.post("/assessment/sessions/new/", {
        "bank": calibrated_bank.pk, "level": "2", "mode": "adaptive", "title": "页面场次",
        "starts_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "45", "max_items": "20",
    })  # fmt: skip
    session = ExamSession.objects.get()
    assert response["Location"] == f"/assessment/sessions/{session.pk}/"
    found = client.get(f"/assessment/sessions/{session.pk}/learners/?q=ali",
                       HTTP_HX_REQUEST="true").content.decode()  # fmt: skip
    assert 'data-testid="learner"' in found and "<html" not in found
    client.post(f"/assessment/sessions/{session.pk}/register/", {"person": learner.pk})
    client.post(f"/assessment/sessions/{session.pk}/open/")
    client.post(f"/assessment/sessions/{session.pk}/close/")
    session.refresh_from_db()
    assert session.status == "closed" and session.registrations.count() == 1
    results = client.get(f"/assessment/sessions/{session.pk}/results/").content.decode()
    assert results.count('data-testid="result-row"') == 1
