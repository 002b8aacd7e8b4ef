"""The words of an occupation's name that give an item away: an option or a definition that
shares them with the name ("人造花" in "…制成人造花的人员", "乳" in "进行原料乳杀菌" for a
乳品加工工) is picked by anyone who reads the name, without knowing the work.

A name's cues are the character pairs of its core (the name less its role word: 工, 员, 师,
人员, 工程技术人员 …) that few occupations' names have, and its characters that very few names
and few occupations' texts have ("乳", "儿" of 儿科, "小" of 小家电); pairs and characters that
many have ("制造", "设计", "操作", "电", "要" of 机要) tell nothing, unless the core is that one
character ("石" of 石工).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from zhijiang_engine.assessment.knowledge_items import char_pairs
from zhijiang_engine.standards.draft import OccupationFacts

ROLE_WORDS = (
    "工程技术人员", "专业技术人员", "专业人员", "技术人员", "人员", "管理员", "工", "员", "师",
    "者",
)  # fmt: skip
PAIR_SHARE, PAIR_FLOOR = 0.015, 8  # a pair this few names have (or the floor) tells
CHAR_SHARE, CHAR_FLOOR = 0.006, 6  # a character this few names have tells …
TEXT_SHARE = 0.04  # … when this few occupations' definitions and tasks have it too


def name_core(name: str) -> str:
    """The name less its role word ("乳品加工" of 乳品加工工)."""
    for word in ROLE_WORDS:
        if name.endswith(word) and len(name) > len(word):
            return name[: -len(word)]
    return name


class NameCues:
    """How many names of a classification have each character and character pair, telling
    which of a name's are cues."""

    def __init__(self, occupations: Sequence[OccupationFacts]) -> None:
        unique = {o.code: o for o in occupations}.values()
        names = {o.name for o in unique}
        texts = ["".join((o.definition, *o.tasks)) for o in unique]
        self._pairs = Counter(pair for name in names for pair in char_pairs(name))
        self._chars = Counter(char for name in names for char in set(name))
        self._text_chars = Counter(char for text in texts for char in set(text))
        self._rare_pair = max(PAIR_FLOOR, int(PAIR_SHARE * len(names)))
        self._rare_char = max(CHAR_FLOOR, int(CHAR_SHARE * len(names)))
        self._rare_text_char = max(CHAR_FLOOR, int(TEXT_SHARE * len(texts)))

    def of(self, name: str) -> frozenset[str]:
        """The cues of ``name``: its core's rare pairs and rare characters."""
        core = name_core(name)
        if len(core) == 1:
            return frozenset(core)  # "石" of 石工 is all the name says
        pairs = {pair for pair in char_pairs(core) if self._pairs[pair] <= self._rare_pair}
        chars = {
            char
            for char in core
            if "\u4e00" <= char <= "\u9fff"
            and self._chars[char] <= self._rare_char
            and self._text_chars[char] <= self._rare_text_char
        }
        return frozenset(pairs | chars)


@lru_cache(maxsize=4)
def name_cues(occupations: tuple[OccupationFacts, ...]) -> NameCues:
    """The cue index of ``occupations``, built once for the batches drafted against them."""
    return NameCues(occupations)


def cued(text: str, cues: frozenset[str]) -> bool:
    """Whether ``text`` has one of the name's cues."""
    return any(cue in text for cue in cues)
