"""The units of generated content an officer judges, and where each kind comes from.

Four kinds: exam items a generator wrote, requirements of drafted standards, the texts of a
course plan as generated (lesson summaries and objectives, from revision 1), and the texts of
a course's textbook outline and practical projects (of courses whose plan no person edited:
an edit rebuilds them from the person's plan). Each unit carries the generator that wrote it:
the source the content records, with the engine's generator version where the source does not
name its own. The other apps are read through their selectors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from zhijiang.analytics.models import ContentKind
from zhijiang.analytics.quality.sampling import Key
from zhijiang.assessment.models import Item, ItemKind
from zhijiang.assessment.selectors import generated_items
from zhijiang.occupations.levels import level_label
from zhijiang.occupations.models import Occupation, Requirement
from zhijiang.occupations.selectors import drafted_requirements
from zhijiang.training.models import Course
from zhijiang.training.selectors import courses_with_generated_plan
from zhijiang_engine.curriculum.generate import GENERATOR_VERSION as COURSES_VERSION
from zhijiang_engine.standards.draft import GENERATOR_VERSION as STANDARDS_VERSION

# A source that already names its version, e.g. "occupation-facts/1" (not a model's name).
_VERSIONED = re.compile(r"^(?!llm:).+/\d+(?:\.\d+)*$")
# List fields of a project or section whose entries are short words, judged together.
_JOINED_FIELDS = {"equipment", "deliverables", "materials", "software", "tools"}
_SECTION_SKIP = {"number", "title", "lesson"}
_PROJECT_SKIP = {"key", "title", "module", "hours", "rubric"}
_TRUE_FALSE = {"T": "对", "F": "错"}


def generator_label(source: str, version: str) -> str:
    """The recorded source with the engine's generator version, unless it names its own."""
    return source if _VERSIONED.match(source) else f"{source} · {version}"


@dataclass(frozen=True)
class ContentUnit:
    """One unit of generated text as a reviewer sees it."""

    kind: str
    object_id: int
    path: str
    occupation: Occupation
    level: int
    generator: str
    context: str  # where the text stands: bank, standard or course, and the section
    text: str

    @property
    def key(self) -> Key:
        return (self.occupation.pk, self.object_id, self.path)

    @property
    def level_label(self) -> str:
        return level_label(self.level, self.occupation.code)

    @property
    def kind_label(self) -> str:
        return str(ContentKind(self.kind).label)


class UnitSource(Protocol):
    def keys(self, occupation: Occupation | None) -> list[Key]: ...

    def units(self, keys: Sequence[Key]) -> list[ContentUnit]: ...


def item_text(item: Item) -> str:
    """The item as one text: stem, lettered options, key and explanation."""
    lines = [item.stem, *(f"{letter}. {option}" for letter, option in item.lettered_options)]
    answer = (
        _TRUE_FALSE.get(item.answer, item.answer)
        if item.kind == ItemKind.TRUE_FALSE
        else item.answer
    )
    lines.append(f"答案：{answer}")
    if item.explanation:
        lines.append(f"解析：{item.explanation}")
    return "\n".join(lines)


class ItemSource:
    """Exam items whose source is a generator (not written or imported by people)."""

    def keys(self, occupation: Occupation | None) -> list[Key]:
        items = generated_items()
        if occupation is not None:
            items = items.filter(bank__standard__occupation=occupation)
        rows = items.values_list("bank__standard__occupation_id", "pk")
        return [(occupation_id, pk, "") for occupation_id, pk in rows]

    def units(self, keys: Sequence[Key]) -> list[ContentUnit]:
        found = generated_items().filter(pk__in=[key[1] for key in keys])
        by_id = {item.pk: item for item in found.select_related("bank__standard__occupation")}
        return [self._unit(by_id[key[1]]) for key in keys if key[1] in by_id and not key[2]]

    @staticmethod
    def _unit(item: Item) -> ContentUnit:
        standard = item.bank.standard
        return ContentUnit(
            kind=ContentKind.ITEM, object_id=item.pk, path="", occupation=standard.occupation,
            level=item.level, generator=item.source,
            context=f"{item.bank.name} · {item.requirement}", text=item_text(item),
        )  # fmt: skip


class RequirementSource:
    """Skill and knowledge requirements of standards a drafter wrote."""

    def keys(self, occupation: Occupation | None) -> list[Key]:
        requirements = drafted_requirements()
        if occupation is not None:
            requirements = requirements.filter(
                content__function__level__standard__occupation=occupation
            )
        rows = requirements.values_list("content__function__level__standard__occupation_id", "pk")
        return [(occupation_id, pk, "") for occupation_id, pk in rows]

    def units(self, keys: Sequence[Key]) -> list[ContentUnit]:
        found = drafted_requirements().filter(pk__in=[key[1] for key in keys])
        by_id = {
            requirement.pk: requirement
            for requirement in found.select_related(
                "content__function__level__standard__occupation"
            )
        }
        return [self._unit(by_id[key[1]]) for key in keys if key[1] in by_id and not key[2]]

    @staticmethod
    def _unit(requirement: Requirement) -> ContentUnit:
        content = requirement.content
        level = content.function.level
        standard = level.standard
        context = (
            f"{standard.occupation.name} v{standard.version} · {content.function.title} › "
            f"{content.title} · {requirement.get_kind_display()}"
        )
        return ContentUnit(
            kind=ContentKind.REQUIREMENT, object_id=requirement.pk, path="",
            occupation=standard.occupation, level=level.rank,
            generator=generator_label(standard.source, STANDARDS_VERSION), context=context,
            text=requirement.text,
        )  # fmt: skip


def _entries(value: Any, name: str) -> list[Any]:
    found = value.get(name) if isinstance(value, dict) else None
    return found if isinstance(found, list) else []


def _entry_text(value: Any) -> str:
    """A string as it is; an object by its ``text`` (else its texts joined)."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        if isinstance(value.get("text"), str):
            return str(value["text"]).strip()
        return "：".join(str(v).strip() for v in value.values() if isinstance(v, str) and v.strip())
    return ""


def _field_units(path: str, name: str, value: Any) -> Iterator[tuple[str, str]]:
    """(path, text) of one field of a section or project: a text, or each entry of a list (the
    entries of short-word lists such as equipment together)."""
    if isinstance(value, list):
        texts = [_entry_text(entry) for entry in value]
        if name in _JOINED_FIELDS:
            joined = "；".join(text for text in texts if text)
            if joined:
                yield path, joined
            return
        for index, text in enumerate(texts):
            if text:
                yield f"{path}/{index}", text
        return
    text = _entry_text(value)
    if text:
        yield path, text


def plan_units(plan: Any) -> Iterator[tuple[str, str, str]]:
    """(path, context, text) of a plan's lesson summaries and learning objectives."""
    for module in _entries(plan, "modules"):
        for lesson in _entries(module, "lessons"):
            key = str(lesson.get("key", ""))
            where = f"{module.get('title', '')} › {lesson.get('title', '')}"
            summary = _entry_text(lesson.get("summary", ""))
            if summary:
                yield f"lessons/{key}/summary", where, summary
            for objective in _entries(lesson, "objectives"):
                text = _entry_text(objective)
                if text:
                    yield (
                        f"lessons/{key}/objectives/{objective.get('requirement', '')}",
                        where,
                        text,
                    )


def material_units(textbook: Any, projects: Any) -> Iterator[tuple[str, str, str]]:
    """(path, context, text) of a textbook outline's sections and of the practical projects:
    every text field, whatever fields a version of the formats adds."""
    for chapter in _entries(textbook, "chapters"):
        for section in _entries(chapter, "sections"):
            number = str(section.get("number", ""))
            where = f"{number} {section.get('title', '')}".strip()
            for name, value in section.items():
                if name not in _SECTION_SKIP:
                    for path, text in _field_units(f"textbook/{number}/{name}", name, value):
                        yield path, where, text
    for project in _entries(projects, "projects"):
        key = str(project.get("key", ""))
        where = f"{key} {project.get('title', '')}".strip()
        for name, value in project.items():
            if name not in _PROJECT_SKIP:
                for path, text in _field_units(f"projects/{key}/{name}", name, value):
                    yield path, where, text


class CourseTextSource:
    """Texts of courses: of their generated plans, or of their textbooks and projects."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._loaded: dict[Key, ContentUnit] = {}

    def _course_units(self, course: Course) -> Iterator[ContentUnit]:
        if self.kind == ContentKind.COURSE_TEXT:
            revisions = getattr(course, "generated_revision", [])
            found = plan_units(revisions[0].plan if revisions else course.plan)
        elif getattr(course, "edited", False):
            return
        else:
            found = material_units(course.textbook, course.projects)
        generator = generator_label(course.source, COURSES_VERSION)
        for path, where, text in found:
            yield ContentUnit(
                kind=self.kind, object_id=course.pk, path=path[:200], occupation=course.occupation,
                level=course.level, generator=generator, context=f"{course.title} · {where}",
                text=text,
            )  # fmt: skip

    def _load(self, courses: Any) -> None:
        for course in courses:
            for unit in self._course_units(course):
                self._loaded.setdefault(unit.key, unit)

    def keys(self, occupation: Occupation | None) -> list[Key]:
        courses = courses_with_generated_plan()
        if occupation is not None:
            courses = courses.filter(occupation=occupation)
        self._load(courses)
        return list(self._loaded)

    def unit_at(self, object_id: int, path: str) -> ContentUnit | None:
        self._load(courses_with_generated_plan().filter(pk=object_id))
        found = (unit for key, unit in self._loaded.items() if key[1:] == (object_id, path))
        return next(found, None)

    def units(self, keys: Sequence[Key]) -> list[ContentUnit]:
        missing = {key[1] for key in keys if key not in self._loaded}
        if missing:
            self._load(courses_with_generated_plan().filter(pk__in=missing))
        return [self._loaded[key] for key in keys if key in self._loaded]


def source_for(kind: str) -> UnitSource:
    if kind == ContentKind.ITEM:
        return ItemSource()
    if kind == ContentKind.REQUIREMENT:
        return RequirementSource()
    return CourseTextSource(kind)


def unit_at(*, kind: str, object_id: int, path: str) -> ContentUnit | None:
    """The unit of generated content at this reference, or None when there is none."""
    source = source_for(kind)
    if isinstance(source, CourseTextSource):
        return source.unit_at(object_id, path)
    if path:
        return None
    units = source.units([(0, object_id, "")])
    return units[0] if units else None
