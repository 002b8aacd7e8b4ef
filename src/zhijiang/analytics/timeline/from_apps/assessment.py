"""Steps of the assessment and credentials apps: the theory test (fixed exam or adaptive
session), the practical task, the level decided, the certificate with its level named on the
occupation's ladder. Scores show only once the session is closed, as on the person's own
assessment page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from zhijiang.accounts.models import User
from zhijiang.analytics.timeline.sources import step_source
from zhijiang.analytics.timeline.steps import (
    CITY_OFFICERS,
    PERSON,
    PERSON_AND_OFFICERS,
    Stage,
    Step,
    StepKind,
    StepLink,
)
from zhijiang.assessment.models import PracticalScore, Registration
from zhijiang.assessment.practical import final_practical_score
from zhijiang.assessment.session_selectors import registrations_of_person, results_released
from zhijiang.assessment.sessions import PASS_MARK
from zhijiang.credentials.models import Certificate
from zhijiang.credentials.selectors import certificates_of
from zhijiang.occupations.levels import level_label


def _step(
    registration: Registration, *, kind: str, stage: int, label: str, at: dt.datetime, detail: str
) -> Step:
    record = f"assessment.registration:{registration.pk}"
    return Step(
        kind=kind,
        stage=stage,
        label=label,
        at=at,
        record=record,
        record_name=str(Registration._meta.verbose_name),
        detail=detail,
        thread=record,
        links=(
            StepLink(reverse("assessment:mine"), PERSON),
            StepLink(reverse("assessment:session", args=[registration.session_id]), CITY_OFFICERS),
        ),
    )


def _outcome(passed: bool | None, score: float | None, released: bool) -> str:
    if not released or score is None:
        return _("The result shows once the session is closed.")
    verdict = _("passed") if passed else _("not passed")
    return _("%(score)s of 100, %(verdict)s") % {"score": round(score, 1), "verdict": verdict}


def _theory(registration: Registration) -> Step | None:
    attempt = getattr(registration, "attempt", None)
    if attempt is None or attempt.submitted_at is None:
        return None
    session = registration.session
    return _step(
        registration,
        kind=StepKind.THEORY,
        stage=Stage.ASSESSED,
        label=_("Theory test (%(mode)s): %(session)s")
        % {"mode": session.get_mode_display(), "session": session.title},
        at=attempt.submitted_at,
        detail=_outcome(attempt.passed, attempt.score, results_released(session)),
    )


def _practical(registration: Registration) -> Step | None:
    scores = list(registration.practical_scores.all())
    final = final_practical_score([score.total for score in scores])
    if final is None:
        return None
    return _step(
        registration,
        kind=StepKind.PRACTICAL,
        stage=Stage.ASSESSED,
        label=_("Practical task marked: %(session)s") % {"session": registration.session.title},
        at=max(score.created_at for score in scores),
        detail=_outcome(final >= PASS_MARK, final, results_released(registration.session)),
    )


def _decided(registration: Registration) -> Step | None:
    decision = getattr(registration, "decision", None)
    if decision is None:
        return None
    level = level_label(decision.level, registration.session.bank.standard.occupation.code)
    label = _("Level reached: %(level)s") if decision.passed else _("Level not reached: %(level)s")
    return _step(
        registration,
        kind=StepKind.LEVEL_DECIDED,
        stage=Stage.DECIDED,
        label=label % {"level": level},
        at=decision.decided_at,
        detail=str(decision.get_review_display()) if decision.needs_review else "",
    )


@step_source("assessment.registrations")
def assessments(person: User) -> Iterator[Step]:
    scores = PracticalScore.objects.order_by("created_at", "id")
    registrations = registrations_of_person(user=person).prefetch_related(
        Prefetch("practical_scores", queryset=scores)
    )
    for registration in registrations:
        for step in (_theory(registration), _practical(registration), _decided(registration)):
            if step is not None:
                yield step


def _certified(certificate: Certificate) -> Step:
    level = level_label(certificate.level, certificate.occupation.code)
    details = [certificate.issuer.name]
    if certificate.revoked_at is not None:
        details.append(_("revoked on %(day)s") % {"day": certificate.revoked_at.date()})
    return Step(
        kind=StepKind.CERTIFIED,
        stage=Stage.CERTIFIED,
        label=_("Certified: %(occupation)s, %(level)s")
        % {"occupation": certificate.occupation.name, "level": level},
        at=certificate.issued_at,
        record=f"credentials.certificate:{certificate.pk}",
        record_name=str(Certificate._meta.verbose_name),
        detail=" · ".join(details),
        links=(
            StepLink(
                reverse("credentials:certificate", args=[certificate.uuid]), PERSON_AND_OFFICERS
            ),
        ),
    )


@step_source("credentials.certificates")
def certificates(person: User) -> Iterator[Step]:
    for certificate in certificates_of(user=person):
        yield _certified(certificate)
