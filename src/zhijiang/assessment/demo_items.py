"""The demo banks' items, written by hand (``data/demo_items/<occupation code>.json``), and the
requirement of a standard each one attaches to.

Why by hand: the offline item generator can only restate a standard's requirement texts, so the
items it made for the demo asked where the standard files a requirement, not about the work, and
a reviewer accepted none of them. Each file's header says so (``generated: false``) and how the
items were checked.

Attachment: an item goes to the work content (or basic requirement) of the level whose text best
matches its ``topic`` and stem: shared character bigrams, each weighted by how rare it is among
the level's contents (IDF), the topic counting twice and the work function's title half. Within
the content a ``skill`` item takes a skill requirement (能…) and a ``knowledge`` item a knowledge
requirement, the best match discounted by the items it already has. Every blueprint part that
carries theory points then gets at least ``MIN_PER_PART`` items, moved from the fullest parts at
the least loss of match, because the adaptive test balances its items over those parts.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from zhijiang.assessment import services
from zhijiang.assessment.models import ItemKind
from zhijiang_engine.assessment import BASIC, blueprint_for
from zhijiang_engine.standards import StandardDocument
from zhijiang_engine.standards.schema import specialisms_at

DATA = Path(__file__).resolve().parent / "data" / "demo_items"
MIN_PER_PART = 3
TOPIC_WEIGHT = 2.0
HEADING_WEIGHT = 0.5
KINDS = (ItemKind.SINGLE, ItemKind.MULTIPLE, ItemKind.TRUE_FALSE)


class Focus(StrEnum):
    """Which kind of requirement an item prefers: what to know, or what to be able to do."""

    KNOWLEDGE = "knowledge"
    SKILL = "skill"


class ItemFileError(ValueError):
    """A demo item file that cannot be read; the message names the file and the item."""


@dataclass(frozen=True)
class WrittenItem:
    kind: str
    focus: Focus
    topic: str
    stem: str
    options: tuple[str, ...]
    answer: str
    explanation: str


@dataclass(frozen=True)
class ItemFile:
    occupation_code: str
    occupation_name: str
    level: int
    generated: bool
    note: str
    items: tuple[WrittenItem, ...]


def item_file(occupation_code: str) -> ItemFile | None:
    """The hand-written items for the occupation, or None when the demo ships none."""
    path = DATA / f"{occupation_code}.json"
    return read_item_file(path) if path.is_file() else None


def read_item_file(path: Path) -> ItemFile:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        rows = data["items"]
        header = (str(data["occupation_code"]), str(data["occupation_name"]), int(data["level"]))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ItemFileError(f"{path.name}: not a demo item file ({error})") from None
    items = tuple(_item(row, f"{path.name}, item {n}") for n, row in enumerate(rows, 1))
    return ItemFile(*header, generated=data.get("generated") is not False,
                    note=str(data.get("note", "")), items=items)  # fmt: skip


def _item(row: Any, where: str) -> WrittenItem:
    try:
        kind, focus = str(row["kind"]), Focus(row["focus"])
        item = WrittenItem(
            kind=kind, focus=focus, topic=str(row["topic"]).strip(), stem=str(row["stem"]),
            options=tuple(str(option) for option in row.get("options", [])),
            answer=str(row["answer"]), explanation=str(row.get("explanation", "")),
        )  # fmt: skip
    except (KeyError, ValueError, TypeError, AttributeError) as error:
        raise ItemFileError(f"{where}: missing or wrong field ({error})") from None
    if kind not in KINDS:
        raise ItemFileError(f"{where}: unknown kind {kind!r}; use {', '.join(KINDS)}")
    if not item.topic:
        raise ItemFileError(f"{where}: the topic is empty")
    return item


# Attachment


def _bigrams(text: str) -> frozenset[str]:
    """Pairs of neighbouring letters, digits or Chinese characters (punctuation breaks a pair)."""
    return frozenset(
        text[i : i + 2] for i in range(len(text) - 1) if text[i].isalnum() and text[i + 1].isalnum()
    )


@dataclass(frozen=True)
class _Unit:
    """A work content with its requirements, or one basic requirement."""

    part: str
    context: frozenset[str]  # the content's title and requirements, or the basic requirement
    heading: frozenset[str]  # the work function's title, less what the context has
    requirements: tuple[tuple[str, str], ...]  # (id, text)


def _units(document: StandardDocument, rank: int) -> list[_Unit]:
    """The level's units in the parts of its blueprints (one per specialism at a split level)
    that carry theory points."""
    level = next(level for level in document.levels if level.rank == rank)
    parts = {
        part.key
        for specialism in specialisms_at(level) or (None,)
        for part in blueprint_for(document, rank=rank, specialism=specialism).parts
        if part.theory_points > 0
    }
    units = []
    if BASIC in parts:
        basic = [(f"E{k}", text) for k, text in enumerate(document.ethics, 1)]
        basic += [(f"B{k}", text) for k, text in enumerate(document.basic_knowledge, 1)]
        units += [_Unit(BASIC, _bigrams(text), frozenset(), ((key, text),)) for key, text in basic]
    for m, function in enumerate(level.functions, 1):
        if f"F{m}" not in parts:
            continue
        for c, content in enumerate(function.contents, 1):
            requirements = tuple(
                (f"F{m}.C{c}.{letter}{k}", requirement.text)
                for letter, group in (("S", content.skills), ("K", content.knowledge))
                for k, requirement in enumerate(group, 1)
            )
            context = _bigrams(" ".join([content.title, *(text for _, text in requirements)]))
            heading = _bigrams(function.title) - context
            units.append(_Unit(f"F{m}", context, heading, requirements))
    return units


def _idf(units: list[_Unit]) -> dict[str, float]:
    counts = Counter(gram for unit in units for gram in unit.context | unit.heading)
    return {gram: math.log((1 + len(units)) / (1 + n)) for gram, n in counts.items()}


def _match(item: WrittenItem, context: frozenset[str], idf: dict[str, float]) -> float:
    topic = sum(idf.get(gram, 0.0) for gram in _bigrams(item.topic) & context)
    stem = sum(idf.get(gram, 0.0) for gram in _bigrams(item.stem) & context)
    return TOPIC_WEIGHT * topic + stem


def _unit_match(item: WrittenItem, unit: _Unit, idf: dict[str, float]) -> float:
    """The work function's title counts half: it tells functions apart, not their contents."""
    return _match(item, unit.context, idf) + HEADING_WEIGHT * _match(item, unit.heading, idf)


def _spread(chosen: list[int], scores: list[list[float]], units: list[_Unit]) -> None:
    """Move items until every part has its minimum, each time the move that loses least."""
    parts = list(dict.fromkeys(unit.part for unit in units))
    minimum = min(MIN_PER_PART, len(chosen) // len(parts))
    while True:
        counts = Counter(units[u].part for u in chosen)
        short = next((part for part in parts if counts[part] < minimum), None)
        if short is None:
            return
        targets = [v for v, unit in enumerate(units) if unit.part == short]
        moves = [
            (scores[i][u] - scores[i][v], i, v)
            for i, u in enumerate(chosen)
            if counts[units[u].part] > minimum
            for v in targets
        ]
        _, i, v = min(moves)
        chosen[i] = v


def _best(row: list[float]) -> int:
    """The best-matching unit; on a tie the first."""
    return max(range(len(row)), key=lambda u: (row[u], -u))


def _requirement(item: WrittenItem, unit: _Unit, idf: dict[str, float], used: Counter[str]) -> str:
    """Within the unit, a requirement of the item's focus: the best match, discounted by how
    many items it already has so that items spread over the content's requirements."""
    letter = ".S" if item.focus is Focus.SKILL else ".K"
    preferred = [r for r in unit.requirements if letter in r[0]] or list(unit.requirements)
    key, _ = max(
        preferred, key=lambda r: (_match(item, _bigrams(r[1]), idf) / (1 + used[r[0]]), -used[r[0]])
    )
    return key


def attach(items: tuple[WrittenItem, ...], document: StandardDocument, *, rank: int) -> list[str]:
    """The requirement id of level ``rank`` each item tests, in the items' order."""
    units = _units(document, rank)
    if not units:
        raise ValueError(f"level {rank} of {document.occupation_code} has no requirements")
    idf = _idf(units)
    scores = [[_unit_match(item, unit, idf) for unit in units] for item in items]
    chosen = [_best(row) for row in scores]
    _spread(chosen, scores, units)
    used: Counter[str] = Counter()
    ids = []
    for item, u in zip(items, chosen, strict=True):
        key = _requirement(item, units[u], idf, used)
        used[key] += 1
        ids.append(key)
    return ids


def item_inputs(written: ItemFile, document: StandardDocument) -> list[services.ItemInput]:
    """The file's items as the item service takes them, each tagged to its requirement."""
    ids = attach(written.items, document, rank=written.level)
    return [_input(written.level, item, key) for item, key in zip(written.items, ids, strict=True)]


def _input(level: int, item: WrittenItem, requirement: str) -> services.ItemInput:
    return services.ItemInput(
        level=level, requirement=requirement, kind=item.kind, stem=item.stem,
        options=list(item.options), answer=item.answer, explanation=item.explanation,
    )  # fmt: skip
