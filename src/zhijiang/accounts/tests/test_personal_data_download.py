"""The person's data download (PIPL art. 45), through the API and the page: Alice has data in
every app, and her download holds each section with her rows, masked where it must be, with
no secrets; Bob's holds none of hers; nobody signed out gets one."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from zhijiang.accounts import auth
from zhijiang.accounts import services as accounts
from zhijiang.accounts.models import Organisation, Role, User
from zhijiang.accounts.personal_data import covered_fields, registered_sections
from zhijiang.accounts.tests.factories import make_person, valid_id_number
from zhijiang.assessment import outcomes, practical, sessions
from zhijiang.assessment.tests.factories import (
    calibrated_items,
    fixed_form,
    make_bank,
    make_session,
)
from zhijiang.careers.models import MatchPush
from zhijiang.common.pii import mask_id_number
from zhijiang.credentials.models import Certificate, Holder, IssuerKey
from zhijiang.jobs import applications, profiles
from zhijiang.jobs.models import EmploymentCheck, Invitation
from zhijiang.jobs.tests.factories import make_position
from zhijiang.occupations.analysis import person_skills_confirm
from zhijiang.training import delivery, progress
from zhijiang.training.tests.factories import approved_standard, make_course, make_run

pytestmark = pytest.mark.django_db

ID_NUMBER = valid_id_number("500103", "19950607", 7)
EXPORT_API, EXPORT_PAGE = "/me/export", "/accounts/me/export/"


def _jobs(alice: User, erin: User, employer: Organisation) -> None:
    """A job-seeker profile, a job held, a declared certificate, an application taken to a
    hire 200 days ago with its first follow-up answered, a push and an invitation."""
    profiles.profile_update(
        user=alice,
        data=profiles.ProfileInput(major="数据科学", preferred_districts=["500103"], pay_min=5000),
    )
    profiles.work_experience_add(
        user=alice,
        data=profiles.WorkInput(title="数据标注员", started_on=datetime.date(2020, 3, 1),
                                employer_name="渝中标注工作室"),
    )  # fmt: skip
    profiles.certificate_declare(
        user=alice, occupation="4-04-05-05", level=3, issuer="市职业技能鉴定中心", issued_on=None
    )
    position = make_position(actor=erin, employer=employer)
    application = applications.application_submit(applicant=alice, position=position, note="你好")
    for step in ("shortlisted", "interviewing", "offered"):
        applications.application_move(actor=erin, application=application, to=step)
    started = timezone.localdate() - datetime.timedelta(days=200)
    applications.application_move(
        actor=erin, application=application, to="hired", started_on=started
    )
    applications.employment_checks_ask(today=timezone.localdate())
    check = EmploymentCheck.objects.get(hire__application=application, months=3)
    applications.employment_check_answer(actor=alice, check=check, answer="employed")
    other = make_position(actor=erin, employer=employer, title="数据质检员")
    MatchPush.objects.create(user=alice, position=other, score=0.82)
    Invitation.objects.create(position=other, person=alice, invited_by=erin)


def _training(alice: User, pat: User, standard: Any) -> None:
    provider = Organisation.objects.get(memberships__user=pat)
    run = make_run(
        actor=pat, course=make_course(actor=pat, owner=provider, standard=standard),
        provider=provider, voucher_eligible=False,
    )  # fmt: skip
    enrolment = delivery.enrol(person=alice, run=run)
    first_lesson = next(iter(progress.plan_items(run).lessons))
    progress.lesson_record(actor=pat, enrolment=enrolment, lesson_key=first_lesson, attended=True)


def _assessment(alice: User, ada: User, abe: User, standard: Any) -> None:
    """A closed fixed-form session: Alice answers AAAB (theory 75), hands in a file, is marked
    80 and 86 (practical 83) and reaches level 2, so her certificate is issued."""
    body = Organisation.objects.get(memberships__user=ada)
    bank = make_bank(actor=ada, owner=body, standard=standard)
    items = calibrated_items(author=ada, bank=bank, count=4, level=2, seed=22)
    session = make_session(
        actor=ada, bank=bank, mode="fixed", form=fixed_form(actor=ada, bank=bank, items=items)
    )
    practical.practical_task_set(actor=ada, session=session, project_key="P1")
    registration = sessions.registration_create(actor=ada, session=session, person=alice)
    sessions.attempt_start(person=alice, session_id=session.pk)
    for item, answer in zip(items, "AAAB", strict=True):
        sessions.attempt_answer_save(person=alice, session_id=session.pk, item_id=item.pk,
                                     answer=answer)  # fmt: skip
    sessions.attempt_submit(person=alice, session_id=session.pk)
    upload = SimpleUploadedFile("标注结果.txt", b"labels\n")
    practical.evidence_add(actor=alice, registration=registration, upload=upload)
    sessions.session_close(actor=ada, session=session)
    for assessor, total in ((ada, 80), (abe, 86)):
        practical.practical_score_submit(
            actor=assessor, registration=registration,
            criteria={"F1.C1.S1": total / 2, "F1.C1.S2": total / 2}, comment="标注规范",
        )  # fmt: skip
    outcomes.decision_make(actor=ada, registration=registration)


@pytest.fixture
def alice_everywhere(
    settings: Any,
    tmp_path: Any,
    learner: User,
    district_officer: User,
    bureau_officer: User,
    employer: Organisation,
    employer_hr: User,
    provider_staff: User,
    assessor: User,
) -> User:
    """Alice (a learner) with rows in every app that holds personal data."""
    settings.MEDIA_ROOT = tmp_path
    alice = learner
    accounts.profile_update(actor=alice, user=alice, full_name="爱丽丝")
    accounts.id_number_set(actor=district_officer, user=alice, id_number=ID_NUMBER)
    accounts.consent_grant(user=alice, purpose="outreach_sms")
    accounts.deletion_request_create(user=alice, reason="搬家了")
    auth.api_token_create(user=alice, name="我的脚本")
    person_skills_confirm(user=alice, keys=["python"], source="self")
    _jobs(alice, employer_hr, employer)
    standard = approved_standard(drafter=district_officer, approver=bureau_officer)
    _training(alice, provider_staff, standard)
    body = Organisation.objects.get(memberships__user=assessor)
    abe = make_person(role=Role.ASSESSOR, organisation=body, username="abe")
    _assessment(alice, assessor, abe, standard)
    alice.refresh_from_db()
    return alice


def _model_field(covered: str) -> tuple[Any, str]:
    label, field = covered.rsplit(".", 1)
    return apps.get_model(label), field


def test_the_test_person_has_rows_behind_every_section(alice_everywhere):
    # Without this a section could be added and never exercised by the download tests below.
    for covered in sorted(covered_fields()):
        model, field = _model_field(covered)
        assert model.objects.filter(**{field: alice_everywhere}).exists(), covered


def test_the_download_holds_every_section_with_the_persons_rows(api, alice_everywhere):
    response = api(alice_everywhere).call("get", EXPORT_API)
    assert response.status_code == 200
    data = response.json()
    assert data["format"] == "zhijiang.personal-data/1"
    assert list(data) == ["format", *(section.key for section in registered_sections())]
    assert data["account"]["name"] == "爱丽丝"
    assert data["account"]["mobile"] == "138****8001"
    assert data["account"]["id_number"] == mask_id_number(ID_NUMBER)
    assert [r["role"] for r in data["roles"]] == ["learner"]
    assert [c["purpose"] for c in data["consents"]] == ["outreach_sms"]
    assert data["deletion_requests"][0]["reason"] == "搬家了"
    assert [t["name"] for t in data["api_tokens"]] == ["我的脚本"]
    assert {"person.update", "person.skills", "application.submit"} <= {
        e["action"] for e in data["activity"]
    }
    [about_me] = data["audit_about_me"]
    assert (about_me["action"], about_me["by"]) == ("person.id_number", "staff")
    assert {"training.enrolled", "application.hired", "credentials.issued"} <= {
        n["kind"] for n in data["notifications"]
    }
    assert {(s["skill"], s["source"]) for s in data["skills"]} >= {("python", "self")}


def test_the_download_holds_the_job_seeking_record(api, alice_everywhere):
    data = api(alice_everywhere).call("get", EXPORT_API).json()
    assert data["seeker_profile"]["major"] == "数据科学"
    assert data["seeker_profile"]["preferred_districts"] == ["500103"]
    assert [job["title"] for job in data["work_history"]] == ["数据标注员"]
    assert [(c["occupation"], c["level"]) for c in data["held_certificates"]] == [("4-04-05-05", 3)]
    [application] = data["applications"]
    assert application["status"] == "hired"
    assert [(s["to"], s["by"]) for s in application["steps"]] == [
        ("applied", "self"), ("shortlisted", "staff"), ("interviewing", "staff"),
        ("offered", "staff"), ("hired", "staff"),
    ]  # fmt: skip
    follow_ups = {f["months"]: f["answer"] for f in application["hire"]["follow_ups"]}
    assert follow_ups == {3: "employed", 6: "pending"}
    assert [p["position"] for p in data["pushed_positions"]] == ["数据质检员"]
    assert [i["position"] for i in data["invitations"]] == ["数据质检员"]


def test_the_download_holds_training_assessment_and_certificates(api, alice_everywhere):
    data = api(alice_everywhere).call("get", EXPORT_API).json()
    [enrolment] = data["enrolments"]
    assert enrolment["status"] == "enrolled"
    assert [(p["kind"], p["attended"]) for p in enrolment["progress"]] == [("lesson", True)]
    verbs = [record["verb"].rsplit("/", 1)[-1] for record in data["learning_records"]]
    assert verbs == ["registered", "attended"]
    [sitting] = data["assessments"]
    assert sitting["results_released"] is True
    assert sitting["attempt"]["score"] == 75.0
    assert [e["name"] for e in sitting["evidence"]] == ["标注结果.txt"]
    assert [m["total"] for m in sitting["practical"]["marks"]] == [80.0, 86.0]
    assert sitting["practical"]["final"] == 83.0
    assert (sitting["decision"]["passed"], sitting["decision"]["level"]) == (True, 2)
    [certificate] = data["certificates"]
    stored = Certificate.objects.get(person=alice_everywhere)
    assert certificate["uuid"] == str(stored.uuid) == sitting["decision"]["certificate"]
    assert (certificate["occupation"], certificate["level"]) == ("4-04-05-05", 2)
    assert certificate["revoked"] is None
    holder = Holder.objects.get(person=alice_everywhere)
    assert data["credential_holder"] == {"subject_id": holder.subject_id}


def test_scores_are_withheld_until_the_session_closes(
    api, learner, assessor, district_officer, bureau_officer
):
    standard = approved_standard(drafter=district_officer, approver=bureau_officer)
    body = Organisation.objects.get(memberships__user=assessor)
    bank = make_bank(actor=assessor, owner=body, standard=standard)
    items = calibrated_items(author=assessor, bank=bank, count=4, level=2, seed=5)
    form = fixed_form(actor=assessor, bank=bank, items=items)
    session = make_session(actor=assessor, bank=bank, mode="fixed", form=form)
    sessions.registration_create(actor=assessor, session=session, person=learner)
    sessions.attempt_start(person=learner, session_id=session.pk)
    sessions.attempt_submit(person=learner, session_id=session.pk)
    [sitting] = api(learner).call("get", EXPORT_API).json()["assessments"]
    assert sitting["results_released"] is False
    assert (sitting["attempt"]["score"], sitting["attempt"]["ability"]) == (None, None)
    assert sitting["practical"] == {"marks": [], "final": None}


def test_the_download_holds_no_secrets_and_only_masked_numbers(api, alice_everywhere):
    text = api(alice_everywhere).call("get", EXPORT_API).content.decode()
    token_hash = alice_everywhere.api_tokens.get().key_hash
    private_keys = IssuerKey.objects.values_list("private_key_encrypted", flat=True)
    secrets = [alice_everywhere.password, alice_everywhere.id_number_hash, token_hash,
               *private_keys, ID_NUMBER, "13800138001"]  # fmt: skip
    assert [secret for secret in secrets if secret in text] == []


def test_the_page_gives_the_same_download_as_a_file(web, api, alice_everywhere):
    response = web(alice_everywhere).get(EXPORT_PAGE)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="zhijiang-my-data-')
    from_page = json.loads(response.content)
    from_api = api(alice_everywhere).call("get", EXPORT_API).json()
    for data in (from_page, from_api):
        data["account"].pop("last_login")  # each client signs in anew
    assert from_page == from_api


def test_another_persons_download_holds_none_of_their_rows(api, alice_everywhere, other_learner):
    data = api(other_learner).call("get", EXPORT_API).json()
    assert data["account"]["username"] == "bob"
    for section in registered_sections():
        value = data[section.key]
        if section.key not in {"account", "roles", "activity"}:
            assert value in ([], None), section.key
    text = json.dumps(data, ensure_ascii=False)
    alice_marks = ["alice", "爱丽丝", str(Certificate.objects.get().uuid),
                   Holder.objects.get().subject_id, "数据标注员", "搬家了"]  # fmt: skip
    assert [mark for mark in alice_marks if mark in text] == []


def test_staff_get_their_own_download_not_the_people_they_served(api, alice_everywhere, assessor):
    data = api(assessor).call("get", EXPORT_API).json()
    assert data["account"]["username"] == "ada"
    assert data["assessments"] == [] and data["certificates"] == []
    assert "evidence.add" not in {e["action"] for e in data["activity"]}  # Alice handed it in


def test_the_download_needs_a_login(api, web):
    response = api().call("get", EXPORT_API)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    page = web().get(EXPORT_PAGE)
    assert page.status_code == 302
    assert page["Location"].startswith("/accounts/login/")
