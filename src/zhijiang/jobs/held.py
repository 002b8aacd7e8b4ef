"""The certificates a person holds, as their job profile shows them: the platform's own
certificates (verified by their signature while they are valid) and the ones the person
declared (unverified until an officer checks them)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.urls import reverse

from zhijiang.accounts.models import User
from zhijiang.credentials.selectors import CertifiedLevel, certified_levels
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
    state: str = HeldCertificate.State.VERIFIED  # a HeldCertificate.State
    note: str = ""  # the officer's reason when a declared one is not confirmed


def profile_credentials(*, user: User) -> tuple[list[HeldView], list[SkillView]]:
    """The certificates the person holds and their skills with every source, reading their
    valid platform certificates once for both."""
    certified = certified_levels(person_ids=[user.pk]).get(user.pk, [])
    return certificates_held(user=user, certified=certified), skill_sources(
        user=user, certified=certified
    )


def certificates_held(*, user: User, certified: list[CertifiedLevel]) -> list[HeldView]:
    """The person's valid platform certificates (``certified``) first, then what they
    declared; highest level first within each."""
    occupations = Occupation.objects.in_bulk([c.occupation_id for c in certified])
    views = [
        HeldView(
            id=None,
            occupation=occupations[c.occupation_id],
            level=c.level,
            level_name=level_label(c.level, c.occupation_code),
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
            level_name=level_label(h.level, h.occupation.code),
            issuer=h.issuer,
            issued_on=h.issued_on,
            verified=h.verified,
            source="declared",
            url="",
            state=h.state,
            note=h.check_note,
        )
        for h in declared
    ]
    return views


def certificate_levels_display(levels: list[object]) -> list[str]:
    """Notifications keep a certificate's level as [occupation code, rank] (older ones: the
    rank alone); readers see its name on the occupation's ladder."""
    return [_level_display(level) for level in levels]


def _level_display(level: object) -> str:
    code, rank = (
        (level[0], level[1]) if isinstance(level, list) and len(level) == 2 else ("", level)
    )
    if not str(rank).isdigit():
        return str(rank)
    return level_label(int(str(rank)), str(code) or None)


@dataclass
class SkillView:
    """One skill on the profile with every source it came from; ``certificates`` are the ids
    of the valid certificates that attest it."""

    key: str
    label: str
    sources: list[str] = field(default_factory=list)
    certificates: list[str] = field(default_factory=list)

    @property
    def verified(self) -> bool:
        return bool(self.certificates) or PersonSkill.Source.ASSESSMENT in self.sources

    @property
    def source_labels(self) -> list[str]:
        return [str(PersonSkill.Source(source).label) for source in self.sources]


def skill_sources(*, user: User, certified: list[CertifiedLevel]) -> list[SkillView]:
    """The person's skills with every source, verified ones first; a skill counts as verified
    while a valid certificate attests it or an assessment recorded it."""
    attested: dict[str, list[str]] = {}
    for c in certified:
        for key in c.skill_keys:
            attested.setdefault(key, []).append(c.uuid)
    skills: dict[str, SkillView] = {}
    for row in PersonSkill.objects.filter(user=user).select_related("skill"):
        view = skills.setdefault(
            row.skill.key,
            SkillView(row.skill.key, row.skill.label, certificates=attested.get(row.skill.key, [])),
        )
        view.sources.append(row.source)
    return sorted(skills.values(), key=lambda v: (not v.verified, v.label))
