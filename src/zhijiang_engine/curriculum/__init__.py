"""Curricula from occupational standards: course plans with exact hours, adapted to industry
demand, their textbook outlines and practical-training projects, their JSON form, and the
optional enrichment of their texts by a language model."""

from zhijiang_engine.curriculum.adapt import adapt_plan_to_demand, demand_shares
from zhijiang_engine.curriculum.context import CourseContext, ReviewQuestion, SkillInfo
from zhijiang_engine.curriculum.enrich_llm import EnrichedCourse, course_enrich_with_model
from zhijiang_engine.curriculum.generate import (
    course_plan_from_standard,
    requirement_ids,
    uncovered_requirements,
)
from zhijiang_engine.curriculum.materials import (
    PROJECTS_FORMAT,
    TEXTBOOK_FORMAT,
    Case,
    Chapter,
    Concept,
    Criterion,
    Exercise,
    Project,
    Reference,
    ReviewItem,
    Section,
    Textbook,
    projects_from_dict,
    projects_to_dict,
    textbook_from_dict,
    textbook_to_dict,
)
from zhijiang_engine.curriculum.model import (
    FORMAT,
    Adjustment,
    Assessment,
    CoursePlan,
    Coverage,
    CurriculumError,
    Lesson,
    Module,
    Objective,
)
from zhijiang_engine.curriculum.projects import training_projects
from zhijiang_engine.curriculum.reader import PlanSchemaError
from zhijiang_engine.curriculum.serialise import plan_from_dict, plan_to_dict, validate_plan
from zhijiang_engine.curriculum.textbook import textbook_outline

__all__ = [
    "FORMAT",
    "PROJECTS_FORMAT",
    "TEXTBOOK_FORMAT",
    "Adjustment",
    "Assessment",
    "Case",
    "Chapter",
    "Concept",
    "CourseContext",
    "CoursePlan",
    "Coverage",
    "Criterion",
    "CurriculumError",
    "EnrichedCourse",
    "Exercise",
    "Lesson",
    "Module",
    "Objective",
    "PlanSchemaError",
    "Project",
    "Reference",
    "ReviewItem",
    "ReviewQuestion",
    "Section",
    "SkillInfo",
    "Textbook",
    "adapt_plan_to_demand",
    "course_enrich_with_model",
    "course_plan_from_standard",
    "demand_shares",
    "plan_from_dict",
    "plan_to_dict",
    "projects_from_dict",
    "projects_to_dict",
    "requirement_ids",
    "textbook_from_dict",
    "textbook_outline",
    "textbook_to_dict",
    "training_projects",
    "uncovered_requirements",
    "validate_plan",
]
