"""What a step of a person's path is: its kind, its place on the chain, its record and links,
and who may follow each link. Step sources build these; nothing here reads the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import IntEnum

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Stage(IntEnum):
    """Where a kind of step sits on the chain: orders steps of the same moment, and places
    steps without a date. Apps that land later take the reserved numbers (reach, voucher,
    AI interview) or numbers of their own between these."""

    REACHED = 10
    SIGNED_UP = 20
    PLANNED = 30
    VOUCHER = 40
    ENROLLED = 50
    ATTENDED = 55
    COMPLETED = 60
    ASSESSED = 70
    DECIDED = 75
    CERTIFIED = 80
    PUSHED = 90
    INVITED = 92
    APPLIED = 100
    SHORTLISTED = 105
    INTERVIEWED = 110
    AI_INTERVIEWED = 111
    OFFERED = 115
    HIRED = 120
    ENDED = 125
    EMPLOYED = 130


class StepKind(models.TextChoices):
    """The kinds of step the apps of today record (a source may add kinds of its own)."""

    SIGNED_UP = "signed_up", _("Signed up")
    CAREER_PLAN = "career_plan", _("Career plan")
    ENROLLED = "enrolled", _("Enrolled")
    ENROLMENT_CANCELLED = "enrolment_cancelled", _("Enrolment cancelled")
    ATTENDED = "attended", _("Attended")
    COMPLETED = "completed", _("Completed a course")
    THEORY = "theory", _("Theory test")
    PRACTICAL = "practical", _("Practical task")
    LEVEL_DECIDED = "level_decided", _("Level decided")
    CERTIFIED = "certified", _("Certified")
    PUSHED = "pushed", _("Position pushed")
    INVITED = "invited", _("Invited to apply")
    APPLIED = "applied", _("Applied")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    INTERVIEWED = "interviewed", _("Interview")
    OFFERED = "offered", _("Offer")
    REJECTED = "rejected", _("Not taken further")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    HIRED = "hired", _("Hired")
    EMPLOYED = "employed", _("Employment check")


ASSESSMENT_KINDS = frozenset({StepKind.THEORY, StepKind.PRACTICAL, StepKind.LEVEL_DECIDED})


class StepState(models.TextChoices):
    DONE = "done", pgettext_lazy("timeline step", "Done")
    DUE = "due", pgettext_lazy("timeline step", "Due, not answered yet")
    NOT_RECORDED = "not_recorded", pgettext_lazy("timeline step", "Not recorded yet")


class Audience(models.TextChoices):
    """Who looks at a timeline; a step's link names the audiences that may follow it."""

    PERSON = "person"
    OFFICER = "officer"
    CITY_OFFICER = "city_officer"  # a bureau officer (or the administrator): the whole city
    EMPLOYER = "employer"


PERSON = frozenset({Audience.PERSON})
OFFICERS = frozenset({Audience.OFFICER})
CITY_OFFICERS = frozenset({Audience.CITY_OFFICER})
PERSON_AND_OFFICERS = frozenset({Audience.PERSON, Audience.OFFICER})
EMPLOYERS = frozenset({Audience.EMPLOYER})
EVERYONE = frozenset(Audience.values)


@dataclass(frozen=True)
class StepLink:
    """A page of the step's record, and who may open it."""

    url: str
    audiences: frozenset[str]


@dataclass(frozen=True)
class Step:
    """One thing an app recorded about the person.

    ``record`` names the row it comes from (``app.model:id``) and ``record_name`` says what
    that row is in words; ``thread`` groups the steps of one record (an application and its
    moves) for the gap rules; ``employer_id`` is the employer whose position the step is
    about (employers see only those); ``until`` is the day the record is expected to move
    on by (a run's last day, a check's due date)."""

    kind: str
    stage: int
    label: str
    at: dt.datetime | None
    record: str
    record_name: str
    detail: str = ""
    state: str = StepState.DONE
    links: tuple[StepLink, ...] = ()
    thread: str = ""
    employer_id: int | None = None
    until: dt.date | None = None

    @property
    def state_label(self) -> str:
        return str(StepState(self.state).label) if self.state in StepState.values else self.state

    @property
    def record_id(self) -> str:
        """The id of the record the step comes from (after ``app.model:``)."""
        return self.record.rpartition(":")[2]


def day_start(day: dt.date) -> dt.datetime:
    """A day as the aware moment it begins, for records that keep only a date."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
