"""Builders for the timeline tests: each step of a person's path made through the owning app's
services, as the people who do it would (web.tests.chain holds the organisations and the
course; this adds lesson-by-lesson completion, a whole assessment, pushes, invitations and
the follow-ups of a hire)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone

from zhijiang.accounts.models import Role, User
from zhijiang.accounts.tests.factories import make_person
from zhijiang.assessment import outcomes, practical, sessions
from zhijiang.assessment.models import LevelDecision
from zhijiang.assessment.tests.factories import (
    calibrated_items,
    fixed_form,
    make_bank,
    make_session,
)
from zhijiang.careers.services import match_push
from zhijiang.jobs import applications, invitations
from zhijiang.jobs import selectors as job_selectors
from zhijiang.jobs.models import Application, EmploymentCheck, Position
from zhijiang.jobs.tests.factories import share_with_employers
from zhijiang.training import delivery, progress
from zhijiang.training.models import CourseRun, Enrolment
from zhijiang.training.tests.factories import make_run
from zhijiang.web.tests import chain
from zhijiang.web.tests.chain import Platform

__all__ = ["Platform", "chain"]

_item_seeds = itertools.count(5)


def run(platform: Platform, **changes: Any) -> CourseRun:
    """A run of the platform's course (it takes training vouchers unless told otherwise)."""
    return make_run(
        actor=platform.provider_staff,
        course=platform.course,
        provider=platform.provider,
        capacity=50,
        **changes,
    )


def complete_course(platform: Platform, person: User, **changes: Any) -> Enrolment:
    """Enrol, attend every lesson and pass every assessment point: the run completes it."""
    course_run = run(platform, **changes)
    enrolment = delivery.enrol(person=person, run=course_run)
    items = progress.plan_items(course_run)
    for key in items.lessons:
        progress.attendance_sheet(
            actor=platform.provider_staff, run=course_run, lesson_key=key, present={enrolment.pk}
        )
    for key in items.assessments:
        progress.assessment_record(
            actor=platform.provider_staff, enrolment=enrolment, key=key, passed=True, score=85
        )
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    return enrolment


def pass_level_2(platform: Platform, person: User) -> LevelDecision:
    """A closed fixed-form session: theory 100 on four items, practical 80 and 84 by two
    assessors, level 2 reached and its certificate issued."""
    ada, body = platform.assessor, platform.body
    colleague = User.objects.filter(username="abe").first() or make_person(
        role=Role.ASSESSOR, organisation=body, username="abe"
    )
    bank = body.item_banks.first() or make_bank(
        actor=ada, owner=body, standard=platform.course.standard
    )
    items = calibrated_items(author=ada, bank=bank, count=4, level=2, seed=next(_item_seeds))
    form = fixed_form(actor=ada, bank=bank, items=items)
    session = make_session(actor=ada, bank=bank, mode="fixed", form=form, level=2)
    practical.practical_task_set(actor=ada, session=session, project_key="P1")
    registration = sessions.registration_create(actor=ada, session=session, person=person)
    sessions.attempt_start(person=person, session_id=session.pk)
    for item in items:
        sessions.attempt_answer_save(
            person=person, session_id=session.pk, item_id=item.pk, answer="A"
        )
    sessions.attempt_submit(person=person, session_id=session.pk)
    sessions.session_close(actor=ada, session=session)
    registration.refresh_from_db()
    for who, total in ((ada, 80), (colleague, 84)):
        practical.practical_score_submit(
            actor=who,
            registration=registration,
            criteria={"F1.C1.S1": total / 2, "F1.C1.S2": total / 2},
        )
    decision = outcomes.decision_make(actor=ada, registration=registration)
    assert decision.passed and decision.certificate is not None
    return decision


def push_positions(person: User) -> int:
    """The nightly push of the open positions to a person with some of their skills (every
    match pushed: the threshold is the planner's business, not the timeline's)."""
    chain.add_skills(person, ("python", "数据标注"))
    return match_push(threshold=0.0).pushed


def invite(platform: Platform, person: User, position: Position) -> None:
    share_with_employers(person)
    candidate = job_selectors.candidate_for(
        user=platform.employer_hr, position_id=position.pk, person_id=person.pk
    )
    invitations.invitation_send(actor=platform.employer_hr, candidate=candidate)


def interview(hr: User, application: Application) -> Application:
    for step in ("shortlisted", "interviewing"):
        application = applications.application_move(actor=hr, application=application, to=step)
    return application


def hire_and_follow_up(hr: User, application: Application, *, days_ago: int) -> Application:
    """Offer, hire with a start ``days_ago`` days back, ask the due follow-ups, and answer
    the 3-month one: still employed."""
    application = applications.application_move(actor=hr, application=application, to="offered")
    started = timezone.localdate() - dt.timedelta(days=days_ago)
    application = applications.application_move(
        actor=hr, application=application, to="hired", started_on=started
    )
    applications.employment_checks_ask(today=timezone.localdate())
    check = EmploymentCheck.objects.get(hire__application=application, months=3)
    applications.employment_check_answer(
        actor=application.applicant, check=check, answer=EmploymentCheck.Answer.EMPLOYED
    )
    return application
