"""The eight-level skill ladder (新八级) and how the national five levels map onto it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Level:
    rank: int  # 1 (学徒工) … 8 (首席技师)
    key: str
    name_zh: str
    name_en: str
    national: str | None  # the national 五级…一级 name, for the middle five


LEVELS: tuple[Level, ...] = (
    Level(1, "apprentice", "学徒工", "Apprentice", None),
    Level(2, "junior", "初级工", "Junior worker", "五级"),
    Level(3, "intermediate", "中级工", "Intermediate worker", "四级"),
    Level(4, "senior", "高级工", "Senior worker", "三级"),
    Level(5, "technician", "技师", "Technician", "二级"),
    Level(6, "senior_technician", "高级技师", "Senior technician", "一级"),
    Level(7, "principal_technician", "特级技师", "Principal technician", None),
    Level(8, "chief_technician", "首席技师", "Chief technician", None),
)

# The levels a national occupational standard usually covers (五级 to 一级).
NATIONAL_RANKS: tuple[int, ...] = (2, 3, 4, 5, 6)


def level_by_rank(rank: int) -> Level:
    for level in LEVELS:
        if level.rank == rank:
            return level
    raise KeyError(rank)
