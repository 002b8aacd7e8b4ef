"""Occupational standards (职业标准) as plain values: the document schema, its validation,
the diff between versions, and drafting a standard from an occupation's definition and tasks."""

from zhijiang_engine.standards.draft import OccupationFacts, standard_draft_offline
from zhijiang_engine.standards.draft_llm import DraftResult, standard_draft_with_model
from zhijiang_engine.standards.levels import LEVELS, Level, level_by_rank
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
    "Change",
    "DraftResult",
    "Level",
    "OccupationFacts",
    "SchemaError",
    "StandardDocument",
    "document_from_dict",
    "document_to_dict",
    "level_by_rank",
    "standard_diff",
    "standard_draft_offline",
    "standard_draft_with_model",
    "validate_document",
]
