"""Whether a model-written item may become a draft: the checks a reviewer would otherwise make
first (one key, distinct options, no answer given away by the stem, sensible lengths, Chinese
text, an item about the work and not about the standard document).

Each check says what is wrong in one short English line, so that a batch can drop the bad item,
keep the good ones and report why (issue 15: nothing valid is lost to one bad item).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

STEM_LENGTH = (5, 200)  # characters, after trimming
OPTION_LENGTH = 100
EXPLANATION_LENGTH = 500
SINGLE_OPTIONS = 4
MULTIPLE_OPTIONS = (4, 6)
MIN_LEAK = 2  # a key shorter than this (e.g. "是") may appear in a stem without giving it away
CJK_SHARE = 0.5  # of the stem's words (one CJK character or one run of Latin letters each)

# Phrases that only a question about the standard document uses (where it files a requirement).
STRUCTURAL = re.compile(
    r"相关知识要求|技能要求|知识要求|工作内容|职业功能|鉴定点|比重表|权重表|本标准|该标准|"
    r"标准(?:中|里)(?:规定|列出|要求)"
)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_SPACE = re.compile(r"\s+")


def normalized(text: str) -> str:
    """``text`` as compared: NFKC (full-width letters and digits folded), case-folded,
    whitespace removed and end punctuation trimmed."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _SPACE.sub("", folded).strip("。.；;，,、:：")


def is_chinese(text: str) -> bool:
    """Whether ``text`` is mostly Chinese: CJK characters make at least half of its words,
    counting one CJK character or one run of Latin letters as a word (so a stem naming a tool
    such as Python is still Chinese, an English sentence is not)."""
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN_WORD.findall(text))
    return cjk > 0 and cjk >= CJK_SHARE * (cjk + latin)


def _shape_problem(kind: str, options: Sequence[str], answer: str) -> str | None:
    if kind == "single" and len(options) != SINGLE_OPTIONS:
        return f"a single-choice item has exactly {SINGLE_OPTIONS} options, not {len(options)}"
    low, high = MULTIPLE_OPTIONS
    if kind == "multiple" and not low <= len(options) <= high:
        return f"a multiple-choice item has {low} to {high} options, not {len(options)}"
    if kind == "multiple" and len(answer) < 2:
        return "a multiple-choice item has two or more keys"
    if kind == "true_false" and (options or answer not in ("T", "F")):
        return "a true/false item has no options and the answer T or F"
    return None


def _length_problem(stem: str, options: Sequence[str], explanation: str) -> str | None:
    low, high = STEM_LENGTH
    if not low <= len(stem) <= high:
        return f"the stem has {len(stem)} characters (allowed {low} to {high})"
    for i, option in enumerate(options):
        if len(option) > OPTION_LENGTH:
            return f"option {i + 1} has {len(option)} characters (at most {OPTION_LENGTH})"
    if len(explanation) > EXPLANATION_LENGTH:
        return f"the explanation has {len(explanation)} characters (at most {EXPLANATION_LENGTH})"
    return None


def _keys(kind: str, options: Sequence[str], answer: str) -> list[str]:
    if kind in ("single", "multiple"):
        return [options[ord(letter) - ord("A")] for letter in answer]
    return [answer] if kind == "short_answer" else []


def _content_problem(
    kind: str, stem: str, options: Sequence[str], answer: str, explanation: str
) -> str | None:
    folded = [normalized(option) for option in options]
    if any(not option for option in folded):
        return "an option is empty"
    if len(set(folded)) != len(folded):
        return "two options are the same"
    needle = normalized(stem)
    for key in _keys(kind, options, answer):
        if len(normalized(key)) >= MIN_LEAK and normalized(key) in needle:
            return "the stem gives the answer away (it contains the key)"
    if not is_chinese(stem):
        return "the stem is not in Chinese"
    if explanation and not is_chinese(explanation):
        return "the explanation is not in Chinese"
    if STRUCTURAL.search(" ".join((stem, *options))):
        return "the item asks about the standard document, not about the work"
    return None


def item_problem(
    kind: str, stem: str, options: Sequence[str], answer: str, explanation: str = ""
) -> str | None:
    """Why a model's item of ``kind`` (answer already checked against its options) may not
    become a draft; None when it may."""
    return (
        _shape_problem(kind, options, answer)
        or _length_problem(stem, options, explanation)
        or _content_problem(kind, stem, options, answer, explanation)
    )
