"""What the curriculum generator knows about a course's occupation beyond its standard: the
occupation's definition and tasks, and the vocabulary skills the standard's requirements link
(their Chinese labels and descriptions, kind, hot technologies and O*NET tools).

Review questions from an item bank belong to the assessment app, which training must not
import (the two are siblings). ``materials_context`` therefore takes them as an explicit
``review_questions`` argument: a caller in a higher layer that can read a reviewed bank passes
them in, and training's own services leave it empty, so sections then get open questions built
from the requirements.
"""

from __future__ import annotations

from collections.abc import Sequence

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


def materials_context(
    standard: Standard, *, review_questions: Sequence[ReviewQuestion] = ()
) -> CourseContext:
    """The context for the materials of a course on ``standard`` (two queries)."""
    skills = (
        Skill.objects.filter(requirements__content__function__level__standard=standard)
        .distinct()
        .order_by("key")
    )
    return CourseContext(
        facts=facts_of(standard.occupation),
        skills=tuple(_skill_info(skill) for skill in skills),
        review_questions=tuple(review_questions),
    )
