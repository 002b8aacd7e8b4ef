"""The levels an occupation is evaluated on.

Two ladders, as in the national system:

- the worker ladder (职业技能等级, the new eight levels 新八级): 学徒工 … 首席技师, of which a
  national occupational standard (国家职业标准) covers the middle five (五级 初级工 … 一级
  高级技师); 学徒工, 特级技师 and 首席技师 are assessed by enterprises where the bureau adds them.
  Worker occupations are those of 大类 3–6 (and any other that is not professional).
- the professional ladder (职业技术技能等级) of a 国家职业技术技能标准, written for the
  engineering technicians and other professionals of 大类 2: 初级, 中级 and 高级.

A level is stored as an integer rank on both ladders; the professional levels use ranks 2–4,
so that "at least this level" compares the same way, and are named by the occupation's
ladder. 大类 1 (负责人), 7 (军队人员) and 8 (不便分类) have no skill standard.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Level:
    rank: int  # 1 (学徒工) … 8 (首席技师); 2–4 on the professional ladder
    key: str
    name_zh: str
    name_en: str
    national: str | None  # the national 五级…一级 name, for the middle five worker levels


class Ladder(StrEnum):
    WORKER = "worker"  # 职业技能等级
    PROFESSIONAL = "professional"  # 职业技术技能等级


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

PROFESSIONAL_LEVELS: tuple[Level, ...] = (
    Level(2, "professional_junior", "初级", "Junior (technical)", None),
    Level(3, "professional_intermediate", "中级", "Intermediate (technical)", None),
    Level(4, "professional_senior", "高级", "Senior (technical)", None),
)

# The levels a national occupational standard usually covers (五级 to 一级).
NATIONAL_RANKS: tuple[int, ...] = (2, 3, 4, 5, 6)
# The levels of a 职业技术技能标准 (初级, 中级, 高级).
PROFESSIONAL_RANKS: tuple[int, ...] = tuple(level.rank for level in PROFESSIONAL_LEVELS)

# 大类 without a skill standard: heads of organisations, the armed forces, unclassifiable work.
_NO_STANDARD_GROUPS = frozenset({"1", "7", "8"})


def ladder_of(occupation_code: str) -> Ladder:
    """The ladder an occupation is evaluated on: professional for 大类 2, else the worker one."""
    return Ladder.PROFESSIONAL if occupation_code.strip().startswith("2") else Ladder.WORKER


def has_skill_standard(occupation_code: str) -> bool:
    """Whether skill standards and evaluations exist for the occupation's 大类 at all."""
    return occupation_code.strip()[:1] not in _NO_STANDARD_GROUPS


def ladder_levels(ladder: Ladder) -> tuple[Level, ...]:
    """Every level of the ladder, lowest first."""
    return PROFESSIONAL_LEVELS if ladder is Ladder.PROFESSIONAL else LEVELS


def standard_ranks(ladder: Ladder) -> tuple[int, ...]:
    """The levels a national standard on this ladder covers by default."""
    return PROFESSIONAL_RANKS if ladder is Ladder.PROFESSIONAL else NATIONAL_RANKS


def level_by_rank(rank: int, ladder: Ladder = Ladder.WORKER) -> Level:
    """The level with this rank on ``ladder``; KeyError when the ladder has none."""
    for level in ladder_levels(ladder):
        if level.rank == rank:
            return level
    raise KeyError(rank)


def level_on_ladder(rank: int, ladder: Ladder) -> Level:
    """The level with this rank on ``ladder``; a rank off it (older data, a 2- occupation at
    技师) is its worker level. KeyError for a rank on neither ladder."""
    try:
        return level_by_rank(rank, ladder)
    except KeyError:
        return level_by_rank(rank)


def ladder_name(ladder: Ladder) -> str:
    """What the ladder's levels and certificates are called (Chinese, as on the documents)."""
    return "职业技术技能等级" if ladder is Ladder.PROFESSIONAL else "职业技能等级"
