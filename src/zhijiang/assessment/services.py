"""Writes for item banks and items: create, edit, import, review (four eyes), calibrate,
retire. Each runs in one transaction and is audited."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import Organisation, OrganisationKind, User
from zhijiang.assessment import selectors
from zhijiang.assessment.item_use import lock_item, require_not_in_open_session
from zhijiang.assessment.itemfiles import CleanItem, RowError, check_item, parse_file
from zhijiang.assessment.models import Item, ItemBank, ItemStatistics
from zhijiang.common.audit import AuditAction, audit_record, field_changes
from zhijiang.common.errors import ApplicationError, PermissionDeniedError
from zhijiang.occupations.documents import document_of, standard_with_tree
from zhijiang.occupations.models import Standard
from zhijiang_engine.assessment import LETTERS, has_placeholder
from zhijiang_engine.curriculum import requirement_ids
from zhijiang_engine.standards import StandardDocument

S = Item.Status
# Changing one of these makes the item another item: its statistics start again.
REVISING_FIELDS = ("kind", "stem", "options", "answer")


@dataclass(frozen=True)
class ItemInput:
    """An item as a person states it; option texts in order A, B, …"""

    level: int
    requirement: str
    kind: str
    stem: str
    options: list[str] = field(default_factory=list)
    answer: str = ""
    explanation: str = ""


@dataclass(frozen=True)
class ImportReport:
    """What an import did: ``created`` items, or nothing and the ``errors`` of every row."""

    rows: int
    created: int
    errors: list[RowError]

    @property
    def ok(self) -> bool:
        return not self.errors


def standard_document(standard: Standard) -> StandardDocument:
    tree = Standard.objects.prefetch_related(standard_with_tree()).select_related("occupation")
    return document_of(tree.get(pk=standard.pk))


def requirements_by_level(document: StandardDocument) -> dict[int, dict[str, str]]:
    return {level.rank: requirement_ids(document, rank=level.rank) for level in document.levels}


def require_writer(actor: User, bank: ItemBank) -> None:
    if not selectors.can_write(actor, bank):
        raise PermissionDeniedError(_("Only assessors of the bank's assessment body do this."))


def _clean(bank: ItemBank, data: ItemInput) -> CleanItem:
    ids = {
        rank: set(ids)
        for rank, ids in requirements_by_level(standard_document(bank.standard)).items()
    }
    values = {
        "level": str(data.level), "requirement": data.requirement, "kind": data.kind,
        "stem": data.stem, "answer": data.answer, "explanation": data.explanation,
        **dict(zip(LETTERS, data.options, strict=False)),
    }  # fmt: skip
    if len(data.options) > len(LETTERS):
        raise ApplicationError(_("An item has at most six options."), fields={"options": ""})
    item, errors = check_item(values, ids, bank.standard.occupation)
    if item is None:
        fields = {("options" if column in LETTERS else column): reason for column, reason in errors}
        raise ApplicationError(errors[0][1], code="invalid_item", fields=fields)
    return item


def _values(item: CleanItem) -> dict[str, object]:
    return {
        "level": item.level, "requirement": item.requirement, "kind": item.kind,
        "stem": item.stem, "options": list(item.options), "answer": item.answer,
        "explanation": item.explanation, "content_hash": item.content_hash,
    }  # fmt: skip


def _refuse_duplicate(bank: ItemBank, digest: str, *, exclude: int | None = None) -> None:
    others = Item.objects.filter(bank=bank, content_hash=digest)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if others.exists():
        message = _("This item is already in the bank.")
        raise ApplicationError(message, code="duplicate", fields={"stem": message})


@transaction.atomic
def bank_create(*, actor: User, owner: Organisation, standard: Standard, name: str) -> ItemBank:
    """A bank for an approved standard, owned by an assessment body the actor assesses for."""
    if owner.kind != OrganisationKind.ASSESSMENT_BODY or owner.pk not in (
        selectors.assessment_body_ids(actor)
    ):
        raise PermissionDeniedError(_("Only assessors of an assessment body create its banks."))
    if standard.status != Standard.Status.APPROVED:
        message = _("Banks are built on approved standards.")
        raise ApplicationError(message, code="not_approved", fields={"standard": message})
    name = name.strip() or f"{standard.occupation.name} v{standard.version}"
    if ItemBank.objects.filter(owner=owner, standard=standard).exists():
        message = _("This body already has a bank for this standard.")
        raise ApplicationError(message, code="bank_exists", fields={"standard": message})
    bank = ItemBank.objects.create(
        owner=owner, standard=standard, name=name[:120], created_by=actor
    )
    audit_record(actor=actor, action=AuditAction.ITEM_BANK_CREATE, target=bank,
                 changes={"standard": [None, str(standard)]})  # fmt: skip
    return bank


@transaction.atomic
def item_create(*, actor: User, bank: ItemBank, data: ItemInput, source: str = "manual") -> Item:
    """A new draft item; it needs another assessor's review before use."""
    require_writer(actor, bank)
    clean = _clean(bank, data)
    _refuse_duplicate(bank, clean.content_hash)
    item = Item.objects.create(bank=bank, author=actor, source=source, **_values(clean))
    audit_record(actor=actor, action=AuditAction.ITEM_CREATE, target=item)
    return item


@transaction.atomic
def item_update(*, actor: User, item: Item, data: ItemInput) -> Item:
    """Change an item. A reviewed or calibrated item goes back to draft for a new review,
    and loses its IRT parameters, which described the old text; a new text or key also drops
    its statistics, counted again from responses given after the change. An item that an open
    session gives is not changed."""
    require_writer(actor, item.bank)
    if item.status == S.RETIRED:
        raise ApplicationError(_("A retired item is not edited."), code="retired")
    clean = _clean(item.bank, data)
    _refuse_duplicate(item.bank, clean.content_hash, exclude=item.pk)
    values = _values(clean)
    changes = field_changes(item, values)
    changes.pop("content_hash", None)
    if not changes:
        return item
    lock_item(item)
    require_not_in_open_session(item)
    if any(name in changes for name in REVISING_FIELDS):
        values["revised_at"] = timezone.now()
        ItemStatistics.objects.filter(item=item).delete()
    if item.status != S.DRAFT:
        values.update(status=S.DRAFT, discrimination=None, difficulty=None, reviewed_at=None)
        changes["status"] = [item.status, S.DRAFT]
    for name, value in values.items():
        setattr(item, name, value)
    item.save()
    audit_record(actor=actor, action=AuditAction.ITEM_UPDATE, target=item, changes=changes)
    return item


@transaction.atomic
def item_review(*, actor: User, item: Item, approve: bool, comment: str = "") -> Item:
    """Approve a draft (→ reviewed) or return it with a comment (stays draft). The reviewer
    is never the author."""
    require_writer(actor, item.bank)
    if item.status != S.DRAFT:
        raise ApplicationError(_("Only draft items are reviewed."), code="not_draft")
    if item.author_id == actor.pk:
        raise PermissionDeniedError(
            _("Another assessor reviews the item: authors do not review their own."),
            code="four_eyes",
        )
    comment = comment.strip()[:2000]
    if approve and has_placeholder(item.stem, item.answer, item.explanation, *item.options):
        message = _("The draft still has blanks marked 【待填…】; fill them before approving.")
        raise ApplicationError(message, code="placeholder", fields={"approve": message})
    if not approve and not comment:
        message = _("Say what to change when returning an item.")
        raise ApplicationError(message, code="required", fields={"comment": message})
    item.reviewer, item.review_comment = actor, comment
    if approve:
        item.status, item.reviewed_at = S.REVIEWED, timezone.now()
    item.save()
    audit_record(
        actor=actor,
        action=AuditAction.ITEM_APPROVE if approve else AuditAction.ITEM_RETURN,
        target=item,
        changes={"status": [S.DRAFT, item.status], "comment": comment},
    )
    return item


@transaction.atomic
def item_calibrate(*, actor: User, item: Item, discrimination: float, difficulty: float) -> Item:
    """Store the IRT parameters a (discrimination) and b (difficulty) of a reviewed item."""
    require_writer(actor, item.bank)
    if item.status not in (S.REVIEWED, S.CALIBRATED):
        raise ApplicationError(_("Only reviewed items are calibrated."), code="not_reviewed")
    if not (math.isfinite(discrimination) and 0 < discrimination <= 10):
        raise ApplicationError(_("Discrimination runs above 0 up to 10."),
                               fields={"discrimination": _("Out of range.")})  # fmt: skip
    if not (math.isfinite(difficulty) and -6 <= difficulty <= 6):
        raise ApplicationError(_("Difficulty runs from -6 to 6."),
                               fields={"difficulty": _("Out of range.")})  # fmt: skip
    changes = {"a": [item.discrimination, discrimination], "b": [item.difficulty, difficulty],
               "status": [item.status, S.CALIBRATED]}  # fmt: skip
    item.discrimination, item.difficulty, item.status = discrimination, difficulty, S.CALIBRATED
    item.save()
    audit_record(actor=actor, action=AuditAction.ITEM_CALIBRATE, target=item, changes=changes)
    return item


@transaction.atomic
def item_retire(*, actor: User, item: Item) -> Item:
    """Take an item out of use for good; forms that used it keep it, but no session opens
    with it. Refused while the item is on the form of an open session."""
    require_writer(actor, item.bank)
    if item.status != S.RETIRED:
        lock_item(item)
        require_not_in_open_session(item, retiring=True)
        audit_record(actor=actor, action=AuditAction.ITEM_RETIRE, target=item,
                     changes={"status": [item.status, S.RETIRED]})  # fmt: skip
        item.status = S.RETIRED
        item.save(update_fields=["status", "updated_at"])
    return item


def items_import(
    *,
    actor: User,
    bank: ItemBank,
    data: bytes,
    filename: str,
    default_requirement: str = "",
    default_level: int | None = None,
) -> ImportReport:
    """Draft items from a CSV or XLSX file: all of them, or none and every row's problems.
    A problem with the file as a whole (encoding, columns) raises ApplicationError."""
    require_writer(actor, bank)
    document = standard_document(bank.standard)
    ids = {rank: set(found) for rank, found in requirements_by_level(document).items()}
    parsed = parse_file(
        data,
        filename,
        requirements_by_level=ids,
        existing_hashes=set(Item.objects.filter(bank=bank).values_list("content_hash", flat=True)),
        default_requirement=default_requirement.strip().upper(),
        default_level=default_level,
        occupation=bank.standard.occupation,
    )
    if parsed.errors:
        return ImportReport(rows=parsed.rows, created=0, errors=parsed.errors)
    try:
        with transaction.atomic():
            Item.objects.bulk_create(
                Item(bank=bank, author=actor, source="import", **_values(clean))
                for _row, clean in parsed.items
            )
            audit_record(actor=actor, action=AuditAction.ITEM_IMPORT, target=bank,
                         changes={"file": filename[:100], "items": len(parsed.items)})  # fmt: skip
    except IntegrityError:  # the same item saved meanwhile by someone else
        raise ApplicationError(
            _("Some items were added to the bank meanwhile; import the file again."),
            code="conflict",
        ) from None
    return ImportReport(rows=parsed.rows, created=len(parsed.items), errors=[])
