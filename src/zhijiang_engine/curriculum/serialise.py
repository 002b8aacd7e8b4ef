"""The JSON form of a course plan (``zhijiang.course_plan/1``) and its validation.

Module hours and the coverage map are derived from the lessons; they are written for readers and,
when present on reading, must agree with the lessons, so that an edit to one of them alone is
reported instead of silently lost.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from zhijiang_engine.curriculum.derive import coverage_for
from zhijiang_engine.curriculum.model import (
    ASSESSMENT_KINDS,
    FINAL_ASSESSMENT,
    FORMAT,
    MODULE_KINDS,
    REQUIREMENT_KINDS,
    Adjustment,
    Assessment,
    CoursePlan,
    Lesson,
    Module,
    Objective,
)
from zhijiang_engine.curriculum.prose import level_name
from zhijiang_engine.curriculum.reader import PlanSchemaError, Reader


def hours_value(hours: float) -> int | float:
    """Whole hours as JSON integers, halves as numbers."""
    return int(hours) if float(hours).is_integer() else hours


def _lesson_to_dict(lesson: Lesson) -> dict[str, Any]:
    return {
        "key": lesson.key,
        "title": lesson.title,
        "theory_hours": hours_value(lesson.theory_hours),
        "practice_hours": hours_value(lesson.practice_hours),
        "summary": lesson.summary,
        "objectives": [
            {
                "requirement": o.requirement,
                "kind": o.kind,
                "text": o.text,
                "source": o.source,
                "skills": list(o.skills),
                **(
                    {"also": [{"requirement": r, "source": t} for r, t in o.also]} if o.also else {}
                ),
            }
            for o in lesson.objectives
        ],
    }


def _module_to_dict(module: Module) -> dict[str, Any]:
    return {
        "key": module.key,
        "title": module.title,
        "kind": module.kind,
        "theory_weight": module.theory_weight,
        "skill_weight": module.skill_weight,
        "prerequisites": list(module.prerequisites),
        "theory_hours": hours_value(module.theory_hours),
        "practice_hours": hours_value(module.practice_hours),
        "lessons": [_lesson_to_dict(lesson) for lesson in module.lessons],
    }


def plan_to_dict(plan: CoursePlan) -> dict[str, Any]:
    """The JSON form of a plan (what the platform stores and what a person edits)."""
    return {
        "format": FORMAT,
        "occupation": {"code": plan.occupation_code, "name": plan.occupation_name},
        "level": plan.level,
        "level_name": plan.level_name,
        "total_hours": hours_value(plan.total_hours),
        "hour_step": hours_value(plan.hour_step),
        "min_lesson_hours": hours_value(plan.min_lesson_hours),
        "practice_share": plan.practice_share,
        "theory_hours": hours_value(plan.theory_hours),
        "practice_hours": hours_value(plan.practice_hours),
        "modules": [_module_to_dict(module) for module in plan.modules],
        "assessments": [
            {
                "key": a.key,
                "title": a.title,
                "kind": a.kind,
                "after": a.after,
                "methods": list(a.methods),
                "requirements": list(a.requirements),
            }
            for a in plan.assessments
        ],
        "coverage": [
            {
                "requirement": c.requirement,
                "kind": c.kind,
                "text": c.text,
                "module": c.module,
                "lesson": c.lesson,
            }
            for c in plan.coverage
        ],
        "demand": [{"skill": skill, "weight": weight} for skill, weight in plan.demand],
        "adjustments": [
            {
                "lesson": a.lesson,
                "skills": list(a.skills),
                "hours_before": hours_value(a.hours_before),
                "hours_after": hours_value(a.hours_after),
                "position_before": a.position_before,
                "position_after": a.position_after,
            }
            for a in plan.adjustments
        ],
    }


class _PlanReader(Reader):
    """Reads a plan, remembering keys and requirement ids to check references across it."""

    def __init__(self, step: float, min_hours: float) -> None:
        super().__init__()
        self.step, self.min_hours = step, min_hours
        self.lesson_paths: dict[str, str] = {}
        self.requirement_paths: dict[str, str] = {}

    def taught(self, requirement: str, path: str) -> None:
        if requirement in self.requirement_paths:
            self.fail(
                path,
                f"{requirement!r} is taught twice (also at {self.requirement_paths[requirement]})",
            )
        self.requirement_paths.setdefault(requirement, path)

    def also(self, value: Any, path: str) -> tuple[tuple[str, str], ...]:
        pairs = []
        for i, item in enumerate(self.array(value, path)):
            data = self.obj(item, f"{path}[{i}]", ["requirement", "source"])
            requirement = self.text(data.get("requirement"), f"{path}[{i}].requirement")
            self.taught(requirement, f"{path}[{i}].requirement")
            pairs.append((requirement, self.text(data.get("source"), f"{path}[{i}].source")))
        return tuple(pairs)

    def objective(self, value: Any, path: str) -> Objective:
        data = self.obj(value, path, ["requirement", "kind", "text", "source"])
        requirement = self.text(data.get("requirement"), f"{path}.requirement")
        self.taught(requirement, f"{path}.requirement")
        return Objective(
            requirement=requirement,
            kind=self.choice(data.get("kind"), f"{path}.kind", REQUIREMENT_KINDS),
            text=self.text(data.get("text"), f"{path}.text"),
            source=self.text(data.get("source"), f"{path}.source"),
            skills=self.texts(data.get("skills", []), f"{path}.skills"),
            also=self.also(data.get("also", []), f"{path}.also"),
        )

    def lesson(self, value: Any, path: str) -> Lesson:
        data = self.obj(
            value, path, ["key", "title", "theory_hours", "practice_hours", "objectives"]
        )
        key = self.text(data.get("key"), f"{path}.key")
        if key in self.lesson_paths:
            self.fail(f"{path}.key", f"lesson {key!r} appears twice")
        self.lesson_paths.setdefault(key, path)
        objectives = self.array(data.get("objectives"), f"{path}.objectives", min_items=1)
        lesson = Lesson(
            key=key,
            title=self.text(data.get("title"), f"{path}.title"),
            theory_hours=self.hours(data.get("theory_hours"), f"{path}.theory_hours", self.step),
            practice_hours=self.hours(
                data.get("practice_hours"), f"{path}.practice_hours", self.step
            ),
            objectives=tuple(
                self.objective(item, f"{path}.objectives[{i}]") for i, item in enumerate(objectives)
            ),
            summary=self.text(data.get("summary", ""), f"{path}.summary", required=False),
        )
        if lesson.hours < self.min_hours:
            self.fail(path, f"has {lesson.hours:g} h, less than the minimum {self.min_hours:g} h")
        return lesson

    def module(self, value: Any, path: str, earlier: Sequence[str]) -> Module:
        data = self.obj(value, path, ["key", "title", "kind", "prerequisites", "lessons"])
        key = self.text(data.get("key"), f"{path}.key")
        if key in earlier:
            self.fail(f"{path}.key", f"module {key!r} appears twice")
        prerequisites = self.texts(data.get("prerequisites"), f"{path}.prerequisites")
        for i, needed in enumerate(prerequisites):
            if needed not in earlier:
                self.fail(f"{path}.prerequisites[{i}]", f"{needed!r} is not an earlier module")
        lessons = self.array(data.get("lessons"), f"{path}.lessons", min_items=1)
        module = Module(
            key=key,
            title=self.text(data.get("title"), f"{path}.title"),
            kind=self.choice(data.get("kind"), f"{path}.kind", MODULE_KINDS),
            theory_weight=self.whole(data.get("theory_weight", 0), f"{path}.theory_weight", 0, 100),
            skill_weight=self.whole(data.get("skill_weight", 0), f"{path}.skill_weight", 0, 100),
            prerequisites=prerequisites,
            lessons=tuple(
                self.lesson(item, f"{path}.lessons[{i}]") for i, item in enumerate(lessons)
            ),
        )
        for name, derived in (
            ("theory_hours", module.theory_hours),
            ("practice_hours", module.practice_hours),
        ):
            given = data.get(name)
            if given is not None and given != derived:
                self.fail(f"{path}.{name}", f"is {given!r} but its lessons add up to {derived:g}")
        return module

    def assessment(self, value: Any, path: str, modules: Sequence[str]) -> Assessment:
        data = self.obj(value, path, ["key", "title", "kind", "after", "methods", "requirements"])
        after = self.text(data.get("after"), f"{path}.after")
        if after not in modules:
            self.fail(f"{path}.after", f"{after!r} is not a module of the plan")
        requirements = self.texts(data.get("requirements"), f"{path}.requirements")
        for i, requirement in enumerate(requirements):
            if requirement not in self.requirement_paths:
                self.fail(f"{path}.requirements[{i}]", f"{requirement!r} is not taught in the plan")
        return Assessment(
            key=self.text(data.get("key"), f"{path}.key"),
            title=self.text(data.get("title"), f"{path}.title"),
            kind=self.choice(data.get("kind"), f"{path}.kind", ASSESSMENT_KINDS),
            after=after,
            methods=self.texts(data.get("methods"), f"{path}.methods", min_items=1),
            requirements=requirements,
        )

    def adjustment(self, value: Any, path: str) -> Adjustment:
        keys = ["lesson", "hours_before", "hours_after", "position_before", "position_after"]
        data = self.obj(value, path, keys)
        lesson = self.text(data.get("lesson"), f"{path}.lesson")
        if lesson not in self.lesson_paths:
            self.fail(f"{path}.lesson", f"{lesson!r} is not a lesson of the plan")
        return Adjustment(
            lesson=lesson,
            skills=self.texts(data.get("skills", []), f"{path}.skills"),
            hours_before=self.hours(data.get("hours_before"), f"{path}.hours_before", self.step),
            hours_after=self.hours(data.get("hours_after"), f"{path}.hours_after", self.step),
            position_before=self.whole(
                data.get("position_before"), f"{path}.position_before", 1, 10_000
            ),
            position_after=self.whole(
                data.get("position_after"), f"{path}.position_after", 1, 10_000
            ),
        )

    def demand(self, value: Any, path: str) -> tuple[tuple[str, float], ...]:
        result = []
        for i, item in enumerate(self.array(value, path)):
            data = self.obj(item, f"{path}[{i}]", ["skill", "weight"])
            skill = self.text(data.get("skill"), f"{path}[{i}].skill")
            weight = self.number(data.get("weight"), f"{path}[{i}].weight")
            result.append((skill, weight))
        return tuple(result)


def _figures(reader: Reader, root: Mapping[str, Any]) -> tuple[int, float, float, float, float]:
    level = reader.whole(root.get("level"), "$.level", 1, 8)
    step = root.get("hour_step", 1)
    if step not in (1, 0.5):
        reader.fail("$.hour_step", "must be 1 or 0.5")
        step = 1
    total = reader.hours(root.get("total_hours"), "$.total_hours", float(step))
    minimum = reader.hours(root.get("min_lesson_hours", step), "$.min_lesson_hours", float(step))
    share = reader.number(root.get("practice_share", 0.6), "$.practice_share")
    if share > 1:
        reader.fail("$.practice_share", "must be from 0 to 1")
    return level, float(step), total, minimum, share


def _check_coverage(reader: Reader, value: Any, modules: Sequence[Module]) -> None:
    """The coverage map, when given, must say where each requirement really is taught."""
    if value is None:
        return
    where = {c.requirement: c for c in coverage_for(modules)}
    listed = set()
    for i, item in enumerate(reader.array(value, "$.coverage")):
        path = f"$.coverage[{i}]"
        data = reader.obj(item, path, ["requirement", "module", "lesson"])
        requirement = data.get("requirement")
        actual = where.get(requirement) if isinstance(requirement, str) else None
        if actual is None:
            reader.fail(f"{path}.requirement", f"{requirement!r} is not taught in the plan")
            continue
        listed.add(requirement)
        for name in ("module", "lesson"):
            if data.get(name) != getattr(actual, name):
                reader.fail(
                    f"{path}.{name}",
                    f"{requirement!r} is taught in {getattr(actual, name)}, not {data.get(name)!r}",
                )
    for requirement in where:
        if requirement not in listed:
            reader.fail("$.coverage", f"does not list {requirement!r}")


def plan_from_dict(data: Any) -> CoursePlan:
    """Read and validate a plan; ``PlanSchemaError`` lists every problem with its JSON path."""
    probe = Reader()
    root = probe.obj(
        data, "$", ["format", "occupation", "level", "total_hours", "modules", "assessments"]
    )
    if root.get("format", FORMAT) != FORMAT:
        probe.fail("$.format", f"must be {FORMAT!r}")
    level, step, total, minimum, share = _figures(probe, root)
    reader = _PlanReader(step, minimum)
    reader.errors = probe.errors
    occupation = reader.obj(root.get("occupation", {}), "$.occupation", ["code", "name"])
    modules: list[Module] = []
    for i, item in enumerate(reader.array(root.get("modules"), "$.modules", min_items=1)):
        modules.append(reader.module(item, f"$.modules[{i}]", [m.key for m in modules]))
    added = sum(module.hours for module in modules)
    if modules and added != total:
        reader.fail("$.total_hours", f"is {total:g} but the lessons add up to {added:g}")
    keys = [m.key for m in modules]
    assessments = tuple(
        reader.assessment(item, f"$.assessments[{i}]", keys)
        for i, item in enumerate(reader.array(root.get("assessments"), "$.assessments"))
    )
    if sum(1 for a in assessments if a.kind == FINAL_ASSESSMENT) != 1:
        reader.fail("$.assessments", "needs exactly one final assessment")
    _check_coverage(reader, root.get("coverage"), modules)
    code = reader.text(occupation.get("code"), "$.occupation.code")
    plan = CoursePlan(
        occupation_code=code,
        occupation_name=reader.text(occupation.get("name"), "$.occupation.name"),
        level=level,
        level_name=level_name(code, level),
        total_hours=total,
        hour_step=step,
        min_lesson_hours=minimum,
        practice_share=share,
        modules=tuple(modules),
        assessments=assessments,
        coverage=coverage_for(modules),
        demand=reader.demand(root.get("demand", []), "$.demand"),
        adjustments=tuple(
            reader.adjustment(item, f"$.adjustments[{i}]")
            for i, item in enumerate(reader.array(root.get("adjustments", []), "$.adjustments"))
        ),
    )
    if reader.errors:
        raise PlanSchemaError(reader.errors)
    return plan


def validate_plan(data: Any) -> list[tuple[str, str]]:
    """Every (JSON path, reason) problem of a plan; empty when it is valid."""
    try:
        plan_from_dict(data)
    except PlanSchemaError as error:
        return error.errors
    return []
