"""The course plan (format ``zhijiang.course_plan/1``) as frozen values.

A plan teaches one level of an occupational standard: an introductory module (ethics and basic
knowledge) and one module per work function, one lesson per work content, learning objectives
per requirement, whole (or half) theory and practice hours per lesson, assessment points, and a
coverage map saying where each requirement of the level is taught.
"""

from __future__ import annotations

from dataclasses import dataclass

FORMAT = "zhijiang.course_plan/1"

# Requirement kinds, in the order a plan teaches them.
ETHICS = "ethics"
BASIC_KNOWLEDGE = "basic_knowledge"
SKILL = "skill"
KNOWLEDGE = "knowledge"
REQUIREMENT_KINDS = (ETHICS, BASIC_KNOWLEDGE, SKILL, KNOWLEDGE)

INTRODUCTION = "introduction"
FUNCTION = "function"
MODULE_KINDS = (INTRODUCTION, FUNCTION)

MODULE_ASSESSMENT = "module"
FINAL_ASSESSMENT = "final"
ASSESSMENT_KINDS = (MODULE_ASSESSMENT, FINAL_ASSESSMENT)


class CurriculumError(ValueError):
    """The plan cannot be made from these inputs; the message names the figure at fault."""


@dataclass(frozen=True)
class Objective:
    """What a learner can do or knows after a lesson, tied to one requirement of the standard."""

    requirement: str  # the requirement's id, e.g. "F1.C2.S1", "E3", "B1"
    kind: str  # one of REQUIREMENT_KINDS
    text: str  # the objective as taught ("能……", "掌握……")
    source: str  # the requirement's text in the standard
    skills: tuple[str, ...] = ()  # skill keys the requirement develops
    # Further requirements this objective teaches, as (id, text): the introduction groups the
    # laws and principles every standard lists under a few objectives, as a teacher would.
    also: tuple[tuple[str, str], ...] = ()

    @property
    def covers(self) -> tuple[tuple[str, str], ...]:
        """Every (requirement id, text) the objective teaches, its own first."""
        return ((self.requirement, self.source), *self.also)


@dataclass(frozen=True)
class Lesson:
    """One lesson (课), teaching one work content (or the ethics / basic knowledge)."""

    key: str  # stable identity, e.g. "M1.L2"; kept when adaptation reorders lessons
    title: str
    theory_hours: float
    practice_hours: float
    objectives: tuple[Objective, ...]
    summary: str = ""

    @property
    def hours(self) -> float:
        return self.theory_hours + self.practice_hours

    @property
    def skills(self) -> tuple[str, ...]:
        """The skill keys the lesson's requirements develop, first mention first."""
        return tuple(dict.fromkeys(s for objective in self.objectives for s in objective.skills))


@dataclass(frozen=True)
class Module:
    """One module (模块): the introduction, or one work function of the standard."""

    key: str  # "M0" for the introduction, "M1"… for the work functions in standard order
    title: str
    kind: str  # one of MODULE_KINDS
    theory_weight: int  # the standard's theory share (basic_weight for the introduction)
    skill_weight: int  # the standard's skill share (0 for the introduction)
    prerequisites: tuple[str, ...]  # keys of modules to finish first
    lessons: tuple[Lesson, ...]

    @property
    def theory_hours(self) -> float:
        return sum(lesson.theory_hours for lesson in self.lessons)

    @property
    def practice_hours(self) -> float:
        return sum(lesson.practice_hours for lesson in self.lessons)

    @property
    def hours(self) -> float:
        return self.theory_hours + self.practice_hours


@dataclass(frozen=True)
class Assessment:
    """An assessment point: after a module (its requirements), or the final one (all)."""

    key: str  # "A1"…; the final one is "A-final"
    title: str
    kind: str  # one of ASSESSMENT_KINDS
    after: str  # key of the module it follows (the last module for the final one)
    methods: tuple[str, ...]  # e.g. ("理论知识考试", "操作技能考核")
    requirements: tuple[str, ...]  # ids of the requirements it checks


@dataclass(frozen=True)
class Coverage:
    """Where one requirement of the level is taught."""

    requirement: str
    kind: str
    text: str
    module: str
    lesson: str


@dataclass(frozen=True)
class Adjustment:
    """What industry demand changed about one lesson."""

    lesson: str
    skills: tuple[str, ...]  # the demanded skills it develops; empty when it gave hours away
    hours_before: float
    hours_after: float
    position_before: int  # 1-based place within its module
    position_after: int


@dataclass(frozen=True)
class CoursePlan:
    occupation_code: str
    occupation_name: str
    level: int  # rank on the eight-level ladder
    level_name: str
    total_hours: float
    hour_step: float  # 1 or 0.5: hours are whole numbers or halves
    min_lesson_hours: float
    practice_share: float  # the share of practice hours the officer asked for (0…1)
    modules: tuple[Module, ...]
    assessments: tuple[Assessment, ...]
    coverage: tuple[Coverage, ...]
    demand: tuple[tuple[str, float], ...] = ()  # the sample the plan was adapted to
    adjustments: tuple[Adjustment, ...] = ()

    @property
    def theory_hours(self) -> float:
        return sum(module.theory_hours for module in self.modules)

    @property
    def practice_hours(self) -> float:
        return sum(module.practice_hours for module in self.modules)

    @property
    def lessons(self) -> tuple[Lesson, ...]:
        return tuple(lesson for module in self.modules for lesson in module.lessons)
