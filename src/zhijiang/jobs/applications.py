"""Applications and hires: the steps an application may take, who may take them, and the
follow-up questions at 3 and 6 months that tell the bureau whether a hire lasted."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import User
from zhijiang.common.audit import AuditAction, audit_record
from zhijiang.common.errors import ApplicationError, PermissionDeniedError, field_error
from zhijiang.common.notifications import notify
from zhijiang.jobs import selectors
from zhijiang.jobs.models import (
    Application,
    ApplicationEvent,
    EmploymentCheck,
    Hire,
    Position,
)

S = Application.Status

# The employer's steps: from a state, the states it may move an application to.
EMPLOYER_STEPS: dict[str, set[str]] = {
    S.APPLIED: {S.SHORTLISTED, S.REJECTED},
    S.SHORTLISTED: {S.INTERVIEWING, S.REJECTED},
    S.INTERVIEWING: {S.OFFERED, S.REJECTED},
    S.OFFERED: {S.HIRED, S.REJECTED},
}
FINAL = {S.HIRED, S.REJECTED, S.WITHDRAWN}
FOLLOW_UP_MONTHS = (3, 6)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has 28 days


def _event(application: Application, *, to: str, actor: User, reason: str = "") -> None:
    ApplicationEvent.objects.create(
        application=application,
        from_status=application.status,
        to_status=to,
        reason=reason,
        actor=actor,
    )


@transaction.atomic
def application_submit(
    *, applicant: User, position: Position, note: str = "", match_score: float | None = None
) -> Application:
    """Apply to an open position, once."""
    if not selectors.is_seeker(applicant):
        raise PermissionDeniedError(_("Only job seekers apply to positions."))
    position = Position.objects.select_for_update().get(pk=position.pk)
    if position.status != Position.Status.OPEN:
        raise ApplicationError(_("This position is not open for applications."), code="closed")
    if len(note) > 500:
        raise field_error("note", _("A note has at most 500 characters."))
    try:
        with transaction.atomic():
            application = Application.objects.create(
                position=position, applicant=applicant, note=note.strip(), match_score=match_score
            )
    except IntegrityError:
        raise ApplicationError(
            _("You have already applied to this position."), code="duplicate"
        ) from None
    ApplicationEvent.objects.create(
        application=application, from_status="", to_status=S.APPLIED, actor=applicant
    )
    for staff in position.employer.memberships.filter(role="employer_staff"):
        notify(
            user=staff.user,
            kind="application.received",
            params={
                "position": position.title,
                "applicant": applicant.full_name or applicant.username,
                "score": round((match_score or 0) * 100),
            },
            link=f"/jobs/manage/{position.pk}/",
        )
    audit_record(actor=applicant, action=AuditAction.APPLICATION_SUBMIT, target=application,
                 district=position.district)  # fmt: skip
    return application


@transaction.atomic
def application_move(
    *,
    actor: User,
    application: Application,
    to: str,
    reason: str = "",
    started_on: datetime.date | None = None,
) -> Application:
    """The employer moves an application one step: applied → shortlisted → interviewing →
    offered → hired, or rejected at any of them (with a reason). Hiring records the start
    date and schedules the follow-ups."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    position = application.position
    if not selectors.can_manage_position(user=actor, position=position):
        raise PermissionDeniedError(_("Only the employer's own staff move its applications."))
    if to not in EMPLOYER_STEPS.get(application.status, set()):
        raise ApplicationError(
            _("An application that is %(current)s cannot become %(next)s.")
            % {"current": S(application.status).label, "next": _label(to)},
            code="invalid_transition",
        )
    reason = reason.strip()
    if to == S.REJECTED and not reason:
        raise field_error("reason", _("Say why the application is rejected."), "required")
    if to == S.HIRED and started_on is None:
        raise field_error("started_on", _("Give the start date."), "required")
    _event(application, to=to, actor=actor, reason=reason)
    previous = application.status
    application.status = to
    application.save(update_fields=["status", "updated_at"])
    params: dict[str, Any] = {"position": position.title, "employer": position.employer.name,
                              "reason": reason}  # fmt: skip
    if to == S.HIRED:
        assert started_on is not None
        _hire(application, started_on)
        params["started_on"] = started_on.isoformat()
    notify(user=application.applicant, kind=f"application.{to}", params=params,
           link="/jobs/applications/")  # fmt: skip
    audit_record(actor=actor, action=AuditAction.APPLICATION_MOVE, target=application,
                 district=position.district, changes={"status": [previous, to]})  # fmt: skip
    return application


def _label(status: str) -> Any:
    return S(status).label if status in S.values else status


def _hire(application: Application, started_on: datetime.date) -> Hire:
    hire = Hire.objects.create(application=application, started_on=started_on)
    EmploymentCheck.objects.bulk_create(
        EmploymentCheck(hire=hire, months=months, due_on=_add_months(started_on, months))
        for months in FOLLOW_UP_MONTHS
    )
    position = application.position
    hires = Hire.objects.filter(application__position=position).count()
    if hires >= position.headcount and position.status != Position.Status.CLOSED:
        position.status = Position.Status.CLOSED  # every opening is filled
        position.save(update_fields=["status", "updated_at"])
    return hire


@transaction.atomic
def application_withdraw(*, actor: User, application: Application, reason: str = "") -> Application:
    """The applicant withdraws at any step before the end."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.applicant_id != actor.pk:
        raise PermissionDeniedError(_("Only the applicant may withdraw an application."))
    if application.status in FINAL:
        raise ApplicationError(
            _("An application that is %(current)s cannot be withdrawn.")
            % {"current": S(application.status).label},
            code="invalid_transition",
        )
    _event(application, to=S.WITHDRAWN, actor=actor, reason=reason.strip())
    application.status = S.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action=AuditAction.APPLICATION_WITHDRAW, target=application,
                 district=application.position.district)  # fmt: skip
    return application


def employment_checks_due(*, today: datetime.date) -> list[EmploymentCheck]:
    """Follow-ups due by today and not yet answered or asked."""
    return list(
        EmploymentCheck.objects.filter(
            answer=EmploymentCheck.Answer.PENDING, due_on__lte=today, asked_at__isnull=True
        ).select_related("hire__application__position__employer", "hire__application__applicant")
    )


@transaction.atomic
def employment_checks_ask(*, today: datetime.date) -> int:
    """Ask each hired person whose follow-up is due; returns how many were asked."""
    asked = 0
    for check in employment_checks_due(today=today):
        application = check.hire.application
        notify(
            user=application.applicant,
            kind="employment_check",
            params={
                "employer": application.position.employer.name,
                "position": application.position.title,
                "started_on": check.hire.started_on.isoformat(),
                "months": check.months,
            },
            link=f"/jobs/checks/{check.pk}/",
        )
        check.asked_at = timezone.now()
        check.save(update_fields=["asked_at"])
        asked += 1
    return asked


@transaction.atomic
def employment_check_answer(*, actor: User, check: EmploymentCheck, answer: str) -> EmploymentCheck:
    """The hired person, or the employer's staff, answers a due follow-up."""
    application = check.hire.application
    allowed = application.applicant_id == actor.pk or selectors.can_manage_position(
        user=actor, position=application.position
    )
    if not allowed:
        raise PermissionDeniedError(_("Only the hired person or the employer may answer."))
    if answer not in {EmploymentCheck.Answer.EMPLOYED, EmploymentCheck.Answer.LEFT}:
        raise field_error("answer", _("Answer employed or left."))
    if check.due_on > timezone.localdate():
        raise ApplicationError(_("This follow-up is not due yet."), code="not_due")
    previous = check.answer
    check.answer, check.answered_by, check.answered_at = answer, actor, timezone.now()
    check.save(update_fields=["answer", "answered_by", "answered_at"])
    audit_record(actor=actor, action=AuditAction.EMPLOYMENT_CHECK_ANSWER, target=check.hire,
                 district=application.position.district,
                 changes={f"month_{check.months}": [previous, answer]})  # fmt: skip
    return check
