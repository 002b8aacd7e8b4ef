"""The jobs app's side of the matcher: people and positions as the engine sees them, the index
of open positions, and matches as the pages and the API show them.

The engine (``zhijiang_engine.match``) never sees a protected trait: ``seekers_of`` reads only
skills, occupations, the stated text, education, experience, pay, districts and certificates.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import User
from zhijiang.credentials.selectors import certified_levels
from zhijiang.jobs.held import profile_credentials
from zhijiang.jobs.match_index import (
    LADDER,
    current_open_positions,
    education_rank,
    job_of,
    match_index_refresh,
    open_positions,
)
from zhijiang.jobs.models import (
    Application,
    HeldCertificate,
    Position,
    SeekerProfile,
    WorkExperience,
)
from zhijiang.jobs.profiles import experience_years
from zhijiang.jobs.selectors import candidate_people, is_seeker, profile_of
from zhijiang.occupations.models import PersonSkill, Skill
from zhijiang_engine.match import JobIndex, SeekerIndex, explain, has_required_skill
from zhijiang_engine.match.model import (
    Certificate,
    Explanation,
    Match,
    Seeker,
    SkillClaim,
)

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
    credentials = credentials_of(ids)
    skills: dict[int, list[tuple[str, str]]] = defaultdict(list)
    rows = PersonSkill.objects.filter(user_id__in=ids)
    for user_id, key, source in rows.values_list("user_id", "skill__key", "source"):
        skills[user_id].append((key, source))
    return [
        _seeker(
            user.pk,
            profiles.get(user.pk),
            jobs[user.pk],
            credentials.get(user.pk, Credentials()),
            skills[user.pk],
            today,
        )
        for user in users
    ]


@dataclass(frozen=True)
class Credentials:
    """What a person's certificates say, as the matcher reads it: the highest verified level
    on the ladder (platform certificates, and declared ones an officer checked), and per skill
    the level a valid platform certificate attests."""

    verified_level: int = 0
    skill_levels: dict[str, int] = field(default_factory=dict)
    occupations: tuple[str, ...] = ()  # CSCO codes of the valid platform certificates


def credentials_of(person_ids: list[int]) -> dict[int, Credentials]:
    """Per person, their verified level and certified skill levels (three queries for all)."""
    levels: dict[int, int] = defaultdict(int)
    skill_levels: dict[int, dict[str, int]] = defaultdict(dict)
    occupations: dict[int, list[str]] = defaultdict(list)
    for person_id, certified in certified_levels(person_ids=person_ids).items():
        for c in certified:
            occupations[person_id].append(c.occupation_code)
            levels[person_id] = max(levels[person_id], c.level)
            for key in c.skill_keys:
                skill_levels[person_id][key] = max(skill_levels[person_id].get(key, 0), c.level)
    checked = (
        HeldCertificate.objects.filter(user_id__in=person_ids, verified=True)
        .values("user_id")
        .annotate(top=Max("level"))
        .values_list("user_id", "top")
    )
    for person_id, top in checked:
        levels[person_id] = max(levels[person_id], top)
    return {
        person_id: Credentials(
            levels.get(person_id, 0),
            skill_levels.get(person_id, {}),
            tuple(dict.fromkeys(occupations.get(person_id, ()))),
        )
        for person_id in set(levels) | set(skill_levels) | set(occupations)
    }


def seeker_of(user: User, *, today: datetime.date | None = None) -> Seeker:
    return seekers_of([user], today=today)[0]


def _seeker(
    user_id: int,
    profile: SeekerProfile | None,
    jobs: list[WorkExperience],
    credentials: Credentials,
    skills: list[tuple[str, str]],
    today: datetime.date,
) -> Seeker:
    """Skills a valid certificate attests are verified at its level; an assessment verifies
    without a level; everything else is declared (level not stated)."""
    claims: dict[str, SkillClaim] = {}
    for key, source in skills:
        certified = credentials.skill_levels.get(key, 0)
        verified = (
            bool(certified)
            or source == PersonSkill.Source.ASSESSMENT
            or (key in claims and claims[key].verified)
        )
        claims[key] = SkillClaim(key, level=certified, verified=verified)
    preferred = list(profile.preferred_occupations.all()) if profile else []
    occupations = [j.occupation.code for j in jobs if j.occupation is not None]
    occupations += list(credentials.occupations)  # certified in it: as close as working in it
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
        education=education_rank(profile.education) if profile else 0,
        experience_years=experience_years(jobs, today=today) if jobs else None,
        pay_min=float(profile.pay_min) if profile and profile.pay_min else None,
        districts=tuple(d.code for d in profile.preferred_districts.all()) if profile else (),
        certificates=(
            (Certificate(LADDER, credentials.verified_level),) if credentials.verified_level else ()
        ),
    )


def index_of_open_positions() -> tuple[JobIndex, dict[str, Position]]:
    """For batch runs (the nightly push): the index of every open position as it is now,
    built here if the background task has not yet, and the positions by engine id."""
    built = current_open_positions()
    index = built.index if built.delta is None else match_index_refresh().index
    positions = {
        str(p.pk): p for p in open_positions().filter(pk__in=[int(j.id) for j in index.jobs])
    }
    return index, positions


def _excluded_label(reason: str, labels: dict[str, str]) -> str:
    """An unmet hard requirement ("skill:mysql", "certificate:ladder", "education") in words."""
    kind, _sep, key = reason.partition(":")
    if kind == "skill":
        return str(_("the skill %(skill)s at the level asked") % {"skill": labels.get(key, key)})
    if kind == "certificate":
        return str(_("a verified certificate at the level asked"))
    return str(_("the education asked"))


def match_views(matches: list[Match] | list[Explanation]) -> list[dict[str, Any]]:
    """Matches as the pages and the API show them, skill labels looked up once for all."""
    excluded = [r for m in matches for r in getattr(m, "excluded_by", ())]
    keys = {key for match in matches for key in (*match.matched, *match.missing)}
    keys |= {r.partition(":")[2] for r in excluded if r.startswith("skill:")}
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
                    "unknown": not f.known,
                }
                for f in match.factors
            ],
            "excluded_by": list(getattr(match, "excluded_by", ())),
            "excluded_labels": [
                _excluded_label(r, labels) for r in getattr(match, "excluded_by", ())
            ],
        }
        for match in matches
    ]


def positions_for_person(
    *, person: User, limit: int = 20, today: datetime.date | None = None
) -> list[tuple[Position, dict[str, Any]]]:
    """Open positions ranked for a job seeker, best first, without the ones they applied to
    or that exclude them by a hard requirement."""
    built = current_open_positions()
    if not built.size:
        return []
    applied = set(
        Application.objects.filter(applicant=person).values_list("position_id", flat=True)
    )
    seeker = seeker_of(person, today=today)
    # Positions without any of the seeker's skills rank low; a margin keeps the top exact
    # after those, the applied ones and the ones closed since the build are dropped.
    ranked = built.top_jobs(seeker, k=min(built.size, 4 * limit + len(applied)))
    candidates = [m for m in ranked if int(m.job_id) not in applied and m.score > 0]
    positions = {
        str(p.pk): p for p in open_positions().filter(pk__in=[int(m.job_id) for m in candidates])
    }
    kept = [
        m
        for m in candidates
        if m.job_id in positions and has_required_skill(seeker, job_of(positions[m.job_id]))
    ][:limit]
    return list(zip((positions[m.job_id] for m in kept), match_views(kept), strict=True))


def match_for(*, person: User, position: Position) -> dict[str, Any] | None:
    """The match of one person and one position (None for someone who is not a job seeker)."""
    if not is_seeker(person):
        return None
    text_model = current_open_positions().index.text_model
    explanation = explain(seeker_of(person), job_of(position), text_model=text_model)
    return match_views([explanation])[0]


def score_of(*, person: User, position: Position) -> float | None:
    found = match_for(person=person, position=position)
    return found["score"] if found else None


def candidates_for(*, position: Position, limit: int = 20) -> list[dict[str, Any]]:
    """People ranked for a position, with matched and missing skills."""
    people = {str(p.pk): p for p in candidate_people(position=position)}
    if not people:
        return []
    seekers = seekers_of(list(people.values()))
    seekers_by_id = {s.id: s for s in seekers}
    text_model = current_open_positions().index.text_model
    seeker_index = SeekerIndex.build(seekers, text_model=text_model)
    applications = dict(
        Application.objects.filter(position=position).values_list("applicant_id", "pk")
    )
    profiles = {
        p.user_id: p for p in SeekerProfile.objects.filter(user_id__in=[int(k) for k in people])
    }
    job = job_of(position)
    ranked = [
        m
        for m in seeker_index.top_seekers(job, k=len(people))
        if int(m.seeker_id) in applications or has_required_skill(seekers_by_id[m.seeker_id], job)
    ][:limit]
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
    certificates, skills = profile_credentials(user=user)
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
        "certificates": certificates,
        "skills": skills,
    }
