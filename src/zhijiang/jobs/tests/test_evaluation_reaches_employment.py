"""Evaluation reaches employment: one person completes a course, passes the assessment and
receives the certificate; the standard's skills become verified on their job profile, their
match for a position that asks for those skills at that level rises with the reason shown, and
revoking the certificate takes it all back."""

from __future__ import annotations

from typing import Any

import pytest

from zhijiang.accounts.models import ConsentPurpose, ConsentRecord, Organisation, Role
from zhijiang.accounts.tests.factories import make_person
from zhijiang.assessment import outcomes, practical, sessions
from zhijiang.assessment.tests.factories import (
    calibrated_items,
    fixed_form,
    make_bank,
    make_session,
)
from zhijiang.credentials.services import certificate_revoke
from zhijiang.jobs.tests.factories import make_position, vocabulary
from zhijiang.occupations.analysis import person_skills_confirm
from zhijiang.occupations.models import PersonSkill
from zhijiang.training import delivery, progress
from zhijiang.training.tests.factories import approved_standard, make_course, make_run

pytestmark = pytest.mark.django_db


def _complete_a_course(*, learner: Any, provider_staff: Any, standard: Any) -> None:
    provider = Organisation.objects.get(memberships__user=provider_staff)
    course = make_course(actor=provider_staff, owner=provider, standard=standard)
    run = make_run(actor=provider_staff, course=course, provider=provider)
    enrolment = delivery.enrol(person=learner, run=run)
    items = progress.plan_items(run)
    for key in items.lessons:
        progress.attendance_sheet(
            actor=provider_staff, run=run, lesson_key=key, present={enrolment.pk}
        )
    for key in items.assessments:
        progress.assessment_record(
            actor=provider_staff, enrolment=enrolment, key=key, passed=True, score=85
        )
    enrolment.refresh_from_db()
    assert enrolment.status == "completed"


def _pass_level_2(*, learner: Any, assessor: Any, standard: Any) -> Any:
    """Theory 100 on a fixed four-item form, practical 80 and 84 by two assessors."""
    body = Organisation.objects.get(memberships__user=assessor)
    colleague = make_person(role=Role.ASSESSOR, organisation=body, username="abe")
    bank = make_bank(actor=assessor, owner=body, standard=standard)
    items = calibrated_items(author=assessor, bank=bank, count=4, level=2, seed=5)
    form = fixed_form(actor=assessor, bank=bank, items=items)
    session = make_session(actor=assessor, bank=bank, mode="fixed", form=form, level=2)
    practical.practical_task_set(actor=assessor, session=session, project_key="P1")
    registration = sessions.registration_create(actor=assessor, session=session, person=learner)
    sessions.attempt_start(person=learner, session_id=session.pk)
    for item in items:
        sessions.attempt_answer_save(
            person=learner, session_id=session.pk, item_id=item.pk, answer="A"
        )
    sessions.attempt_submit(person=learner, session_id=session.pk)
    sessions.session_close(actor=assessor, session=session)
    registration.refresh_from_db()
    for who, total in ((assessor, 80), (colleague, 84)):
        practical.practical_score_submit(
            actor=who, registration=registration,
            criteria={"F1.C1.S1": total / 2, "F1.C1.S2": total / 2},
        )  # fmt: skip
    decision = outcomes.decision_make(actor=assessor, registration=registration)
    assert decision.passed and decision.certificate is not None
    return decision.certificate


def _my_match(api: Any, learner: Any, position_id: int) -> dict[str, Any]:
    matches = api(learner).call("get", "/jobs/me/matches").json()
    return next(m["match"] for m in matches if m["position"]["id"] == position_id)


def test_a_certificate_verifies_skills_and_raises_the_match_until_it_is_revoked(
    api, learner, employer_hr, employer, district_officer, bureau_officer, provider_staff,
    assessor,
):  # fmt: skip
    vocabulary()
    standard = approved_standard(drafter=district_officer, approver=bureau_officer)
    position = make_position(
        actor=employer_hr, employer=employer, required_skills=["数据标注", "python"],
        preferred_skills=[], level_min=2,
    )  # fmt: skip
    person_skills_confirm(user=learner, keys=["数据标注"], source=PersonSkill.Source.CV)
    before = _my_match(api, learner, position.pk)
    profile = api(learner).call("get", "/jobs/me/job-profile").json()
    assert profile["certificates"] == []
    assert [(s["key"], s["verified"]) for s in profile["skills"]] == [("数据标注", False)]

    _complete_a_course(learner=learner, provider_staff=provider_staff, standard=standard)
    certificate = _pass_level_2(learner=learner, assessor=assessor, standard=standard)

    profile = api(learner).call("get", "/jobs/me/job-profile").json()
    (held,) = profile["certificates"]
    assert (held["occupation"], held["level"], held["verified"], held["source"]) == (
        standard.occupation.code,
        2,
        True,
        "platform",
    )
    assert held["url"] == f"/credentials/c/{certificate.uuid}/"
    skills = {s["key"]: s for s in profile["skills"]}
    assert skills["数据标注"]["verified"] and skills["数据标注"]["certificates"] == [
        str(certificate.uuid)
    ]
    assert "certificate" in skills["数据标注"]["sources"]
    after = _my_match(api, learner, position.pk)
    assert after["score"] > before["score"]
    factors_before = {f["name"]: f for f in before["factors"]}
    factors_after = {f["name"]: f for f in after["factors"]}
    assert factors_after["level"]["contribution"] > factors_before["level"]["contribution"]
    assert factors_after["skills"]["contribution"] > factors_before["skills"]["contribution"]
    assert factors_after["level"]["label"] and not factors_after["level"]["unknown"]
    page = api(learner).call("get", f"/jobs/positions/{position.pk}").status_code
    assert page == 200

    certificate_revoke(actor=assessor, certificate=certificate, reason="考试违纪")
    profile = api(learner).call("get", "/jobs/me/job-profile").json()
    assert profile["certificates"] == []
    assert {s["key"]: s["verified"] for s in profile["skills"]} == {"数据标注": False}
    assert _my_match(api, learner, position.pk)["score"] == pytest.approx(before["score"])


def test_a_declared_certificate_stays_unverified_and_does_not_meet_a_hard_level(
    api, learner, employer_hr, employer
):
    vocabulary()
    position = make_position(
        actor=employer_hr, employer=employer, level_min=3, level_is_hard=True,
    )  # fmt: skip
    person_skills_confirm(user=learner, keys=["python"], source=PersonSkill.Source.SELF)
    declared = api(learner).call(
        "post", "/jobs/me/job-profile/certificates",
        {"occupation": position.occupation.code, "level": 4, "issuer": "某机构"},
    )  # fmt: skip
    assert declared.status_code == 201 and declared.json()["verified"] is False
    matches = api(learner).call("get", "/jobs/me/matches").json()
    assert position.pk not in [m["position"]["id"] for m in matches]


def test_required_skills_marked_hard_exclude_people_without_them(
    api, learner, other_learner, employer_hr, employer
):
    vocabulary()
    hard = make_position(
        actor=employer_hr, employer=employer, required_skills=["python", "数据标注"],
        skills_are_hard=True,
    )  # fmt: skip
    soft = make_position(
        actor=employer_hr, employer=employer, title="数据标注员",
        required_skills=["python", "数据标注"],
    )  # fmt: skip
    person_skills_confirm(user=learner, keys=["python"], source=PersonSkill.Source.SELF)
    ids = [m["position"]["id"] for m in api(learner).call("get", "/jobs/me/matches").json()]
    assert soft.pk in ids and hard.pk not in ids
    detail = api(employer_hr).call("get", f"/jobs/positions/{hard.pk}").json()
    assert detail["skills_are_hard"] is True


def test_people_with_none_of_the_required_skills_are_not_proposed(
    api, learner, other_learner, employer_hr, employer
):
    vocabulary()
    position = make_position(actor=employer_hr, employer=employer)
    for person in (learner, other_learner):
        ConsentRecord.objects.create(user=person, purpose=ConsentPurpose.SHARE_WITH_EMPLOYERS)
    person_skills_confirm(user=learner, keys=["python"], source=PersonSkill.Source.SELF)
    person_skills_confirm(user=other_learner, keys=["机器学习"], source=PersonSkill.Source.SELF)
    ranked = api(employer_hr).call("get", f"/jobs/positions/{position.pk}/candidates").json()
    assert [c["person_id"] for c in ranked] == [learner.pk]
    assert api(other_learner).call("get", "/jobs/me/matches").json() == []
    path = f"/jobs/positions/{position.pk}/candidates/{other_learner.pk}"
    assert api(employer_hr).call("get", path).status_code == 404  # not a candidate at all


def test_what_a_person_did_not_record_is_shown_as_unknown(api, learner, employer_hr, employer):
    vocabulary()
    make_position(actor=employer_hr, employer=employer, education_min="associate")
    person_skills_confirm(user=learner, keys=["python"], source=PersonSkill.Source.SELF)
    (match,) = api(learner).call("get", "/jobs/me/matches").json()
    factors = {f["name"]: f for f in match["match"]["factors"]}
    for name in ("education", "experience", "pay"):
        assert factors[name]["unknown"] is True and factors[name]["contribution"] == 0
    assert factors["skills"]["unknown"] is False
