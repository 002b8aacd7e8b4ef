"""Occupational standards (职业标准) as plain values: the document schema, its validation,
the diff between versions, and drafting a standard from an occupation's definition and tasks."""

from zhijiang_engine.standards.draft import OccupationFacts, standard_draft_offline
from zhijiang_engine.standards.draft_llm import DraftResult, standard_draft_with_model
from zhijiang_engine.standards.levels import (
    LEVELS,
    PROFESSIONAL_LEVELS,
    Ladder,
    Level,
    has_skill_standard,
    ladder_levels,
    ladder_of,
    level_by_rank,
    standard_ranks,
)
from zhijiang_engine.standards.schema import (
    FORMAT,
    Change,
    SchemaError,
    StandardDocument,
    document_from_dict,
    document_to_dict,
    standard_diff,
    validate_document,
)

__all__ = [
    "FORMAT",
    "LEVELS",
    "PROFESSIONAL_LEVELS",
    "Change",
    "DraftResult",
    "Ladder",
    "Level",
    "OccupationFacts",
    "SchemaError",
    "StandardDocument",
    "document_from_dict",
    "document_to_dict",
    "has_skill_standard",
    "ladder_levels",
    "ladder_of",
    "level_by_rank",
    "standard_diff",
    "standard_draft_offline",
    "standard_draft_with_model",
    "standard_ranks",
    "validate_document",
]
