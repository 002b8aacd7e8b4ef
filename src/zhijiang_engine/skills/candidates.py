"""Skill-like terms that the vocabulary lacks, for an officer to accept into it.

Two shapes are reported:

* Latin technical tokens: CamelCase (``RocketMQ``, ``SpringCloud``), letters with digits
  (``Vue3``, ``ES6``, ``K8s``), dotted names (``Three.js``), and upper-case acronyms of three to
  six letters (``MVVM``), the last with a lower score;
* Chinese terms ending in 技术/开发/编程/设计/分析/建模/运维 (``爬虫开发``, ``需求分析``), cut
  with jieba's default dictionary (read-only use, nothing is added to it).

Anything overlapping a found skill, or naming a vocabulary skill, is left out.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import jieba
import jieba.posseg

jieba.setLogLevel(logging.WARNING)

SUFFIXES = ("技术", "开发", "编程", "设计", "分析", "建模", "运维")
_LATIN = re.compile(r"(?<![A-Za-z0-9.])[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*(?:\+\+|#)?")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s\u3000-\u303f\uff00-\uffef]{1,2000}"
    r"|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+",
    re.IGNORECASE | re.ASCII,
)
_DIGITS = re.compile(r"[0-9]+")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_CAMEL = re.compile(r"[a-z][A-Z]|^[A-Z]{2,}[a-z]{2,}")
_STOP_LATIN = frozenset(
    {
        "about", "and", "app", "boss", "bug", "ucla", "nyu", "usa", "ceo", "cfo", "coo", "cto",
        "etc", "faq", "gpa", "hrbp", "kpi", "okr", "pdf", "the", "top", "vip", "www", "com",
        "http", "https", "html",
    }
)  # fmt: skip
_NOUN_FLAGS = frozenset({"n", "nz", "nt", "vn", "eng", "an"})
_STOP_PREFIX = frozenset(
    {
        "进行", "负责", "参与", "从事", "相关", "具备", "具有", "熟悉", "掌握", "精通", "了解",
        "能够", "完成", "协助", "支持", "配合", "独立", "公司", "产品", "项目", "优秀", "良好",
        "一定", "以上", "工作", "经验", "以及", "或者", "我们", "主要", "日常", "及时", "需要",
        "新", "的", "和", "与", "及", "等", "或", "对", "为", "在", "有", "并", "可", "前沿",
        "核心", "主流", "基础", "基本", "专业", "同类", "疑难", "深入", "先进", "关键", "各种",
        "各类", "其他", "常用", "常见", "最新", "新兴", "致力于", "规范", "互联网", "计算机",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Candidate:
    """A skill-like term not in the vocabulary; ``span`` is its first occurrence."""

    term: str
    span: tuple[int, int]
    score: float


class _Spans:
    """Sorted spans with an O(log n) overlap test (texts may hold thousands of matches)."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [m[0] for m in merged]
        self._ends = [m[1] for m in merged]

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_right(self._starts, start) - 1
        if index >= 0 and self._ends[index] > start:
            return True
        return index + 1 < len(self._starts) and self._starts[index + 1] < end


def _latin_score(term: str) -> float:
    if len(_DIGITS.findall(term)) > 1 or (len(term) > 16 and "." not in term):
        return 0.0  # identifiers such as YC39zLiKU1 or tracking codes
    if _CAMEL.search(term) or any(c.isdigit() for c in term) or "." in term.strip("."):
        return 0.5
    if term.isupper() and 3 <= len(term) <= 6:
        return 0.3
    return 0.0


def _chinese_terms(text: str) -> list[tuple[str, int]]:
    """(term, start offset) of Chinese terms ending in a skill suffix.

    The word before the suffix must be a noun by jieba's tags (爬虫/n 开发, 数据/n 建模); verbs,
    pronouns, numerals and adverbs (编写/v 技术, 其他/r 开发, 一种/m 开发) are not skills."""
    found: list[tuple[str, int]] = []
    for run in _CJK_RUN.finditer(text):
        chunk = run.group()
        if len(chunk) < 4 or not any(s in chunk for s in SUFFIXES):
            continue
        pairs = [(str(p.word), str(p.flag)) for p in jieba.posseg.lcut(chunk, HMM=False)]
        offset = run.start()
        positions: list[int] = []
        for word, _ in pairs:
            positions.append(offset)
            offset += len(word)
        for index, (word, flag) in enumerate(pairs):
            if not word.endswith(SUFFIXES):
                continue
            if len(word) >= 4:  # one dictionary word such as 架构设计
                term, start, head, head_flag = word, positions[index], word[:-2], flag
            elif len(word) == 2 and index > 0:
                head, head_flag = pairs[index - 1]
                term, start = head + word, positions[index - 1]
            else:
                continue
            if (
                len(head) < 2
                or len(term) > 8
                or head in _STOP_PREFIX
                or head[:1] in _STOP_PREFIX
                or head.endswith(SUFFIXES)
                or not (head_flag in _NOUN_FLAGS or (head_flag == "l" and len(head) >= 4))
            ):
                continue
            found.append((term, start))
    return found


def find_candidates(
    text: str,
    taken: Sequence[tuple[int, int]],
    known: Callable[[str], bool],
    *,
    requirement: Callable[[int], bool] | None = None,
) -> list[Candidate]:
    """Candidates in ``text`` outside the ``taken`` spans; ``known(term)`` filters vocabulary."""
    blocked = _Spans([*taken, *(m.span() for m in _URL.finditer(text))])
    firsts: dict[str, tuple[str, int, int, float]] = {}
    counts: dict[str, int] = {}

    def note(term: str, start: int, score: float) -> None:
        end = start + len(term)
        if blocked.overlaps(start, end):
            return
        folded = term.casefold()
        counts[folded] = counts.get(folded, 0) + 1
        if folded not in firsts:
            firsts[folded] = (term, start, end, score)

    for match in _LATIN.finditer(text):
        term = match.group().rstrip(".")
        score = _latin_score(term)
        if score and term.casefold() not in _STOP_LATIN and len(term) <= 40:
            note(term, match.start(), score)
    for term, start in _chinese_terms(text):
        note(term, start, 0.4)
    results: list[Candidate] = []
    for folded, (term, start, end, score) in firsts.items():
        if known(term):
            continue
        bonus = 0.05 * min(counts[folded] - 1, 2)
        if requirement is not None and requirement(start):
            bonus += 0.1
        results.append(Candidate(term, (start, end), round(score + bonus, 3)))
    results.sort(key=lambda c: (c.span[0], c.term))
    return results
