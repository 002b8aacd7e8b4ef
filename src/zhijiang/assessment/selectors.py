"""Reads for item banks, items and exam forms, each scoped to what the user may see:
assessors see their assessment bodies' banks, bureau officers see every bank."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import Organisation, OrganisationKind, Role
from zhijiang.accounts.selectors import is_city_officer, organisation_ids_of
from zhijiang.assessment.item_use import USABLE_STATUSES
from zhijiang.assessment.models import ExamForm, Item, ItemBank, ItemKind
from zhijiang.common.errors import NotFoundError, PermissionDeniedError
from zhijiang.occupations.models import Standard
from zhijiang_engine.curriculum import ReviewQuestion
from zhijiang_engine.irt import FlagThresholds

FLAG_THRESHOLDS = FlagThresholds()  # documented in docs/assessment.md ("Item statistics")


def assessment_body_ids(user: Any) -> set[int]:
    """Active assessment bodies the user is an assessor of: the banks they write."""
    ids = organisation_ids_of(user, {Role.ASSESSOR})
    if not ids:
        return set()
    return set(
        Organisation.objects.filter(
            pk__in=ids, kind=OrganisationKind.ASSESSMENT_BODY, is_active=True
        ).values_list("pk", flat=True)
    )


def assessment_bodies_of(user: Any) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=assessment_body_ids(user)).order_by("name")


def can_see_banks(user: Any) -> bool:
    return is_city_officer(user) or bool(assessment_body_ids(user))


def can_write(user: Any, bank: ItemBank) -> bool:
    return bank.owner_id in assessment_body_ids(user)


def banks_for(*, user: Any) -> QuerySet[ItemBank]:
    banks = ItemBank.objects.select_related("owner", "standard__occupation").annotate(
        item_count=Count("items", filter=~Q(items__status=Item.Status.RETIRED)),
        draft_count=Count("items", filter=Q(items__status=Item.Status.DRAFT)),
    )
    if is_city_officer(user):
        return banks
    return banks.filter(owner_id__in=assessment_body_ids(user))


def bank_for(*, user: Any, bank_id: int) -> ItemBank:
    bank = banks_for(user=user).filter(pk=bank_id).first()
    if bank is None:
        raise NotFoundError(_("No such item bank, or you may not see it."))
    return bank


@dataclass(frozen=True)
class ItemFilters:
    """The item list's filters; empty values filter nothing."""

    status: str = ""
    requirement: str = ""
    kind: str = ""
    level: int | None = None
    q: str = ""
    flagged: bool = False


def items_for(*, user: Any) -> QuerySet[Item]:
    items = Item.objects.select_related("bank", "author", "reviewer")
    if is_city_officer(user):
        return items
    return items.filter(bank__owner_id__in=assessment_body_ids(user))


def items_of_bank(bank: ItemBank, filters: ItemFilters) -> QuerySet[Item]:
    """The bank's items (call bank_for first), filtered; the flagged filter is for those who
    may see statistics (can_see_statistics)."""
    items = Item.objects.filter(bank=bank).select_related("author", "reviewer", "statistics")
    if filters.status:
        items = items.filter(status=filters.status)
    if filters.requirement:
        items = items.filter(requirement__istartswith=filters.requirement.strip())
    if filters.kind:
        items = items.filter(kind=filters.kind)
    if filters.level is not None:
        items = items.filter(level=filters.level)
    if filters.q.strip():
        items = items.filter(stem__icontains=filters.q.strip())
    if filters.flagged:
        items = items.filter(flagged_q())
    return items


def flagged_q() -> Q:
    """Items flagged for review: by their statistics, or by a calibrated a below the
    threshold. Retired items need no review."""
    low_a = Q(status=Item.Status.CALIBRATED, discrimination__lt=FLAG_THRESHOLDS.a_low)
    return (Q(statistics__flagged=True) | low_a) & ~Q(status=Item.Status.RETIRED)


def statistics_bank_for(*, user: Any, bank_id: int) -> ItemBank:
    """A bank whose item statistics the user may read: assessors of its body only (403 for
    everyone else, 404 for another body's bank)."""
    if not assessment_body_ids(user):
        raise PermissionDeniedError(_("Item statistics are for the bank's assessors."))
    bank = bank_for(user=user, bank_id=bank_id)
    if not can_write(user, bank):
        raise NotFoundError(_("No such item bank, or you may not see it."))
    return bank


def can_see_statistics(user: Any, bank: ItemBank) -> bool:
    return can_write(user, bank)


def item_for(*, user: Any, item_id: int) -> Item:
    item = items_for(user=user).filter(pk=item_id).first()
    if item is None:
        raise NotFoundError(_("No such item, or you may not see it."))
    return item


def review_queue(*, user: Any) -> QuerySet[Item]:
    """Drafts of the user's assessment bodies that someone else wrote (four eyes)."""
    return (
        Item.objects.filter(bank__owner_id__in=assessment_body_ids(user), status=Item.Status.DRAFT)
        .exclude(author=user)
        .select_related("bank", "author", "reviewer")
        .order_by("created_at", "id")
    )


def usable_items(bank: ItemBank, *, level: int) -> QuerySet[Item]:
    """Items that may go on an exam: reviewed or calibrated (item_use.USABLE_STATUSES)."""
    return Item.objects.filter(
        bank=bank, level=level, status__in=[Item.Status.REVIEWED, Item.Status.CALIBRATED]
    )


def forms_for(*, user: Any) -> QuerySet[ExamForm]:
    forms = ExamForm.objects.select_related("bank", "bank__owner", "created_by")
    if is_city_officer(user):
        return forms
    return forms.filter(bank__owner_id__in=assessment_body_ids(user))


def form_for(*, user: Any, form_id: int) -> ExamForm:
    form = forms_for(user=user).filter(pk=form_id).first()
    if form is None:
        raise NotFoundError(_("No such exam form, or you may not see it."))
    return form


def approved_standards() -> QuerySet[Standard]:
    """Standards that banks may be built on."""
    return Standard.objects.filter(status=Standard.Status.APPROVED).select_related("occupation")


# Sources of items that people wrote (on the platform, or in a file they imported).
HUMAN_ITEM_SOURCES = ("manual", "import")


def generated_items() -> QuerySet[Item]:
    """Items a generator wrote (templates, the offline generator, a language model, the demo
    data), whatever their status: what the bureau's quality review samples. Not scoped to a
    user: the caller (analytics) lets officers only."""
    return Item.objects.exclude(source__in=HUMAN_ITEM_SOURCES)


REVIEW_QUESTIONS_PER_REQUIREMENT = 3
REVIEW_QUESTIONS = 30
# Stems that ask about options a textbook does not print ("下列工作中，属于…的是").
_NEEDS_OPTIONS = re.compile("下列|以下|如下|哪一项|哪项|选项")


def review_questions_of(*, standard: Standard, level: int) -> list[ReviewQuestion]:
    """Reviewed or calibrated items of the banks on ``standard`` at ``level`` as a textbook's
    review questions (registered with training in ``AssessmentConfig.ready``): the stem with
    the requirement it checks, never the options, key or explanation; at most three per
    requirement and thirty in all, in requirement and item order. Not scoped to a user: a
    textbook's reader may see reviewed questions, not the bank. A stem that reads only with
    its options is left out; a true/false statement is asked as one."""
    rows = (
        Item.objects.filter(bank__standard=standard, level=level, status__in=USABLE_STATUSES)
        .order_by("requirement", "pk")
        .values_list("requirement", "kind", "stem")
    )
    per_requirement: dict[str, int] = {}
    questions: list[ReviewQuestion] = []
    for requirement, kind, stem in rows.iterator():
        text = stem.strip()
        if not text or _NEEDS_OPTIONS.search(text):
            continue
        if per_requirement.get(requirement, 0) == REVIEW_QUESTIONS_PER_REQUIREMENT:
            continue
        if kind == ItemKind.TRUE_FALSE:
            text = "判断正误：" + text  # stored text is in the language of record, Chinese
        per_requirement[requirement] = per_requirement.get(requirement, 0) + 1
        questions.append(ReviewQuestion(requirement, text))
        if len(questions) == REVIEW_QUESTIONS:
            break
    return questions
