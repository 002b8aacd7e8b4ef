"""The certificates a person holds, as their job profile shows them: the platform's own
certificates (verified by their signature while they are valid) and the ones the person
declared (unverified until an officer checks them)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse

from zhijiang.accounts.models import User
from zhijiang.credentials.selectors import certified_levels
from zhijiang.jobs.models import HeldCertificate
from zhijiang.occupations.levels import level_label
from zhijiang.occupations.models import Occupation, PersonSkill


@dataclass(frozen=True)
class HeldView:
    """One certificate on the profile; ``id`` is the declared row's id (None for the
    platform's, which are managed in the credentials app and linked by ``url``)."""

    id: int | None
    occupation: Occupation
    level: int
    level_name: str
    issuer: str
    issued_on: datetime.date | None
    verified: bool
    source: str  # "platform" or "declared"
    url: str


def certificates_held(*, user: User) -> list[HeldView]:
    """The person's valid platform certificates first, then what they declared; highest
    level first within each."""
    certified = certified_levels(person_ids=[user.pk]).get(user.pk, [])
    occupations = Occupation.objects.in_bulk([c.occupation_id for c in certified])
    views = [
        HeldView(
            id=None,
            occupation=occupations[c.occupation_id],
            level=c.level,
            level_name=level_label(c.level),
            issuer=c.issuer,
            issued_on=c.issued_on,
            verified=True,
            source="platform",
            url=reverse("credentials:certificate", args=[c.uuid]),
        )
        for c in certified
    ]
    declared = HeldCertificate.objects.filter(user=user).select_related("occupation")
    views += [
        HeldView(
            id=h.pk,
            occupation=h.occupation,
            level=h.level,
            level_name=level_label(h.level),
            issuer=h.issuer,
            issued_on=h.issued_on,
            verified=h.verified,
            source="declared",
            url="",
        )
        for h in declared
    ]
    return views


def skill_sources(*, user: User) -> list[dict[str, object]]:
    """The person's skills with every source, verified ones first; a skill counts as verified
    while a valid certificate attests it or an assessment recorded it."""
    certified = certified_levels(person_ids=[user.pk]).get(user.pk, [])
    attested: dict[str, list[str]] = {}
    for c in certified:
        for key in c.skill_keys:
            attested.setdefault(key, []).append(c.uuid)
    skills: dict[str, dict[str, object]] = {}
    for row in PersonSkill.objects.filter(user=user).select_related("skill"):
        entry = skills.setdefault(
            row.skill.key,
            {"key": row.skill.key, "label": row.skill.label, "sources": [], "certificates": []},
        )
        sources = entry["sources"]
        assert isinstance(sources, list)
        sources.append(row.source)
        entry["certificates"] = attested.get(row.skill.key, [])
    for entry in skills.values():
        sources = entry["sources"]
        assert isinstance(sources, list)
        entry["verified"] = bool(entry["certificates"]) or PersonSkill.Source.ASSESSMENT in sources
        entry["source_labels"] = [str(PersonSkill.Source(s).label) for s in sources]
    return sorted(skills.values(), key=lambda e: (not e["verified"], str(e["label"])))
