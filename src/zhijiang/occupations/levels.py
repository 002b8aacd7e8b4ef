"""The two ladders' level names as people read them, in the active language, and the check
that a rank is a level of an occupation's ladder.

Worker occupations are evaluated on the eight-level worker ladder (学徒工 … 首席技师); the
professionals of 大类 2 on the 初级 / 中级 / 高级 of a 职业技术技能标准, stored as ranks 2–4.
"""

from __future__ import annotations

from typing import Protocol

from django.utils import translation
from django.utils.translation import gettext

from zhijiang.common.errors import field_error
from zhijiang_engine.standards.levels import (
    Ladder,
    Level,
    ladder_levels,
    ladder_of,
    level_by_rank,
    level_on_ladder,
    standard_ranks,
)


class NamedOccupation(Protocol):
    code: str
    name: str


def ladder_for(code: str | None) -> Ladder:
    """The ladder of occupation ``code``; the worker ladder when there is no occupation."""
    return ladder_of(code) if code else Ladder.WORKER


def ladder_ranks(code: str | None) -> tuple[int, ...]:
    """Every rank of the occupation's ladder, lowest first."""
    return tuple(level.rank for level in ladder_levels(ladder_for(code)))


def default_ranks(code: str | None) -> tuple[int, ...]:
    """The levels a national standard of this occupation covers by default."""
    return standard_ranks(ladder_for(code))


def _named(level: Level) -> str:
    english = (translation.get_language() or "").startswith("en")
    return level.name_en if english else level.name_zh


def ladder_level(rank: int, code: str | None = None) -> Level:
    """The level ``rank`` on the ladder of occupation ``code``; a rank off that ladder (older
    data) is its worker level rather than a failure. KeyError for a rank on neither ladder."""
    return level_on_ladder(rank, ladder_for(code))


def level_label(rank: int | None, code: str | None = None) -> str:
    """The rank's name on the ladder of occupation ``code`` (worker when None), in the active
    language; off that ladder (older data), its worker name."""
    if rank is None:
        return ""
    try:
        return _named(ladder_level(rank, code))
    except KeyError:
        return str(rank)


def either_ladder_label(rank: int) -> str:
    """A rank named on both ladders where it is on both (中级工 / 中级), for pickers that
    belong to no occupation."""
    worker = level_label(rank)
    try:
        professional = _named(level_by_rank(rank, Ladder.PROFESSIONAL))
    except KeyError:
        return worker
    return f"{worker} / {professional}"


def off_ladder_problem(rank: int, occupation: NamedOccupation | None) -> str | None:
    """Why ``rank`` is not a level of the occupation's ladder, in the active language; None
    when it is one."""
    code = occupation.code if occupation is not None else None
    if rank in ladder_ranks(code):
        return None
    if ladder_for(code) is Ladder.WORKER or occupation is None:
        return gettext("The skill level must be 1 (学徒工) to 8 (首席技师).")
    try:
        named = level_by_rank(rank).name_zh
    except KeyError:
        named = str(rank)
    return gettext(
        "%(occupation)s is evaluated on 初级, 中级 and 高级; %(level)s is not one of its levels."
    ) % {"occupation": occupation.name, "level": named}


def require_on_ladder(rank: int, occupation: NamedOccupation | None, field: str = "level") -> None:
    """ApplicationError naming ``field`` when ``rank`` is not a level of the occupation's
    ladder (e.g. 技师 for a professional occupation, evaluated on 初级, 中级 and 高级)."""
    problem = off_ladder_problem(rank, occupation)
    if problem is not None:
        raise field_error(field, problem, "invalid_level")
