"""Blueprints, exam forms and item drafts: the ORM ↔ engine adapter of the assessment app."""

from __future__ import annotations

import logging
import secrets

import numpy as np
from django.db import transaction
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import User
from zhijiang.assessment import selectors
from zhijiang.assessment.item_use import require_administrable
from zhijiang.assessment.itemfiles import content_hash
from zhijiang.assessment.models import ExamForm, ExamFormItem, Item, ItemBank
from zhijiang.assessment.services import require_writer, requirements_by_level, standard_document
from zhijiang.common.audit import AuditAction, audit_record
from zhijiang.common.errors import ApplicationError
from zhijiang.common.llm import model_client
from zhijiang.credentials.levels import level_with_specialism
from zhijiang.occupations.levels import level_label, require_on_ladder
from zhijiang.occupations.models import Occupation, Standard
from zhijiang.occupations.services import facts_of
from zhijiang_engine.assessment import (
    BankItem,
    Blueprint,
    BlueprintError,
    BlueprintShortfallError,
    Offline,
    ParallelFormsError,
    blueprint_for,
    drafts_with_model,
    parallel_forms,
)
from zhijiang_engine.standards.schema import StandardLevel, specialisms_at

logger = logging.getLogger(__name__)
MAX_FORMS = 10
MAX_ITEMS = 300


def blueprint_of(
    standard: Standard,
    *,
    rank: int,
    specialism: str = "",
    theory_total: int = 100,
    practice_total: int = 100,
) -> Blueprint:
    """The blueprint of a level of the standard, in ``specialism`` where the level is split
    into directions; ApplicationError when the level is off the occupation's ladder, the
    standard has no such level, or the specialism is not one of the level's."""
    require_on_ladder(rank, standard.occupation)
    if not (1 <= theory_total <= 1000 and 1 <= practice_total <= 1000):
        message = _("Point totals run from 1 to 1,000.")
        raise ApplicationError(message, fields={"theory_total": message})
    document = standard_document(standard)
    level = next((level for level in document.levels if level.rank == rank), None)
    if level is None:
        missing = _("The standard has no level %(level)s.") % {"level": rank}
        raise ApplicationError(missing, code="no_level", fields={"level": missing})
    require_specialism_of(level, specialism)
    try:
        return blueprint_for(
            document,
            rank=rank,
            specialism=specialism or None,
            theory_total=theory_total,
            practice_total=practice_total,
        )
    except BlueprintError as error:  # the checks above leave none; say what the engine said
        raise ApplicationError(str(error), code="blueprint") from None


def require_specialism_of(level: StandardLevel, specialism: str) -> None:
    """A paper at a level split into specialisms is in one of them; at a level without any it
    is in none. ApplicationError on the ``specialism`` field, naming what is wrong."""
    directions = specialisms_at(level)
    names = {"level": level.rank, "specialism": specialism, "have": ", ".join(directions)}
    if specialism and specialism not in directions:
        unknown = (
            _("“%(specialism)s” is not a specialism of level %(level)s (it has: %(have)s).")
            if directions
            else _("“%(specialism)s” is not a specialism of level %(level)s, which has none.")
        ) % names
        raise ApplicationError(unknown, code="unknown_specialism", fields={"specialism": unknown})
    if not specialism and directions:
        needed = _("Level %(level)s is examined in one specialism: choose %(have)s.") % names
        raise ApplicationError(needed, code="specialism_required", fields={"specialism": needed})


def specialisms_of(standard: Standard) -> dict[int, tuple[str, ...]]:
    """The specialisms each level of the standard is split into (levels without any left out)."""
    document = standard_document(standard)
    return {
        level.rank: directions for level in document.levels if (directions := specialisms_at(level))
    }


def _shortfall_message(error: BlueprintShortfallError) -> str:
    parts = "; ".join(
        _gettext("%(part)s: %(missing)s missing (needs %(needed)s, has %(available)s)")
        % {"part": s.part, "missing": s.missing, "needed": s.needed, "available": s.available}
        for s in error.shortages
    )
    return _gettext("The bank has too few reviewed items for the blueprint. %(parts)s") % {
        "parts": parts
    }


@transaction.atomic
def forms_assemble(
    *,
    actor: User,
    bank: ItemBank,
    level: int,
    count: int = 1,
    length: int | None = None,
    points_per_item: int = 1,
    seed: int | None = None,
    tolerance: float = 0.1,
    title: str = "",
    specialism: str = "",
) -> list[ExamForm]:
    """``count`` exam forms of reviewed or calibrated items that follow the level's blueprint
    (in ``specialism`` at a split level: only items of the common part and that direction),
    share no item and have mean difficulties within ``tolerance``; saved in paper order."""
    require_writer(actor, bank)
    if not 1 <= count <= MAX_FORMS:
        raise ApplicationError(_("Assemble 1 to 10 forms at a time."), fields={"count": ""})
    if length is not None and not 1 <= length <= MAX_ITEMS:
        raise ApplicationError(_("A form has 1 to 300 items."), fields={"length": ""})
    if not 1 <= points_per_item <= 100:
        raise ApplicationError(_("An item is worth 1 to 100 points."),
                               fields={"points_per_item": ""})  # fmt: skip
    blueprint = blueprint_of(bank.standard, rank=level, specialism=specialism)
    seed = secrets.randbelow(2**31) if seed is None else seed
    pool = [
        BankItem(item.pk, item.requirement, item.difficulty)
        for item in selectors.usable_items(bank, level=level)
    ]
    try:
        assembled = parallel_forms(
            pool, blueprint, k=count, length=length, points_per_item=points_per_item,
            rng=seed, tolerance=tolerance,
        )  # fmt: skip
    except BlueprintShortfallError as error:
        raise ApplicationError(_shortfall_message(error), code="bank_too_small") from None
    except ParallelFormsError as error:
        message = _("No parallel forms within the difficulty tolerance (closest: %(spread)s).")
        raise ApplicationError(
            message % {"spread": f"{error.spread:.3f}"}, code="tolerance"
        ) from None
    chosen = sorted({item_id for paper in assembled for item_id in paper.items})
    require_administrable(  # locked: an edit meanwhile would put a draft on the form
        Item.objects.select_for_update().filter(pk__in=chosen).order_by("pk"), field="level"
    )
    level_text = level_with_specialism(level, bank.standard.occupation.code, specialism)
    base = title.strip()[:100] or f"{bank.name} · {level_text}"
    saved = []
    for number, paper in enumerate(assembled, 1):
        form = ExamForm.objects.create(
            bank=bank, level=level, specialism=specialism, points_per_item=points_per_item,
            seed=seed,
            mean_difficulty=paper.mean_difficulty, created_by=actor,
            title=base if count == 1 else f"{base} ({number}/{count})",
        )  # fmt: skip
        ExamFormItem.objects.bulk_create(
            ExamFormItem(form=form, item_id=item_id, position=position)
            for position, item_id in enumerate(paper.items, 1)
        )
        audit_record(actor=actor, action=AuditAction.EXAM_FORM_ASSEMBLE, target=form,
                     changes={"items": len(paper.items), "seed": seed,
                              "specialism": specialism})  # fmt: skip
        saved.append(form)
    return saved


def items_draft(
    *, actor: User, bank: ItemBank, level: int, requirements: list[str] | None = None
) -> list[Item]:
    """Draft items for the level's requirements (all, or those listed): from the language
    model when one is configured and answers validly, else offline items about the
    occupation's work from the classification (blank templates only when it says too little).
    They are drafts: another assessor reviews each one. Drafts that repeat an item are skipped.

    The model may take minutes, so it is asked outside any transaction; the items are then
    written in one short transaction with the bank's row locked."""
    require_writer(actor, bank)
    chosen = _chosen_requirements(bank, level, requirements)
    batch = drafts_with_model(
        model_client(),
        occupation_name=bank.standard.occupation.name,
        level_name=level_label(level, bank.standard.occupation.code),
        requirements=chosen,
        offline=_offline_inputs(bank, level),
    )
    with transaction.atomic():
        bank = ItemBank.objects.select_for_update().select_related("standard").get(pk=bank.pk)
        require_writer(actor, bank)  # the actor may have left the assessment body meanwhile
        seen = set(Item.objects.filter(bank=bank).values_list("content_hash", flat=True))
        created = []
        for draft in batch.items:
            digest = content_hash(draft.stem, draft.options)
            if digest in seen:
                continue
            seen.add(digest)
            created.append(
                Item(
                    bank=bank, level=level, requirement=draft.requirement, kind=draft.kind,
                    stem=draft.stem, options=list(draft.options), answer=draft.answer,
                    explanation=draft.explanation, content_hash=digest, author=actor,
                    source=batch.source[:80],
                )
            )  # fmt: skip
        Item.objects.bulk_create(created)
        audit_record(actor=actor, action=AuditAction.ITEM_DRAFT, target=bank,
                     changes={"items": len(created), "source": batch.source,
                              "fallback": batch.fallback_reason or "",
                              "dropped": list(batch.dropped)})  # fmt: skip
    return created


def _offline_inputs(bank: ItemBank, level: int) -> Offline:
    """The occupation's facts from the classification and those of its 大类, which the
    offline generator draws its keys and distractors from; seeded by the bank, the level and
    how many items the bank holds, so each run gives new items and a test the same ones."""
    occupation = bank.standard.occupation
    neighbours = Occupation.objects.filter(
        level=Occupation.Level.OCCUPATION, code__startswith=occupation.code[:1]
    ).exclude(tasks=[])
    held = Item.objects.filter(bank=bank).count()
    return Offline(
        facts=facts_of(occupation),
        others=[facts_of(other) for other in neighbours],
        rng=np.random.default_rng([bank.pk, level, held]),
    )


def _chosen_requirements(
    bank: ItemBank, level: int, requirements: list[str] | None
) -> dict[str, str]:
    """The level's requirement texts by id: all of them, or those listed."""
    require_on_ladder(level, bank.standard.occupation)
    by_level = requirements_by_level(standard_document(bank.standard))
    if level not in by_level:
        message = _("The standard has no level %(level)s.") % {"level": level}
        raise ApplicationError(message, code="no_level", fields={"level": message})
    texts = by_level[level]
    wanted = [key.strip().upper() for key in requirements or [] if key.strip()]
    unknown = [key for key in wanted if key not in texts]
    if unknown:
        message = _("Unknown requirements: %(ids)s") % {"ids": ", ".join(unknown)}
        raise ApplicationError(
            message, code="unknown_requirement", fields={"requirements": message}
        )
    return {key: texts[key] for key in wanted} if wanted else texts
