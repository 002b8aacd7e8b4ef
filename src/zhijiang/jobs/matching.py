"""The jobs app's side of the matcher: people and positions as the engine sees them, the index
of open positions, and matches as the pages and the API show them.

The engine (``zhijiang_engine.match``) never sees a protected trait: ``seekers_of`` reads only
skills, occupations, the stated text, education, experience, pay, districts and certificates.
"""

from __future__ import annotations

import datetime
import threading
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db.models import Count, Max, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import ConsentPurpose, Role, User
from zhijiang.jobs.models import (
    Application,
    Education,
    HeldCertificate,
    Position,
    PositionSkill,
    SeekerProfile,
    WorkExperience,
)
from zhijiang.jobs.profiles import experience_years
from zhijiang.jobs.selectors import is_seeker, profile_of
from zhijiang.occupations.models import PersonSkill, Skill
from zhijiang_engine.match import JobIndex, SeekerIndex, explain
from zhijiang_engine.match.model import (
    Certificate,
    Explanation,
    Job,
    Match,
    Seeker,
    SkillClaim,
    SkillRequirement,
)

VERIFIED_SOURCES = {PersonSkill.Source.CERTIFICATE, PersonSkill.Source.ASSESSMENT}
LADDER = "ladder"  # the certificate id the engine compares for a position's required level

FACTOR_LABELS = {
    "skills": _("Skills"),
    "level": _("Skill level"),
    "occupation": _("Occupation"),
    "occupation_skills": _("Skills of the occupation"),
    "text": _("Wording of CV and description"),
    "education": _("Education"),
    "experience": _("Experience"),
    "pay": _("Pay"),
    "district": _("District"),
}


def _education_rank(value: str) -> int:
    # The engine counts 1 = primary school; our lowest level is junior secondary.
    rank = Education.rank(value)
    return rank + 1 if rank else 0


def seekers_of(users: Sequence[User], *, today: datetime.date | None = None) -> list[Seeker]:
    """People as the matcher sees them: nothing about who they are, only what they offer.
    Reads each kind of record once for all the people."""
    today = today or timezone.localdate()
    ids = [user.pk for user in users]
    profiles = {
        p.user_id: p
        for p in SeekerProfile.objects.filter(user_id__in=ids).prefetch_related(
            "preferred_districts", "preferred_occupations"
        )
    }
    jobs: dict[int, list[WorkExperience]] = defaultdict(list)
    for job in WorkExperience.objects.filter(user_id__in=ids).select_related("occupation"):
        jobs[job.user_id].append(job)
    levels = dict(
        HeldCertificate.objects.filter(user_id__in=ids)
        .values("user_id")
        .annotate(top=Max("level"))
        .values_list("user_id", "top")
    )
    skills: dict[int, list[tuple[str, str]]] = defaultdict(list)
    rows = PersonSkill.objects.filter(user_id__in=ids)
    for user_id, key, source in rows.values_list("user_id", "skill__key", "source"):
        skills[user_id].append((key, source))
    return [
        _seeker(
            user.pk,
            profiles.get(user.pk),
            jobs[user.pk],
            levels.get(user.pk, 0),
            skills[user.pk],
            today,
        )
        for user in users
    ]


def seeker_of(user: User, *, today: datetime.date | None = None) -> Seeker:
    return seekers_of([user], today=today)[0]


def _seeker(
    user_id: int,
    profile: SeekerProfile | None,
    jobs: list[WorkExperience],
    level: int,
    skills: list[tuple[str, str]],
    today: datetime.date,
) -> Seeker:
    claims: dict[str, SkillClaim] = {}
    for key, source in skills:
        verified = source in VERIFIED_SOURCES or (key in claims and claims[key].verified)
        claims[key] = SkillClaim(key, level=level, verified=verified)
    preferred = list(profile.preferred_occupations.all()) if profile else []
    occupations = [j.occupation.code for j in jobs if j.occupation is not None]
    occupations += [o.code for o in preferred]
    stated = [profile.summary, profile.major] if profile else []
    text = "\n".join(
        stated + [f"{j.title} {j.description}" for j in jobs] + [o.name for o in preferred]
    )
    return Seeker(
        id=str(user_id),
        skills=tuple(claims.values()),
        occupations=tuple(dict.fromkeys(occupations)),
        text=text,
        education=_education_rank(profile.education) if profile else 0,
        experience_years=experience_years(jobs, today=today),
        pay_min=float(profile.pay_min) if profile and profile.pay_min else None,
        districts=tuple(d.code for d in profile.preferred_districts.all()) if profile else (),
        certificates=(Certificate(LADDER, level),) if level else (),
    )


def job_of(position: Position) -> Job:
    links = list(position.skill_links.all())
    level = position.level_min or 0
    return Job(
        id=str(position.pk),
        title=position.title,
        description=position.description,
        occupation=position.occupation.code if position.occupation is not None else "",
        skills=tuple(
            SkillRequirement(link.skill.key, required=link.required, level=level) for link in links
        ),
        education_min=_education_rank(position.education_min),
        education_hard=position.education_is_hard,
        experience_min=float(position.experience_years),
        pay_min=float(position.pay_min),
        pay_max=float(position.pay_max),
        district=position.district.code,
        certificates=(Certificate(LADDER, level),) if position.level_is_hard and level else (),
    )


def _open_positions() -> QuerySet[Position]:
    return (
        Position.objects.filter(status=Position.Status.OPEN, employer__is_active=True)
        .select_related("employer", "occupation", "district")
        .prefetch_related(Prefetch("skill_links", PositionSkill.objects.select_related("skill")))
        .order_by("pk")
    )


class _IndexCache:
    """The index of open positions, rebuilt when a position opens, closes or changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[Any, ...] | None = None
        self._value: tuple[JobIndex, dict[str, Position]] | None = None

    def get(self) -> tuple[JobIndex, dict[str, Position]]:
        state = Position.objects.filter(status=Position.Status.OPEN).aggregate(
            n=Count("pk"), changed=Max("updated_at"), last=Max("pk")
        )
        key = (state["n"], state["changed"], state["last"])
        with self._lock:
            if self._value is None or key != self._key:
                positions = list(_open_positions())
                index = JobIndex.build([job_of(p) for p in positions])
                self._value = (index, {str(p.pk): p for p in positions})
                self._key = key
            return self._value


_cache = _IndexCache()


def index_of_open_positions() -> tuple[JobIndex, dict[str, Position]]:
    """The engine's index of every open position, and the positions by engine id."""
    return _cache.get()


def match_views(matches: list[Match] | list[Explanation]) -> list[dict[str, Any]]:
    """Matches as the pages and the API show them, skill labels looked up once for all."""
    keys = {key for match in matches for key in (*match.matched, *match.missing)}
    labels = {s.key: s.label for s in Skill.objects.filter(key__in=keys)} if keys else {}
    return [
        {
            "score": round(float(match.score), 4),
            "matched": list(match.matched),
            "missing": list(match.missing),
            "matched_labels": [labels.get(key, key) for key in match.matched],
            "missing_labels": [labels.get(key, key) for key in match.missing],
            "factors": [
                {
                    "name": f.name,
                    "label": str(FACTOR_LABELS.get(f.name, f.name)),
                    "value": round(f.value, 4),
                    "weight": round(f.weight, 4),
                    "contribution": round(f.contribution, 4),
                }
                for f in match.factors
            ],
            "excluded_by": list(getattr(match, "excluded_by", ())),
        }
        for match in matches
    ]


def positions_for_person(
    *, person: User, limit: int = 20, today: datetime.date | None = None
) -> list[tuple[Position, dict[str, Any]]]:
    """Open positions ranked for a job seeker, best first, without the ones they applied to
    or that exclude them by a hard requirement."""
    index, positions = _cache.get()
    if not positions:
        return []
    applied = set(
        Application.objects.filter(applicant=person).values_list("position_id", flat=True)
    )
    seeker = seeker_of(person, today=today)
    ranked = index.top_jobs(seeker, k=min(len(positions), limit + len(applied)))
    kept = [m for m in ranked if int(m.job_id) not in applied and m.score > 0][:limit]
    return list(zip((positions[m.job_id] for m in kept), match_views(kept), strict=True))


def match_for(*, person: User, position: Position) -> dict[str, Any] | None:
    """The match of one person and one position (None for someone who is not a job seeker)."""
    if not is_seeker(person):
        return None
    index, _positions = _cache.get()
    explanation = explain(seeker_of(person), job_of(position), text_model=index.text_model)
    return match_views([explanation])[0]


def score_of(*, person: User, position: Position) -> float | None:
    found = match_for(person=person, position=position)
    return found["score"] if found else None


def _candidate_people(position: Position) -> QuerySet[User]:
    """Who an employer may see ranked: applicants to this position, and job seekers who let
    employers see their profile (consent) and are looking."""
    consented = User.objects.filter(
        memberships__role=Role.LEARNER,
        consents__purpose=ConsentPurpose.SHARE_WITH_EMPLOYERS,
        consents__withdrawn_at__isnull=True,
        anonymized_at__isnull=True,
    ).exclude(seeker_profile__availability="not_looking")
    applicants = User.objects.filter(applications__position=position)
    return (consented | applicants).distinct().select_related("district")


def candidates_for(*, position: Position, limit: int = 20) -> list[dict[str, Any]]:
    """People ranked for a position, with matched and missing skills."""
    people = {str(p.pk): p for p in _candidate_people(position)}
    if not people:
        return []
    index, _positions = _cache.get()
    seekers = seekers_of(list(people.values()))
    seeker_index = SeekerIndex.build(seekers, text_model=index.text_model)
    applications = dict(
        Application.objects.filter(position=position).values_list("applicant_id", "pk")
    )
    profiles = {
        p.user_id: p for p in SeekerProfile.objects.filter(user_id__in=[int(k) for k in people])
    }
    ranked = seeker_index.top_seekers(job_of(position), k=min(limit, len(people)))
    result = []
    for match, view in zip(ranked, match_views(ranked), strict=True):
        person = people[match.seeker_id]
        profile = profiles.get(person.pk)
        result.append(
            {
                "person_id": person.pk,
                "name": person.full_name or person.username,
                "district": person.district.label if person.district else None,
                "education": profile.get_education_display() if profile else "",
                "applied": person.pk in applications,
                "application_id": applications.get(person.pk),
                "match": view,
            }
        )
    return result


def profile_view(user: User) -> dict[str, Any]:
    """The job profile as the API returns it."""
    profile = profile_of(user)
    jobs = list(WorkExperience.objects.filter(user=user).select_related("occupation"))
    skills: dict[str, dict[str, Any]] = {}
    for person_skill in PersonSkill.objects.filter(user=user).select_related("skill"):
        entry = skills.setdefault(
            person_skill.skill.key,
            {"key": person_skill.skill.key, "label": person_skill.skill.label,
             "verified": False, "sources": []},
        )  # fmt: skip
        entry["sources"].append(person_skill.source)
        entry["verified"] = entry["verified"] or person_skill.source in VERIFIED_SOURCES
    return {
        "education": profile.education,
        "major": profile.major,
        "summary": profile.summary,
        "preferred_districts": list(profile.preferred_districts.values_list("code", flat=True)),
        "preferred_occupations": list(profile.preferred_occupations.values_list("code", flat=True)),
        "pay_min": profile.pay_min,
        "availability": profile.availability,
        "experience_years": experience_years(jobs, today=timezone.localdate()),
        "work_history": jobs,
        "certificates": list(
            HeldCertificate.objects.filter(user=user).select_related("occupation")
        ),
        "skills": list(skills.values()),
    }
