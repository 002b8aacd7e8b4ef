"""The eight-level ladder's names as people read them, in the active language."""

from __future__ import annotations

from django.utils import translation

from zhijiang_engine.standards.levels import level_by_rank


def level_label(rank: int | None) -> str:
    """A level's name on the eight-level ladder (学徒工 … 首席技师), in the active language."""
    if rank is None:
        return ""
    level = level_by_rank(rank)
    english = (translation.get_language() or "").startswith("en")
    return level.name_en if english else level.name_zh
