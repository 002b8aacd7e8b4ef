"""Where a person's path stalls, computed from their steps alone (no query), each rule with
its threshold in days (docs/analytics.md, "The person's path")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from zhijiang.analytics.timeline.steps import ASSESSMENT_KINDS, Step, StepKind, StepState

NOT_ASSESSED_AFTER_DAYS = 60  # a course completed, and no assessment since
NOT_COMPLETED_AFTER_DAYS = 30  # a run ended, and the enrolment neither completed nor cancelled
NO_APPLICATION_AFTER_DAYS = 30  # a certificate issued, and no application since
NO_ANSWER_AFTER_DAYS = 30  # an application sent, and the employer has not moved it
CHECK_UNANSWERED_AFTER_DAYS = 14  # a follow-up at 3 or 6 months due, and not answered
DAYS_SHOWN_AS_DAYS = 60  # longer ago is said in months (of 30 days)


class GapKind(models.TextChoices):
    NOT_ASSESSED = "not_assessed", _("Completed, not yet assessed")
    NOT_COMPLETED = "not_completed", _("Course over, not completed")
    NO_APPLICATION = "no_application", _("Certified, no application yet")
    NO_ANSWER = "no_answer", _("Applied, no answer")
    CHECK_UNANSWERED = "check_unanswered", _("Employment check not answered")


MESSAGES = {
    GapKind.NOT_ASSESSED: _("Completed a course %(ago)s, not yet assessed."),
    GapKind.NOT_COMPLETED: _("The course ended %(ago)s and is not completed."),
    GapKind.NO_APPLICATION: _("Certified %(ago)s, no application yet."),
    GapKind.NO_ANSWER: _("Applied %(ago)s, no answer from the employer."),
    GapKind.CHECK_UNANSWERED: _("The employment check was due %(ago)s and is not answered."),
}


@dataclass(frozen=True)
class Gap:
    """A stall on the path: since when, and the step it follows."""

    kind: str
    since: dt.date
    days: int
    step: Step

    @property
    def message(self) -> str:
        return str(MESSAGES[GapKind(self.kind)]) % {"ago": ago(self.days)}


def ago(days: int) -> str:
    """How long ago, in the reader's words: days up to two months, then months."""
    if days < DAYS_SHOWN_AS_DAYS:
        return ngettext("%(count)d day ago", "%(count)d days ago", days) % {"count": days}
    months = days // 30
    return ngettext("%(count)d month ago", "%(count)d months ago", months) % {"count": months}


def _day(step: Step) -> dt.date:
    assert step.at is not None
    return timezone.localdate(step.at)


def _gap(kind: GapKind, step: Step, since: dt.date, today: dt.date, threshold: int) -> Gap | None:
    days = (today - since).days
    return Gap(kind, since, days, step) if days >= threshold else None


def _latest(steps: list[Step], kinds: Collection[str]) -> Step | None:
    found = [step for step in steps if step.kind in kinds]
    return found[-1] if found else None


def _nothing_since(steps: list[Step], after: Step, kinds: Collection[str]) -> bool:
    assert after.at is not None
    return not any(s.kind in kinds and s.at is not None and s.at >= after.at for s in steps)


def _not_assessed(steps: list[Step], today: dt.date) -> Iterator[Gap | None]:
    completed = _latest(steps, {StepKind.COMPLETED})
    later = {*ASSESSMENT_KINDS, StepKind.CERTIFIED}
    if completed is not None and _nothing_since(steps, completed, later):
        yield _gap(GapKind.NOT_ASSESSED, completed, _day(completed), today, NOT_ASSESSED_AFTER_DAYS)


def _not_completed(steps: list[Step], today: dt.date) -> Iterator[Gap | None]:
    for step in steps:
        if step.kind == StepKind.ENROLLED and step.until is not None:
            yield _gap(GapKind.NOT_COMPLETED, step, step.until, today, NOT_COMPLETED_AFTER_DAYS)


def _no_application(steps: list[Step], today: dt.date) -> Iterator[Gap | None]:
    certified = _latest(steps, {StepKind.CERTIFIED})
    if certified is not None and _nothing_since(steps, certified, {StepKind.APPLIED}):
        day = _day(certified)
        yield _gap(GapKind.NO_APPLICATION, certified, day, today, NO_APPLICATION_AFTER_DAYS)


def _no_answer(steps: list[Step], today: dt.date) -> Iterator[Gap | None]:
    moved = {step.thread for step in steps if step.kind != StepKind.APPLIED}
    for step in steps:
        if step.kind == StepKind.APPLIED and step.thread not in moved:
            yield _gap(GapKind.NO_ANSWER, step, _day(step), today, NO_ANSWER_AFTER_DAYS)


def _check_unanswered(steps: list[Step], today: dt.date) -> Iterator[Gap | None]:
    for step in steps:
        if step.state == StepState.DUE and step.until is not None:
            kind, threshold = GapKind.CHECK_UNANSWERED, CHECK_UNANSWERED_AFTER_DAYS
            yield _gap(kind, step, step.until, today, threshold)


GAP_RULES: list[Callable[[list[Step], dt.date], Iterator[Gap | None]]] = [
    _not_completed,
    _not_assessed,
    _no_application,
    _no_answer,
    _check_unanswered,
]


def gaps_of(steps: list[Step], *, today: dt.date) -> list[Gap]:
    """The gaps of these dated steps (oldest first) on ``today``, the oldest gap first."""
    found = [gap for rule in GAP_RULES for gap in rule(steps, today) if gap is not None]
    return sorted(found, key=lambda gap: gap.since)
