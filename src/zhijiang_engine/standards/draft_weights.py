"""The weights tables of a standard draft (理论知识 and 操作技能 shares of each level).

Each level gives its 基本要求 a fixed theory share, 培训与指导 and 技术管理 (or 技术指导与培训)
a fixed share each, and splits the rest over its own work functions by their number of contents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zhijiang_engine.standards.levels import Ladder

_BASIC_WEIGHT = {1: 25, 2: 20, 3: 15, 4: 10, 5: 5, 6: 5, 7: 5, 8: 5}
# The theory and skill share of each of 培训与指导 and 技术管理, where a level has them.
_SPECIAL_WEIGHT = {5: 10, 6: 10, 7: 15, 8: 15}
_PROFESSIONAL_SPECIAL_WEIGHT = {4: 10}


@dataclass(frozen=True)
class LevelWeights:
    """A level's shares: 基本要求 (theory only), each special function (theory, skill in
    order), each own function."""

    basic: int
    special_theory: list[int]
    special_skill: list[int]
    theory: list[int]
    skill: list[int]


def shares(total: int, sizes: Sequence[int]) -> list[int]:
    """``total`` split in proportion to ``sizes`` by largest remainder (sums exactly)."""
    whole = sum(sizes)
    if not whole:
        return [0 for _ in sizes]
    floors = [total * size // whole for size in sizes]
    order = sorted(range(len(sizes)), key=lambda i: (-(total * sizes[i] % whole), i))
    for i in order[: total - sum(floors)]:
        floors[i] += 1
    return floors


def level_weights(
    *, rank: int, ladder: Ladder, specials: int, sizes: Sequence[int]
) -> LevelWeights:
    """The shares of a level at ``rank`` with ``specials`` special functions and own functions
    of ``sizes`` contents each. A level whose own work was all left out for the expert gives
    its special functions the whole share, so that its tables still add up to 100."""
    table = _PROFESSIONAL_SPECIAL_WEIGHT if ladder is Ladder.PROFESSIONAL else _SPECIAL_WEIGHT
    basic = _BASIC_WEIGHT[rank]
    if specials and not sizes:
        every = [1] * specials
        return LevelWeights(basic, shares(100 - basic, every), shares(100, every), [], [])
    fixed = table.get(rank, 0)
    theory = shares(100 - basic - fixed * specials, sizes)
    skill = shares(100 - fixed * specials, sizes)
    return LevelWeights(basic, [fixed] * specials, [fixed] * specials, theory, skill)
