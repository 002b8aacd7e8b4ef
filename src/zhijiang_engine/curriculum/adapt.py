"""Adapting a course plan to industry demand (skill key → weight, e.g. open positions naming
the skill in a district).

Lessons that develop demanded skills gain hours (at most ``max_increase`` of their base) taken
from lessons that develop none (at most ``max_decrease`` of theirs, never below the minimum), and
move forward within their module; modules keep their order and the introduction is left alone,
so prerequisites still hold. Every change is recorded as an :class:`Adjustment`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace

from zhijiang_engine.curriculum.derive import assessments_for, coverage_for
from zhijiang_engine.curriculum.hours import bounded_round
from zhijiang_engine.curriculum.model import (
    FUNCTION,
    Adjustment,
    CoursePlan,
    CurriculumError,
    Lesson,
    Module,
)
from zhijiang_engine.skills_vocabulary import skill_key

_EPSILON = 1e-9


def demand_shares(demand: Mapping[str, float]) -> dict[str, float]:
    """Each demanded skill's share of the sample (by normalised skill key), positive only."""
    weights: dict[str, float] = {}
    for label, weight in demand.items():
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            raise CurriculumError(f"the demand for {label!r} must be a number, got {weight!r}")
        if not math.isfinite(weight) or weight < 0:
            raise CurriculumError(f"the demand for {label!r} must be 0 or more, got {weight}")
        key = skill_key(str(label))
        if key and weight > 0:
            weights[key] = weights.get(key, 0.0) + float(weight)
    mass = sum(weights.values())
    if mass <= 0:
        raise CurriculumError(
            f"the demand sample is empty ({len(demand)} skills, none with a positive weight); "
            "give at least one demanded skill or do not ask for adaptation"
        )
    return {key: weight / mass for key, weight in weights.items()}


def _score(lesson: Lesson, shares: Mapping[str, float]) -> float:
    return sum(shares.get(skill_key(skill), 0.0) for skill in set(lesson.skills))


def _targets(
    base: Sequence[int], scores: Sequence[float], low: Sequence[int], high: Sequence[int]
) -> list[float]:
    """Real unit targets: gains in proportion to relative demand, paid for by the lessons with
    the least demand in proportion to what they can give."""
    top, bottom = max(scores), min(scores)
    if top - bottom <= _EPSILON:
        return [float(b) for b in base]
    relative = [(score - bottom) / (top - bottom) for score in scores]
    gains = [(h - b) * r for b, h, r in zip(base, high, relative, strict=True)]
    gives = [b - lo if r <= _EPSILON else 0 for b, lo, r in zip(base, low, relative, strict=True)]
    wanted, available = sum(gains), sum(gives)
    moved = min(wanted, available)
    if moved <= 0:
        return [float(b) for b in base]
    return [
        b + g * moved / wanted - give * moved / available
        for b, g, give in zip(base, gains, gives, strict=True)
    ]


def _rehoured(lesson: Lesson, units: int, step: float) -> Lesson:
    """The lesson with ``units`` hour units, keeping its theory/practice ratio."""
    ratio = lesson.theory_hours / lesson.hours if lesson.hours > 0 else 0.5
    theory = min(units, math.floor(units * ratio + 0.5))
    return replace(lesson, theory_hours=theory * step, practice_hours=(units - theory) * step)


def _new_hours(
    plan: CoursePlan,
    lessons: Sequence[Lesson],
    scores: Sequence[float],
    bounds: tuple[float, float],
) -> list[int]:
    step, (max_increase, max_decrease) = plan.hour_step, bounds
    min_units = round(plan.min_lesson_hours / step)
    base = [round(lesson.hours / step) for lesson in lessons]
    low = [max(min(b, min_units), math.ceil(b * (1 - max_decrease) - _EPSILON)) for b in base]
    high = [math.floor(b * (1 + max_increase) + _EPSILON) for b in base]
    targets = _targets(base, scores, low, high)
    # Gainers never lose and givers never gain through rounding.
    low = [b if t >= b else lo for b, t, lo in zip(base, targets, low, strict=True)]
    high = [b if t <= b else h for b, t, h in zip(base, targets, high, strict=True)]
    return bounded_round(targets, low, high, sum(base))


def _reordered(
    module: Module,
    changed: Mapping[str, Lesson],
    scores: Mapping[str, float],
    shares: Mapping[str, float],
) -> tuple[Module, list[Adjustment]]:
    """The module with its new lessons, most demanded first (ties keep the standard's order),
    and an adjustment for each lesson whose hours or place changed."""
    order = sorted(range(len(module.lessons)), key=lambda i: (-scores[module.lessons[i].key], i))
    lessons = tuple(changed[module.lessons[i].key] for i in order)
    adjustments = []
    for after, i in enumerate(order, 1):
        before, new = module.lessons[i], lessons[after - 1]
        if before.hours != new.hours or i + 1 != after:
            skills = tuple(s for s in before.skills if shares.get(skill_key(s), 0) > 0)
            adjustments.append(
                Adjustment(before.key, skills, before.hours, new.hours, i + 1, after)
            )
    return replace(module, lessons=lessons), adjustments


def adapt_plan_to_demand(
    plan: CoursePlan,
    demand: Mapping[str, float],
    *,
    max_increase: float = 0.5,
    max_decrease: float = 0.3,
) -> CoursePlan:
    """``plan`` with hours and lesson order moved toward the skills in ``demand``; the total,
    the modules and their order stay. ``CurriculumError`` for an empty sample."""
    if plan.demand:
        raise CurriculumError(
            "the plan is already adapted to a demand sample; adapt the plain plan"
        )
    if not (max_increase >= 0 and 0 <= max_decrease < 1):
        raise CurriculumError("max_increase must be 0 or more and max_decrease from 0 to below 1")
    shares = demand_shares(demand)
    movable = [
        lesson for module in plan.modules if module.kind == FUNCTION for lesson in module.lessons
    ]
    scores = {lesson.key: _score(lesson, shares) for lesson in movable}
    units = _new_hours(plan, movable, list(scores.values()), (max_increase, max_decrease))
    changed = {
        lesson.key: _rehoured(lesson, count, plan.hour_step)
        for lesson, count in zip(movable, units, strict=True)
    }
    modules: list[Module] = []
    adjustments: list[Adjustment] = []
    for module in plan.modules:
        if module.kind != FUNCTION:
            modules.append(module)
            continue
        reordered, moved = _reordered(module, changed, scores, shares)
        modules.append(reordered)
        adjustments.extend(moved)
    recorded = tuple(
        sorted(((k, float(w)) for k, w in demand.items() if w > 0), key=lambda kw: (-kw[1], kw[0]))
    )
    return replace(
        plan,
        modules=tuple(modules),
        assessments=assessments_for(modules, plan.level),
        coverage=coverage_for(modules),
        demand=recorded,
        adjustments=tuple(adjustments),
    )
