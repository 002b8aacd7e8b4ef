"""Steps of the accounts and careers apps: signed up, career plan, positions pushed."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _

from zhijiang.accounts.models import User
from zhijiang.analytics.timeline.sources import step_source
from zhijiang.analytics.timeline.steps import (
    OFFICERS,
    PERSON,
    PERSON_AND_OFFICERS,
    Stage,
    Step,
    StepKind,
    StepLink,
    StepState,
)
from zhijiang.careers.models import MatchPush


@step_source("accounts.signed_up")
def signed_up(person: User) -> Iterator[Step]:
    yield Step(
        kind=StepKind.SIGNED_UP,
        stage=Stage.SIGNED_UP,
        label=_("Signed up"),
        at=person.date_joined,
        record=f"accounts.user:{person.pk}",
        record_name=str(User._meta.verbose_name),
        detail=str(person.district or ""),
        links=(
            StepLink(reverse("accounts:profile"), PERSON),
            StepLink(reverse("accounts:person_detail", args=[person.pk]), OFFICERS),
        ),
    )


@step_source("careers.plan")
def career_plan(person: User) -> Iterator[Step]:
    """The career plan is computed each time the person opens it and is not stored, so it
    has no date: the step says so (a stored plan, in careers, would date it)."""
    yield Step(
        kind=StepKind.CAREER_PLAN,
        stage=Stage.PLANNED,
        label=_("Career plan"),
        at=None,
        record="",
        record_name="",
        detail=_(
            "The plan is worked out each time it is opened and is not stored; a record of "
            "the plans made (careers app) would date this step."
        ),
        state=StepState.NOT_RECORDED,
        links=(StepLink(reverse("careers:plan"), PERSON),),
    )


@step_source("careers.pushes")
def positions_pushed(person: User) -> Iterator[Step]:
    pushes = MatchPush.objects.filter(user=person).select_related("position__employer")
    for push in pushes:
        position = push.position
        yield Step(
            kind=StepKind.PUSHED,
            stage=Stage.PUSHED,
            label=_("Position pushed: %(position)s, %(employer)s")
            % {"position": position.title, "employer": position.employer.name},
            at=push.created_at,
            record=f"careers.matchpush:{push.pk}",
            record_name=str(MatchPush._meta.verbose_name),
            detail=_("Match %(score)s%%") % {"score": round(push.score * 100)},
            links=(StepLink(reverse("jobs:position", args=[position.pk]), PERSON_AND_OFFICERS),),
        )
