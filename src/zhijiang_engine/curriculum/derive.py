"""What follows from a plan's modules: its assessment points and its coverage map."""

from __future__ import annotations

from collections.abc import Sequence

from zhijiang_engine.curriculum.model import (
    FINAL_ASSESSMENT,
    INTRODUCTION,
    MODULE_ASSESSMENT,
    Assessment,
    Coverage,
    Module,
)


def assessments_for(modules: Sequence[Module], rank: int) -> tuple[Assessment, ...]:
    """One assessment after each module (theory exam, plus a skills test where it trains
    skills) and a final one over every requirement (with a review panel from 技师 up)."""
    points = []
    for number, module in enumerate(modules, 1):
        ids = tuple(c.requirement for c in coverage_for([module]))
        methods = (
            ("理论知识考试",) if module.kind == INTRODUCTION else ("理论知识考试", "操作技能考核")
        )
        points.append(
            Assessment(
                f"A{number}", f"{module.title}模块考核", MODULE_ASSESSMENT, module.key, methods, ids
            )
        )
    final_methods = ("理论知识考试", "操作技能考核") + (("综合评审",) if rank >= 5 else ())
    every = tuple(r for point in points for r in point.requirements)
    points.append(
        Assessment("A-final", "结业考核", FINAL_ASSESSMENT, modules[-1].key, final_methods, every)
    )
    return tuple(points)


def _order(requirement: str) -> tuple[str, int]:
    """The standard's order of the introduction's ids ("E2" before "E10")."""
    return requirement[:1], int(requirement[1:]) if requirement[1:].isdigit() else 0


def coverage_for(modules: Sequence[Module]) -> tuple[Coverage, ...]:
    """Where each requirement is taught, in the order of the plan (the introduction's grouped
    objectives listed in the standard's order)."""
    entries: list[Coverage] = []
    for module in modules:
        for lesson in module.lessons:
            found = [
                Coverage(requirement, o.kind, source, module.key, lesson.key)
                for o in lesson.objectives
                for requirement, source in o.covers
            ]
            if module.kind == INTRODUCTION:
                found.sort(key=lambda c: _order(c.requirement))
            entries.extend(found)
    return tuple(entries)
