"""Whose timeline a user may see, and as whom: the steps and links each viewer gets, in order,
with the gaps. The access check of the person's path lives here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import User
from zhijiang.accounts.selectors import is_city_officer, is_officer, people_for
from zhijiang.analytics.timeline.gaps import Gap, gaps_of
from zhijiang.analytics.timeline.sources import steps_of
from zhijiang.analytics.timeline.steps import PERSON, Audience, Step
from zhijiang.common.errors import NotFoundError
from zhijiang.jobs.models import Application
from zhijiang.jobs.selectors import employer_ids_of


@dataclass(frozen=True)
class Viewer:
    """Who is looking, and so which steps and links they get."""

    audiences: frozenset[str]
    employer_ids: frozenset[int] = frozenset()

    @property
    def audience(self) -> str:
        """The main audience: person, officer or employer."""
        for audience in (Audience.PERSON, Audience.OFFICER, Audience.EMPLOYER):
            if audience in self.audiences:
                return audience.value
        return ""

    @property
    def is_person(self) -> bool:
        return Audience.PERSON in self.audiences

    @property
    def is_employer(self) -> bool:
        return self.audiences == {Audience.EMPLOYER}

    @property
    def sees_contact(self) -> bool:
        """The masked phone and ID number: the person and officers, never an employer."""
        return not self.is_employer

    def sees(self, step: Step) -> bool:
        return not self.is_employer or step.employer_id in self.employer_ids

    def url_of(self, step: Step) -> str:
        """The first link of the step this viewer may follow; empty when none."""
        return next((link.url for link in step.links if link.audiences & self.audiences), "")


@dataclass(frozen=True)
class Entry:
    """A step as one viewer sees it: the step and the link they may follow."""

    step: Step
    url: str


@dataclass(frozen=True)
class Timeline:
    person: User
    viewer: Viewer
    entries: list[Entry]
    not_recorded: list[Entry]
    gaps: list[Gap]


def _viewer_for(user: User, person_id: int) -> tuple[User, Viewer]:
    """The person and how the user sees them: themselves, an officer of their area, or an
    employer they applied to. Anyone else is told the person does not exist (404)."""
    if person_id == user.pk:
        return user, Viewer(PERSON)
    if is_officer(user):
        person = people_for(user=user).filter(pk=person_id).first()
        if person is not None:
            city = {Audience.CITY_OFFICER} if is_city_officer(user) else set()
            return person, Viewer(frozenset({Audience.OFFICER, *city}))
    employers = employer_ids_of(user)
    if employers:
        applied = Application.objects.filter(position__employer_id__in=employers)
        person = User.objects.filter(pk=person_id, applications__in=applied).distinct().first()
        if person is not None:
            return person, Viewer(frozenset({Audience.EMPLOYER}), frozenset(employers))
    raise NotFoundError(_("No such person, or you may not see their path."))


def _order(step: Step) -> tuple[dt.datetime, int, dt.datetime, str]:
    """By the second, then by the place on the chain: records written in one request (a
    decision and its certificate, whose time is kept to the second) keep the chain's order."""
    assert step.at is not None
    return (step.at.replace(microsecond=0), step.stage, step.at, step.record)


def timeline_for(*, user: User, person_id: int, today: dt.date | None = None) -> Timeline:
    """The person's timeline as ``user`` may see it, oldest step first, with its gaps (404
    for a person the user may not see)."""
    person, viewer = _viewer_for(user, person_id)
    visible = [step for step in steps_of(person) if viewer.sees(step)]
    dated = sorted((step for step in visible if step.at is not None), key=_order)
    undated = sorted((step for step in visible if step.at is None), key=lambda s: s.stage)
    return Timeline(
        person=person,
        viewer=viewer,
        entries=[Entry(step, viewer.url_of(step)) for step in dated],
        not_recorded=[Entry(step, viewer.url_of(step)) for step in undated],
        gaps=gaps_of(dated, today=today or timezone.localdate()),
    )
