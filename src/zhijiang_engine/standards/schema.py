"""The standard document (format ``zhijiang.standard/1``): its shape, validation and diff.

A document holds, per level of the ladder, work functions (职业功能) → work contents (工作内容)
→ skill requirements (技能要求) and knowledge requirements (相关知识要求), each requirement
naming the skills it develops; and the weights tables (比重表): per level, the theory share of
the basic requirements plus each function's theory share sum to 100, and the functions' skill
shares sum to 100.

A professional standard (职业技术技能标准, 大类 2) may declare specialisms (专业方向), and a work
function may belong to one of them; a function without one is common to all (共同部分). At a
level split into directions an examinee is assessed in one direction, so the weights add up to
100 per direction: basic requirements + the common part + that direction's functions.
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
_SPECIALISM_CHARS = (2, 40)
_MAX_SPECIALISMS = 20
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
    specialism: str | None = None  # the 专业方向 it belongs to; None: common to all


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
    specialisms: tuple[str, ...] = ()  # 专业方向, in order; professional standards only


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


def _specialisms(reader: _Reader, value: Any, ladder: Ladder) -> tuple[str, ...]:
    """The declared specialisms: distinct names of 2–40 characters, on the professional ladder."""
    names = reader.texts(value, "$.specialisms", max_items=_MAX_SPECIALISMS)
    if names and ladder is Ladder.WORKER:
        reader.fail(
            "$.specialisms",
            "specialisms (专业方向) belong to a professional standard (大类 2); "
            "this occupation is on the worker ladder",
        )
    low, high = _SPECIALISM_CHARS
    for i, name in enumerate(names):
        if name and not low <= len(name) <= high:
            reader.fail(f"$.specialisms[{i}]", f"must have {low} to {high} characters")
    for name in dict.fromkeys(n for n in names if names.count(n) > 1):
        reader.fail("$.specialisms", f"specialism {name!r} appears twice")
    return tuple(dict.fromkeys(names))


def _function_specialism(
    reader: _Reader, value: Any, path: str, declared: Sequence[str]
) -> str | None:
    if value is None:
        return None
    name = reader.text(value, path)
    if name and name not in declared:
        reader.fail(path, f'"{name}" is not one of the standard\'s specialisms')
    return name or None


def _function(reader: _Reader, value: Any, path: str, declared: Sequence[str] = ()) -> WorkFunction:
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
        specialism=_function_specialism(
            reader, data.get("specialism"), f"{path}.specialism", declared
        ),
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


def specialisms_at(level: StandardLevel) -> tuple[str, ...]:
    """The directions a level is split into, in the order of their first function; empty when
    all of the level's functions are common."""
    return tuple(dict.fromkeys(f.specialism for f in level.functions if f.specialism))


def functions_for(level: StandardLevel, specialism: str | None) -> tuple[WorkFunction, ...]:
    """The work functions an examinee in ``specialism`` is assessed on at this level: the
    common part and that direction's functions, in document order. At a level not split into
    directions that is every function, whatever the specialism; at a split level the
    specialism must be one of its directions (ValueError otherwise)."""
    directions = specialisms_at(level)
    if directions and specialism not in directions:
        raise ValueError(
            f"level {level.rank} is assessed in one of its specialisms "
            f"({', '.join(directions)}), not {specialism!r}"
        )
    return tuple(f for f in level.functions if f.specialism in (None, specialism))


def function_numbers_for(level: StandardLevel, specialism: str | None) -> tuple[int, ...]:
    """The 1-based positions in the level (the ``F{m}`` of blueprint and item requirement ids)
    of ``functions_for(level, specialism)``, so that a paper restricted to one direction keeps
    the ids its items were written against."""
    chosen = {id(function) for function in functions_for(level, specialism)}
    return tuple(m for m, function in enumerate(level.functions, 1) if id(function) in chosen)


def _check_weights(reader: _Reader, path: str, name: str, level: StandardLevel) -> None:
    """Theory (basic + functions) and skill weights sum to 100: for the whole level, or, at a
    level split into directions, for each direction with the common part."""
    columns = [
        (f"{name} · {direction}", functions_for(level, direction))
        for direction in specialisms_at(level)
    ] or [(name, level.functions)]
    for label, functions in columns:
        theory = level.basic_weight + sum(f.theory_weight for f in functions)
        if theory != 100:
            reader.fail(
                path, f"theory weights of {label} (basic + functions) sum to {theory}, not 100"
            )
        skill = sum(f.skill_weight for f in functions)
        if skill != 100:
            reader.fail(path, f"skill weights of {label} sum to {skill}, not 100")


def _level(
    reader: _Reader, value: Any, path: str, seen: set[int], ladder: Ladder,
    declared: Sequence[str] = (),
) -> StandardLevel | None:  # fmt: skip
    data = reader.obj(value, path, ["level", "basic_weight", "functions"])
    rank = _rank(reader, data.get("level"), f"{path}.level", ladder)
    if rank is None:
        return None
    if rank in seen:
        reader.fail(f"{path}.level", f"level {rank} appears twice")
    seen.add(rank)
    functions = tuple(
        _function(reader, item, f"{path}.functions[{k}]", declared)
        for k, item in enumerate(
            reader.array(data.get("functions"), f"{path}.functions", min_items=1)
        )
    )
    basic = reader.weight(data.get("basic_weight"), f"{path}.basic_weight")
    level = StandardLevel(rank=rank, basic_weight=basic, functions=functions)
    if functions:
        _check_weights(reader, path, level_name(rank, ladder), level)
    titles = [f.title for f in functions]
    for title in {t for t in titles if titles.count(t) > 1}:
        reader.fail(f"{path}.functions", f"work function {title!r} appears twice")
    return level


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
    specialisms = _specialisms(reader, root.get("specialisms", []), ladder_of(code))
    seen: set[int] = set()
    levels = [
        _level(reader, item, f"$.levels[{i}]", seen, ladder_of(code), specialisms)
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
        specialisms=specialisms,
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


def _function_to_dict(function: WorkFunction) -> dict[str, Any]:
    data: dict[str, Any] = {
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
    if function.specialism:
        data["specialism"] = function.specialism
    return data


def document_to_dict(document: StandardDocument) -> dict[str, Any]:
    """The JSON form of a document (what export writes and import reads); ``left_out`` only
    when the drafter left lines out, ``specialisms`` (and a function's ``specialism``) only
    when the standard has them."""
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
                "functions": [_function_to_dict(function) for function in level.functions],
            }
            for level in document.levels
        ],
    }
    if document.specialisms:
        data["specialisms"] = list(document.specialisms)
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
    for i, name in enumerate(document.specialisms, 1):
        lines[f"专业方向 {i}"] = name
    ladder = ladder_of(document.occupation_code)
    for level in document.levels:
        name = level_name(level.rank, ladder)
        lines[f"{name} / 基础要求比重"] = str(level.basic_weight)
        for function in level.functions:
            base = f"{name} / {function.title}"
            lines[f"{base} / 比重（理论·技能）"] = (
                f"{function.theory_weight} · {function.skill_weight}"
            )
            if function.specialism:
                lines[f"{base} / 专业方向"] = function.specialism
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
