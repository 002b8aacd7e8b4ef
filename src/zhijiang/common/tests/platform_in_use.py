"""A platform in use, for the backup test: the demo's people and organisations, and one of
each thing people do here (a standard drafted and approved, a course run and followed, an exam
sat, marked and certified, positions applied to, a hire followed up, pushes, notices, sign-ins,
tokens, admin changes), made through the services as people make them, small enough to build
in seconds."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from zhijiang.accounts import services as account_services
from zhijiang.accounts import sign_up, throttle
from zhijiang.accounts.auth import api_token_create
from zhijiang.accounts.demo import load_demo
from zhijiang.accounts.models import Organisation, Role, User
from zhijiang.accounts.tests.factories import make_person
from zhijiang.analytics.selectors import quality_sample
from zhijiang.analytics.services import content_review_record
from zhijiang.assessment import outcomes, practical, sessions
from zhijiang.assessment.item_statistics import item_statistics_refresh
from zhijiang.assessment.tests.factories import (
    calibrated_items,
    fixed_form,
    make_bank,
    make_session,
)
from zhijiang.careers.tasks import nightly_run
from zhijiang.common.models import District
from zhijiang.jobs import applications, invitations, profiles, selectors
from zhijiang.jobs.models import Position
from zhijiang.jobs.tests.factories import share_with_employers, vocabulary
from zhijiang.occupations.models import Standard
from zhijiang.training import delivery, progress
from zhijiang.training import services as training_services
from zhijiang.training.tests.factories import approved_standard, make_course, make_run

ADMIN_PASSWORD = "backup-test-admin-1"


def platform_fill(
    *,
    market: dict[str, Position],
    seeker: User,
    candidate: User,
    officer: User,
    bureau_officer: User,
    employer_hr: User,
    provider_staff: User,
    assessor: User,
) -> None:
    """Fill the database as weeks of use would; ``seeker`` wants ``market``'s data positions."""
    load_demo(learners_per_district=1)
    vocabulary()  # the standard's requirements link to it, so certificates attest skills
    standard = approved_standard(drafter=officer, approver=bureau_officer)
    _training(staff=provider_staff, standard=standard, learner=seeker)
    _exam(assessor=assessor, standard=standard, person=candidate, late_comer=seeker)
    (unit,) = quality_sample(user=bureau_officer, kind="course_text", size=1, seed=1)
    content_review_record(
        reviewer=bureau_officer, kind=unit.kind, object_id=unit.object_id, path=unit.path,
        verdict="accepted",
    )  # fmt: skip
    _job_search(market=market, seeker=seeker, employer_hr=employer_hr)
    assert nightly_run.call()["pushed"] >= 1
    nightly_run.enqueue()
    _accounts(seeker=seeker, leaver=candidate)


def _training(*, staff: User, standard: Standard, learner: User) -> None:
    """A course generated, approved and run; a learner enrolled who attended a lesson."""
    provider = Organisation.objects.get(memberships__user=staff)
    course = make_course(actor=staff, owner=provider, standard=standard)
    run = make_run(actor=staff, course=course, provider=provider)
    enrolment = delivery.enrol(person=learner, run=run)
    first_lesson = training_services.lesson_keys(course)[0]
    training_services.lesson_material_save(
        actor=staff, course=course, lesson_key=first_lesson, body="标注规范与工具。"
    )
    delivery.notice_publish(
        actor=staff, organisation=provider, title="开班通知", body="欢迎报名。", run=run
    )
    _move_run_to_today(run)
    progress.lesson_record(
        actor=staff, enrolment=enrolment, lesson_key=first_lesson, attended=True, completed=True
    )


def _move_run_to_today(run: Any) -> None:
    """A provider publishes runs in the future; this one has since begun."""
    length = run.end_date - run.start_date
    run.start_date = timezone.localdate() - dt.timedelta(days=1)
    run.end_date = run.start_date + length
    run.save(update_fields=["start_date", "end_date"])


def _exam(*, assessor: User, standard: Standard, person: User, late_comer: User) -> None:
    """A fixed four-item exam with a practical task: sat, marked by two assessors, decided
    and certified, item statistics refreshed; and an adaptive exam under way."""
    body = Organisation.objects.get(memberships__user=assessor)
    second = make_person(role=Role.ASSESSOR, organisation=body, username="abe")
    bank = make_bank(actor=assessor, owner=body, standard=standard)
    items = calibrated_items(author=assessor, bank=bank, count=7)[:4]  # 7 cover the blueprint
    adaptive = make_session(actor=assessor, bank=bank)
    sessions.registration_create(actor=assessor, session=adaptive, person=late_comer)
    sessions.attempt_start(person=late_comer, session_id=adaptive.pk)
    form = fixed_form(actor=assessor, bank=bank, items=items)
    session = make_session(actor=assessor, bank=bank, mode="fixed", form=form)
    practical.practical_task_set(actor=assessor, session=session, project_key="P1")
    registration = sessions.registration_create(actor=assessor, session=session, person=person)
    sessions.attempt_start(person=person, session_id=session.pk)
    for item, answer in zip(items, "AAAB", strict=True):
        sessions.attempt_answer_save(
            person=person, session_id=session.pk, item_id=item.pk, answer=answer
        )
    sessions.attempt_submit(person=person, session_id=session.pk)
    upload = SimpleUploadedFile("标注结果.png", b"\x89PNG fake image", content_type="image/png")
    practical.evidence_add(actor=person, registration=registration, upload=upload)
    sessions.session_close(actor=assessor, session=session)
    for marker, total in ((assessor, 70), (second, 74)):
        practical.practical_score_submit(
            actor=marker, registration=registration,
            criteria={"F1.C1.S1": total / 2, "F1.C1.S2": total / 2},
        )  # fmt: skip
    outcomes.decisions_make(actor=assessor, session=session)
    item_statistics_refresh(bank=bank)


def _job_search(*, market: dict[str, Position], seeker: User, employer_hr: User) -> None:
    """Work history, a declared certificate, an invitation, and an application that ends in a
    hire with its follow-up."""
    profiles.work_experience_add(
        user=seeker,
        data=profiles.WorkInput(
            title="数据分析助理", started_on=dt.date(2022, 3, 1), ended_on=dt.date(2024, 6, 30),
            employer_name="山城数据公司", occupation="2-02-30-09",
        ),
    )  # fmt: skip
    profiles.certificate_declare(
        user=seeker, occupation="2-02-38-03", level=3, issuer="重庆市职业技能鉴定中心",
        issued_on=dt.date(2023, 5, 1),
    )  # fmt: skip
    share_with_employers(seeker)
    application = applications.application_submit(applicant=seeker, position=market["data1"])
    for step in ("shortlisted", "interviewing", "offered"):
        application = applications.application_move(
            actor=employer_hr, application=application, to=step
        )
    applications.application_move(
        actor=employer_hr, application=application, to="hired", started_on=timezone.localdate()
    )
    candidate = selectors.candidate_for(
        user=employer_hr, position_id=market["data2"].pk, person_id=seeker.pk
    )
    invitations.invitation_send(actor=employer_hr, candidate=candidate)


def _accounts(*, seeker: User, leaver: User) -> None:
    """Tokens, a sign-up waiting for its code, a failed sign-in, a deletion request, a signed-in
    session, and an administrator who made a group in the admin."""
    api_token_create(user=seeker, name="手机应用")
    sign_up.sign_up_start(
        username="newcomer", password="a-long-new-password-1", full_name="新用户",
        phone="13700137003", district=District.objects.get(code="500103"), address="203.0.113.9",
    )  # fmt: skip
    attempt = throttle.sign_in_attempt_start(subject="alice", address="203.0.113.7")
    throttle.sign_in_attempt_failed(attempt)
    account_services.deletion_request_create(user=leaver, reason="不再使用本平台")
    Client().force_login(seeker)
    _admin_makes_a_group(seeker)


def _admin_makes_a_group(member: User) -> None:
    admin = User.objects.create_superuser(username="root", password=ADMIN_PASSWORD)
    permission = Permission.objects.get(codename="view_position")
    client = Client()
    client.force_login(admin)
    response = client.post(
        "/admin/auth/group/add/", {"name": "岗位审核", "permissions": [permission.pk]}
    )
    assert response.status_code == 302, response.content[:500]
    member.groups.add(Group.objects.get(name="岗位审核"))
    member.user_permissions.add(permission)
