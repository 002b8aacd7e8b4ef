"""A candidate's exam in a real browser: answers survive a reload and a lost connection, late
answers are refused, and an adaptive test shows one item at a time until it stops; the result
appears once the assessor closes the session, and with the practical part scored by two
assessors, the level certificate is issued and verifies.

The browser asks for English (``en-US``), so the strings below are the English msgids.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from zhijiang.accounts.models import Role
from zhijiang.accounts.tests.factories import make_person
from zhijiang.assessment import outcomes, practical, sessions
from zhijiang.assessment.models import Attempt, ExamSession, Item, Registration
from zhijiang.assessment.tests.factories import (
    approved_standard,
    calibrated_items,
    fixed_form,
    make_bank,
    make_session,
)
from zhijiang.occupations import loading
from zhijiang.occupations.models import Occupation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def taxonomy(transactional_db) -> None:
    """The occupation taxonomy, which a data migration loads and a transactional test's flush
    removes again."""
    if Occupation.objects.count() == 0:
        loading.taxonomy_sync(loading.read_taxonomy(), Occupation)


@pytest.fixture
def bank(taxonomy, district_officer, bureau_officer, assessor):
    standard = approved_standard(drafter=district_officer, approver=bureau_officer)
    body = assessor.memberships.get().organisation
    bank = make_bank(actor=assessor, owner=body, standard=standard)
    calibrated_items(author=assessor, bank=bank, count=40)
    return bank


def wait_for(check: Callable[[], bool], seconds: float = 10) -> None:
    """Poll the database until ``check()`` holds (the page saves in the background)."""
    end = time.monotonic() + seconds
    while not check():
        if time.monotonic() > end:
            raise AssertionError("the server did not receive it in time")
        time.sleep(0.1)


def answers() -> dict[str, str]:
    attempt = Attempt.objects.first()
    return dict(attempt.answers) if attempt else {}


def choice(page: Page, item: Item, letter: str):
    return page.locator(f'[data-item="{item.pk}"] input[value="{letter}"]')


def test_answers_survive_a_reload_and_a_lost_connection_and_late_ones_are_refused(
    en_page: Page, browser, live_server, sign_in, assessor, learner, password, bank, artifact
):
    items = list(Item.objects.filter(bank=bank).order_by("pk")[:4])
    form = fixed_form(actor=assessor, bank=bank, items=items)
    session = make_session(actor=assessor, bank=bank, mode="fixed", form=form)
    sessions.registration_create(actor=assessor, session=session, person=learner)
    page = en_page

    # 1. Alice finds the test under My assessments and starts it.
    sign_in(page, learner.username, password)
    page.goto(live_server.url + "/assessment/mine/")
    page.get_by_test_id("take-test").click()
    page.get_by_test_id("start-test").click()
    expect(page.get_by_test_id("take-item")).to_have_count(4)
    expect(page.get_by_test_id("countdown")).to_contain_text(":")
    assert 3400 < int(page.get_by_test_id("countdown").get_attribute("data-remaining")) <= 3540

    # 2. Two answers are saved at once; after a reload they are still chosen.
    choice(page, items[0], "A").check()
    choice(page, items[1], "C").check()
    expect(page.get_by_test_id("save-status")).to_have_text("All answers are saved.")
    wait_for(lambda: answers() == {str(items[0].pk): "A", str(items[1].pk): "C"})
    page.reload()
    expect(choice(page, items[0], "A")).to_be_checked()
    expect(choice(page, items[1], "C")).to_be_checked()
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(artifact("assessment-take-desktop.png")), full_page=True)

    # 3. Offline, the answer waits on the device; back online, it reaches the server.
    page.context.set_offline(True)
    choice(page, items[2], "B").check()
    expect(page.get_by_test_id("save-status")).to_contain_text("No connection")
    assert str(items[2].pk) not in answers()
    kept = page.evaluate(f"localStorage.getItem('zhijiang.attempt.{Attempt.objects.get().pk}')")
    assert f'"{items[2].pk}":"B"' in kept
    page.context.set_offline(False)
    wait_for(lambda: answers().get(str(items[2].pk)) == "B")
    expect(page.get_by_test_id("save-status")).to_have_text("All answers are saved.")

    # 4. The same page on a phone.
    phone = browser.new_context(locale="en-US", viewport={"width": 390, "height": 844},
                                is_mobile=True, has_touch=True)  # fmt: skip
    phone_page = phone.new_page()
    sign_in(phone_page, learner.username, password)
    phone_page.goto(f"{live_server.url}/assessment/sessions/{session.pk}/take/")
    expect(choice(phone_page, items[2], "B")).to_be_checked()
    phone_page.screenshot(path=str(artifact("assessment-take-phone.png")), full_page=True)
    phone.close()

    # 5. After the deadline an answer is refused with a clear message, and the page freezes.
    Attempt.objects.update(deadline=timezone.now() - timedelta(seconds=1))
    choice(page, items[3], "D").check()
    expect(page.get_by_test_id("save-status")).to_contain_text("no longer accepted")
    expect(page.get_by_test_id("frozen")).to_be_visible()
    expect(page.get_by_test_id("result-withheld")).to_be_visible()
    assert str(items[3].pk) not in answers()
    assert Attempt.objects.get().submitted_at is not None


def test_a_learner_takes_an_adaptive_test_and_sees_a_verified_certificate(
    en_page: Page, browser, live_server, sign_in, assessor, learner, password, bank, artifact
):
    session = make_session(actor=assessor, bank=bank, max_items=5)
    practical.practical_task_set(actor=assessor, session=session, project_key="P1")
    registration = sessions.registration_create(actor=assessor, session=session, person=learner)
    page = en_page

    sign_in(page, learner.username, password)
    page.goto(live_server.url + "/assessment/mine/")
    page.get_by_test_id("take-test").click()
    page.get_by_test_id("start-test").click()
    shown = []
    for number in range(5):
        expect(page.get_by_test_id("take-item")).to_have_count(1)
        stem = page.get_by_test_id("stem").inner_text()
        if number == 2:  # a reload shows the same item again, never a new one
            page.reload()
            expect(page.get_by_test_id("stem")).to_have_text(stem)
            page.screenshot(path=str(artifact("assessment-adaptive-desktop.png")), full_page=True)
        assert stem not in shown
        shown.append(stem)
        page.locator("#cat-form input[type=radio][value=A]").check()  # every key is A
        page.get_by_test_id("next").click()
        if number < 4:
            expect(page.get_by_test_id("stem")).not_to_have_text(stem)
    expect(page.get_by_test_id("frozen")).to_be_visible()
    expect(page.get_by_test_id("result-withheld")).to_be_visible()
    attempt = Attempt.objects.get()
    assert (attempt.stop_reason, attempt.administered.count()) == ("max_items", 5)

    # The assessor closes the session; Alice sees her score.
    staff = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 800})
    staff_page = staff.new_page()
    sign_in(staff_page, assessor.username, password)
    staff_page.goto(f"{live_server.url}/assessment/sessions/{session.pk}/")
    staff_page.once("dialog", lambda dialog: dialog.accept())
    staff_page.get_by_test_id("close-session").click()
    expect(staff_page.get_by_test_id("result-row")).to_have_count(1)
    staff.close()
    assert ExamSession.objects.get().status == "closed"

    page.goto(live_server.url + "/assessment/mine/")
    result = page.get_by_test_id("my-result")
    expect(result).to_contain_text(f"{attempt.score:.1f}")
    expect(result).to_contain_text("Passed" if attempt.passed else "Not passed")
    assert attempt.passed  # five right answers

    # Two assessors score the practical task; the level decision issues the certificate.
    colleague = make_person(
        role=Role.ASSESSOR, organisation=session.body, username="abe", district_code="500103"
    )
    for person, total in ((assessor, 80), (colleague, 84)):
        practical.practical_score_submit(actor=person, registration=registration,
                                         criteria={"F1.C1.S1": total / 2,
                                                   "F1.C1.S2": total / 2})  # fmt: skip
    registration = Registration.objects.get(pk=registration.pk)  # the session is closed now
    decision = outcomes.decision_make(actor=assessor, registration=registration)
    assert decision.passed and decision.certificate is not None
    page.goto(live_server.url + "/assessment/mine/")
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(artifact("assessment-mine-result.png")), full_page=True)
    page.get_by_test_id("my-certificate").click()
    expect(page.get_by_test_id("verdict")).to_have_text("Valid")
    expect(page.get_by_test_id("occupation")).to_contain_text(bank.standard.occupation.code)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
