"""Attendance, lesson completion and assessment results, and completion by the plan's rules.

A learner completes a run when they attended at least the run's share of the plan's hours and
passed every assessment point of the plan (each module's and the final one). Each record is
also written as an xAPI statement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import User
from zhijiang.common.errors import ApplicationError
from zhijiang.common.notifications import notify
from zhijiang.training import selectors
from zhijiang.training.models import CourseRun, Enrolment, ProgressRecord
from zhijiang.training.xapi import ASSESSMENT, COURSE, LESSON, statement_record

RECORDABLE = (Enrolment.Status.ENROLLED, Enrolment.Status.COMPLETED)


@dataclass(frozen=True)
class PlanItems:
    """What a run's plan asks a learner to do: lessons with their hours, assessment points."""

    lessons: dict[str, tuple[str, float]]  # key → (title, hours), in teaching order
    assessments: dict[str, str]  # key → title
    total_hours: float


def plan_items(run: CourseRun) -> PlanItems:
    plan = run.course.plan
    lessons = {
        lesson["key"]: (lesson["title"], float(lesson["theory_hours"] + lesson["practice_hours"]))
        for module in plan["modules"]
        for lesson in module["lessons"]
    }
    assessments = {item["key"]: item["title"] for item in plan["assessments"]}
    return PlanItems(lessons, assessments, float(plan["total_hours"]))


@dataclass(frozen=True)
class Completion:
    """Where a learner stands against the completion rules of their run."""

    attended_hours: float
    total_hours: float
    needed_share: float
    lessons_completed: int
    lessons_total: int
    assessments_passed: tuple[str, ...]
    assessments_missing: tuple[str, ...]

    @property
    def attended_share(self) -> float:
        return self.attended_hours / self.total_hours if self.total_hours else 0.0

    @property
    def hours_needed(self) -> float:
        return max(0.0, self.needed_share * self.total_hours - self.attended_hours)

    @property
    def complete(self) -> bool:
        return self.hours_needed <= 1e-9 and not self.assessments_missing


def completion_of(enrolment: Enrolment, records: list[ProgressRecord] | None = None) -> Completion:
    items = plan_items(enrolment.run)
    records = list(enrolment.progress.all()) if records is None else records
    attended = {r.key for r in records if r.kind == ProgressRecord.Kind.LESSON and r.attended}
    completed = {r.key for r in records if r.kind == ProgressRecord.Kind.LESSON and r.completed}
    passed = {r.key for r in records if r.kind == ProgressRecord.Kind.ASSESSMENT and r.passed}
    return Completion(
        attended_hours=sum(hours for key, (_t, hours) in items.lessons.items() if key in attended),
        total_hours=items.total_hours,
        needed_share=float(enrolment.run.attendance_share),
        lessons_completed=len(completed & items.lessons.keys()),
        lessons_total=len(items.lessons),
        assessments_passed=tuple(key for key in items.assessments if key in passed),
        assessments_missing=tuple(key for key in items.assessments if key not in passed),
    )


def _locked_enrolment(actor: User, enrolment: Enrolment) -> Enrolment:
    enrolment = (
        Enrolment.objects.select_for_update()
        .select_related("run", "run__course", "person")
        .get(pk=enrolment.pk)
    )
    selectors.require_run_staff(actor, enrolment.run)
    if enrolment.status not in RECORDABLE:
        raise ApplicationError(
            _("Progress is recorded only for enrolled learners."), code="not_enrolled"
        )
    return enrolment


def _complete_if_done(enrolment: Enrolment) -> None:
    if enrolment.status != Enrolment.Status.ENROLLED or not completion_of(enrolment).complete:
        return
    enrolment.status, enrolment.completed_at = Enrolment.Status.COMPLETED, timezone.now()
    enrolment.save(update_fields=["status", "completed_at"])
    run = enrolment.run
    statement_record(
        person=enrolment.person,
        verb="completed",
        run=run,
        kind=COURSE,
        result={"completion": True, "success": True},
    )
    notify(
        user=enrolment.person,
        kind="training.completed",
        params={"course": run.course.title, "provider": run.provider.name},
        link=reverse("training:my_enrolments"),
    )


@transaction.atomic
def lesson_record(
    *,
    actor: User,
    enrolment: Enrolment,
    lesson_key: str,
    attended: bool,
    completed: bool | None = None,
) -> ProgressRecord:
    """Record that a learner attended (or missed) a lesson, and whether they completed it."""
    enrolment = _locked_enrolment(actor, enrolment)
    items = plan_items(enrolment.run)
    if lesson_key not in items.lessons:
        raise ApplicationError(
            _("The course has no lesson %(key)s.") % {"key": lesson_key},
            code="unknown_lesson",
            fields={"lesson_key": _("Unknown lesson.")},
        )
    record, created = ProgressRecord.objects.get_or_create(
        enrolment=enrolment,
        key=lesson_key,
        defaults={"kind": ProgressRecord.Kind.LESSON, "recorded_by": actor},
    )
    newly_attended = attended and (created or not record.attended)
    record.attended = attended
    record.completed = attended if completed is None else completed
    record.recorded_by = actor
    record.save()
    title, hours = items.lessons[lesson_key]
    if newly_attended:
        statement_record(
            person=enrolment.person,
            verb="attended",
            run=enrolment.run,
            key=lesson_key,
            kind=LESSON,
            name=title,
            result={"duration": _iso_hours(hours)},
        )
    _complete_if_done(enrolment)
    return record


def _iso_hours(hours: float) -> str:
    minutes = round(hours * 60)
    return f"PT{minutes // 60}H{minutes % 60}M"


@transaction.atomic
def assessment_record(
    *, actor: User, enrolment: Enrolment, key: str, passed: bool, score: int | None = None
) -> ProgressRecord:
    """Record the result of one of the plan's assessment points."""
    enrolment = _locked_enrolment(actor, enrolment)
    items = plan_items(enrolment.run)
    if key not in items.assessments:
        raise ApplicationError(
            _("The course has no assessment point %(key)s.") % {"key": key},
            code="unknown_assessment",
            fields={"key": _("Unknown assessment point.")},
        )
    if score is not None and not 0 <= score <= 100:
        raise ApplicationError(
            _("A score runs from 0 to 100."), fields={"score": _("From 0 to 100.")}
        )
    record = ProgressRecord.objects.update_or_create(
        enrolment=enrolment,
        key=key,
        defaults={
            "kind": ProgressRecord.Kind.ASSESSMENT,
            "passed": passed,
            "score": score,
            "recorded_by": actor,
        },
    )[0]
    result: dict[str, Any] = {"success": passed}
    if score is not None:
        result["score"] = {"raw": score, "min": 0, "max": 100, "scaled": score / 100}
    statement_record(
        person=enrolment.person,
        verb="passed" if passed else "failed",
        run=enrolment.run,
        key=key,
        kind=ASSESSMENT,
        name=items.assessments[key],
        result=result,
    )
    _complete_if_done(enrolment)
    return record


def attendance_sheet(*, actor: User, run: CourseRun, lesson_key: str, present: set[int]) -> int:
    """Record one lesson's attendance for the whole roster at once: the enrolments in
    ``present`` attended, the others did not. Returns how many attended."""
    selectors.require_run_staff(actor, run)
    if lesson_key not in plan_items(run).lessons:
        raise ApplicationError(
            _("The course has no lesson %(key)s.") % {"key": lesson_key},
            code="unknown_lesson",
            fields={"lesson_key": _("Unknown lesson.")},
        )
    with transaction.atomic():
        enrolled = list(run.enrolments.filter(status__in=RECORDABLE))
        unknown = present - {e.pk for e in enrolled}
        if unknown:
            raise ApplicationError(
                _("Some of the learners marked present are not enrolled on this run."),
                code="not_enrolled",
            )
        for enrolment in enrolled:
            lesson_record(
                actor=actor,
                enrolment=enrolment,
                lesson_key=lesson_key,
                attended=enrolment.pk in present,
            )
    return len(present)
