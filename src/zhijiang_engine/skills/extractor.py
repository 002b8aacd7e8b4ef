"""Dictionary skill extraction: a token trie over the vocabulary and the curated alias table.

Matching works on tokens (see ``text.py``), so Latin words are always matched whole: "Go" is
never found inside "Google", "R" never inside "RPC". From every token the trie walks as far as
it can and keeps every pattern end it passes; overlapping matches are resolved longest first
("Spring Boot" beats "Spring", "MySQL数据库" beats "MySQL", "C/S架构" blocks "C").

Extra rules:

* short Latin surfaces (one token of one or two characters: R, C, Go, JS, PS) and a few common
  English words (Spring, Word, Office, Shell, ...) are only accepted in a skill context: list
  punctuation next to them, 语言/编程/开发/... after them, 熟悉/掌握/精通/... before them, or
  (for the English words only) a capital letter or a neighbouring Chinese character;
* a version suffix is tolerated on the last Latin token (Python3, Vue3, Java8 → the skill).

Scores lie in (0, 1]: higher for longer surfaces, technical and hot/in-demand skills, repeated
mentions and mentions in a requirements section (任职要求, 熟悉/掌握... lines).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from zhijiang_engine.skills.candidates import Candidate, find_candidates
from zhijiang_engine.skills.text import CJK, LATIN, PUNCT, Token, tokenize
from zhijiang_engine.skills.vocabulary import (
    BLOCK,
    AliasEntry,
    VocabularyEntry,
    load_aliases,
    load_vocabulary,
)
from zhijiang_engine.skills_vocabulary import skill_key

LIST_PUNCT = frozenset(",、;/|()[]【】《》:&+，；：")
SKILL_AFTER = (
    "语言", "编程", "开发", "脚本", "框架", "技术", "工具", "软件", "等", "和", "或", "及",
)  # fmt: skip
SKILL_BEFORE = (
    "熟悉", "掌握", "精通", "使用", "了解", "熟练", "会", "运用", "懂", "和", "或", "及", "与",
)  # fmt: skip
SKILL_AFTER_EN = frozenset({"language", "programming", "scripts", "scripting", "development"})
AMBIGUOUS_WORDS = frozenset(
    {
        "access", "ada", "ant", "bash", "bing", "blender", "bootstrap", "box", "canvas", "chef",
        "dash", "eiffel", "excel", "express", "flask", "go", "groovy", "hive", "iris", "julia",
        "make", "maya", "node", "office", "outlook", "pandas", "pascal", "polish", "project",
        "prometheus", "puppet", "r", "ruby", "rust", "scheme", "scratch", "selenium", "shell",
        "shiny", "sketch", "slack", "spark", "spring", "swift", "teams", "unity", "word", "zoom",
    }
)  # fmt: skip
_REQ_HEADER = re.compile(
    r"任职要求|岗位要求|职位要求|任职资格|技能要求|能力要求|任职条件|必备技能|加分项|优先条件"
    r"|requirements?|qualifications?|what you need|skills",
    re.IGNORECASE,
)
_DUTY_HEADER = re.compile(
    r"岗位职责|工作职责|职位描述|工作内容|职责描述|岗位描述|公司介绍|福利待遇|responsibilit(?:y|ies)"
    r"|duties|what you will do|about us|benefits",
    re.IGNORECASE,
)
_REQ_LINE = re.compile(
    r"熟悉|掌握|精通|熟练|了解|具备|具有|优先|要求|能够|擅长"
    r"|experience|proficien|familiar|knowledge of|skilled|ability to",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class FoundSkill:
    """A vocabulary skill found in a text: its first occurrence and how often it occurred."""

    id: str
    label: str
    span: tuple[int, int]
    score: float
    surface: str
    count: int = 1
    kind: str = "technical"


@dataclass(frozen=True, slots=True)
class ExtractionResult:
    skills: tuple[FoundSkill, ...] = ()
    candidates: tuple[Candidate, ...] = ()

    def to_json(self, *, with_candidates: bool = False) -> dict[str, object]:
        """The CLI's per-line object ``{"skills": [{"id", "label", "span", "score"}]}``."""
        out: dict[str, object] = {
            "skills": [
                {"id": s.id, "label": s.label, "span": list(s.span), "score": s.score}
                for s in self.skills
            ]
        }
        if with_candidates:
            out["candidates"] = [
                {"term": c.term, "span": list(c.span), "score": c.score} for c in self.candidates
            ]
        return out


@dataclass(slots=True)
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    value: int | None = None  # index into the extractor's entries, or -1 for a blocking surface


@dataclass(frozen=True, slots=True)
class _Match:
    first: int  # token index
    last: int  # token index, exclusive
    value: int
    start: int  # character offsets in the text
    end: int


_BLOCKED = -1


def _pattern_tokens(surface: str) -> list[list[str]]:
    """Token sequences a surface is matched by: as written, and glued when it is all Latin."""
    tokens = [t.text for t in tokenize(surface)]
    if not tokens:
        return []
    variants = [tokens]
    kinds = {t.kind for t in tokenize(surface)}
    glued = "".join(tokens)
    if len(tokens) > 1 and kinds == {LATIN} and len(glued) >= 4:
        variants.append([glued])
    return variants


class SkillExtractor:
    """Finds vocabulary skills and skill-like candidates in job descriptions and CVs.

    Build it once (building indexes ~22k skills in about a second) and reuse it; ``extract``
    is pure and deterministic."""

    __slots__ = ("_entries", "_index", "_labelled", "_root")

    def __init__(
        self, entries: Iterable[VocabularyEntry], aliases: Iterable[AliasEntry] = ()
    ) -> None:
        self._entries: list[VocabularyEntry] = []
        self._index: dict[str, int] = {}
        self._root = _Node()
        vocabulary = list(entries)
        for entry in vocabulary:
            if entry.key not in self._index:
                self._index[entry.key] = len(self._entries)
                self._entries.append(entry)
        alias_list = list(aliases)
        self._labelled: dict[str, str] = {}
        for alias in alias_list:  # new canonical skills defined by the alias table
            if alias.key == BLOCK:
                continue
            known = self._index.get(alias.key)
            if known is not None:  # a Chinese label for a vocabulary skill that lacks one
                if alias.label_zh and not self._entries[known].label_zh:
                    self._entries[known] = replace(self._entries[known], label_zh=alias.label_zh)
                    self._labelled[alias.key] = alias.label_zh
                continue
            self._index[alias.key] = len(self._entries)
            label_en = alias.label_en or alias.label_zh or alias.key
            self._entries.append(
                VocabularyEntry(
                    key=alias.key,
                    label_en=label_en,
                    label_zh=alias.label_zh,
                    kind=alias.kind or "technical",
                    source="alias",
                )
            )
        # curated surfaces first: they win over an identical vocabulary label
        for alias in alias_list:
            value = _BLOCKED if alias.key == BLOCK else self._index[alias.key]
            surfaces = list(alias.surfaces)
            if alias.key != BLOCK:
                surfaces += [alias.label_zh, alias.label_en]
            for surface in surfaces:
                self._add(surface, value)
        for entry in self._entries:
            value = self._index[entry.key]
            for surface in (entry.label_zh, entry.label_en, entry.key):
                self._add(surface, value)

    @classmethod
    def from_files(
        cls, vocabulary_path: str | Path, aliases_path: str | Path | None = None
    ) -> SkillExtractor:
        """The extractor over ``skills.csv`` and the curated (or a given) alias table."""
        return cls(load_vocabulary(vocabulary_path), load_aliases(aliases_path))

    def _add(self, surface: str, value: int) -> None:
        if not surface:
            return
        for tokens in _pattern_tokens(surface):
            node = self._root
            for token in tokens:
                child = node.children.get(token)
                if child is None:
                    child = node.children[token] = _Node()
                node = child
            if node.value is None:
                node.value = value

    @property
    def entries(self) -> tuple[VocabularyEntry, ...]:
        return tuple(self._entries)

    @property
    def added_entries(self) -> tuple[VocabularyEntry, ...]:
        """Skills the alias table defines that the vocabulary lacks (to add to the vocabulary)."""
        return tuple(e for e in self._entries if e.source == "alias")

    @property
    def label_updates(self) -> dict[str, str]:
        """Chinese labels the alias table gives to vocabulary skills without one (key → label)."""
        return dict(self._labelled)

    def entry(self, key: str) -> VocabularyEntry | None:
        index = self._index.get(key)
        return None if index is None else self._entries[index]

    def resolve(self, surface: str) -> str:
        """The skill id that a whole surface names (``"Mysql"`` → ``"mysql"``), else its key.

        Used to compare tag lists: a tag maps to a skill only when it matches completely."""
        tokens = tokenize(surface)
        for variant in _pattern_tokens(surface):
            node: _Node | None = self._root
            for token in variant:
                node = node.children.get(token) if node is not None else None
            if node is not None and node.value is not None and node.value != _BLOCKED:
                return self._entries[node.value].key
        if len(tokens) == 1 and tokens[0].unversioned:
            node = self._root.children.get(tokens[0].unversioned)
            if node is not None and node.value is not None and node.value != _BLOCKED:
                return self._entries[node.value].key
        return skill_key(surface)

    # -- matching ---------------------------------------------------------------------------

    def _matches(self, tokens: Sequence[Token]) -> list[_Match]:
        found: list[_Match] = []
        root = self._root.children
        count = len(tokens)
        for first in range(count):
            node = root.get(tokens[first].text)
            ends: list[tuple[int, int]] = []
            last = first + 1
            if node is None:
                alt = tokens[first].unversioned
                alt_node = root.get(alt) if alt else None
                if alt_node is not None and alt_node.value is not None:
                    ends.append((last, alt_node.value))
            while node is not None:
                if node.value is not None:
                    ends.append((last, node.value))
                if last >= count:
                    break
                nxt = tokens[last]
                child = node.children.get(nxt.text)
                if child is None and nxt.kind == LATIN:
                    alt = nxt.unversioned
                    alt_node = node.children.get(alt) if alt else None
                    if alt_node is not None and alt_node.value is not None:
                        ends.append((last + 1, alt_node.value))
                node = child
                last += 1
            ends.extend(self._glued(tokens, first))
            ends.sort()
            for end, value in reversed(ends):  # longest acceptable match from this token
                if value == _BLOCKED or self._acceptable(tokens, first, end, value):
                    found.append(
                        _Match(first, end, value, tokens[first].start, tokens[end - 1].end)
                    )
                    break
        return found

    def _glued(self, tokens: Sequence[Token], first: int) -> list[tuple[int, int]]:
        """Single-token patterns written split in the text: "My SQL", "Java Script"."""
        found: list[tuple[int, int]] = []
        if tokens[first].kind != LATIN:
            return found
        glued = tokens[first].text
        for last in range(first + 1, min(first + 3, len(tokens))):
            token = tokens[last]
            if token.kind != LATIN or not token.upper or token.start - tokens[last - 1].end > 1:
                break
            glued += token.text
            node = self._root.children.get(glued)
            if node is not None and node.value is not None:
                found.append((last + 1, node.value))
        return found

    def _acceptable(self, tokens: Sequence[Token], first: int, end: int, value: int) -> bool:
        if end - first != 1 or tokens[first].kind != LATIN:
            return True
        token = tokens[first]
        if _in_dotted_name(tokens, first):
            return False
        word = token.unversioned or token.text
        short = len(word) <= 2
        if not short and word not in AMBIGUOUS_WORDS:
            return True
        if _skill_context(tokens, first, end):
            return True
        if short:
            return False
        return token.upper or _next_to_cjk(tokens, first, end)

    # -- public -----------------------------------------------------------------------------

    def extract(self, text: str, *, candidates: bool = True) -> ExtractionResult:
        """Skills of the vocabulary found in ``text`` (by first occurrence) and candidates."""
        if not text or not text.strip():
            return ExtractionResult()
        tokens = tokenize(text)
        chosen = _resolve_overlaps(self._matches(tokens), len(tokens))
        requirement = _requirement_lines(text)
        by_value: dict[int, list[_Match]] = {}
        for match in chosen:
            if match.value != _BLOCKED:
                by_value.setdefault(match.value, []).append(match)
        skills: list[FoundSkill] = []
        for value, matches in by_value.items():
            entry = self._entries[value]
            first = matches[0]
            in_req = any(requirement(m.start) for m in matches)
            skills.append(
                FoundSkill(
                    id=entry.key,
                    label=entry.label,
                    span=(first.start, first.end),
                    score=_score(entry, text[first.start : first.end], len(matches), in_req),
                    surface=text[first.start : first.end],
                    count=len(matches),
                    kind=entry.kind,
                )
            )
        skills.sort(key=lambda s: (s.span[0], s.id))
        found_candidates: tuple[Candidate, ...] = ()
        if candidates:
            taken = [(m.start, m.end) for m in chosen]
            found_candidates = tuple(
                find_candidates(text, taken, self._known, requirement=requirement)
            )
        return ExtractionResult(tuple(skills), found_candidates)

    def _known(self, term: str) -> bool:
        for variant in _pattern_tokens(term):
            node: _Node | None = self._root
            for token in variant:
                node = node.children.get(token) if node is not None else None
            if node is not None and node.value is not None:
                return True
        return False


def _skill_context(tokens: Sequence[Token], first: int, end: int) -> bool:
    before = tokens[first - 1] if first > 0 else None
    after = tokens[end] if end < len(tokens) else None
    if before is not None and before.kind == PUNCT and before.text in LIST_PUNCT:
        return True
    if after is not None and after.kind == PUNCT and after.text in LIST_PUNCT:
        return True
    if after is not None and after.kind == LATIN and after.text in SKILL_AFTER_EN:
        return True
    following = "".join(t.text for t in tokens[end : end + 2] if t.kind == CJK)
    if following.startswith(SKILL_AFTER):
        return True
    preceding = "".join(t.text for t in tokens[max(0, first - 2) : first] if t.kind == CJK)
    return bool(preceding) and preceding.endswith(SKILL_BEFORE)


def _in_dotted_name(tokens: Sequence[Token], index: int) -> bool:
    """``js`` in ``Qux.js``, ``java`` in ``java.util``: part of a longer dotted name."""

    def joined(left: int, right: int) -> bool:
        return (
            left >= 0
            and right < len(tokens)
            and tokens[left].kind == LATIN
            and not tokens[left].text.isdigit()  # "2.C++" is a list number, not a name
            and tokens[right].kind == LATIN
            and tokens[left + 1].text == "."
            and tokens[left].end == tokens[left + 1].start
            and tokens[left + 1].end == tokens[right].start
        )

    return joined(index - 2, index) or joined(index, index + 2)


def _next_to_cjk(tokens: Sequence[Token], first: int, end: int) -> bool:
    before = tokens[first - 1] if first > 0 else None
    after = tokens[end] if end < len(tokens) else None
    return (before is not None and before.kind == CJK) or (after is not None and after.kind == CJK)


def _resolve_overlaps(matches: list[_Match], token_count: int) -> list[_Match]:
    """Non-overlapping matches, longest (in characters, then tokens) first; in text order."""
    taken = [False] * token_count
    chosen: list[_Match] = []
    for match in sorted(matches, key=lambda m: (-(m.end - m.start), -(m.last - m.first), m.first)):
        if any(taken[match.first : match.last]):
            continue
        for index in range(match.first, match.last):
            taken[index] = True
        chosen.append(match)
    chosen.sort(key=lambda m: m.first)
    return chosen


class _Requirement:
    """Whether an offset lies in a requirements section or on a requirement line."""

    __slots__ = ("_flags", "_starts")

    def __init__(self, starts: list[int], flags: list[bool]) -> None:
        self._starts = starts
        self._flags = flags

    def __call__(self, offset: int) -> bool:
        low, high = 0, len(self._starts)
        while high - low > 1:
            middle = (low + high) // 2
            if self._starts[middle] <= offset:
                low = middle
            else:
                high = middle
        return self._flags[low] if self._flags else False


def _requirement_lines(text: str) -> _Requirement:
    starts: list[int] = []
    flags: list[bool] = []
    section = False
    offset = 0
    for line in text.splitlines(keepends=True):
        head = line[:30]
        if _REQ_HEADER.search(head):
            section = True
        elif _DUTY_HEADER.search(head):
            section = False
        starts.append(offset)
        flags.append(section or bool(_REQ_LINE.search(line)))
        offset += len(line)
    return _Requirement(starts or [0], flags or [False])


def _score(entry: VocabularyEntry, surface: str, count: int, in_requirements: bool) -> float:
    score = 0.45 + 0.15 * min(len(surface.strip()), 12) / 12
    if entry.kind == "technical":
        score += 0.1
    if entry.hot:
        score += 0.05
    if entry.in_demand:
        score += 0.05
    score += 0.05 * min(count - 1, 2)
    if in_requirements:
        score += 0.1
    if len(surface.strip()) <= 2:
        score -= 0.1
    return round(min(score, 1.0), 3)
