"""ID numbers people give themselves: no answer tells whose number it is, changes are limited,
and only an officer who saw the ID card makes a number someone's."""

from __future__ import annotations

import pytest

from zhijiang.accounts.models import Role, User
from zhijiang.accounts.tests.factories import make_person, valid_id_number
from zhijiang.accounts.throttle import ID_NUMBER_CHANGES_PER_DAY
from zhijiang.common.pii import mask_id_number

REGISTERED = valid_id_number("500103", "19800303", 101)
FREE = valid_id_number("500103", "19800303", 102)


@pytest.fixture
def carol(db):
    """A learner whose ID number an officer has recorded."""
    return make_person(role=Role.LEARNER, username="carol", id_number=REGISTERED)


def put_id(api, user, number):
    return api(user).call("put", "/me/id-number", {"id_number": number})


def test_a_registered_number_gets_the_same_answer_as_a_free_one(api, learner, other_learner, carol):
    taken = put_id(api, learner, REGISTERED)
    free = put_id(api, other_learner, FREE)
    assert taken.status_code == free.status_code == 200
    taken_body, free_body = taken.json(), free.json()
    assert taken_body["id_number"] == mask_id_number(REGISTERED)
    assert free_body["id_number"] == mask_id_number(FREE)
    assert taken_body["id_number_verified"] is free_body["id_number_verified"] is False
    assert set(taken_body) == set(free_body)


def test_a_claimed_number_is_not_linked_to_the_claimant(api, learner, carol):
    put_id(api, learner, REGISTERED)
    learner.refresh_from_db()
    carol.refresh_from_db()
    assert learner.id_number_hash is None and learner.id_number_claim_hash is not None
    assert User.objects.get(id_number_hash=carol.id_number_hash) == carol


def test_id_number_changes_are_limited_per_day(api, learner):
    numbers = [valid_id_number("500103", "19800303", 200 + n) for n in range(7)]
    answers = [put_id(api, learner, number).status_code for number in numbers]
    assert answers[:ID_NUMBER_CHANGES_PER_DAY] == [200] * ID_NUMBER_CHANGES_PER_DAY
    assert set(answers[ID_NUMBER_CHANGES_PER_DAY:]) == {429}
    learner.refresh_from_db()
    assert learner.id_number_masked == mask_id_number(numbers[ID_NUMBER_CHANGES_PER_DAY - 1])


def test_giving_the_same_number_again_is_not_counted(api, learner):
    for _ in range(ID_NUMBER_CHANGES_PER_DAY + 2):
        assert put_id(api, learner, FREE).status_code == 200


def test_the_profile_form_answers_alike_for_registered_and_free_numbers(web, learner, carol):
    taken = web(learner).post("/accounts/me/id-number/", {"id_number": REGISTERED})
    free = web(learner).post("/accounts/me/id-number/", {"id_number": FREE})
    assert taken.status_code == free.status_code == 302
    assert taken["Location"] == free["Location"] == "/accounts/me/"


def test_an_officer_verifies_a_claimed_number(api, learner, district_officer):
    put_id(api, learner, FREE)
    response = api(district_officer).call("post", f"/people/{learner.pk}/id-number/verification")
    assert response.status_code == 200, response.content
    assert response.json()["id_number_verified"] is True
    learner.refresh_from_db()
    assert learner.id_number_verified and learner.id_number_claim_hash is None


def test_an_officer_is_told_when_a_claimed_number_belongs_to_another_account(
    api, learner, district_officer, carol
):
    put_id(api, learner, REGISTERED)
    response = api(district_officer).call("post", f"/people/{learner.pk}/id-number/verification")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "taken"
    learner.refresh_from_db()
    assert learner.id_number_hash is None


def test_a_learner_cannot_verify_numbers(api, learner, other_learner):
    put_id(api, other_learner, FREE)
    response = api(learner).call("post", f"/people/{other_learner.pk}/id-number/verification")
    assert response.status_code == 403


def test_an_officer_of_another_district_cannot_verify(api, learner, other_district_officer):
    put_id(api, learner, FREE)
    response = api(other_district_officer).call(
        "post", f"/people/{learner.pk}/id-number/verification"
    )
    assert response.status_code == 404


def test_the_officer_page_shows_an_unverified_number_and_verifies_it(
    web, learner, district_officer
):
    put_id_web = web(learner).post("/accounts/me/id-number/", {"id_number": FREE})
    assert put_id_web.status_code == 302
    page = web(district_officer).get(f"/accounts/people/{learner.pk}/").content.decode()
    assert 'data-testid="id-unverified"' in page
    response = web(district_officer).post(f"/accounts/people/{learner.pk}/id-number/verify/")
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.id_number_verified


def test_the_daily_limit_outlives_the_sign_in_window(api, learner, other_learner, settings):
    from datetime import timedelta

    from django.utils import timezone

    from zhijiang.accounts.models import ThrottleBucket

    for n in range(ID_NUMBER_CHANGES_PER_DAY):
        put_id(api, learner, valid_id_number("500103", "19800303", 300 + n))
    later = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS + 60)
    ThrottleBucket.objects.update(window_start=later)
    # Another bucket is made, which clears the expired ones: the daily one is not among them.
    assert put_id(api, other_learner, FREE).status_code == 200
    assert put_id(api, learner, FREE).status_code == 429
