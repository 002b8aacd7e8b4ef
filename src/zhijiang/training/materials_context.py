"""What the curriculum generator knows about a course's occupation beyond its standard: the
occupation's definition and tasks, the vocabulary skills the standard's requirements link
(their Chinese labels and descriptions, kind, hot technologies and O*NET tools), and review
questions from an item bank.

Item banks belong to the assessment app, which training must not import (assessment is the
higher layer). An app that can read reviewed items registers a source of review questions with
``register_review_question_source`` from its ``AppConfig.ready()``; ``materials_context`` asks
every registered source for the course's standard and level. Without a source, or when the
sources have none, sections get open questions built from the requirements.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from zhijiang.occupations.models import Skill, Standard
from zhijiang.occupations.services import facts_of
from zhijiang_engine.curriculum import CourseContext, ReviewQuestion, SkillInfo


def _skill_info(skill: Skill) -> SkillInfo:
    return SkillInfo(
        label=skill.label_zh or skill.label_en,  # as document_of labels requirement skills
        label_zh=skill.label_zh,
        description=skill.description,
        kind=skill.kind,
        is_hot=skill.is_hot,
        is_tool=bool(skill.onet_commodity),
    )


class ReviewQuestionSource(Protocol):
    """Reviewed items of ``standard`` at ``level`` (a rank) as questions without their keys,
    in a fixed order."""

    def __call__(self, *, standard: Standard, level: int) -> Sequence[ReviewQuestion]: ...


_review_question_sources: dict[str, ReviewQuestionSource] = {}


def register_review_question_source(name: str, source: ReviewQuestionSource) -> None:
    """Add a source (from an app's ``ready()``; registering the same name again replaces it,
    so that a reloaded app is harmless)."""
    _review_question_sources[name] = source


def review_questions_for(*, standard: Standard, level: int) -> tuple[ReviewQuestion, ...]:
    """Every registered source's questions for ``level`` of ``standard``, each once, in the
    order of registration."""
    questions: list[ReviewQuestion] = []
    for source in _review_question_sources.values():
        questions += source(standard=standard, level=level)
    return tuple(dict.fromkeys(questions))


def materials_context(
    standard: Standard,
    *,
    level: int | None = None,
    review_questions: Sequence[ReviewQuestion] = (),
) -> CourseContext:
    """The context for the materials of a course on ``level`` of ``standard`` (two queries,
    and the review question sources' when a level is given): ``review_questions`` passed in
    first, then the registered sources'."""
    skills = (
        Skill.objects.filter(requirements__content__function__level__standard=standard)
        .distinct()
        .order_by("key")
    )
    banked = review_questions_for(standard=standard, level=level) if level is not None else ()
    return CourseContext(
        facts=facts_of(standard.occupation),
        skills=tuple(_skill_info(skill) for skill in skills),
        review_questions=tuple(dict.fromkeys((*review_questions, *banked))),
    )
