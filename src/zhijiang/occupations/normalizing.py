"""The engine's text tools as the app uses them, each built once per process: the title
normalizer over the taxonomy in the database, and the skill extractor."""

from __future__ import annotations

from functools import lru_cache

from zhijiang.common.cache import cache_dir
from zhijiang.occupations import loading
from zhijiang.occupations.models import Occupation
from zhijiang_engine.normalize import Candidate, TitleNormalizer
from zhijiang_engine.skills import SkillExtractor
from zhijiang_engine.taxonomy import OccupationRecord


def _records() -> list[OccupationRecord]:
    rows = Occupation.objects.select_related("parent").order_by("level", "code")
    return [
        OccupationRecord(
            code=o.code,
            level=o.level,
            parent_code=o.parent.code if o.parent is not None else None,
            name=o.name,
            definition=o.definition,
            tasks=tuple(o.tasks),
            aliases=tuple(o.aliases),
            is_digital=o.is_digital,
            is_green=o.is_green,
            line=0,
        )
        for o in rows
    ]


@lru_cache(maxsize=1)
def title_normalizer() -> TitleNormalizer:
    """Built from the taxonomy as loaded (a reload takes effect when the process restarts);
    the index is cached on disk, keyed by the taxonomy's hash."""
    return TitleNormalizer(_records(), cache_dir=cache_dir())


@lru_cache(maxsize=1)
def skill_extractor() -> SkillExtractor:
    """From the shipped vocabulary and alias table (about a second to build)."""
    return SkillExtractor.from_files(loading.SKILLS_FILE)


def suggest_occupations(title: str, *, top_k: int = 5) -> list[Candidate]:
    return title_normalizer().normalize(title, top_k=top_k)
