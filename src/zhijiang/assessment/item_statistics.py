"""Item statistics from real responses: the ORM ↔ engine adapter (zhijiang_engine.irt.item_stats).

Only attempts of closed sessions count, so a live exam is never analysed; an item's responses
count from its last change of text or key (``Item.revised_at``). Fixed forms give the p-value
and the point-biserial with the rest score, the rest score standardised within each form;
adaptive tests give them apart, with the candidate's final θ as the criterion. Thresholds and
reasons: docs/assessment.md ("Item statistics").
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from zhijiang.assessment import selectors, sessions
from zhijiang.assessment.models import (
    AdministeredItem,
    Attempt,
    ExamFormItem,
    ExamSession,
    Item,
    ItemBank,
    ItemStatistics,
)
from zhijiang_engine.irt import ItemFlag, item_flags, item_statistics, parameter_flags

logger = logging.getLogger(__name__)
RULES = selectors.FLAG_THRESHOLDS

FLAG_REASONS = {
    ItemFlag.TOO_HARD: _("too hard: fewer than %(p_low)s of the candidates answer it correctly"),
    ItemFlag.TOO_EASY: _("too easy: more than %(p_high)s of the candidates answer it correctly"),
    ItemFlag.WEAK: _(
        "weak: it hardly separates stronger from weaker candidates "
        "(point-biserial below %(r_weak)s)"
    ),
    ItemFlag.NEGATIVE: _(
        "negative point-biserial: stronger candidates get it wrong more often than weaker "
        "ones; is the key right?"
    ),
    ItemFlag.LOW_DISCRIMINATION: _("weak discrimination: calibrated a below %(a_low)s"),
}


def flag_reasons(item: Item) -> list[tuple[str, str]]:
    """(code, reason) of each flag of the item: its stored statistics' and its calibrated
    a's; none for a retired item. Load ``statistics`` with select_related."""
    if item.status == Item.Status.RETIRED:
        return []
    stored = statistics_of(item)
    codes = [ItemFlag(code) for code in (stored.flags if stored else [])]
    if item.status == Item.Status.CALIBRATED:
        codes += parameter_flags(item.discrimination, RULES)
    values = {"p_low": f"{RULES.p_low:.0%}", "p_high": f"{RULES.p_high:.0%}",
              "r_weak": RULES.r_weak, "a_low": RULES.a_low}  # fmt: skip
    return [(str(code), str(FLAG_REASONS[code]) % values) for code in codes]


def statistics_of(item: Item) -> ItemStatistics | None:
    try:
        return item.statistics
    except ItemStatistics.DoesNotExist:
        return None


def statistics_of_bank(bank: ItemBank, *, flagged: bool = False) -> Any:
    """The bank's items with their statistics (call selectors.statistics_bank_for first)."""
    items = Item.objects.filter(bank=bank).select_related("statistics")
    if flagged:
        items = items.filter(selectors.flagged_q())
    return items.order_by("level", "requirement", "pk")


# Recomputing


@dataclass
class _Responses:
    """One item's responses: 0/1 scores, the criterion, and the group (the form) of each."""

    scores: list[int] = field(default_factory=list)
    criterion: list[float] = field(default_factory=list)
    groups: list[int] = field(default_factory=list)


def _counts(item: Item, at: datetime) -> bool:
    return item.revised_at is None or at >= item.revised_at


def _closed(mode: str, prefix: str = "registration__session__") -> dict[str, Any]:
    return {f"{prefix}status": ExamSession.Status.CLOSED, f"{prefix}mode": mode}


def _fixed_responses(bank: ItemBank, items: dict[int, Item]) -> dict[int, _Responses]:
    attempts = Attempt.objects.filter(
        registration__session__bank=bank, **_closed(ExamSession.Mode.FIXED)
    ).values_list("registration__session__form_id", "answers", "started_at")
    by_form: dict[int, list[tuple[dict[str, str], datetime]]] = defaultdict(list)
    for form_id, answers, started_at in attempts:
        by_form[form_id].append((answers or {}, started_at))
    papers: dict[int, list[Item]] = defaultdict(list)
    entries = ExamFormItem.objects.filter(form_id__in=list(by_form)).order_by("form", "position")
    for form_id, item_id in entries.values_list("form_id", "item_id"):
        papers[form_id].append(items[item_id])
    found: dict[int, _Responses] = defaultdict(_Responses)
    for form_id, taken in by_form.items():
        paper = papers[form_id]
        for answers, started_at in taken:
            right = [int(sessions.is_correct(i, answers.get(str(i.pk), ""))) for i in paper]
            total = sum(right)
            for item, score in zip(paper, right, strict=True):
                if _counts(item, started_at):
                    into = found[item.pk]
                    into.scores.append(score)
                    into.criterion.append(float(total - score))
                    into.groups.append(form_id)
    return found


def _adaptive_responses(bank: ItemBank, items: dict[int, Item]) -> dict[int, _Responses]:
    rows = AdministeredItem.objects.filter(
        attempt__registration__session__bank=bank,
        answered_at__isnull=False,
        correct__isnull=False,
        attempt__theta__isnull=False,
        **_closed(ExamSession.Mode.ADAPTIVE, "attempt__registration__session__"),
    ).values_list("item_id", "correct", "attempt__theta", "shown_at")
    found: dict[int, _Responses] = defaultdict(_Responses)
    for item_id, correct, theta, shown_at in rows:
        if correct is not None and theta is not None and _counts(items[item_id], shown_at):
            found[item_id].scores.append(int(correct))
            found[item_id].criterion.append(float(theta))
    return found


def _row(item_id: int, fixed: _Responses | None, adaptive: _Responses | None) -> ItemStatistics:
    on_forms = None
    if fixed is not None:
        on_forms = item_statistics(fixed.scores, fixed.criterion, groups=fixed.groups)
    on_cat = item_statistics(adaptive.scores, adaptive.criterion) if adaptive else None
    flags = item_flags(fixed=on_forms, adaptive=on_cat, thresholds=RULES)
    return ItemStatistics(
        item_id=item_id,
        responses=on_forms.n if on_forms else 0,
        p_value=on_forms.p_value if on_forms else None,
        point_biserial=on_forms.point_biserial if on_forms else None,
        adaptive_responses=on_cat.n if on_cat else 0,
        adaptive_p_value=on_cat.p_value if on_cat else None,
        adaptive_point_biserial=on_cat.point_biserial if on_cat else None,
        flags=[str(flag) for flag in flags],
        flagged=bool(flags),
        computed_at=timezone.now(),
    )


def item_statistics_refresh(*, bank: ItemBank) -> int:
    """Recompute the statistics of every item of the bank that closed sessions gave, and
    replace the stored ones; returns how many items have statistics. Reads first, then one
    short transaction with the bank locked, so that two refreshes do not interleave."""
    items = {item.pk: item for item in Item.objects.filter(bank=bank)}
    fixed, adaptive = _fixed_responses(bank, items), _adaptive_responses(bank, items)
    rows = [_row(pk, fixed.get(pk), adaptive.get(pk)) for pk in sorted(fixed.keys() | adaptive)]
    with transaction.atomic():
        ItemBank.objects.select_for_update().filter(pk=bank.pk).first()
        ItemStatistics.objects.filter(item__bank=bank).delete()
        ItemStatistics.objects.bulk_create(rows)
    logger.info("Item statistics of bank %s: %d items", bank.pk, len(rows))
    return len(rows)


@task()
def item_statistics_refresh_task(bank_id: int) -> int:
    """Background task: recompute a bank's item statistics (queued when a session closes)."""
    bank = ItemBank.objects.filter(pk=bank_id).first()
    return item_statistics_refresh(bank=bank) if bank is not None else 0


def refresh_after_commit(*, bank_id: int) -> None:
    """Queue the bank's refresh once the caller's transaction has committed."""
    transaction.on_commit(lambda: item_statistics_refresh_task.enqueue(bank_id))
