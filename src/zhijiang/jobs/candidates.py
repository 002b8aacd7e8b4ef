"""One candidate of a position as its employer sees them: what the person shares with
employers (skills with their sources, certificates, work history) and why they rank where they
do. Never the ID number or the phone: the profile is read through ``matching.profile_view``,
and only its shareable parts are passed on."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from zhijiang.jobs import matching
from zhijiang.jobs.models import Education, Position
from zhijiang.jobs.selectors import Candidate
from zhijiang.occupations.levels import level_label
from zhijiang.occupations.models import Occupation

LADDER_RANKS = range(1, 9)


def candidate_detail(candidate: Candidate) -> dict[str, Any]:
    """The candidate page and the API's view of one candidate."""
    person, position = candidate.person, candidate.position
    profile = matching.profile_view(person)
    match = matching.match_for(person=person, position=position)
    education = profile.get("education", "")
    return {
        "person_id": person.pk,
        "name": person.full_name or person.username,
        "district": person.district.label if person.district else None,
        "education": Education(education).label if education in Education.values else "",
        "major": profile.get("major", ""),
        "summary": profile.get("summary", ""),
        "experience_years": profile.get("experience_years", 0.0),
        "applied": candidate.application is not None,
        "application_id": candidate.application.pk if candidate.application else None,
        "invitation": candidate.invitation,
        "can_invite": can_invite(candidate),
        "skills": profile["skills"],  # SkillViews: verified first, with their sources
        "certificates": [certificate_view(item) for item in profile.get("certificates", [])],
        "work_history": list(profile.get("work_history", [])),
        "match": explained_match(match) if match is not None else None,
    }


def can_invite(candidate: Candidate) -> bool:
    """Whether an invitation to apply would be taken now (the service decides for real)."""
    return (
        candidate.position.status == Position.Status.OPEN
        and candidate.application is None
        and candidate.invitation is None
    )


def _field(item: Any, name: str, default: Any = None) -> Any:
    if isinstance(item, Mapping):
        return item.get(name, default)
    return getattr(item, name, default)


def certificate_view(item: Any) -> dict[str, Any]:
    """A certificate held, declared or issued on the platform (a model or a dict), with its
    level named on the ladder of its occupation."""
    occupation = _field(item, "occupation")
    if isinstance(occupation, Occupation):
        code, name = occupation.code, occupation.label
    else:
        code, name = str(occupation or ""), str(_field(item, "occupation_name", "") or "")
    level = int(_field(item, "level", 0) or 0)
    return {
        "occupation": code,
        "occupation_name": name,
        "level": level,
        "level_name": level_label(level, code) if level in LADDER_RANKS else "",
        "issuer": str(_field(item, "issuer", "") or ""),
        "issued_on": _field(item, "issued_on"),
        "verified": bool(_field(item, "verified", False)),
    }


def explained_match(match: dict[str, Any]) -> dict[str, Any]:
    """The match with every factor's label and the unmet hard requirements in words."""
    return {
        **match,
        "factors": [{"unknown": False, **factor} for factor in match.get("factors", [])],
        "reasons": [
            str(label) for label in match.get("excluded_labels", match.get("excluded_by", []))
        ],
    }
