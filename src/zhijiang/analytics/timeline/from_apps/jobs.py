"""Steps of the jobs app: invited to apply, applied, each move of the application (shortlist,
interview, offer, rejection, withdrawal), hired, and the follow-ups at 3 and 6 months that
say whether the person is still employed. Each carries the employer it is about, so that an
employer sees these steps of their own positions and nothing else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _

from zhijiang.accounts.models import User
from zhijiang.analytics.timeline.sources import step_source
from zhijiang.analytics.timeline.steps import (
    EMPLOYERS,
    OFFICERS,
    PERSON,
    Stage,
    Step,
    StepKind,
    StepLink,
    StepState,
    day_start,
)
from zhijiang.jobs.models import Application, EmploymentCheck, Hire, Invitation, Position

S = Application.Status
# What each move of an application is on the path, and where it sits on the chain.
MOVES: dict[str, tuple[str, int]] = {
    S.SHORTLISTED: (StepKind.SHORTLISTED, Stage.SHORTLISTED),
    S.INTERVIEWING: (StepKind.INTERVIEWED, Stage.INTERVIEWED),
    S.OFFERED: (StepKind.OFFERED, Stage.OFFERED),
    S.REJECTED: (StepKind.REJECTED, Stage.ENDED),
    S.WITHDRAWN: (StepKind.WITHDRAWN, Stage.ENDED),
}


def _position_links(position: Position, own: str) -> tuple[StepLink, ...]:
    manage = reverse("jobs:manage_position", args=[position.pk])
    return (StepLink(own, PERSON), StepLink(manage, OFFICERS | EMPLOYERS))


def _where(position: Position) -> dict[str, str]:
    return {"position": position.title, "employer": position.employer.name}


@step_source("jobs.invitations")
def invitations(person: User) -> Iterator[Step]:
    for invitation in Invitation.objects.filter(person=person).select_related("position__employer"):
        position = invitation.position
        yield Step(
            kind=StepKind.INVITED,
            stage=Stage.INVITED,
            label=_("Invited to apply: %(position)s, %(employer)s") % _where(position),
            at=invitation.created_at,
            record=f"jobs.invitation:{invitation.pk}",
            record_name=str(Invitation._meta.verbose_name),
            links=_position_links(position, reverse("jobs:position", args=[position.pk])),
            employer_id=position.employer_id,
        )


def _application_step(
    application: Application,
    *,
    kind: str,
    stage: int,
    label: str,
    at: dt.datetime,
    detail: str = "",
    record: str = "",
    record_name: str = "",
    state: str = StepState.DONE,
    links: tuple[StepLink, ...] = (),
    until: dt.date | None = None,
) -> Step:
    """A step of one application: its own record, or a hire or follow-up hanging off it."""
    thread = f"jobs.application:{application.pk}"
    own = reverse("jobs:applications")
    return Step(
        kind=kind,
        stage=stage,
        label=label,
        at=at,
        record=record or thread,
        record_name=record_name or str(Application._meta.verbose_name),
        detail=detail,
        state=state,
        links=links + _position_links(application.position, own),
        thread=thread,
        employer_id=application.position.employer_id,
        until=until,
    )


def _moves(application: Application) -> Iterator[Step]:
    where = _where(application.position)
    yield _application_step(
        application,
        kind=StepKind.APPLIED,
        stage=Stage.APPLIED,
        label=_("Applied: %(position)s, %(employer)s") % where,
        at=application.created_at,
        detail=str(application.get_status_display()),
    )
    for event in application.events.all():
        if event.to_status not in MOVES:
            continue
        kind, stage = MOVES[event.to_status]
        yield _application_step(
            application,
            kind=kind,
            stage=stage,
            label=_("%(step)s: %(position)s, %(employer)s")
            % {"step": S(event.to_status).label, **where},
            at=event.created_at,
            detail=event.reason,
        )


def _check_label(check: EmploymentCheck) -> str:
    months = {"months": check.months}
    if check.answer == EmploymentCheck.Answer.EMPLOYED:
        return _("Still employed at %(months)s months") % months
    if check.answer == EmploymentCheck.Answer.LEFT:
        return _("No longer employed at %(months)s months") % months
    return _("Employment at %(months)s months: due on %(day)s") % {**months, "day": check.due_on}


def _check_step(application: Application, check: EmploymentCheck) -> Step:
    """A follow-up: answered on its day, or due (dated by its due date) until answered."""
    pending = check.answer == EmploymentCheck.Answer.PENDING
    link = StepLink(reverse("jobs:check", args=[check.pk]), PERSON | EMPLOYERS | OFFICERS)
    return _application_step(
        application,
        kind=StepKind.EMPLOYED,
        stage=Stage.EMPLOYED,
        label=_check_label(check),
        at=check.answered_at or day_start(check.due_on),
        record=f"jobs.employmentcheck:{check.pk}",
        record_name=str(EmploymentCheck._meta.verbose_name),
        state=StepState.DUE if pending else StepState.DONE,
        links=(link,),
        until=check.due_on if pending else None,
    )


def _hire_steps(application: Application) -> Iterator[Step]:
    hire: Hire | None = getattr(application, "hire", None)
    if hire is None:
        return
    yield _application_step(
        application,
        kind=StepKind.HIRED,
        stage=Stage.HIRED,
        label=_("Hired: %(position)s, %(employer)s") % _where(application.position),
        at=hire.created_at,
        detail=_("Started on %(day)s") % {"day": hire.started_on},
        record=f"jobs.hire:{hire.pk}",
        record_name=str(Hire._meta.verbose_name),
    )
    for check in hire.checks.all():
        yield _check_step(application, check)


@step_source("jobs.applications")
def applications(person: User) -> Iterator[Step]:
    for application in (
        Application.objects.filter(applicant=person)
        .select_related("position__employer", "hire")
        .prefetch_related("events", "hire__checks")
    ):
        yield from _moves(application)
        yield from _hire_steps(application)
