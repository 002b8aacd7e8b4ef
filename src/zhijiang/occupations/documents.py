"""Converting between stored standards and the engine's standard document."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from zhijiang.occupations.models import (
    Requirement,
    Skill,
    Standard,
    StandardLevel,
    WorkContent,
    WorkFunction,
)
from zhijiang_engine.skills_vocabulary import skill_key
from zhijiang_engine.standards import StandardDocument
from zhijiang_engine.standards import schema as doc

# The key of the stored overview under which the drafter's left-out lines are kept.
LEFT_OUT = "left_out"


def _levels_with_tree() -> QuerySet[StandardLevel]:
    requirements = Requirement.objects.prefetch_related("skills")
    contents = WorkContent.objects.prefetch_related(Prefetch("requirements", queryset=requirements))
    functions = WorkFunction.objects.prefetch_related(Prefetch("contents", queryset=contents))
    return StandardLevel.objects.prefetch_related(Prefetch("functions", queryset=functions))


def standard_with_tree() -> Prefetch[Any]:
    """Prefetch a standard's whole tree in five queries."""
    return Prefetch("levels", queryset=_levels_with_tree())


def _requirements(content: WorkContent, kind: str) -> tuple[doc.Requirement, ...]:
    return tuple(
        doc.Requirement(r.text, tuple(s.label_zh or s.label_en for s in r.skills.all()))
        for r in content.requirements.all()
        if r.kind == kind
    )


def _levels_of(standard: Standard) -> Iterable[StandardLevel]:
    """The levels with their whole tree: as prefetched, or fetched now in five queries rather
    than one per work content and requirement (a standard has hundreds)."""
    if "levels" in getattr(standard, "_prefetched_objects_cache", {}):
        return standard.levels.all()
    return _levels_with_tree().filter(standard=standard)


def document_of(standard: Standard) -> StandardDocument:
    """The standard as an engine document (its tree read in five queries)."""
    levels = []
    for level in _levels_of(standard):
        functions = tuple(
            doc.WorkFunction(
                title=function.title,
                theory_weight=function.theory_weight,
                skill_weight=function.skill_weight,
                contents=tuple(
                    doc.WorkContent(
                        title=content.title,
                        skills=_requirements(content, Requirement.Kind.SKILL),
                        knowledge=_requirements(content, Requirement.Kind.KNOWLEDGE),
                    )
                    for content in function.contents.all()
                ),
                specialism=function.specialism or None,
            )
            for function in level.functions.all()
        )
        levels.append(doc.StandardLevel(level.rank, level.basic_weight, functions))
    return StandardDocument(
        occupation_code=standard.occupation.code,
        occupation_name=standard.occupation.name,
        definition=standard.definition,
        ethics=tuple(standard.ethics),
        basic_knowledge=tuple(standard.basic_knowledge),
        levels=tuple(levels),
        overview={k: v for k, v in standard.overview.items() if k != LEFT_OUT},
        left_out=tuple(
            doc.LeftOut(
                level=int(item["level"]),
                function=str(item.get("function", "")),
                content=str(item.get("content", "")),
                text=str(item.get("text", "")),
                reasons=tuple(map(str, item.get("reasons", ()))),
            )
            for item in standard.overview.get(LEFT_OUT, ())
        ),
        specialisms=tuple(standard.specialisms),
    )


def _vocabulary_by_label(by_key: dict[str, str]) -> dict[str, Skill]:
    """Vocabulary skills whose Chinese or English label is one of the labels (a standard says
    数据分析 where the vocabulary keys it "data analysis"), by the label's key; a skill coined
    by another standard never counts as vocabulary."""
    if not by_key:
        return {}
    wanted = {skill_key(label): key for key, label in by_key.items()}
    rows = (
        Skill.objects.filter(
            Q(label_zh__in=list(by_key.values())) | Q(label_en__in=list(by_key.values()))
        )
        .exclude(sources=["standard"])
        .order_by("key")
    )
    found: dict[str, Skill] = {}
    for skill in rows:
        for label in (skill.label_zh, skill.label_en):
            key = wanted.get(skill_key(label)) if label else None
            if key is not None and key not in found:
                found[key] = skill
    return found


def skills_for_labels(labels: Iterable[str]) -> dict[str, Skill]:
    """Vocabulary skills by label; labels new to the vocabulary become skills from standards."""
    labels = list(labels)
    by_key: dict[str, str] = {}
    for label in labels:
        by_key.setdefault(skill_key(label), label)
    found = {s.key: s for s in Skill.objects.filter(key__in=list(by_key))}
    coined = {key for key, skill in found.items() if skill.sources == ["standard"]}
    unmatched = {k: v for k, v in by_key.items() if k not in found or k in coined}
    found.update(_vocabulary_by_label(unmatched))
    missing = [
        Skill(
            key=key,
            label_zh=label if not label.isascii() else "",
            label_en=label if label.isascii() else "",
            kind=Skill.Kind.TECHNICAL,
            sources=["standard"],
        )
        for key, label in by_key.items()
        if key not in found
    ]
    for skill in Skill.objects.bulk_create(missing):
        found[skill.key] = skill
    marked = [s for s in found.values() if "standard" not in s.sources]
    for skill in marked:
        skill.sources = sorted({*skill.sources, "standard"})
    Skill.objects.bulk_update(marked, ["sources"])
    return {label: found[skill_key(label)] for label in labels}


def store_document(standard: Standard, document: StandardDocument) -> None:
    """Write the document's tree under ``standard`` (which must have no levels yet), in bulk."""
    standard.definition = document.definition
    standard.overview = dict(document.overview)
    if document.left_out:  # kept beside the overview for the experts (no table of its own)
        standard.overview[LEFT_OUT] = [
            {"level": item.level, "function": item.function, "content": item.content,
             "text": item.text, "reasons": list(item.reasons)}
            for item in document.left_out
        ]  # fmt: skip
    standard.ethics = list(document.ethics)
    standard.basic_knowledge = list(document.basic_knowledge)
    standard.specialisms = list(document.specialisms)
    standard.save(
        update_fields=["definition", "overview", "ethics", "basic_knowledge", "specialisms"]
    )
    levels = StandardLevel.objects.bulk_create(
        [StandardLevel(standard=standard, rank=lv.rank, basic_weight=lv.basic_weight)
         for lv in document.levels]
    )  # fmt: skip
    functions = WorkFunction.objects.bulk_create(
        [
            WorkFunction(level=stored, position=i, title=f.title, specialism=f.specialism or "",
                         theory_weight=f.theory_weight, skill_weight=f.skill_weight)
            for stored, level in zip(levels, document.levels, strict=True)
            for i, f in enumerate(level.functions)
        ]
    )  # fmt: skip
    plain_functions = [f for level in document.levels for f in level.functions]
    contents = WorkContent.objects.bulk_create(
        [
            WorkContent(function=stored, position=i, title=c.title)
            for stored, function in zip(functions, plain_functions, strict=True)
            for i, c in enumerate(function.contents)
        ]
    )
    plain_contents = [c for f in plain_functions for c in f.contents]
    pending: list[tuple[Requirement, tuple[str, ...]]] = []
    for stored_content, content in zip(contents, plain_contents, strict=True):
        for kind, items in (
            (Requirement.Kind.SKILL, content.skills),
            (Requirement.Kind.KNOWLEDGE, content.knowledge),
        ):
            pending.extend(
                (Requirement(content=stored_content, kind=kind, position=i, text=r.text), r.skills)
                for i, r in enumerate(items)
            )
    requirements = Requirement.objects.bulk_create([r for r, _ in pending])
    skills = skills_for_labels(label for _, labels in pending for label in labels)
    through = Requirement.skills.through
    links = {
        (requirement.pk, skills[label].pk)
        for requirement, (_, labels) in zip(requirements, pending, strict=True)
        for label in labels
    }
    through.objects.bulk_create([through(requirement_id=r, skill_id=s) for r, s in sorted(links)])
