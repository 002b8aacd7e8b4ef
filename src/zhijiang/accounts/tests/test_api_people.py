"""People: who may list, see and register learners and job seekers."""

from __future__ import annotations

import pytest

from zhijiang.accounts.models import Role, User
from zhijiang.accounts.tests.factories import make_person, valid_id_number
from zhijiang.common.models import AuditEvent

pytestmark = pytest.mark.django_db


def usernames(response):
    assert response.status_code == 200, response.content
    return sorted(person["username"] for person in response.json()["items"])


def new_person(**overrides):
    body = {
        "username": "newbie",
        "password": "a-good-long-password",
        "name": "新学员",
        "district": "500103",
        "phone": "13712345678",
        "id_number": valid_id_number("500103", "20000202", 11),
    }
    return {**body, **overrides}


def test_district_officer_sees_only_people_of_their_district(
    api, district_officer, learner, other_learner
):
    assert usernames(api(district_officer).call("get", "/people")) == ["alice"]


def test_bureau_officer_sees_people_of_every_district(api, bureau_officer, learner, other_learner):
    assert usernames(api(bureau_officer).call("get", "/people")) == ["alice", "bob"]


def test_people_list_filters_by_name_and_district(api, bureau_officer, learner, other_learner):
    client = api(bureau_officer)
    assert usernames(client.call("get", "/people?district=500106")) == ["bob"]
    assert usernames(client.call("get", "/people?q=ali")) == ["alice"]


def test_people_list_is_paginated(api, bureau_officer):
    for index in range(3):
        make_person(role=Role.LEARNER, username=f"p{index}")
    body = api(bureau_officer).call("get", "/people?page=2&page_size=2").json()
    assert body["count"] == 3
    assert [p["username"] for p in body["items"]] == ["p2"]


@pytest.mark.parametrize("persona", ["learner", "employer_hr", "provider_staff", "assessor"])
def test_people_list_is_for_officers_only(api, request, persona):
    response = api(request.getfixturevalue(persona)).call("get", "/people")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_people_list_needs_a_login(api):
    assert api().call("get", "/people").status_code == 401


def test_person_detail_shows_only_masked_personal_data(api, district_officer):
    number = valid_id_number("500103", "19880808", 5)
    person = make_person(role=Role.LEARNER, phone="13512345678", id_number=number)
    body = api(district_officer).call("get", f"/people/{person.pk}").json()
    assert body["phone"] == "135****5678"
    assert body["id_number"] == number[:3] + "*" * 11 + number[-4:]


def test_officer_cannot_open_a_person_of_another_district(api, district_officer, other_learner):
    assert api(district_officer).call("get", f"/people/{other_learner.pk}").status_code == 404


def test_learner_sees_themselves_but_nobody_else(api, learner, other_learner):
    assert api(learner).call("get", f"/people/{learner.pk}").status_code == 200
    assert api(learner).call("get", f"/people/{other_learner.pk}").status_code == 404


def test_employer_cannot_open_a_person(api, employer_hr, learner):
    assert api(employer_hr).call("get", f"/people/{learner.pk}").status_code == 404


def test_person_detail_needs_a_login(api, learner):
    assert api().call("get", f"/people/{learner.pk}").status_code == 401


def test_district_officer_registers_a_person_in_their_district(api, district_officer):
    response = api(district_officer).call("post", "/people", new_person())
    assert response.status_code == 201, response.content
    person = User.objects.get(username="newbie")
    assert person.memberships.get().role == Role.LEARNER
    assert person.check_password("a-good-long-password")
    event = AuditEvent.objects.get(action="person.register")
    assert event.actor == district_officer
    assert event.district.code == "500103"
    assert event.changes["phone"] == [None, "137****5678"]


def test_district_officer_cannot_register_in_another_district(api, district_officer):
    response = api(district_officer).call("post", "/people", new_person(district="500106"))
    assert response.status_code == 403
    assert not User.objects.filter(username="newbie").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"id_number": "500103200002020111"}, "id_number"),
        ({"phone": "0238888888"}, "phone"),
        ({"district": "123456"}, "district"),
        ({"district": ""}, "district"),
        ({"username": "a b"}, "username"),
        ({"password": "short"}, "password"),
        ({"password": "12345678901"}, "password"),
    ],
)
def test_invalid_registration_names_the_field_and_saves_nothing(
    api, district_officer, overrides, field
):
    before = User.objects.count()
    response = api(district_officer).call("post", "/people", new_person(**overrides))
    assert response.status_code in (400, 422)
    assert field in response.json()["error"]["fields"]
    assert User.objects.count() == before
    assert not AuditEvent.objects.filter(action="person.register").exists()


def test_username_taken_is_refused(api, district_officer, learner):
    response = api(district_officer).call("post", "/people", new_person(username="Alice"))
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["username"]


def test_learner_cannot_register_people(api, learner):
    assert api(learner).call("post", "/people", new_person()).status_code == 403


def test_registering_needs_a_login(api):
    assert api().call("post", "/people", new_person()).status_code == 401
