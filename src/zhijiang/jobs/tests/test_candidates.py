"""An employer opens a ranked candidate's shared profile, sees why they rank where they do, and
invites them to apply; the person sees the invitation and applies from it."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from zhijiang.accounts.models import ConsentRecord
from zhijiang.common.models import AuditEvent, Notification
from zhijiang.common.pii import mask_id_number
from zhijiang.jobs import applications, profiles, services
from zhijiang.jobs.models import Availability, Invitation, Position, SeekerProfile, WorkExperience
from zhijiang.jobs.tests.factories import (
    TRAINER,
    give_skills,
    make_position,
    share_with_employers,
)

pytestmark = pytest.mark.django_db

ID_NUMBER = "500103199001011234"


@pytest.fixture
def alice(learner: Any, skills: Any) -> Any:
    """Alice shares her profile: Python verified by an assessment, data annotation self-declared,
    a declared 中级工 (level 3) certificate and a job as a data annotator."""
    learner.id_number_masked = mask_id_number(ID_NUMBER)
    learner.save(update_fields=["id_number_masked"])
    share_with_employers(learner)
    give_skills(learner, {"python": "assessment", "数据标注": "self"})
    profiles.certificate_declare(
        user=learner, occupation=TRAINER, level=3, issuer="重庆市职业技能鉴定中心",
        issued_on=datetime.date(2024, 5, 1),
    )  # fmt: skip
    WorkExperience.objects.create(
        user=learner, title="数据标注员", employer_name="两江数据服务公司",
        started_on=datetime.date(2021, 3, 1), ended_on=datetime.date(2024, 2, 1),
    )  # fmt: skip
    return learner


def page_path(position: Position, person: Any) -> str:
    return f"/jobs/manage/{position.pk}/candidates/{person.pk}/"


def api_path(position: Position, person: Any) -> str:
    return f"/jobs/positions/{position.pk}/candidates/{person.pk}"


def invite(web: Any, user: Any, position: Position, person: Any) -> Any:
    return web(user).post(page_path(position, person) + "invite/", follow=True)


# The candidate page


def test_employer_opens_a_ranked_candidate_from_the_list(web, employer_hr, position, alice):
    listing = web(employer_hr).get(f"/jobs/manage/{position.pk}/").content.decode()
    assert f'href="{page_path(position, alice)}"' in listing


def test_candidate_page_shows_the_shared_profile_and_never_the_id_number_or_phone(
    web, employer_hr, position, alice
):
    response = web(employer_hr).get(page_path(position, alice))
    page = response.content.decode()
    assert response.status_code == 200
    assert alice.full_name in page and alice.district.label in page
    assert page.count('data-testid="candidate-skill"') == 2
    assert "Verified by an assessment" in page and "Self-declared" in page
    assert "Intermediate worker" in page and "重庆市职业技能鉴定中心" in page and "declared" in page
    assert "数据标注员" in page and "两江数据服务公司" in page and "2021-03" in page
    for secret in ("13800138001", alice.masked_phone, ID_NUMBER, alice.id_number_masked):
        assert secret not in page


def test_candidate_page_reads_in_chinese(web, employer_hr, position, alice):
    page = web(employer_hr, language="zh-hans").get(page_path(position, alice)).content.decode()
    assert "排名依据" in page and "中级工" in page and "本人申报" in page and "邀请投递" in page


def test_candidate_page_explains_the_rank_with_each_factor(web, employer_hr, position, alice):
    page = web(employer_hr).get(page_path(position, alice)).content.decode()
    assert page.count('data-testid="factor"') >= 3
    for label in ("Skills", "District", "Pay"):
        assert f">{label}</td>" in page
    matched = page.split('data-testid="matched"')[1].split("</p>")[0]
    missing = page.split('data-testid="missing"')[1].split("</p>")[0]
    assert "Python" in matched and "data annotation" in matched
    assert "machine learning" in missing
    assert 'data-testid="unmet"' not in page


def test_candidate_page_names_the_hard_requirements_not_met(
    web, employer_hr, employer, skills, other_learner
):
    strict = make_position(
        actor=employer_hr, employer=employer, title="质检组长", level_is_hard=True,
        education_min="bachelor", education_is_hard=True,
    )  # fmt: skip
    share_with_employers(other_learner)
    give_skills(other_learner, {"python": "self"})  # a required skill: a candidate at all
    page = web(employer_hr).get(page_path(strict, other_learner)).content.decode()
    unmet = page.split('data-testid="unmet"')[1].split("</div>")[0].lower()
    assert unmet.count("<li>") == 2 and "certificate" in unmet and "education" in unmet


def test_an_applicant_who_never_consented_is_still_a_candidate_of_that_position(
    web, employer_hr, position, other_learner
):
    applications.application_submit(applicant=other_learner, position=position)
    response = web(employer_hr).get(page_path(position, other_learner))
    assert response.status_code == 200
    assert 'data-testid="invite"' not in response.content.decode()


@pytest.mark.parametrize(
    "viewer", ["other_employer_hr", "district_officer", "bureau_officer", "learner"]
)
def test_only_the_positions_employer_staff_see_a_candidate(web, request, position, alice, viewer):
    user = request.getfixturevalue(viewer)
    assert web(user).get(page_path(position, alice)).status_code == 404


def test_the_candidate_page_needs_a_sign_in(web, position, alice):
    response = web().get(page_path(position, alice))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_someone_who_neither_applied_nor_consented_is_not_a_candidate(
    web, employer_hr, position, other_learner
):
    assert web(employer_hr).get(page_path(position, other_learner)).status_code == 404
    assert web(employer_hr).get(f"/jobs/manage/{position.pk}/candidates/999999/").status_code == 404


def test_withdrawing_consent_hides_the_profile(web, employer_hr, position, alice):
    ConsentRecord.objects.filter(user=alice).update(withdrawn_at=timezone.now())
    assert web(employer_hr).get(page_path(position, alice)).status_code == 404


def test_a_seeker_who_is_not_looking_is_not_shown(web, employer_hr, position, alice):
    SeekerProfile.objects.update_or_create(
        user=alice, defaults={"availability": Availability.NOT_LOOKING}
    )
    assert web(employer_hr).get(page_path(position, alice)).status_code == 404


def test_an_applicant_of_one_position_is_no_candidate_of_another_employers(
    web, employer_hr, other_employer_hr, other_employer, position, other_learner
):
    theirs = make_position(actor=other_employer_hr, employer=other_employer, title="焊工")
    applications.application_submit(applicant=other_learner, position=position)
    assert web(other_employer_hr).get(page_path(theirs, other_learner)).status_code == 404
    assert web(employer_hr).get(page_path(theirs, other_learner)).status_code == 404


# Inviting


def test_employer_invites_a_candidate_who_is_told_in_the_app(web, employer_hr, position, alice):
    page = invite(web, employer_hr, position, alice).content.decode()
    assert "is invited to apply" in page and 'data-testid="invited"' in page
    invitation = Invitation.objects.get()
    assert (invitation.position, invitation.person, invitation.invited_by) == (
        position, alice, employer_hr,
    )  # fmt: skip
    notice = Notification.objects.get(user=alice)
    assert notice.kind == "invitation.received" and notice.link == f"/jobs/{position.pk}/"
    audit = AuditEvent.objects.get(action="invitation.create")
    assert audit.actor == employer_hr and audit.object_id == str(invitation.pk)
    listing = web(employer_hr).get(f"/jobs/manage/{position.pk}/").content.decode()
    assert 'data-testid="candidate-invited"' in listing


def test_inviting_twice_says_already_invited_and_changes_nothing(web, employer_hr, position, alice):
    invite(web, employer_hr, position, alice)
    page = invite(web, employer_hr, position, alice).content.decode()
    assert "was already invited on" in page
    assert Invitation.objects.count() == 1
    assert Notification.objects.filter(user=alice).count() == 1
    assert AuditEvent.objects.filter(action="invitation.create").count() == 1


def test_a_closed_position_takes_no_invitations(web, employer_hr, position, alice):
    services.position_set_status(actor=employer_hr, position=position, status="closed")
    page = invite(web, employer_hr, position, alice).content.decode()
    assert "only an open position takes invitations" in page
    assert not Invitation.objects.exists() and not Notification.objects.filter(user=alice).exists()


def test_someone_who_applied_is_not_invited(web, employer_hr, position, alice):
    applications.application_submit(applicant=alice, position=position)
    page = invite(web, employer_hr, position, alice).content.decode()
    assert "has already applied to this position" in page
    assert not Invitation.objects.exists()


def test_another_employer_cannot_invite_and_anonymous_is_sent_to_sign_in(
    web, other_employer_hr, position, alice
):
    assert invite(web, other_employer_hr, position, alice).status_code == 404
    response = web().post(page_path(position, alice) + "invite/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Invitation.objects.exists()


def test_a_non_candidate_cannot_be_invited(web, employer_hr, position, other_learner):
    assert invite(web, employer_hr, position, other_learner).status_code == 404
    assert not Invitation.objects.exists()


def test_inviting_needs_a_post(web, employer_hr, position, alice):
    assert web(employer_hr).get(page_path(position, alice) + "invite/").status_code == 405


def test_the_person_sees_the_invitation_and_applies_from_it(
    web, employer_hr, employer, position, alice
):
    invite(web, employer_hr, position, alice)
    client = web(alice)
    mine = client.get("/jobs/applications/").content.decode()
    assert f"You were invited by {employer.name}" in mine
    assert f'href="/jobs/{position.pk}/#apply"' in mine
    page = client.get(f"/jobs/{position.pk}/").content.decode()
    assert 'data-testid="invitation"' in page and 'data-testid="apply"' in page
    response = client.post(f"/jobs/{position.pk}/apply/", {"note": "收到邀请"})
    assert response.status_code == 302
    assert 'data-testid="invitation"' not in client.get("/jobs/applications/").content.decode()


# The API


def test_api_returns_the_candidate_with_the_match_explained(api, employer_hr, position, alice):
    response = api(employer_hr).call("get", api_path(position, alice))
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == alice.full_name and body["applied"] is False and body["can_invite"]
    skills = {s["key"]: s for s in body["skills"]}
    assert skills["python"]["verified"] and skills["python"]["sources"] == ["assessment"]
    assert skills["数据标注"]["source_labels"] == ["Self-declared"]
    [certificate] = body["certificates"]
    assert (certificate["occupation"], certificate["level"], certificate["level_name"]) == (
        TRAINER, 3, "Intermediate worker",
    )  # fmt: skip
    assert certificate["verified"] is False
    assert [job["title"] for job in body["work_history"]] == ["数据标注员"]
    match = body["match"]
    assert set(match["matched"]) == {"python", "数据标注"} and match["missing"] == ["机器学习"]
    assert {f["label"] for f in match["factors"]} >= {"Skills", "District"}
    assert all(f["unknown"] in (True, False) for f in match["factors"])
    text = response.content.decode()
    assert "13800138001" not in text and "phone" not in text and "id_number" not in text


def test_api_candidate_access(api, employer_hr, other_employer_hr, learner, position, alice):
    path = api_path(position, alice)
    assert api().call("get", path).status_code == 401
    assert api(learner).call("get", path).status_code == 404
    assert api(other_employer_hr).call("get", path).status_code == 404
    assert (
        api(employer_hr).call("get", f"/jobs/positions/{position.pk}/candidates/x").status_code
        == 422
    )


def test_api_has_no_candidate_who_withdrew_consent(api, employer_hr, position, alice):
    ConsentRecord.objects.filter(user=alice).update(withdrawn_at=timezone.now())
    assert api(employer_hr).call("get", api_path(position, alice)).status_code == 404


def test_api_invites_once_and_the_person_lists_it(api, employer_hr, position, alice):
    path = api_path(position, alice) + "/invitation"
    first = api(employer_hr).call("post", path)
    assert first.status_code == 201
    assert first.json()["position_id"] == position.pk and first.json()["person_id"] == alice.pk
    again = api(employer_hr).call("post", path)
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert Notification.objects.filter(user=alice, kind="invitation.received").count() == 1
    mine = api(alice).call("get", "/jobs/me/invitations").json()
    assert [(i["position_id"], i["employer"]) for i in mine] == [
        (position.pk, position.employer.name)
    ]
    detail = api(employer_hr).call("get", api_path(position, alice)).json()
    assert detail["invitation"]["id"] == first.json()["id"] and detail["can_invite"] is False


def test_api_refuses_invitations_to_closed_positions_and_applicants(
    api, employer_hr, position, alice, other_learner
):
    applications.application_submit(applicant=other_learner, position=position)
    applied = api(employer_hr).call("post", api_path(position, other_learner) + "/invitation")
    assert applied.status_code == 400 and applied.json()["error"]["code"] == "applied"
    services.position_set_status(actor=employer_hr, position=position, status="closed")
    closed = api(employer_hr).call("post", api_path(position, alice) + "/invitation")
    assert closed.status_code == 400 and closed.json()["error"]["code"] == "not_open"
    assert not Invitation.objects.exists()


def test_api_invitation_access(api, employer_hr, other_employer_hr, learner, position, alice):
    path = api_path(position, alice) + "/invitation"
    assert api().call("post", path).status_code == 401
    assert api(learner).call("post", path).status_code == 404
    assert api(other_employer_hr).call("post", path).status_code == 404
    bad = f"/jobs/positions/{position.pk}/candidates/999999/invitation"
    assert api(employer_hr).call("post", bad).status_code == 404
    assert not Invitation.objects.exists()


def test_only_job_seekers_have_invitations(api, employer_hr):
    assert api(employer_hr).call("get", "/jobs/me/invitations").status_code == 403
    assert api().call("get", "/jobs/me/invitations").status_code == 401
