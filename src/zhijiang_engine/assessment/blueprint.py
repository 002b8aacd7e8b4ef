"""Exam blueprints (考试蓝图) from a standard's weights tables (比重表).

A level's theory paper gives the basic requirements (ethics and basic knowledge) and each work
function their theory weight; its practical test gives each work function its skill weight.
Points are whole numbers that add up exactly to the totals (largest-remainder rounding, ties to
the earlier part), so the same standard always gives the same blueprint.

A level split into specialisms (专业方向) is examined in one direction at a time: the blueprint
has the common functions and that direction's, keyed by their place in the level (``F{m}``) so
that items written against the whole level keep their ids.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhijiang_engine.curriculum.hours import largest_remainder, proportional
from zhijiang_engine.standards import StandardDocument
from zhijiang_engine.standards.schema import StandardLevel, function_numbers_for, specialisms_at

BASIC = "B"  # the part that holds the basic requirements: ethics (E…) and basic knowledge (B…)


class BlueprintError(ValueError):
    """The blueprint cannot be computed (no such level or specialism, negative totals)."""


@dataclass(frozen=True)
class BlueprintPart:
    """One row of the blueprint: the basic requirements (key ``B``) or work function ``F{m}``."""

    key: str
    title: str
    theory_weight: int
    skill_weight: int
    theory_points: int
    practice_points: int
    requirements: tuple[str, ...]


@dataclass(frozen=True)
class Blueprint:
    occupation_code: str
    occupation_name: str
    rank: int
    theory_total: int
    practice_total: int
    parts: tuple[BlueprintPart, ...]
    specialism: str | None = None  # the 专业方向 the paper is in; None at a level without any

    def part(self, key: str) -> BlueprintPart:
        for part in self.parts:
            if part.key == key:
                return part
        raise KeyError(key)


def part_of_requirement(requirement_id: str) -> str:
    """The blueprint part a requirement id belongs to: ``B`` for ``E…``/``B…``, else ``F{m}``."""
    head = requirement_id.split(".", 1)[0]
    if head[:1] in ("E", "B"):
        return BASIC
    return head


def _level(document: StandardDocument, rank: int) -> StandardLevel:
    for level in document.levels:
        if level.rank == rank:
            return level
    have = ", ".join(str(level.rank) for level in document.levels) or "none"
    raise BlueprintError(
        f"the standard {document.occupation_code} has no level {rank} (it has: {have})"
    )


def _function_numbers(level: StandardLevel, specialism: str | None) -> tuple[int, ...]:
    """The ``F{m}`` numbers a paper in ``specialism`` covers; a direction the level lacks, or
    none at a level split into directions, is refused."""
    directions = specialisms_at(level)
    if specialism is not None and specialism not in directions:
        have = ", ".join(directions) or "none"
        raise BlueprintError(
            f"level {level.rank} has no specialism {specialism!r} (it has: {have})"
        )
    if specialism is None and directions:
        raise BlueprintError(
            f"level {level.rank} is examined in one specialism: choose one of "
            f"{', '.join(directions)}"
        )
    return function_numbers_for(level, specialism)


def _function_requirements(level: StandardLevel, m: int) -> tuple[str, ...]:
    ids: list[str] = []
    for c, content in enumerate(level.functions[m - 1].contents, 1):
        ids.extend(f"F{m}.C{c}.S{k}" for k in range(1, len(content.skills) + 1))
        ids.extend(f"F{m}.C{c}.K{k}" for k in range(1, len(content.knowledge) + 1))
    return tuple(ids)


def blueprint_for(
    document: StandardDocument,
    *,
    rank: int,
    specialism: str | None = None,
    theory_total: int = 100,
    practice_total: int = 100,
) -> Blueprint:
    """The blueprint of level ``rank`` (in ``specialism`` where the level is split into
    directions): theory points for the basic part and each function, practice points for each
    function, each column summing exactly to its total."""
    if theory_total < 0 or practice_total < 0:
        raise BlueprintError("point totals must not be negative")
    level = _level(document, rank)
    numbers = _function_numbers(level, specialism)
    functions = [level.functions[m - 1] for m in numbers]
    theory_weights = [level.basic_weight] + [f.theory_weight for f in functions]
    skill_weights = [f.skill_weight for f in functions]
    theory = largest_remainder(proportional(theory_weights, theory_total), theory_total)
    practice = largest_remainder(proportional(skill_weights, practice_total), practice_total)
    basic_ids = tuple(f"E{k}" for k in range(1, len(document.ethics) + 1)) + tuple(
        f"B{k}" for k in range(1, len(document.basic_knowledge) + 1)
    )
    parts = [
        BlueprintPart(
            key=BASIC,
            title="基本要求",
            theory_weight=level.basic_weight,
            skill_weight=0,
            theory_points=theory[0],
            practice_points=0,
            requirements=basic_ids,
        )
    ]
    for index, (m, function) in enumerate(zip(numbers, functions, strict=True)):
        parts.append(
            BlueprintPart(
                key=f"F{m}",
                title=function.title,
                theory_weight=function.theory_weight,
                skill_weight=function.skill_weight,
                theory_points=theory[index + 1],
                practice_points=practice[index],
                requirements=_function_requirements(level, m),
            )
        )
    return Blueprint(
        occupation_code=document.occupation_code,
        occupation_name=document.occupation_name,
        rank=rank,
        theory_total=theory_total,
        practice_total=practice_total,
        parts=tuple(parts),
        specialism=specialism,
    )
