"""Writes for running courses: publish and cancel runs, enrol (capacity held under concurrent
enrolment, with a waiting list), record attendance, lesson completion and assessment results,
complete by the plan's rules, and publish notices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import Organisation, OrganisationKind, Role, User
from zhijiang.accounts.selectors import roles_of
from zhijiang.common.audit import AuditAction, audit_record
from zhijiang.common.errors import ApplicationError, PermissionDeniedError, field_error
from zhijiang.common.models import District
from zhijiang.common.notifications import notify
from zhijiang.training import selectors
from zhijiang.training.models import (
    Course,
    CourseRun,
    Enrolment,
    Mode,
    Notice,
    RunPhase,
)
from zhijiang.training.xapi import statement_record

MAX_CAPACITY = 1000
MAX_FEE = 100_000


@dataclass(frozen=True)
class RunInput:
    """What a provider states about one run of a course."""

    start_date: dt.date
    end_date: dt.date
    mode: str
    capacity: int
    district: str = ""  # district code; needed unless the run is online
    place: str = ""
    fee: int = 0
    voucher_eligible: bool = False
    attendance_share: float = 0.8


def _clean_run(data: RunInput, today: dt.date) -> dict[str, Any]:
    if data.start_date <= today:
        raise field_error("start_date", _("A run starts after today."), "start_in_past")
    if data.end_date < data.start_date:
        raise field_error("end_date", _("A run cannot end before it starts."), "dates_inverted")
    if data.mode not in Mode.values:
        raise field_error("mode", _("Choose in person, online or blended."))
    if not 1 <= data.capacity <= MAX_CAPACITY:
        raise field_error("capacity", _("Places run from 1 to 1,000."))
    if not 0 <= data.fee <= MAX_FEE:
        raise field_error("fee", _("The fee runs from 0 to 100,000 yuan."))
    if not 0.5 <= data.attendance_share <= 1:
        raise field_error("attendance_share", _("The attendance needed runs from 0.5 to 1."))
    district = District.objects.filter(code=data.district).first() if data.district else None
    if data.district and district is None:
        raise field_error("district", _("Choose a district of the city."))
    if data.mode != Mode.ONLINE and (district is None or not data.place.strip()):
        field = "district" if district is None else "place"
        raise field_error(
            field, _("A run held in person needs a district and a place."), "required"
        )
    return {
        "start_date": data.start_date,
        "end_date": data.end_date,
        "mode": data.mode,
        "capacity": data.capacity,
        "district": district,
        "place": data.place.strip()[:200],
        "fee": data.fee,
        "voucher_eligible": data.voucher_eligible,
        "attendance_share": Decimal(str(round(data.attendance_share, 2))),
    }


@transaction.atomic
def run_publish(
    *, actor: User, course: Course, provider: Organisation, data: RunInput
) -> CourseRun:
    """Open a run of an approved course for enrolment; a run taking training vouchers needs a
    course an officer approved for voucher-funded runs."""
    if not selectors.provider_organisations(user=actor).filter(pk=provider.pk).exists():
        raise PermissionDeniedError(_("Only staff of a training provider may publish its runs."))
    course = Course.objects.select_for_update().get(pk=course.pk)  # its approval stays as read
    if course.status != Course.Status.APPROVED:
        raise ApplicationError(
            _("Approve the course before publishing runs of it."), code="course_not_approved"
        )
    if data.voucher_eligible and course.voucher_approved_by_id is None:
        raise field_error(
            "voucher_eligible",
            _(
                "Runs of this course cannot take training vouchers until an officer of the "
                "bureau or of the provider's district approves it for voucher-funded runs."
            ),
            "course_not_approved_for_vouchers",
        )
    values = _clean_run(data, timezone.localdate())
    run = CourseRun.objects.create(course=course, provider=provider, created_by=actor, **values)
    audit_record(
        actor=actor, action=AuditAction.TRAINING_RUN_PUBLISH, target=run, district=run.district
    )
    return run


@transaction.atomic
def run_cancel(*, actor: User, run: CourseRun) -> CourseRun:
    """Cancel a run; everyone on it (and on its waiting list) is told."""
    run = CourseRun.objects.select_for_update().get(pk=run.pk)
    selectors.require_run_staff(actor, run)
    if run.status == CourseRun.Status.CANCELLED:
        raise ApplicationError(_("The run is already cancelled."), code="invalid_transition")
    if run.phase_on(timezone.localdate()) == RunPhase.FINISHED:
        raise ApplicationError(
            _("The run ended on %(date)s; a finished run cannot be cancelled.")
            % {"date": run.end_date.isoformat()},
            code="run_finished",
        )
    run.status = CourseRun.Status.CANCELLED
    run.save(update_fields=["status"])
    live = run.enrolments.filter(
        status__in=[Enrolment.Status.ENROLLED, Enrolment.Status.WAITLISTED]
    )
    for enrolment in live.select_related("person"):
        notify(
            user=enrolment.person,
            kind="training.run_cancelled",
            params={"course": run.course.title, "start": run.start_date.isoformat()},
            link=reverse("training:run", args=[run.pk]),
        )
    live.update(status=Enrolment.Status.CANCELLED, cancelled_at=timezone.now())
    audit_record(
        actor=actor, action=AuditAction.TRAINING_RUN_CANCEL, target=run, district=run.district
    )
    return run


def _taken(run: CourseRun) -> int:
    return run.enrolments.filter(
        status__in=[Enrolment.Status.ENROLLED, Enrolment.Status.COMPLETED]
    ).count()


def _check_can_enrol(person: User, run: CourseRun, today: dt.date) -> None:
    if Role.LEARNER not in roles_of(person):
        raise PermissionDeniedError(_("Sign in as a learner to enrol."))
    phase = run.phase_on(today)
    if phase == RunPhase.CANCELLED or run.course.status != Course.Status.APPROVED:
        raise ApplicationError(_("This run is not open for enrolment."), code="run_closed")
    if phase == RunPhase.FINISHED:
        raise ApplicationError(
            _("This run ended on %(date)s; look in the catalogue for a later one.")
            % {"date": run.end_date.isoformat()},
            code="run_finished",
        )
    if phase == RunPhase.UNDER_WAY:
        raise ApplicationError(
            _("Enrolment closed when the run started on %(date)s.")
            % {"date": run.start_date.isoformat()},
            code="run_started",
        )
    if selectors.live_enrolment(person=person, run=run) is not None:
        raise ApplicationError(_("You are already enrolled on this run."), code="already_enrolled")


def enrol(*, person: User, run: CourseRun, waitlist: bool = False) -> Enrolment:
    """A place on the run, or (when it is full and ``waitlist``) a place on its waiting list.

    The run's row is locked while places are counted, so concurrent enrolments never take
    more places than there are (PostgreSQL ``SELECT … FOR UPDATE``; SQLite serialises writers).
    """
    try:
        with transaction.atomic():
            return _enrol(person=person, run=run, waitlist=waitlist)
    except IntegrityError as error:  # the same person enrolling twice at the same moment
        raise ApplicationError(
            _("You are already enrolled on this run."), code="already_enrolled"
        ) from error


def _enrol(*, person: User, run: CourseRun, waitlist: bool) -> Enrolment:
    run = CourseRun.objects.select_for_update().select_related("course").get(pk=run.pk)
    _check_can_enrol(person, run, timezone.localdate())
    if _taken(run) < run.capacity:
        status = Enrolment.Status.ENROLLED
    elif waitlist:
        status = Enrolment.Status.WAITLISTED
    else:
        raise ApplicationError(
            _("All %(capacity)s places are taken. You can join the waiting list.")
            % {"capacity": run.capacity},
            code="run_full",
        )
    enrolment = Enrolment.objects.create(run=run, person=person, status=status)
    if status == Enrolment.Status.ENROLLED:
        statement_record(person=person, verb="registered", run=run)
    notify(
        user=person,
        kind="training.enrolled" if status == Enrolment.Status.ENROLLED else "training.waitlisted",
        params={"course": run.course.title, "start": run.start_date.isoformat()},
        link=reverse("training:run", args=[run.pk]),
    )
    return enrolment


def waitlist_position(enrolment: Enrolment) -> int | None:
    """1 for the first person waiting; None when not waiting."""
    if enrolment.status != Enrolment.Status.WAITLISTED:
        return None
    earlier = Q(created_at__lt=enrolment.created_at) | Q(
        created_at=enrolment.created_at, id__lt=enrolment.pk
    )
    ahead = enrolment.run.enrolments.filter(earlier, status=Enrolment.Status.WAITLISTED).count()
    return ahead + 1


@transaction.atomic
def enrolment_cancel(*, actor: User, enrolment: Enrolment) -> Enrolment:
    """The learner gives up their place (before the run starts) or the provider removes them;
    a freed place goes to the first person on the waiting list."""
    run = CourseRun.objects.select_for_update().select_related("course").get(pk=enrolment.run_id)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.person_id == actor.pk:
        if run.start_date <= timezone.localdate() and enrolment.status != "waitlisted":
            raise ApplicationError(
                _("The run has started; ask the provider to remove you."), code="run_started"
            )
    else:
        selectors.require_run_staff(actor, run)
    if enrolment.status not in (Enrolment.Status.ENROLLED, Enrolment.Status.WAITLISTED):
        raise ApplicationError(
            _("Only a current enrolment can be cancelled."), code="invalid_transition"
        )
    freed = enrolment.status == Enrolment.Status.ENROLLED
    enrolment.status, enrolment.cancelled_at = Enrolment.Status.CANCELLED, timezone.now()
    enrolment.save(update_fields=["status", "cancelled_at"])
    # A place freed on a finished run is of no use to anyone waiting.
    if freed and run.phase_on(timezone.localdate()) in (RunPhase.ENROLLING, RunPhase.UNDER_WAY):
        _promote_first_waiting(run)
    if enrolment.person_id != actor.pk:
        audit_record(actor=actor, action=AuditAction.TRAINING_ENROLMENT_REMOVE, target=enrolment)
    return enrolment


def _promote_first_waiting(run: CourseRun) -> None:
    first = (
        run.enrolments.filter(status=Enrolment.Status.WAITLISTED)
        .select_related("person")
        .order_by("created_at", "id")
        .first()
    )
    if first is None or _taken(run) >= run.capacity:
        return
    first.status = Enrolment.Status.ENROLLED
    first.save(update_fields=["status"])
    statement_record(person=first.person, verb="registered", run=run)
    notify(
        user=first.person,
        kind="training.promoted",
        params={"course": run.course.title, "start": run.start_date.isoformat()},
        link=reverse("training:run", args=[run.pk]),
    )


@transaction.atomic
def notice_publish(
    *,
    actor: User,
    organisation: Organisation,
    title: str,
    body: str,
    district: District | None = None,
    run: CourseRun | None = None,
) -> Notice:
    """Publish a training notice (通知公告) in the name of an organisation the actor works for."""
    if not selectors.author_organisations(user=actor).filter(pk=organisation.pk).exists():
        raise PermissionDeniedError(
            _("You may publish notices only for a provider or office you work for.")
        )
    if (
        run is not None
        and organisation.kind == OrganisationKind.TRAINING_PROVIDER
        and run.provider_id != organisation.pk
    ):
        raise field_error("run", _("A provider's notice can announce only its own runs."))
    if run is not None and run.phase_on(timezone.localdate()) in (
        RunPhase.FINISHED,
        RunPhase.CANCELLED,
    ):
        raise field_error(
            "run",
            _("A notice cannot announce a run that has finished or was cancelled."),
            "run_closed",
        )
    title, body = title.strip(), body.strip()
    if not title:
        raise field_error("title", _("Give the notice a title."), "required")
    if len(title) > 150:
        raise field_error("title", _("A title has at most 150 characters."))
    if not body:
        raise field_error("body", _("Write the notice."), "required")
    if len(body) > 20000:
        raise field_error("body", _("A notice has at most 20,000 characters."))
    notice = Notice.objects.create(
        title=title,
        body=body,
        organisation=organisation,
        district=district or organisation.district,
        run=run,
        published_at=timezone.now(),
        created_by=actor,
    )
    audit_record(actor=actor, action=AuditAction.TRAINING_NOTICE_PUBLISH, target=notice)
    return notice
