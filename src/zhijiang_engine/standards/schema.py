"""The standard document (format ``zhijiang.standard/1``): its shape, validation and diff.

A document holds, per level of the ladder, work functions (职业功能) → work contents (工作内容)
→ skill requirements (技能要求) and knowledge requirements (相关知识要求), each requirement
naming the skills it develops; and the weights tables (比重表): per level, the theory share of
the basic requirements plus each function's theory share sum to 100, and the functions' skill
shares sum to 100.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from zhijiang_engine.json_reader import JsonReader, PathErrors
from zhijiang_engine.standards.levels import (
    PROFESSIONAL_LEVELS,
    Ladder,
    ladder_levels,
    ladder_of,
    level_on_ladder,
)

FORMAT = "zhijiang.standard/1"
_MAX_TEXT = 500
_PROFESSIONAL_RANKS = ", ".join(f"{level.name_zh} {level.rank}" for level in PROFESSIONAL_LEVELS)


@dataclass(frozen=True)
class Requirement:
    text: str
    skills: tuple[str, ...] = ()


@dataclass(frozen=True)
class WorkContent:
    title: str
    skills: tuple[Requirement, ...]
    knowledge: tuple[Requirement, ...]


@dataclass(frozen=True)
class WorkFunction:
    title: str
    theory_weight: int
    skill_weight: int
    contents: tuple[WorkContent, ...]


@dataclass(frozen=True)
class StandardLevel:
    rank: int
    basic_weight: int
    functions: tuple[WorkFunction, ...]


@dataclass(frozen=True)
class LeftOut:
    """A drafted line the linguistic check could neither pass nor repair: not part of the
    standard, listed for the expert committee with where it would have gone and why."""

    level: int
    function: str
    content: str
    text: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class StandardDocument:
    occupation_code: str
    occupation_name: str
    definition: str
    ethics: tuple[str, ...]
    basic_knowledge: tuple[str, ...]
    levels: tuple[StandardLevel, ...]
    overview: Mapping[str, str] = field(default_factory=dict)
    left_out: tuple[LeftOut, ...] = ()  # drafted lines left out, for the expert


class SchemaError(PathErrors):
    """The document does not follow the schema; ``errors`` lists (JSON path, reason)."""


class _Reader(JsonReader):
    max_text = _MAX_TEXT

    def weight(self, value: Any, path: str) -> int:
        return self.whole(value, path, 0, 100)


def _requirements(reader: _Reader, value: Any, path: str) -> tuple[Requirement, ...]:
    result = []
    for i, item in enumerate(reader.array(value, path, min_items=1)):
        where = f"{path}[{i}]"
        data = reader.obj(item, where, ["text"])
        skills = reader.texts(data.get("skills", []), f"{where}.skills")
        result.append(Requirement(reader.text(data.get("text"), f"{where}.text"), skills))
    return tuple(result)


def _function(reader: _Reader, value: Any, path: str) -> WorkFunction:
    data = reader.obj(value, path, ["title", "theory_weight", "skill_weight", "contents"])
    contents = []
    for j, item in enumerate(reader.array(data.get("contents"), f"{path}.contents", min_items=1)):
        where = f"{path}.contents[{j}]"
        content = reader.obj(item, where, ["title", "skills", "knowledge"])
        contents.append(
            WorkContent(
                title=reader.text(content.get("title"), f"{where}.title"),
                skills=_requirements(reader, content.get("skills"), f"{where}.skills"),
                knowledge=_requirements(reader, content.get("knowledge"), f"{where}.knowledge"),
            )
        )
    return WorkFunction(
        title=reader.text(data.get("title"), f"{path}.title"),
        theory_weight=reader.weight(data.get("theory_weight"), f"{path}.theory_weight"),
        skill_weight=reader.weight(data.get("skill_weight"), f"{path}.skill_weight"),
        contents=tuple(contents),
    )


def level_name(rank: int, ladder: Ladder) -> str:
    """The level's Chinese name on ``ladder``; a rank off it (older documents) keeps its worker
    name."""
    return level_on_ladder(rank, ladder).name_zh


def _rank(reader: _Reader, rank: Any, path: str, ladder: Ladder) -> int | None:
    """``rank`` when it is a level of the ladder; else None and a failure naming its levels."""
    whole = isinstance(rank, int) and not isinstance(rank, bool)
    if whole and rank in {level.rank for level in ladder_levels(ladder)}:
        return int(rank)
    if ladder is Ladder.WORKER:
        reader.fail(path, "must be a level of the ladder, 1 (学徒工) to 8 (首席技师)")
    elif whole:
        reader.fail(
            path,
            f"level {rank} is not a level of a professional occupation ({_PROFESSIONAL_RANKS})",
        )
    else:
        reader.fail(path, f"must be a level of a professional occupation ({_PROFESSIONAL_RANKS})")
    return None


def _level(
    reader: _Reader, value: Any, path: str, seen: set[int], ladder: Ladder
) -> StandardLevel | None:
    data = reader.obj(value, path, ["level", "basic_weight", "functions"])
    rank = _rank(reader, data.get("level"), f"{path}.level", ladder)
    if rank is None:
        return None
    if rank in seen:
        reader.fail(f"{path}.level", f"level {rank} appears twice")
    seen.add(rank)
    functions = tuple(
        _function(reader, item, f"{path}.functions[{k}]")
        for k, item in enumerate(
            reader.array(data.get("functions"), f"{path}.functions", min_items=1)
        )
    )
    basic = reader.weight(data.get("basic_weight"), f"{path}.basic_weight")
    name = level_name(rank, ladder)
    theory = basic + sum(f.theory_weight for f in functions)
    if functions and theory != 100:
        reader.fail(path, f"theory weights of {name} (basic + functions) sum to {theory}, not 100")
    skill = sum(f.skill_weight for f in functions)
    if functions and skill != 100:
        reader.fail(path, f"skill weights of {name} sum to {skill}, not 100")
    titles = [f.title for f in functions]
    for title in {t for t in titles if titles.count(t) > 1}:
        reader.fail(f"{path}.functions", f"work function {title!r} appears twice")
    return StandardLevel(rank=rank, basic_weight=basic, functions=functions)


def _left_out(reader: _Reader, value: Any) -> tuple[LeftOut, ...]:
    result = []
    for i, item in enumerate(reader.array(value, "$.left_out")):
        where = f"$.left_out[{i}]"
        data = reader.obj(item, where, ["level", "text"])
        result.append(
            LeftOut(
                level=reader.whole(data.get("level"), f"{where}.level", 1, 8),
                function=reader.text(data.get("function", ""), f"{where}.function", required=False),
                content=reader.text(data.get("content", ""), f"{where}.content", required=False),
                text=reader.text(data.get("text"), f"{where}.text", required=False),
                reasons=reader.texts(data.get("reasons", []), f"{where}.reasons"),
            )
        )
    return tuple(result)


def document_from_dict(data: Any) -> StandardDocument:
    """Read and validate a standard document; raise SchemaError listing every problem."""
    reader = _Reader()
    root = reader.obj(data, "$", ["format", "occupation", "basic_requirements", "levels"])
    if root.get("format", FORMAT) != FORMAT:
        reader.fail("$.format", f"must be {FORMAT!r}")
    occupation = reader.obj(root.get("occupation", {}), "$.occupation", ["code", "name"])
    # The code first: it says which ladder the levels are on.
    code = reader.text(occupation.get("code"), "$.occupation.code")
    basic = reader.obj(
        root.get("basic_requirements", {}), "$.basic_requirements", ["ethics", "knowledge"]
    )
    seen: set[int] = set()
    levels = [
        _level(reader, item, f"$.levels[{i}]", seen, ladder_of(code))
        for i, item in enumerate(reader.array(root.get("levels"), "$.levels", min_items=1))
    ]
    overview = root.get("overview", {})
    if not isinstance(overview, Mapping) or not all(isinstance(v, str) for v in overview.values()):
        reader.fail("$.overview", "must be an object of strings")
        overview = {}
    document = StandardDocument(
        occupation_code=code,
        occupation_name=reader.text(occupation.get("name"), "$.occupation.name"),
        definition=reader.text(
            occupation.get("definition", ""), "$.occupation.definition", required=False
        ),
        ethics=reader.texts(basic.get("ethics"), "$.basic_requirements.ethics", min_items=1),
        basic_knowledge=reader.texts(
            basic.get("knowledge"), "$.basic_requirements.knowledge", min_items=1
        ),
        levels=tuple(sorted((lv for lv in levels if lv is not None), key=lambda lv: lv.rank)),
        overview=dict(overview),
        left_out=_left_out(reader, root.get("left_out", [])),
    )
    if reader.errors:
        raise SchemaError(reader.errors)
    return document


def validate_document(data: Any) -> list[tuple[str, str]]:
    """Every (JSON path, reason) problem of a document; empty when it is valid."""
    try:
        document_from_dict(data)
    except SchemaError as error:
        return error.errors
    return []


def _requirements_to_list(items: Sequence[Requirement]) -> list[dict[str, Any]]:
    return [{"text": r.text, "skills": list(r.skills)} for r in items]


def document_to_dict(document: StandardDocument) -> dict[str, Any]:
    """The JSON form of a document (what export writes and import reads); ``left_out`` only
    when the drafter left lines out."""
    ladder = ladder_of(document.occupation_code)
    data: dict[str, Any] = {
        "format": FORMAT,
        "occupation": {
            "code": document.occupation_code,
            "name": document.occupation_name,
            "definition": document.definition,
        },
        "overview": dict(document.overview),
        "basic_requirements": {
            "ethics": list(document.ethics),
            "knowledge": list(document.basic_knowledge),
        },
        "levels": [
            {
                "level": level.rank,
                "name": level_name(level.rank, ladder),
                "basic_weight": level.basic_weight,
                "functions": [
                    {
                        "title": function.title,
                        "theory_weight": function.theory_weight,
                        "skill_weight": function.skill_weight,
                        "contents": [
                            {
                                "title": content.title,
                                "skills": _requirements_to_list(content.skills),
                                "knowledge": _requirements_to_list(content.knowledge),
                            }
                            for content in function.contents
                        ],
                    }
                    for function in level.functions
                ],
            }
            for level in document.levels
        ],
    }
    if document.left_out:
        data["left_out"] = [
            {
                "level": item.level,
                "function": item.function,
                "content": item.content,
                "text": item.text,
                "reasons": list(item.reasons),
            }
            for item in document.left_out
        ]
    return data


@dataclass(frozen=True)
class Change:
    """One difference between two versions: ``where`` reads like the printed standard."""

    kind: str  # "added", "removed" or "changed"
    where: str
    old: str | None
    new: str | None


def _lines(document: StandardDocument) -> dict[str, str]:
    lines: dict[str, str] = {}
    for i, text in enumerate(document.ethics, 1):
        lines[f"职业道德 {i}"] = text
    for i, text in enumerate(document.basic_knowledge, 1):
        lines[f"基础知识 {i}"] = text
    ladder = ladder_of(document.occupation_code)
    for level in document.levels:
        name = level_name(level.rank, ladder)
        lines[f"{name} / 基础要求比重"] = str(level.basic_weight)
        for function in level.functions:
            base = f"{name} / {function.title}"
            lines[f"{base} / 比重（理论·技能）"] = (
                f"{function.theory_weight} · {function.skill_weight}"
            )
            for content in function.contents:
                where = f"{base} / {content.title}"
                lines[where] = content.title
                for kind, items in (
                    ("技能要求", content.skills),
                    ("相关知识要求", content.knowledge),
                ):
                    for k, requirement in enumerate(items, 1):
                        skills = "、".join(requirement.skills)
                        lines[f"{where} / {kind} {k}"] = requirement.text + (
                            f"〔{skills}〕" if skills else ""
                        )
    return lines


def standard_diff(old: StandardDocument, new: StandardDocument) -> list[Change]:
    """What changed from ``old`` to ``new``, in the order of the new document."""
    before, after = _lines(old), _lines(new)
    changes = [
        Change("removed", where, text, None) for where, text in before.items() if where not in after
    ]
    for where, text in after.items():
        if where not in before:
            changes.append(Change("added", where, None, text))
        elif before[where] != text:
            changes.append(Change("changed", where, before[where], text))
    return changes
