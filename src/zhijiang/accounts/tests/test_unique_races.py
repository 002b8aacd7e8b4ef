"""Two requests that take the same unique value at the same moment: the one that loses the race
gets the answer it would have had a moment later (400 `taken`, or the row that won), not a 500.

A concurrent request is played by writing the winning row right after the service's own check
has run and found the value free, the moment in which a real race lands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.db import connection

from zhijiang.accounts.models import ConsentRecord, DeletionRequest, Role, User
from zhijiang.accounts.tests.factories import make_person, valid_id_number

pytestmark = pytest.mark.django_db


@contextmanager
def concurrent_write_after_check(column: str, write: Callable[[], object]) -> Iterator[None]:
    """Run ``write`` right after the first SELECT whose WHERE clause tests ``column``
    (``"table"."column"``): between the service's check and its own write."""
    done = []

    def wrapper(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        where = sql.partition(" WHERE ")[2]
        if not done and sql.lstrip().startswith("SELECT") and column in where:
            done.append(True)
            write()
        return result

    with connection.execute_wrapper(wrapper):
        yield
    assert done, f"no check on {column} ran"


def new_person(**overrides):
    body = {
        "username": "newbie",
        "password": "a-good-long-password",
        "name": "新学员",
        "district": "500103",
        "phone": "13712345678",
    }
    return {**body, **overrides}


def test_registering_a_username_taken_a_moment_ago_answers_taken(api, district_officer):
    rival = lambda: make_person(role=Role.LEARNER, username="newbie")  # noqa: E731
    with concurrent_write_after_check('"accounts_user"."username"', rival):
        response = api(district_officer).call("post", "/people", new_person())
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == "taken"
    assert list(response.json()["error"]["fields"]) == ["username"]
    assert not User.objects.filter(phone="13712345678").exists()


def test_registering_a_mobile_number_taken_a_moment_ago_answers_taken(api, district_officer):
    rival = lambda: make_person(role=Role.LEARNER, username="rival", phone="13712345678")  # noqa: E731
    with concurrent_write_after_check('"accounts_user"."phone"', rival):
        response = api(district_officer).call("post", "/people", new_person())
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == "taken"
    assert list(response.json()["error"]["fields"]) == ["phone"]
    assert not User.objects.filter(username="newbie").exists()


def test_registering_an_id_number_taken_a_moment_ago_answers_taken(api, district_officer):
    number = valid_id_number("500103", "20000202", 11)
    rival = lambda: make_person(role=Role.LEARNER, username="rival", id_number=number)  # noqa: E731
    with concurrent_write_after_check('"accounts_user"."id_number_hash"', rival):
        response = api(district_officer).call("post", "/people", new_person(id_number=number))
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == "taken"
    assert list(response.json()["error"]["fields"]) == ["id_number"]


def test_changing_to_a_mobile_number_taken_a_moment_ago_answers_taken(api, learner):
    rival = lambda: make_person(role=Role.LEARNER, username="rival", phone="13712345678")  # noqa: E731
    with concurrent_write_after_check('"accounts_user"."phone"', rival):
        response = api(learner).call("patch", "/me", {"phone": "13712345678"})
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == "taken"
    learner.refresh_from_db()
    assert learner.phone == "13800138001"


def test_verifying_an_id_number_taken_a_moment_ago_answers_taken(api, learner, district_officer):
    number = valid_id_number("500103", "19900101", 12)
    assert api(learner).call("put", "/me/id-number", {"id_number": number}).status_code == 200
    rival = lambda: make_person(role=Role.LEARNER, username="rival", id_number=number)  # noqa: E731
    with concurrent_write_after_check('"accounts_user"."id_number_hash"', rival):
        response = api(district_officer).call(
            "post", f"/people/{learner.pk}/id-number/verification"
        )
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == "taken"
    learner.refresh_from_db()
    assert learner.id_number_hash is None and learner.id_number_claim_hash is not None


def test_a_consent_given_twice_at_once_answers_with_the_one_consent(api, learner):
    rival = lambda: ConsentRecord.objects.create(user=learner, purpose="research")  # noqa: E731
    with concurrent_write_after_check('"accounts_consentrecord"."withdrawn_at"', rival):
        response = api(learner).call("post", "/me/consents", {"purpose": "research"})
    assert response.status_code == 201, response.content
    assert response.json()["purpose"] == "research"
    assert response.json()["withdrawn_at"] is None
    assert ConsentRecord.objects.filter(user=learner, purpose="research").count() == 1


def test_a_deletion_request_sent_twice_at_once_is_refused_as_a_duplicate(api, learner):
    rival = lambda: DeletionRequest.objects.create(user=learner)  # noqa: E731
    with concurrent_write_after_check('"accounts_deletionrequest"."user_id"', rival):
        response = api(learner).call("post", "/me/deletion-request", {"reason": "moving away"})
    assert response.status_code == 400, response.content
    assert response.json()["error"]["code"] == "duplicate"
