"""The career planner: for one person, the occupations within reach of their skills that are in
demand where they want to work, the gap to each, how to close it, the level certificate to aim
for, the courses that teach it starting soon, and the positions open now.

Reachability is the share of an occupation's skill profile the person already has (skills the
positions of that occupation ask for, weighted by how many ask, plus the skills its approved
standard develops), lifted when the occupation is close to one they held or prefer in the CSCO
hierarchy; demand is the number of open positions in their districts.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from zhijiang.accounts.models import User
from zhijiang.credentials.selectors import certified_levels
from zhijiang.jobs.matching import positions_for_person, seeker_of
from zhijiang.jobs.models import HeldCertificate, Position, PositionSkill
from zhijiang.jobs.selectors import profile_of
from zhijiang.occupations.levels import ladder_ranks, level_label
from zhijiang.occupations.models import Occupation, Requirement, Skill, Standard
from zhijiang.training.models import CourseRun
from zhijiang.training.selectors import CatalogueFilters, catalogue_runs

MAX_TARGETS = 5
MIN_TARGETS = 3
# A skill the positions of an occupation ask for belongs to the occupation when at least this
# share of them ask for it (one posting's 法语 is not what a software developer needs to learn).
RELATED_SHARE = 0.25
STEPS_PER_SKILL = 2
COURSES_PER_TARGET = 3


@dataclass(frozen=True)
class GapSkill:
    key: str
    label: str
    demand: int  # open positions of the occupation that ask for it
    steps: list[str]  # requirements of the approved standard that develop it


@dataclass(frozen=True)
class Target:
    occupation: Occupation
    reach: float  # 0..1: share of the occupation's skill profile the person has
    demand: int
    have: list[str]
    gap: list[GapSkill]
    level_rank: int
    level_name: str
    standard_id: int | None
    positions: list[tuple[Position, dict[str, Any]]] = field(default_factory=list)
    courses: list[CourseRun] = field(default_factory=list)


def _proximity(code: str, known: list[str]) -> float:
    """1 for the same occupation, 0.75 same 小类, 0.5 same 中类, 0.25 same 大类."""
    best = 0
    parts = code.split("-")
    for other in known:
        shared = 0
        for mine, theirs in zip(parts, other.split("-"), strict=False):
            if mine != theirs:
                break
            shared += 1
        best = max(best, shared)
    return best / 4


def _demand(person: User) -> tuple[Counter[int], dict[int, Counter[str]], set[int]]:
    """Open positions per occupation in the person's districts (all districts when none are
    preferred), and per occupation how many of them ask for each skill."""
    profile = profile_of(person)
    districts = list(profile.preferred_districts.values_list("pk", flat=True))
    if not districts and person.district_id:
        districts = [person.district_id]
    positions = Position.objects.filter(status=Position.Status.OPEN, occupation__isnull=False)
    if districts:
        positions = positions.filter(district_id__in=districts)
    counts: Counter[int] = Counter(positions.values_list("occupation_id", flat=True))
    asks: dict[int, Counter[str]] = defaultdict(Counter)
    links = PositionSkill.objects.filter(position__in=positions).values_list(
        "position__occupation_id", "skill__key"
    )
    for occupation_id, key in links:
        asks[occupation_id][key] += 1
    return counts, asks, set(districts)


@dataclass(frozen=True)
class _StandardContent:
    standard_id: int
    skills: set[str]  # vocabulary skills its requirements are linked to
    requirements: list[str]  # every requirement text, lowest level first


def _standards(occupation_ids: list[int]) -> dict[int, _StandardContent]:
    """Per occupation, what its newest approved standard teaches."""
    newest: dict[int, int] = {}
    for standard in Standard.objects.filter(
        occupation_id__in=occupation_ids, status=Standard.Status.APPROVED
    ).order_by("version"):
        newest[standard.occupation_id] = standard.pk
    result: dict[int, _StandardContent] = {}
    for occupation_id, standard_id in newest.items():
        requirements = Requirement.objects.filter(
            content__function__level__standard_id=standard_id
        ).order_by("content__function__level__rank", "content__function__position", "pk")
        # Terms the drafter coined for the standard itself are not vocabulary skills.
        skills = set(
            Skill.objects.filter(requirements__in=requirements)
            .exclude(sources=["standard"])
            .values_list("key", flat=True)
        )
        texts = list(dict.fromkeys(requirements.values_list("text", flat=True)))
        result[occupation_id] = _StandardContent(standard_id, skills, texts)
    return result


def _steps(skill: Skill | None, key: str, content: _StandardContent | None) -> list[str]:
    """Requirements of the standard that name the skill: what to learn, in the standard's words."""
    if content is None:
        return []
    names = {key.casefold()}
    if skill is not None:
        names |= {label.casefold() for label in (skill.label_zh, skill.label_en) if label}
    found = [t for t in content.requirements if any(n in t.casefold() for n in names)]
    return found[:STEPS_PER_SKILL]


def _related(asked: Counter[str], positions: int) -> Counter[str]:
    """The skills that enough of an occupation's positions ask for to belong to it."""
    floor = max(1, math.ceil(RELATED_SHARE * positions))
    return Counter({key: n for key, n in asked.items() if n >= floor})


def _levels_held(person: User) -> list[tuple[str, int]]:
    """(CSCO code, level) of every certificate the person holds: valid platform certificates,
    read through the credentials selector, and declared ones."""
    certified = certified_levels(person_ids=[person.pk]).get(person.pk, [])
    declared = HeldCertificate.objects.filter(user=person).values_list("occupation__code", "level")
    return [(c.occupation_code, c.level) for c in certified] + list(declared)


def _next_level(held: list[tuple[str, int]], occupation: Occupation) -> int:
    """One level above the highest held in the occupation or its 小类, on the occupation's
    ladder (up to 首席技师, or 高级 for a professional occupation)."""
    group = occupation.code[:7]
    current = max((level for code, level in held if code.startswith(group)), default=0)
    top = max(ladder_ranks(occupation.code))
    # 初级工 (初级 for professionals) is the usual first certificate.
    return min(current + 1, top) if current else 2


def _courses(occupation: Occupation, level: int, districts: set[int]) -> list[CourseRun]:
    """Runs open for enrolment of courses for the occupation: in the person's districts or
    online first, then the level closest to the one to aim for, then the soonest."""
    runs = list(catalogue_runs(CatalogueFilters(occupation=occupation.code))[:50])
    runs.sort(
        key=lambda run: (
            not (run.mode == "online" or run.district_id in districts),
            abs(run.course.level - level),
            run.start_date,
        )
    )
    return runs[:COURSES_PER_TARGET]


def career_plan(*, person: User) -> list[Target]:
    """3–5 target occupations, best first (fewer when fewer occupations are hiring)."""
    counts, asks, districts = _demand(person)
    if not counts:
        return []
    standards = _standards(list(counts))
    seeker = seeker_of(person)  # the skills and occupations the matcher also uses
    has = {claim.id for claim in seeker.skills}
    known = list(seeker.occupations)
    occupations = Occupation.objects.in_bulk(list(counts))
    scored = []
    for occupation_id, demand in counts.items():
        content = standards.get(occupation_id)
        weights = Counter({key: 1 for key in (content.skills if content else ())})
        weights.update(_related(asks.get(occupation_id, Counter()), demand))
        total = sum(weights.values())
        reach = sum(w for k, w in weights.items() if k in has) / total if total else 0.0
        proximity = _proximity(occupations[occupation_id].code, known)
        rank = (0.6 * reach + 0.4 * proximity) * math.log1p(demand)
        scored.append((rank, reach, occupation_id, weights))
    scored.sort(key=lambda item: (-item[0], -counts[item[2]], occupations[item[2]].code))
    chosen = [item for item in scored if item[0] > 0][:MAX_TARGETS]
    if len(chosen) < MIN_TARGETS:
        chosen = scored[:MIN_TARGETS]
    vocabulary = Skill.objects.in_bulk({k for *_r, w in chosen for k in w}, field_name="key")
    labels = {key: skill.label for key, skill in vocabulary.items()}
    ranked_positions = positions_for_person(person=person, limit=100)
    held = _levels_held(person)
    targets = []
    for _rank, reach, occupation_id, weights in chosen:
        occupation = occupations[occupation_id]
        content = standards.get(occupation_id)
        gap = [
            GapSkill(key, labels.get(key, key), asks.get(occupation_id, Counter())[key],
                     _steps(vocabulary.get(key), key, content))
            for key, _w in weights.most_common()
            if key not in has
        ]  # fmt: skip
        level = _next_level(held, occupation)
        targets.append(
            Target(
                occupation=occupation,
                reach=round(reach, 3),
                demand=counts[occupation_id],
                have=[labels.get(k, k) for k in weights if k in has],
                gap=gap[:8],
                level_rank=level,
                level_name=level_label(level, occupation.code),
                standard_id=content.standard_id if content else None,
                positions=[
                    (p, m)
                    for p, m in ranked_positions
                    if p.occupation_id == occupation_id
                    and (not districts or p.district_id in districts)
                ][:3],
                courses=_courses(occupation, level, districts),
            )
        )
    return targets
