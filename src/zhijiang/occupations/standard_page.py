"""The printable standard's parts, laid out as a published standard reads: per level the work
functions, a level split into specialisms (专业方向) showing the common part (共同部分) first
and then each direction; and the weights tables (比重表), with a column per level or, at a
split level, per direction (its weights add up with the common part's)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zhijiang.occupations.documents import document_of
from zhijiang.occupations.levels import ladder_level
from zhijiang.occupations.models import Standard, StandardLevel, WorkFunction
from zhijiang_engine.standards import document_to_dict, validate_document
from zhijiang_engine.standards.levels import Level


@dataclass(frozen=True)
class FunctionGroup:
    """The common part (``specialism`` empty) or one direction's work functions, numbered."""

    specialism: str
    functions: list[tuple[int, WorkFunction]]


@dataclass(frozen=True)
class LevelSection:
    ladder: Level
    level: StandardLevel
    groups: list[FunctionGroup]

    @property
    def split(self) -> bool:
        """Whether the level is split into directions (headed groups)."""
        return any(group.specialism for group in self.groups)


@dataclass(frozen=True)
class WeightsColumn:
    ladder: Level
    specialism: str
    basic_weight: int
    functions: list[WorkFunction] = field(default_factory=list)


def _directions(functions: list[WorkFunction], declared: list[str]) -> list[str]:
    """The level's directions in the standard's order (any the standard lost, after)."""
    used = {f.specialism for f in functions if f.specialism}
    return [name for name in declared if name in used] + sorted(used - set(declared))


def _groups(functions: list[WorkFunction], declared: list[str]) -> list[FunctionGroup]:
    groups: list[FunctionGroup] = []
    number = 0
    for name in ["", *_directions(functions, declared)]:
        members = [f for f in functions if f.specialism == name]
        if members:
            groups.append(FunctionGroup(name, list(enumerate(members, number + 1))))
            number += len(members)
    return groups


def level_sections(standard: Standard) -> list[LevelSection]:
    """Each level of the standard with its work functions grouped and numbered for print."""
    return [
        LevelSection(
            ladder=ladder_level(level.rank, standard.occupation.code),
            level=level,
            groups=_groups(list(level.functions.all()), list(standard.specialisms)),
        )
        for level in standard.levels.all()
    ]


def _columns(standard: Standard) -> list[WeightsColumn]:
    columns = []
    for level in standard.levels.all():
        ladder = ladder_level(level.rank, standard.occupation.code)
        functions = list(level.functions.all())
        directions = _directions(functions, list(standard.specialisms))
        if not directions:
            columns.append(WeightsColumn(ladder, "", level.basic_weight, functions))
        for name in directions:
            own = [f for f in functions if f.specialism in ("", name)]
            columns.append(WeightsColumn(ladder, name, level.basic_weight, own))
    return columns


def weights_table(standard: Standard) -> dict[str, Any]:
    """比重表: rows are the basic requirements and each work function, columns the levels (a
    split level: one column per direction)."""
    columns = _columns(standard)
    titles = list(dict.fromkeys(f.title for column in columns for f in column.functions))

    def rows(kind: str) -> list[dict[str, Any]]:
        result = []
        for title in titles:
            cells = []
            for column in columns:
                match = next((f for f in column.functions if f.title == title), None)
                cells.append(getattr(match, f"{kind}_weight") if match else None)
            result.append({"title": title, "cells": cells})
        return result

    return {
        "columns": columns,
        "basic": [column.basic_weight for column in columns],
        "theory": rows("theory"),
        "skill": rows("skill"),
        "theory_totals": [
            column.basic_weight + sum(f.theory_weight for f in column.functions)
            for column in columns
        ],
        "skill_totals": [sum(f.skill_weight for f in column.functions) for column in columns],
    }


def draft_problems(standard: Standard) -> list[tuple[str, str]]:
    """What keeps a draft from review (weights that no longer add up after an edit, …), as
    (JSON path, reason); empty when it may be sent."""
    return validate_document(document_to_dict(document_of(standard)))
