"""Steps of the training app: enrolled (noting a run that takes training vouchers), attended,
completed, cancelled."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from zhijiang.accounts.models import User
from zhijiang.analytics.timeline.sources import step_source
from zhijiang.analytics.timeline.steps import (
    PERSON,
    PERSON_AND_OFFICERS,
    Stage,
    Step,
    StepKind,
    StepLink,
)
from zhijiang.training.models import Enrolment, ProgressRecord
from zhijiang.training.progress import plan_items
from zhijiang.training.selectors import enrolments_of

RECORD_NAME = Enrolment._meta.verbose_name


def _links(enrolment: Enrolment) -> tuple[StepLink, ...]:
    return (
        StepLink(reverse("training:my_enrolments"), PERSON),
        StepLink(reverse("training:run", args=[enrolment.run_id]), PERSON_AND_OFFICERS),
    )


def _step(
    enrolment: Enrolment,
    *,
    kind: str,
    stage: int,
    label: str,
    at: dt.datetime,
    detail: str = "",
    until: dt.date | None = None,
) -> Step:
    record = f"training.enrolment:{enrolment.pk}"
    return Step(
        kind=kind,
        stage=stage,
        label=label,
        at=at,
        record=record,
        record_name=str(RECORD_NAME),
        detail=detail,
        links=_links(enrolment),
        thread=record,
        until=until,
    )


def _enrolled(enrolment: Enrolment) -> Step:
    run = enrolment.run
    dates = _("%(start)s to %(end)s") % {"start": run.start_date, "end": run.end_date}
    details = [run.provider.name, dates]
    if run.voucher_eligible:
        details.append(_("voucher: the run takes training vouchers"))
    if enrolment.status == Enrolment.Status.WAITLISTED:
        details.append(_("on the waiting list"))
    return _step(
        enrolment,
        kind=StepKind.ENROLLED,
        stage=Stage.ENROLLED,
        label=_("Enrolled: %(course)s") % {"course": run.course.title},
        at=enrolment.created_at,
        detail=" · ".join(str(part) for part in details),
        until=run.end_date if enrolment.status == Enrolment.Status.ENROLLED else None,
    )


def _attended(enrolment: Enrolment) -> Step | None:
    attended = [record for record in enrolment.progress.all() if record.attended]
    if not attended:
        return None
    lessons = len(plan_items(enrolment.run).lessons)
    return _step(
        enrolment,
        kind=StepKind.ATTENDED,
        stage=Stage.ATTENDED,
        label=_("Attended %(count)s of %(total)s lessons: %(course)s")
        % {"count": len(attended), "total": lessons, "course": enrolment.run.course.title},
        at=min(record.recorded_at for record in attended),
    )


def _ended(enrolment: Enrolment) -> Step | None:
    course = enrolment.run.course.title
    if enrolment.completed_at is not None:
        kind, stage, at = StepKind.COMPLETED, Stage.COMPLETED, enrolment.completed_at
        label = _("Completed: %(course)s") % {"course": course}
    elif enrolment.cancelled_at is not None:
        kind, stage, at = StepKind.ENROLMENT_CANCELLED, Stage.COMPLETED, enrolment.cancelled_at
        label = _("Enrolment cancelled: %(course)s") % {"course": course}
    else:
        return None
    return _step(enrolment, kind=kind, stage=stage, label=label, at=at)


@step_source("training.enrolments")
def enrolments(person: User) -> Iterator[Step]:
    lessons = ProgressRecord.objects.filter(kind=ProgressRecord.Kind.LESSON)
    for enrolment in enrolments_of(person=person).prefetch_related(
        Prefetch("progress", queryset=lessons)
    ):
        yield _enrolled(enrolment)
        for step in (_attended(enrolment), _ended(enrolment)):
            if step is not None:
                yield step
