"""Vocabulary entries and the curated alias table, with their two explicit loaders.

``load_vocabulary`` reads the platform's ``skills.csv`` (columns ``key,label_en,label_zh,kind,
hot,in_demand,...``); ``load_aliases`` reads ``aliases_zh.csv`` shipped beside this module (see
the comment block at its top for the format). Nothing here is read at import time.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from zhijiang_engine.skills_vocabulary import skill_key

KINDS = ("technical", "knowledge", "transversal")
BLOCK = "-"
"""The alias-table key of surfaces that are not skills and block any match inside them."""

DEFAULT_ALIASES = Path(__file__).resolve().parent / "aliases_zh.csv"


@dataclass(frozen=True, slots=True)
class VocabularyEntry:
    """One skill of the vocabulary; ``source`` is ``"vocabulary"`` or ``"alias"`` (new skill)."""

    key: str
    label_en: str
    label_zh: str = ""
    kind: str = "technical"
    hot: bool = False
    in_demand: bool = False
    source: str = "vocabulary"

    @property
    def label(self) -> str:
        """The display label: Chinese where the vocabulary has one."""
        return self.label_zh or self.label_en or self.key


@dataclass(frozen=True, slots=True)
class AliasEntry:
    """A canonical skill of the alias table and the surface forms that name it.

    ``key`` is a vocabulary key (or ``"-"`` for blocking surfaces); the labels and kind define
    a new skill when the key is not in the vocabulary."""

    key: str
    label_zh: str
    label_en: str
    kind: str
    surfaces: tuple[str, ...]


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "y"}


def load_vocabulary(path: str | Path) -> list[VocabularyEntry]:
    """Read ``skills.csv``; rows without a key or label are skipped, the first row of a key wins."""
    entries: list[VocabularyEntry] = []
    seen: set[str] = set()
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            label_en = (row.get("label_en") or "").strip()
            label_zh = (row.get("label_zh") or "").strip()
            key = (row.get("key") or "").strip() or skill_key(label_en or label_zh)
            if not key or key in seen or not (label_en or label_zh):
                continue
            seen.add(key)
            kind = (row.get("kind") or "").strip()
            entries.append(
                VocabularyEntry(
                    key=key,
                    label_en=label_en,
                    label_zh=label_zh,
                    kind=kind if kind in KINDS else "technical",
                    hot=_flag(row.get("hot")),
                    in_demand=_flag(row.get("in_demand")),
                )
            )
    return entries


def parse_aliases(lines: Iterable[str]) -> list[AliasEntry]:
    """Parse alias-table text (``#`` comment lines allowed); raises ``ValueError`` on bad rows."""
    body = [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    entries: list[AliasEntry] = []
    for number, row in enumerate(csv.DictReader(body), start=2):
        key = (row.get("key") or "").strip()
        surfaces = tuple(s.strip() for s in (row.get("surfaces") or "").split("|") if s.strip())
        kind = (row.get("kind") or "").strip()
        if not key or not surfaces:
            raise ValueError(f"alias row {number}: a key and at least one surface are required")
        if kind and kind not in KINDS:
            raise ValueError(f"alias row {number}: unknown kind {kind!r}")
        entries.append(
            AliasEntry(
                key=key,
                label_zh=(row.get("label_zh") or "").strip(),
                label_en=(row.get("label_en") or "").strip(),
                kind=kind,
                surfaces=surfaces,
            )
        )
    return entries


def load_aliases(path: str | Path | None = None) -> list[AliasEntry]:
    """Read the alias table; by default the curated ``aliases_zh.csv`` shipped with the engine."""
    source = Path(path) if path is not None else DEFAULT_ALIASES
    with source.open(encoding="utf-8-sig", newline="") as handle:
        return parse_aliases(handle)
