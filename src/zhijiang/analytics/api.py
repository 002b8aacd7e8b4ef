"""API endpoints of the analytics app: the quality review of generated content (officers),
and a person's path (the person, officers of their area, employers they applied to)."""

from __future__ import annotations

import secrets
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from zhijiang.analytics import selectors, services
from zhijiang.analytics.models import ContentKind
from zhijiang.analytics.quality.units import ContentUnit
from zhijiang.analytics.schemas import RatesOut, SampleOut, TimelineOut, VerdictIn, VerdictOut
from zhijiang.analytics.selectors import MAX_SAMPLE, MAX_SEED, RateRow
from zhijiang.analytics.timeline.build import Entry, Timeline, timeline_for
from zhijiang.common.params import Int64
from zhijiang.common.requests import signed_in_user
from zhijiang.occupations.selectors import occupation_by_code

router = Router(tags=["analytics"])


class SampleQuery(Schema):
    kind: ContentKind = ContentKind.ITEM
    occupation: str = Field("", description="CSCO-2022 code; empty: all occupations")
    size: int = Field(20, ge=1, le=MAX_SAMPLE)
    seed: int | None = Field(None, ge=0, le=MAX_SEED, description="Empty: a new sample")


def _unit(unit: ContentUnit) -> dict[str, Any]:
    return {
        "kind": unit.kind,
        "object_id": unit.object_id,
        "path": unit.path,
        "occupation": unit.occupation.code,
        "occupation_name": unit.occupation.name,
        "level": unit.level,
        "generator": unit.generator,
        "context": unit.context,
        "text": unit.text,
    }


@router.get("/quality/sample", response=SampleOut)
def quality_sample(request: HttpRequest, filters: Query[SampleQuery]) -> Any:
    """Units of generated content to judge: seeded (send the returned seed again for the
    same sample), spread over occupations, without those you already judged."""
    user = signed_in_user(request)
    selectors.require_reviewer(user)
    occupation = occupation_by_code(filters.occupation) if filters.occupation else None
    seed = secrets.randbelow(1_000_000) if filters.seed is None else filters.seed
    units = selectors.quality_sample(
        user=user, kind=filters.kind, occupation=occupation, size=filters.size, seed=seed
    )
    return {
        "kind": filters.kind,
        "occupation": occupation.code if occupation else None,
        "seed": seed,
        "units": [_unit(unit) for unit in units],
    }


@router.post("/quality/verdicts", response={200: VerdictOut, 201: VerdictOut})
def quality_verdict(request: HttpRequest, payload: VerdictIn) -> Any:
    """Accept or flag one unit (a flag needs a reason; the reason "other" a note). 201: a
    new verdict; 200: your earlier verdict on the unit, replaced."""
    review, created = services.content_review_record(
        reviewer=signed_in_user(request),
        kind=payload.kind,
        object_id=payload.object_id,
        path=payload.path,
        verdict=payload.verdict,
        reason=payload.reason or "",
        note=payload.note,
    )
    return Status(201 if created else 200, review)


def _rate(row: RateRow) -> dict[str, Any]:
    return {
        "kind": row.kind,
        "generator": row.generator,
        "occupation": row.occupation_code or None,
        "judged": row.judged,
        "accepted": row.accepted,
        "flagged": row.flagged,
        "rate": round(row.rate, 4),
        "reasons": {reason: count for reason, count in row.reasons.items() if count},
    }


@router.get("/quality/rates", response=RatesOut)
def quality_rates(request: HttpRequest, kind: ContentKind | None = None) -> Any:
    """Accepted / judged per kind and generator version, and per occupation (of one kind, or
    all), over every officer's verdicts."""
    rates = selectors.acceptance_rates(user=signed_in_user(request), kind=kind or "")
    return {
        "by_generator": [_rate(row) for row in rates.by_generator],
        "by_occupation": [_rate(row) for row in rates.by_occupation],
    }


def _step(entry: Entry) -> dict[str, Any]:
    step = entry.step
    return {
        "kind": step.kind,
        "stage": step.stage,
        "label": step.label,
        "detail": step.detail,
        "at": step.at,
        "state": step.state,
        "record": step.record,
        "record_name": step.record_name,
        "url": entry.url,
    }


def _person(timeline: Timeline) -> dict[str, Any]:
    person = timeline.person
    contact = timeline.viewer.sees_contact
    return {
        "id": person.pk,
        "name": person.full_name or person.username,
        "district": person.district.code if person.district is not None else None,
        "phone": person.masked_phone if contact else "",
        "id_number": person.id_number_masked if contact else "",
    }


@router.get("/people/{person_id}/timeline", response=TimelineOut)
def person_timeline(request: HttpRequest, person_id: Int64) -> Any:
    """A person's path, oldest step first, with the gaps where it stalls: for the person,
    officers of their area (phone and ID number masked), and employers they applied to
    (only the steps about the employer's own positions). Anyone else: 404."""
    timeline = timeline_for(user=signed_in_user(request), person_id=person_id)
    return {
        "person": _person(timeline),
        "viewer": timeline.viewer.audience,
        "steps": [_step(entry) for entry in timeline.entries],
        "not_recorded": [_step(entry) for entry in timeline.not_recorded],
        "gaps": [
            {
                "kind": gap.kind,
                "message": gap.message,
                "since": gap.since,
                "days": gap.days,
                "record": gap.step.record,
            }
            for gap in timeline.gaps
        ],
    }
