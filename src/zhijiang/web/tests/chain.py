"""Builders for the home-page and front-page tests: each step of the chain made through the
owning app's services, as the people who do it would (a provider publishes a run, an employer
posts a position and hires, an assessor issues a certificate)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from zhijiang.accounts.models import Organisation, OrganisationKind, Role, User
from zhijiang.accounts.tests.factories import OrganisationFactory, make_person
from zhijiang.credentials.models import Certificate
from zhijiang.credentials.tests.factories import issue
from zhijiang.jobs import applications
from zhijiang.jobs.models import Application, Position
from zhijiang.jobs.tests.factories import make_position, vocabulary
from zhijiang.occupations.analysis import person_skills_confirm
from zhijiang.occupations.models import PersonSkill
from zhijiang.training import delivery, services
from zhijiang.training.models import Course, CourseRun, Enrolment
from zhijiang.training.tests.factories import approved_standard, make_course, make_run


@dataclass
class Platform:
    """The organisations and staff that run the chain: Pat's provider, Erin's employer, Ada's
    assessment body, and the standard their courses are built on."""

    provider_staff: User
    provider: Organisation
    employer_hr: User
    employer: Organisation
    assessor: User
    body: Organisation
    course: Course


def platform(*, officer: User, bureau_officer: User) -> Platform:
    provider = OrganisationFactory(name="数字技能培训学校", kind=OrganisationKind.TRAINING_PROVIDER)
    pat = make_person(role=Role.PROVIDER_STAFF, organisation=provider, username="pat")
    employer = OrganisationFactory(name="渝中数智科技有限公司")
    erin = make_person(role=Role.EMPLOYER_STAFF, organisation=employer, username="erin")
    body = OrganisationFactory(name="技能评价中心", kind=OrganisationKind.ASSESSMENT_BODY)
    ada = make_person(role=Role.ASSESSOR, organisation=body, username="ada")
    standard = approved_standard(drafter=officer, approver=bureau_officer)
    course = make_course(actor=pat, owner=provider, standard=standard)
    return Platform(pat, provider, erin, employer, ada, body, course)


def run_of(chain: Platform, *, days: int = 14) -> CourseRun:
    """A published run of the course, starting in ``days`` days, with room for many."""
    start = timezone.localdate() + dt.timedelta(days=days)
    return make_run(
        actor=chain.provider_staff,
        course=chain.course,
        provider=chain.provider,
        capacity=50,
        voucher_eligible=False,
        start_date=start,
        end_date=start + dt.timedelta(days=30),
    )


def open_course(chain: Platform) -> Course:
    return services.course_set_open(actor=chain.provider_staff, course=chain.course, is_open=True)


def add_skills(person: User, keys: tuple[str, ...] = ("python",)) -> None:
    vocabulary()
    person_skills_confirm(user=person, keys=list(keys), source=PersonSkill.Source.SELF)


def enrol(person: User, run: CourseRun) -> Enrolment:
    return delivery.enrol(person=person, run=run)


def complete(enrolment: Enrolment) -> None:
    """The provider marks the learner's course completed (test data: the lesson-by-lesson
    records that lead there are the training tests' business)."""
    Enrolment.objects.filter(pk=enrolment.pk).update(
        status=Enrolment.Status.COMPLETED, completed_at=timezone.now()
    )


def certify(chain: Platform, person: User) -> Certificate:
    return issue(actor=chain.assessor, issuer=chain.body, person=person)


def position(chain: Platform, **changes: Any) -> Position:
    return make_position(actor=chain.employer_hr, employer=chain.employer, **changes)


def apply(person: User, to: Position) -> Application:
    return applications.application_submit(applicant=person, position=to)


def hire(chain: Platform, application: Application) -> Application:
    for step in ("shortlisted", "interviewing", "offered"):
        application = applications.application_move(
            actor=chain.employer_hr, application=application, to=step
        )
    return applications.application_move(
        actor=chain.employer_hr,
        application=application,
        to="hired",
        started_on=timezone.localdate(),
    )


STEP = re.compile(r'data-testid="step-(\w+)" data-state="(\w+)"')
NEXT = re.compile(r'data-testid="next-step" data-step="(\w+)"')
NEXT_BUTTON = re.compile(r'data-testid="next-step-button" href="([^"]+)"')


def steps_of(html: str) -> dict[str, str]:
    """Each step of the learner's path and its state, as the home page shows them."""
    return dict(STEP.findall(html))


def next_step_of(html: str) -> tuple[str, str]:
    """The step the home page names as the next one, and where its button goes."""
    step, button = NEXT.search(html), NEXT_BUTTON.search(html)
    assert step is not None and button is not None, "the home page shows no next step"
    return step.group(1), button.group(1)


def learner_panel(html: str) -> str:
    start = html.index('class="panel panel-learner"')
    return html[start : html.index("</section>", start)]
