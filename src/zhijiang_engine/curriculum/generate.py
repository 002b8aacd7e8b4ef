"""Generating a course plan for one level of an occupational standard.

Hours follow the standard's weights tables at that level: theory hours are shared between the
introductory module (basic_weight) and the work functions (theory_weight), practice hours between
the work functions (skill_weight); within a module, theory goes to lessons by their knowledge
requirements and practice by their skill requirements. Every lesson gets at least the minimum,
and the lessons' hours sum exactly to the total the officer set.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from zhijiang_engine.curriculum.adapt import adapt_plan_to_demand
from zhijiang_engine.curriculum.derive import assessments_for, coverage_for
from zhijiang_engine.curriculum.hours import largest_remainder, proportional, with_minimum
from zhijiang_engine.curriculum.intro import introduction
from zhijiang_engine.curriculum.model import (
    FUNCTION,
    INTRODUCTION,
    KNOWLEDGE,
    SKILL,
    CoursePlan,
    CurriculumError,
    Lesson,
    Module,
    Objective,
)
from zhijiang_engine.curriculum.prose import clean, level_name
from zhijiang_engine.curriculum.summary import lesson_summary
from zhijiang_engine.curriculum.weak import plain_knowledge, truncated_name, weak_title
from zhijiang_engine.standards.levels import LEVELS, level_by_rank
from zhijiang_engine.standards.schema import Requirement, StandardDocument, StandardLevel

# Which generator wrote a course's texts, for the bureau's quality review (analytics): raise it
# whenever the plan's, textbook's or projects' texts change, so their acceptance rates stay apart.
GENERATOR_VERSION = "courses/5"
HOUR_STEPS = (1.0, 0.5)
INTRODUCTION_TITLE = "职业道德与基础知识"
_KNOWN_VERBS = ("了解", "理解", "熟悉", "掌握", "精通", "熟练掌握", "系统掌握")


@dataclass(frozen=True)
class _Draft:
    """A lesson before its hours are rounded: real theory and practice targets in units."""

    module: int
    title: str
    objectives: tuple[Objective, ...]
    theory: float
    practice: float
    theory_only: bool


def _knowledge_verb(rank: int) -> str:
    return "了解" if rank <= 2 else "掌握" if rank <= 4 else "系统掌握"


def _objective(kind: str, text: str, rank: int) -> str:
    if kind == SKILL:
        return text if text.startswith("能") else f"能{text}"
    if text.startswith(_KNOWN_VERBS):
        return text
    return f"{_knowledge_verb(rank)}{plain_knowledge(text)}"


def _objectives(
    kind: str, prefix: str, items: Sequence[Requirement], rank: int, occupation: str
) -> tuple[Objective, ...]:
    """One objective per requirement, phrased for the level and passed through the linguistic
    check: repaired where it can be, else left out (the plan's coverage then names it), as is
    a line that cuts the occupation's name short."""
    objectives = []
    for k, item in enumerate(items, 1):
        if truncated_name(item.text, occupation):
            continue
        text = clean(_objective(kind, item.text, rank), rank)
        if text is not None:
            objectives.append(Objective(f"{prefix}{k}", kind, text, item.text, tuple(item.skills)))
    return tuple(objectives)


def _level(document: StandardDocument, rank: int) -> StandardLevel:
    if rank not in {level.rank for level in LEVELS}:
        raise CurriculumError(f"level {rank} is not on the ladder (1 学徒工 to 8 首席技师)")
    for level in document.levels:
        if level.rank == rank:
            return level
    have = [level.rank for level in document.levels]
    raise CurriculumError(
        f"the standard {document.occupation_code} has no level {rank} "
        f"({level_by_rank(rank).name_zh}); it has levels {have}"
    )


def _check_figures(
    total_hours: float, hour_step: float, min_lesson_hours: float, practice_share: float
) -> None:
    if hour_step not in HOUR_STEPS:
        raise CurriculumError(f"hour_step must be 1 or 0.5, got {hour_step}")
    for name, value in (("total_hours", total_hours), ("min_lesson_hours", min_lesson_hours)):
        if not math.isfinite(value) or value <= 0:
            raise CurriculumError(f"{name} must be a positive number of hours, got {value}")
        if not float(value / hour_step).is_integer():
            raise CurriculumError(f"{name} must be a multiple of {hour_step} h, got {value}")
    if not 0 <= practice_share <= 1:
        raise CurriculumError(f"practice_share must be from 0 to 1, got {practice_share}")


def _drafts(
    document: StandardDocument, level: StandardLevel, units: int, practice_share: float
) -> list[_Draft]:
    """Every lesson with its real (unrounded) theory and practice targets."""
    theory_units = units * (1 - practice_share)
    practice_units = units * practice_share
    ethics, basic = introduction(document, level.rank)
    intro = proportional(
        [sum(len(o.covers) for o in group) for group in (ethics, basic)],
        theory_units * level.basic_weight / 100,
    )
    drafts = [
        _Draft(0, "职业道德", ethics, intro[0], 0.0, True),
        _Draft(0, "基础知识", basic, intro[1], 0.0, True),
    ]
    for m, function in enumerate(level.functions, 1):
        contents = function.contents
        theory = proportional(
            [len(c.knowledge) for c in contents], theory_units * function.theory_weight / 100
        )
        practice = proportional(
            [len(c.skills) for c in contents], practice_units * function.skill_weight / 100
        )
        for c, content in enumerate(contents, 1):
            if weak_title(content.title, document.occupation_name):
                continue  # "本职业工作准备": nothing to teach; the coverage lists it as untaught
            prefix = f"F{m}.C{c}."
            name = document.occupation_name
            objectives = _objectives(SKILL, prefix + "S", content.skills, level.rank, name)
            objectives += _objectives(KNOWLEDGE, prefix + "K", content.knowledge, level.rank, name)
            drafts.append(
                _Draft(m, content.title, objectives, theory[c - 1], practice[c - 1], False)
            )
    return drafts


def _theory_ratio(draft: _Draft) -> float:
    if draft.theory_only:
        return 1.0
    if draft.theory + draft.practice > 0:
        return draft.theory / (draft.theory + draft.practice)
    knowledge = sum(1 for o in draft.objectives if o.kind == KNOWLEDGE)
    return knowledge / len(draft.objectives) if draft.objectives else 0.5


def _allocate(drafts: Sequence[_Draft], units: int, min_units: int) -> list[tuple[int, int]]:
    """(theory units, practice units) per lesson: at least ``min_units`` each, ``units`` in all,
    and theory against practice as close to the targets as whole units allow."""
    targets = with_minimum([d.theory + d.practice for d in drafts], units, min_units)
    counts = largest_remainder(targets, units)
    ratios = [_theory_ratio(d) for d in drafts]
    theory_targets = [count * ratio for count, ratio in zip(counts, ratios, strict=True)]
    theory = largest_remainder(theory_targets, math.floor(sum(theory_targets) + 0.5))
    return [(min(t, count), count - min(t, count)) for t, count in zip(theory, counts, strict=True)]


def _modules(
    document: StandardDocument,
    level: StandardLevel,
    drafts: Sequence[_Draft],
    hours: Sequence[tuple[int, int]],
    step: float,
) -> tuple[Module, ...]:
    lessons: dict[int, list[Lesson]] = {}
    for draft, (theory, practice) in zip(drafts, hours, strict=True):
        group = lessons.setdefault(draft.module, [])
        group.append(
            Lesson(
                key=f"M{draft.module}.L{len(group) + 1}",
                title=draft.title,
                theory_hours=theory * step,
                practice_hours=practice * step,
                objectives=draft.objectives,
                summary=lesson_summary(
                    occupation=document.occupation_name,
                    title=draft.title,
                    objectives=draft.objectives,
                    rank=level.rank,
                ),
            )
        )
    modules = [
        Module("M0", INTRODUCTION_TITLE, INTRODUCTION, level.basic_weight, 0, (), tuple(lessons[0]))
    ]
    for m, function in enumerate(level.functions, 1):
        if m not in lessons:
            continue  # every content of the function was a stand-in
        modules.append(
            Module(
                key=f"M{m}",
                title=function.title,
                kind=FUNCTION,
                theory_weight=function.theory_weight,
                skill_weight=function.skill_weight,
                prerequisites=(modules[-1].key,),
                lessons=tuple(lessons[m]),
            )
        )
    return tuple(modules)


def course_plan_from_standard(
    document: StandardDocument,
    *,
    rank: int,
    total_hours: float,
    practice_share: float = 0.6,
    hour_step: float = 1.0,
    min_lesson_hours: float = 1.0,
    demand: Mapping[str, float] | None = None,
) -> CoursePlan:
    """The course plan for level ``rank`` of ``document`` in exactly ``total_hours``; adapted to
    ``demand`` (skill key → weight) when one is given. ``CurriculumError`` names what is wrong."""
    level = _level(document, rank)
    _check_figures(total_hours, hour_step, min_lesson_hours, practice_share)
    units = round(total_hours / hour_step)
    min_units = round(min_lesson_hours / hour_step)
    drafts = _drafts(document, level, units, practice_share)
    if units < min_units * len(drafts):
        raise CurriculumError(
            f"{total_hours:g} hours are too few: level {rank} has {len(drafts)} lessons of at "
            f"least {min_lesson_hours:g} h each, so it needs at least "
            f"{min_lesson_hours * len(drafts):g} hours"
        )
    modules = _modules(document, level, drafts, _allocate(drafts, units, min_units), hour_step)
    plan = CoursePlan(
        occupation_code=document.occupation_code,
        occupation_name=document.occupation_name,
        level=rank,
        level_name=level_name(document.occupation_code, rank),
        total_hours=float(total_hours),
        hour_step=hour_step,
        min_lesson_hours=float(min_lesson_hours),
        practice_share=float(practice_share),
        modules=modules,
        assessments=assessments_for(modules, rank),
        coverage=coverage_for(modules),
    )
    return plan if demand is None else adapt_plan_to_demand(plan, demand)


def requirement_ids(document: StandardDocument, *, rank: int) -> dict[str, str]:
    """Every requirement of level ``rank`` (ethics and basic knowledge included) by the id a
    plan gives it, e.g. ``{"E1": …, "B1": …, "F1.C1.S1": …, "F1.C1.K1": …}``."""
    level = _level(document, rank)
    ids = {f"E{k}": text for k, text in enumerate(document.ethics, 1)}
    ids.update({f"B{k}": text for k, text in enumerate(document.basic_knowledge, 1)})
    for m, function in enumerate(level.functions, 1):
        for c, content in enumerate(function.contents, 1):
            for letter, items in (("S", content.skills), ("K", content.knowledge)):
                ids.update({f"F{m}.C{c}.{letter}{k}": r.text for k, r in enumerate(items, 1)})
    return ids


def uncovered_requirements(plan: CoursePlan, document: StandardDocument) -> list[str]:
    """The ids of the requirements of the plan's level that no lesson teaches (e.g. after an
    edit); empty when the plan covers the standard."""
    taught = {entry.requirement for entry in plan.coverage}
    return [key for key in requirement_ids(document, rank=plan.level) if key not in taught]
