"""Who sees whose path: the person their own (linked from their profile), officers the people
of their area with phone and ID number masked (linked from the person's page), employers only
the steps of applications to their own positions; everyone else is told there is no such
person (404), on the page and in the API."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from zhijiang.accounts import services as accounts
from zhijiang.accounts.models import User
from zhijiang.accounts.tests.factories import valid_id_number
from zhijiang.analytics.tests import timeline_chain as build
from zhijiang.analytics.tests.timeline_chain import Platform, chain
from zhijiang.jobs.models import Application
from zhijiang.jobs.tests.factories import make_position

pytestmark = pytest.mark.django_db

ID_NUMBER = valid_id_number(serial=417)
PHONE = "13800138001"  # Alice's, from the shared personas
JOB_KINDS = {"invited", "applied", "shortlisted", "interviewed", "offered", "hired", "employed"}


@pytest.fixture
def platform(district_officer: User, bureau_officer: User) -> Platform:
    return chain.platform(officer=district_officer, bureau_officer=bureau_officer)


@pytest.fixture
def alice(platform: Platform, learner: User, district_officer: User) -> User:
    """Alice (Yuzhong) with an ID number on record, a completed course and an interview at
    Erin's employer."""
    accounts.id_number_set(actor=district_officer, user=learner, id_number=ID_NUMBER)
    build.complete_course(platform, learner)
    build.interview(platform.employer_hr, chain.apply(learner, chain.position(platform)))
    return learner


def page_of(web: Any, user: User | None, person: User, language: str = "en") -> Any:
    return web(user, language=language).get(f"/analytics/people/{person.pk}/timeline/")


def api_of(api: Any, user: User | None, person: User) -> Any:
    return api(user).call("get", f"/analytics/people/{person.pk}/timeline")


def page_kinds(response: Any) -> list[str]:
    return re.findall(r'data-testid="step" data-kind="(\w+)"', response.content.decode())


def assert_masked(html: str) -> None:
    assert PHONE not in html and ID_NUMBER not in html
    assert "138****8001" in html and ID_NUMBER[:3] + "*" * 11 + ID_NUMBER[-4:] in html


def test_the_learner_opens_their_own_path_from_their_profile_page(web, alice):
    profile = web(alice).get("/accounts/me/").content.decode()
    assert 'href="/analytics/people/me/timeline/"' in profile
    response = web(alice).get("/analytics/people/me/timeline/")
    assert response.status_code == 200
    kinds = page_kinds(response)
    assert kinds[:4] == ["signed_up", "enrolled", "attended", "completed"]
    assert {"applied", "shortlisted", "interviewed"} <= set(kinds)
    assert_masked(response.content.decode())
    assert page_of(web, alice, alice).status_code == 200


def test_the_path_is_in_chinese_by_default_and_complete_in_english(web, alice):
    chinese = web(alice, language="zh-hans").get("/analytics/people/me/timeline/")
    text = chinese.content.decode()
    assert "我的成长路径" in text and "已报名：" in text and "尚未记录" in text
    english = web(alice).get("/analytics/people/me/timeline/").content.decode()
    assert "My path" in english and "Enrolled: " in english and "Not recorded yet" in english


def test_another_learner_is_told_there_is_no_such_person(web, api, alice, other_learner):
    assert page_of(web, other_learner, alice).status_code == 404
    response = api_of(api, other_learner, alice)
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_the_bureau_officer_sees_anyone_masked_from_the_persons_page(web, alice, bureau_officer):
    person_page = web(bureau_officer).get(f"/accounts/people/{alice.pk}/").content.decode()
    assert f'href="/analytics/people/{alice.pk}/timeline/"' in person_page
    response = page_of(web, bureau_officer, alice)
    assert response.status_code == 200
    assert "completed" in page_kinds(response)
    assert_masked(response.content.decode())


def test_a_district_officer_sees_the_people_of_their_district_only(
    web, api, alice, district_officer, other_district_officer
):
    assert page_of(web, district_officer, alice).status_code == 200
    body = api_of(api, district_officer, alice).json()
    assert body["viewer"] == "officer"
    assert body["person"]["phone"] == "138****8001" and body["person"]["district"] == "500103"
    assert page_of(web, other_district_officer, alice).status_code == 404
    assert api_of(api, other_district_officer, alice).status_code == 404


def test_an_employer_sees_only_the_steps_of_applications_to_their_own_positions(
    web, api, alice, platform, other_employer, other_employer_hr
):
    elsewhere = make_position(actor=other_employer_hr, employer=other_employer, district="500106")
    chain.apply(alice, elsewhere)
    response = page_of(web, platform.employer_hr, alice)
    assert response.status_code == 200
    html = response.content.decode()
    assert set(page_kinds(response)) == {"applied", "shortlisted", "interviewed"}
    assert page_kinds(response).count("applied") == 1
    assert 'data-testid="masked-phone"' not in html and "138****8001" not in html
    assert 'data-testid="masked-id"' not in html and ID_NUMBER[-4:] not in html
    body = api_of(api, platform.employer_hr, alice).json()
    assert body["viewer"] == "employer" and body["person"]["phone"] == ""
    assert body["not_recorded"] == [] and {s["kind"] for s in body["steps"]} <= JOB_KINDS
    assert {s["url"] for s in body["steps"]} == {f"/jobs/manage/{alice_position(alice)}/"}


def alice_position(person: User) -> int:
    return Application.objects.filter(applicant=person).order_by("id").first().position_id


def test_an_employer_without_an_application_from_the_person_gets_not_found(
    web, api, alice, other_employer_hr
):
    assert page_of(web, other_employer_hr, alice).status_code == 404
    assert api_of(api, other_employer_hr, alice).status_code == 404


def test_the_path_needs_a_sign_in(web, api, alice):
    response = page_of(web, None, alice)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert api_of(api, None, alice).status_code == 401


def test_the_api_gives_the_steps_links_and_gaps_of_the_page(api, alice):
    Application.objects.filter(applicant=alice, status="applied").update(
        created_at=timezone.now() - dt.timedelta(days=31)
    )
    body = api_of(api, alice, alice).json()
    assert body["viewer"] == "person"
    assert body["person"] == {
        "id": alice.pk, "name": alice.full_name or alice.username, "district": "500103",
        "phone": "138****8001", "id_number": ID_NUMBER[:3] + "*" * 11 + ID_NUMBER[-4:],
    }  # fmt: skip
    enrolled = next(s for s in body["steps"] if s["kind"] == "enrolled")
    assert enrolled["url"] == "/training/mine/" and enrolled["record"].startswith("training.")
    assert [s["kind"] for s in body["not_recorded"]] == ["career_plan"]
    assert body["gaps"] == []  # the application has moved on: shortlisted, interviewing


def test_an_unanswered_application_shows_as_a_gap_on_the_page(web, platform, alice):
    application = chain.apply(alice, chain.position(platform, title="数据质检员"))
    Application.objects.filter(pk=application.pk).update(
        created_at=timezone.now() - dt.timedelta(days=31)
    )
    html = web(alice).get("/analytics/people/me/timeline/").content.decode()
    assert 'data-testid="gap" data-kind="no_answer"' in html
    assert "Applied 31 days ago, no answer from the employer." in html


def test_a_person_id_beyond_64_bits_is_refused_and_an_unknown_one_is_not_found(api, bureau_officer):
    assert api(bureau_officer).call("get", f"/analytics/people/{2**64}/timeline").status_code == 422
    assert api(bureau_officer).call("get", "/analytics/people/999999/timeline").status_code == 404
