"""Officers check the certificates people declared: confirmed, a declared certificate counts as
verified (it meets a position's hard level requirement); not confirmed, the person sees why.
Only the bureau and the officers of the person's district may check, and each check is audited
and told to the person."""

from __future__ import annotations

from typing import Any

import pytest

from zhijiang.accounts.models import Role, User
from zhijiang.accounts.tests.factories import make_person, valid_id_number
from zhijiang.common.models import AuditEvent, Notification
from zhijiang.common.pii import mask_id_number
from zhijiang.common.testing import assert_queries_constant
from zhijiang.jobs.models import HeldCertificate
from zhijiang.jobs.tests.factories import TRAINER, make_position
from zhijiang.occupations.analysis import person_skills_confirm
from zhijiang.occupations.models import Occupation, PersonSkill

pytestmark = pytest.mark.django_db

LIST = "/jobs/declared-certificates"
NOT_IN_REGISTER = "No such certificate in the national register."


def declare(api: Any, person: User, level: int = 4) -> int:
    """The person declares a 人工智能训练师 certificate at ``level``; its id."""
    response = api(person).call(
        "post", "/jobs/me/job-profile/certificates",
        {"occupation": TRAINER, "level": level, "issuer": "某评价机构", "issued_on": "2024-06-01"},
    )  # fmt: skip
    assert response.status_code == 201, response.content
    return int(response.json()["id"])


def check(api: Any, officer: User | None, certificate_id: int, **body: Any) -> Any:
    return api(officer).call("post", f"{LIST}/{certificate_id}/check", body)


def my_certificate(api: Any, person: User) -> dict[str, Any]:
    (held,) = api(person).call("get", "/jobs/me/job-profile").json()["certificates"]
    return dict(held)


def test_a_district_officer_confirms_a_certificate_of_their_district_and_it_counts_as_verified(
    api, learner, district_officer
):
    certificate_id = declare(api, learner)
    waiting = api(district_officer).call("get", f"{LIST}?state=unchecked").json()["items"]
    assert [row["id"] for row in waiting] == [certificate_id]
    assert (waiting[0]["person_id"], waiting[0]["state"], waiting[0]["level_name"]) == (
        learner.pk, "unchecked", "Senior worker",
    )  # fmt: skip

    response = check(api, district_officer, certificate_id, confirmed=True)

    assert response.status_code == 200, response.content
    assert response.json()["state"] == "verified" and response.json()["check_note"] == ""
    held = HeldCertificate.objects.get(pk=certificate_id)
    assert (held.verified, held.checked_by, held.checked_at is not None) == (
        True, district_officer, True,
    )  # fmt: skip
    assert api(district_officer).call("get", f"{LIST}?state=unchecked").json()["items"] == []
    verified = api(district_officer).call("get", f"{LIST}?state=verified").json()["items"]
    assert [row["id"] for row in verified] == [certificate_id]
    mine = my_certificate(api, learner)
    assert (mine["verified"], mine["state"], mine["source"]) == (True, "verified", "declared")


def test_a_bureau_officer_checks_anyones_certificate_and_not_confirmed_keeps_it_unverified(
    api, learner, other_learner, bureau_officer
):
    ours, theirs = declare(api, learner), declare(api, other_learner, level=5)
    everyone = api(bureau_officer).call("get", f"{LIST}?state=all").json()["items"]
    assert [row["id"] for row in everyone] == [theirs, ours]  # newest first

    response = check(api, bureau_officer, theirs, confirmed=False, note=NOT_IN_REGISTER)

    assert response.status_code == 200, response.content
    assert (response.json()["state"], response.json()["check_note"]) == (
        "not_confirmed", NOT_IN_REGISTER,
    )  # fmt: skip
    held = HeldCertificate.objects.get(pk=theirs)
    assert (held.verified, held.checked_by, held.state) == (
        False, bureau_officer, HeldCertificate.State.NOT_CONFIRMED,
    )  # fmt: skip
    refused = api(bureau_officer).call("get", f"{LIST}?state=not_confirmed").json()["items"]
    assert [row["id"] for row in refused] == [theirs]
    mine = my_certificate(api, other_learner)
    assert (mine["verified"], mine["state"], mine["note"]) == (
        False, "not_confirmed", NOT_IN_REGISTER,
    )  # fmt: skip


def test_checking_again_replaces_the_earlier_outcome_and_both_checks_are_audited(
    api, learner, district_officer, bureau_officer
):
    certificate_id = declare(api, learner)
    check(api, district_officer, certificate_id, confirmed=False, note=NOT_IN_REGISTER)
    again = check(api, bureau_officer, certificate_id, confirmed=True, note="Found after all.")
    assert again.status_code == 200 and again.json()["state"] == "verified"
    events = AuditEvent.objects.filter(action="profile.certificate_check").order_by("pk")
    assert [(e.actor, e.object_id, e.changes["state"]) for e in events] == [
        (district_officer, str(certificate_id), ["unchecked", "not_confirmed"]),
        (bureau_officer, str(certificate_id), ["not_confirmed", "verified"]),
    ]
    assert events[0].district == learner.district
    assert events[1].changes["note"] == [NOT_IN_REGISTER, "Found after all."]


def test_an_officer_of_another_district_neither_sees_nor_checks_the_certificate(
    api, learner, other_district_officer
):
    certificate_id = declare(api, learner)
    listed = api(other_district_officer).call("get", f"{LIST}?state=all").json()["items"]
    assert listed == []
    response = check(api, other_district_officer, certificate_id, confirmed=True)
    assert response.status_code == 404
    assert HeldCertificate.objects.get(pk=certificate_id).checked_at is None
    assert not AuditEvent.objects.filter(action="profile.certificate_check").exists()


@pytest.mark.parametrize("who", ["employer_hr", "learner"])
def test_employers_and_learners_may_not_list_or_check_declared_certificates(
    api, request, learner, who
):
    certificate_id = declare(api, learner)
    user = request.getfixturevalue(who)
    assert api(user).call("get", LIST).status_code == 403
    assert check(api, user, certificate_id, confirmed=True).status_code == 403
    assert HeldCertificate.objects.get(pk=certificate_id).verified is False


def test_without_signing_in_the_endpoints_answer_401_and_the_page_sends_to_sign_in(
    api, web, learner
):
    certificate_id = declare(api, learner)
    assert api().call("get", LIST).status_code == 401
    assert check(api, None, certificate_id, confirmed=True).status_code == 401
    page = web().get("/jobs/certificates/")
    assert page.status_code == 302 and "/login" in page["Location"]
    post = web().post(f"/jobs/certificates/{certificate_id}/check/", {"confirmed": "1"})
    assert post.status_code == 302 and "/login" in post["Location"]
    assert HeldCertificate.objects.get(pk=certificate_id).checked_at is None


def test_not_confirmed_without_a_note_is_refused_naming_the_note_and_changes_nothing(
    api, learner, district_officer
):
    certificate_id = declare(api, learner)
    response = check(api, district_officer, certificate_id, confirmed=False, note="  ")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "required" and "national register" in error["fields"]["note"]
    assert HeldCertificate.objects.get(pk=certificate_id).checked_at is None
    assert not Notification.objects.filter(user=learner).exists()
    assert not AuditEvent.objects.filter(action="profile.certificate_check").exists()


def test_an_unknown_state_filter_is_refused_naming_the_state(api, district_officer):
    response = api(district_officer).call("get", f"{LIST}?state=pending")
    assert response.status_code == 400 and "state" in response.json()["error"]["fields"]


def test_an_officer_cannot_check_a_certificate_they_declared_themselves(api, district_officer):
    officer_and_learner = make_person(role=Role.LEARNER, username="lena")
    officer_and_learner.memberships.create(
        role=Role.DISTRICT_OFFICER, organisation=district_officer.memberships.get().organisation
    )
    certificate_id = declare(api, officer_and_learner)
    assert check(api, officer_and_learner, certificate_id, confirmed=True).status_code == 403
    assert HeldCertificate.objects.get(pk=certificate_id).verified is False


def test_a_confirmed_certificate_meets_a_positions_hard_level_and_the_match_appears(
    api, learner, district_officer, employer_hr, employer
):
    position = make_position(actor=employer_hr, employer=employer, level_min=3, level_is_hard=True)
    person_skills_confirm(user=learner, keys=["python"], source=PersonSkill.Source.SELF)
    certificate_id = declare(api, learner, level=3)

    def matched() -> list[int]:
        matches = api(learner).call("get", "/jobs/me/matches").json()
        return [m["position"]["id"] for m in matches]

    assert position.pk not in matched()  # declared only: the hard level is not met
    check(api, district_officer, certificate_id, confirmed=True)
    assert position.pk in matched()
    check(api, district_officer, certificate_id, confirmed=False, note=NOT_IN_REGISTER)
    assert position.pk not in matched()


def test_the_person_is_told_of_each_check_in_the_app_in_their_language(
    api, web, learner, district_officer
):
    certificate_id = declare(api, learner, level=4)
    check(api, district_officer, certificate_id, confirmed=False, note=NOT_IN_REGISTER)
    check(api, district_officer, certificate_id, confirmed=True)

    notices = Notification.objects.filter(user=learner).order_by("pk")
    assert [(n.kind, n.link) for n in notices] == [
        ("certificate.not_confirmed", "/jobs/profile/"),
        ("certificate.verified", "/jobs/profile/"),
    ]
    english = web(learner).get("/jobs/notifications/").content.decode()
    assert "Your certificate could not be confirmed: 人工智能训练师, Senior worker" in english
    assert f"gave this reason: {NOT_IN_REGISTER}" in english
    assert "Your certificate is verified: 人工智能训练师, Senior worker" in english
    chinese = web(learner, language="zh-hans").get("/jobs/notifications/").content.decode()
    assert "高级工" in chinese and "Senior worker" not in chinese


def test_the_profile_page_shows_each_state_without_naming_the_officer(
    api, web, learner, district_officer
):
    certificate_id = declare(api, learner)
    page = web(learner).get("/jobs/profile/").content.decode()
    assert "waiting to be checked by the bureau" in page

    check(api, district_officer, certificate_id, confirmed=False, note=NOT_IN_REGISTER)
    page = web(learner).get("/jobs/profile/").content.decode()
    assert "not confirmed" in page and f"could not confirm it: {NOT_IN_REGISTER}" in page

    check(api, district_officer, certificate_id, confirmed=True)
    page = web(learner).get("/jobs/profile/").content.decode()
    assert "checked by the bureau" in page
    assert district_officer.username not in page and "not confirmed" not in page


def test_the_officers_page_lists_masked_id_numbers_and_records_a_check(api, web, district_officer):
    number = valid_id_number("500103")
    person = make_person(role=Role.LEARNER, username="carol", id_number=number)
    certificate_id = declare(api, person)
    client = web(district_officer)

    page = client.get("/jobs/certificates/").content.decode()

    assert 'data-testid="declared-certificate"' in page and "Senior worker" in page
    assert mask_id_number(number) in page and number not in page
    assert "某评价机构" in page and "2024-06-01" in page
    done = client.post(
        f"/jobs/certificates/{certificate_id}/check/", {"confirmed": "1", "state": "unchecked"}
    )
    assert done.status_code == 302 and done["Location"] == "/jobs/certificates/?state=unchecked"
    followed = client.get(done["Location"]).content.decode()
    assert "The check is recorded" in followed and "No declared certificates here." in followed
    assert HeldCertificate.objects.get(pk=certificate_id).verified is True


def test_the_page_refuses_not_confirmed_without_a_note_with_a_message(
    api, web, learner, district_officer
):
    certificate_id = declare(api, learner)
    client = web(district_officer)
    response = client.post(f"/jobs/certificates/{certificate_id}/check/", {"confirmed": "0"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Say why it is not confirmed" in page
    assert HeldCertificate.objects.get(pk=certificate_id).checked_at is None


def test_the_page_and_its_navigation_are_for_officers_only(
    api, web, learner, employer_hr, other_district_officer, district_officer
):
    certificate_id = declare(api, learner)
    assert "/jobs/certificates/" in web(district_officer).get("/jobs/").content.decode()
    for user in (learner, employer_hr):
        assert "/jobs/certificates/" not in web(user).get("/jobs/").content.decode()
        assert web(user).get("/jobs/certificates/").status_code == 403
    other = web(other_district_officer)
    assert (
        other.post(f"/jobs/certificates/{certificate_id}/check/", {"confirmed": "1"}).status_code
        == 404
    )
    assert HeldCertificate.objects.get(pk=certificate_id).checked_at is None


def test_the_list_page_and_endpoint_run_the_same_queries_for_one_or_eight_certificates(
    api, web, district_officer
):
    people = iter(range(100))
    trainer = Occupation.objects.get(code=TRAINER)

    def declare_more(count: int) -> None:
        for _ in range(count):
            number = next(people)
            person = make_person(
                role=Role.LEARNER, username=f"p{number}",
                id_number=valid_id_number("500103", serial=number),
            )  # fmt: skip
            HeldCertificate.objects.create(
                user=person, occupation=trainer, level=3, issuer="某机构",
                checked_by=district_officer if number % 2 else None,
            )  # fmt: skip

    page = web(district_officer)
    _one, eight = assert_queries_constant(
        declare_more, lambda: page.get("/jobs/certificates/?state=all")
    )
    assert eight.content.decode().count('data-testid="declared-certificate"') == 8
    client = api(district_officer)
    _one, sixteen = assert_queries_constant(
        declare_more, lambda: client.call("get", f"{LIST}?state=all"), sizes=(1, 8)
    )
    assert sixteen.json()["count"] == 16
