"""Assessment: exam blueprints from a standard's weights, fixed-form and parallel-form
assembly from an item bank, and item drafts from a standard's requirements."""

from zhijiang_engine.assessment.assembly import (
    AssembledForm,
    BankItem,
    BlueprintShortfallError,
    ParallelFormsError,
    Shortage,
    assemble_form,
    parallel_forms,
    part_counts,
)
from zhijiang_engine.assessment.blueprint import (
    BASIC,
    Blueprint,
    BlueprintError,
    BlueprintPart,
    blueprint_for,
    part_of_requirement,
)
from zhijiang_engine.assessment.drafting import (
    KINDS,
    LETTERS,
    PLACEHOLDER,
    DraftBatch,
    ItemDraft,
    Offline,
    check_answer,
    drafts_with_model,
    has_placeholder,
    template_drafts,
)

__all__ = [
    "BASIC",
    "KINDS",
    "LETTERS",
    "PLACEHOLDER",
    "AssembledForm",
    "BankItem",
    "Blueprint",
    "BlueprintError",
    "BlueprintPart",
    "BlueprintShortfallError",
    "DraftBatch",
    "ItemDraft",
    "Offline",
    "ParallelFormsError",
    "Shortage",
    "assemble_form",
    "blueprint_for",
    "check_answer",
    "drafts_with_model",
    "has_placeholder",
    "parallel_forms",
    "part_counts",
    "part_of_requirement",
    "template_drafts",
]
