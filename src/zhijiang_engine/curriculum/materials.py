"""The textbook outline and the practical-training projects as values, and their JSON forms.

``textbook.textbook_outline`` and ``projects.training_projects`` build them from a course plan
and an optional ``CourseContext``; stored forms written before sections had objectives,
concepts, cases, questions and references (or projects a scenario, materials and safety notes)
read back with those parts empty.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

TEXTBOOK_FORMAT = "zhijiang.textbook_outline/1"
PROJECTS_FORMAT = "zhijiang.training_projects/1"
RUBRIC_POINTS = 100
QUESTION = "question"
PRACTICE = "practice"
ITEM_BANK = "item_bank"
OPEN = "open"


@dataclass(frozen=True)
class Exercise:
    requirement: str  # the requirement id it checks
    kind: str  # QUESTION (knowledge) or PRACTICE (skill)
    text: str


@dataclass(frozen=True)
class Concept:
    """A key concept of a section with a one-paragraph explanation."""

    term: str
    explanation: str


@dataclass(frozen=True)
class Case:
    """A worked case built from a task of the occupation: situation, what is done, result."""

    situation: str
    action: str
    result: str


@dataclass(frozen=True)
class ReviewItem:
    requirement: str  # the requirement id it reviews ("" when the bank does not say)
    text: str
    source: str  # ITEM_BANK (a reviewed item) or OPEN (an open question from the requirement)


@dataclass(frozen=True)
class Reference:
    requirement: str  # the requirement id ("F1.C1.S1")
    text: str  # the requirement's text in the standard


@dataclass(frozen=True)
class Section:
    number: str  # "2.1"
    title: str
    lesson: str  # the lesson key
    summary: str
    key_points: tuple[str, ...]
    exercises: tuple[Exercise, ...]
    objectives: tuple[str, ...] = ()  # learning objectives, from the requirements it covers
    concepts: tuple[Concept, ...] = ()  # 3–6 key concepts
    case: Case | None = None
    questions: tuple[ReviewItem, ...] = ()
    references: tuple[Reference, ...] = ()


@dataclass(frozen=True)
class Chapter:
    number: int
    title: str
    module: str  # the module key
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Textbook:
    title: str
    occupation_code: str
    level: int
    chapters: tuple[Chapter, ...]


@dataclass(frozen=True)
class Criterion:
    requirement: str  # the skill requirement id it scores
    text: str
    skills: tuple[str, ...]
    points: int
    full_marks: str = ""  # what earns the full points


@dataclass(frozen=True)
class Project:
    key: str  # "P1"…
    title: str
    module: str  # the module key
    hours: float  # the module's practice hours
    brief: str
    equipment: tuple[str, ...]
    steps: tuple[str, ...]
    deliverables: tuple[str, ...]
    rubric: tuple[Criterion, ...]  # points sum to 100
    scenario: str = ""  # the occupation, the setting and the task
    materials: tuple[str, ...] = ()  # inputs and materials
    safety: tuple[str, ...] = ()  # hazard notes, or data-security notes for digital work


def _plain(value: dict[str, Any]) -> dict[str, Any]:
    """Tuples as lists, as JSON has them (so the dict equals what storage gives back)."""
    plain: dict[str, Any] = json.loads(json.dumps(value, ensure_ascii=False))
    return plain


def textbook_to_dict(textbook: Textbook) -> dict[str, Any]:
    """The JSON form of a textbook outline (format ``zhijiang.textbook_outline/1``)."""
    return {"format": TEXTBOOK_FORMAT, **_plain(asdict(textbook))}


def projects_to_dict(projects: Sequence[Project]) -> dict[str, Any]:
    """The JSON form of the training projects (format ``zhijiang.training_projects/1``)."""
    return {"format": PROJECTS_FORMAT, "projects": [_plain(asdict(p)) for p in projects]}


def _section_parts(section: dict[str, Any]) -> dict[str, Any]:
    case = section.get("case")
    return {
        "objectives": tuple(section.get("objectives", ())),
        "concepts": tuple(Concept(**c) for c in section.get("concepts", ())),
        "case": Case(**case) if case else None,
        "questions": tuple(ReviewItem(**q) for q in section.get("questions", ())),
        "references": tuple(Reference(**r) for r in section.get("references", ())),
    }


def textbook_from_dict(data: dict[str, Any]) -> Textbook:
    """The stored form of ``textbook_to_dict`` read back; KeyError, TypeError or ValueError
    when it is not one."""
    return Textbook(
        title=data["title"],
        occupation_code=data["occupation_code"],
        level=int(data["level"]),
        chapters=tuple(
            Chapter(
                number=int(chapter["number"]),
                title=chapter["title"],
                module=chapter["module"],
                sections=tuple(
                    Section(
                        number=section["number"],
                        title=section["title"],
                        lesson=section["lesson"],
                        summary=section.get("summary", ""),
                        key_points=tuple(section["key_points"]),
                        exercises=tuple(Exercise(**exercise) for exercise in section["exercises"]),
                        **_section_parts(section),
                    )
                    for section in chapter["sections"]
                ),
            )
            for chapter in data["chapters"]
        ),
    )


def projects_from_dict(data: dict[str, Any]) -> tuple[Project, ...]:
    """The stored form of ``projects_to_dict`` read back; KeyError, TypeError or ValueError
    when it is not one."""
    return tuple(
        Project(
            key=item["key"],
            title=item["title"],
            module=item["module"],
            hours=float(item["hours"]),
            brief=item["brief"],
            equipment=tuple(item["equipment"]),
            steps=tuple(item["steps"]),
            deliverables=tuple(item["deliverables"]),
            rubric=tuple(
                Criterion(
                    requirement=c["requirement"],
                    text=c["text"],
                    skills=tuple(c.get("skills", ())),
                    points=int(c["points"]),
                    full_marks=c.get("full_marks", ""),
                )
                for c in item["rubric"]
            ),
            scenario=item.get("scenario", ""),
            materials=tuple(item.get("materials", ())),
            safety=tuple(item.get("safety", ())),
        )
        for item in data["projects"]
    )
