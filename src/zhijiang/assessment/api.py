"""API endpoints: item banks, items (list, create, edit, import, export, review, calibrate,
retire, drafts), item statistics, blueprints and exam forms."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from zhijiang.accounts.models import Organisation
from zhijiang.assessment import exams, item_statistics, selectors, services
from zhijiang.assessment.itemfiles import export_csv
from zhijiang.assessment.schemas import (
    AssembleIn,
    BankIn,
    BankOut,
    BlueprintOut,
    CalibrationIn,
    ExamFormOut,
    ImportErrorOut,
    ImportOut,
    ItemDraftIn,
    ItemIn,
    ItemOut,
    ItemStatisticsOut,
    ReviewIn,
)
from zhijiang.common.errors import NotFoundError, PermissionDeniedError
from zhijiang.common.pagination import paginated
from zhijiang.common.params import Int64
from zhijiang.common.requests import signed_in_user
from zhijiang.occupations.selectors import standard_for

router = Router(tags=["assessment"])


def _bank(request: HttpRequest, bank_id: int) -> Any:
    return selectors.bank_for(user=signed_in_user(request), bank_id=bank_id)


@router.get("/banks", response=list[BankOut])
@paginated
def bank_list(request: HttpRequest) -> Any:
    """Banks of your assessment bodies (assessors) or all banks (bureau officers)."""
    user = signed_in_user(request)
    if not selectors.can_see_banks(user):
        raise PermissionDeniedError(_("Item banks are for assessors and bureau officers."))
    return selectors.banks_for(user=user).prefetch_related("standard__levels")


@router.post("/banks", response={201: BankOut})
def bank_create(request: HttpRequest, payload: BankIn) -> Any:
    """A bank for an approved standard, owned by an assessment body you assess for."""
    user = signed_in_user(request)
    owner = Organisation.objects.filter(pk=payload.owner).first()
    standard = selectors.approved_standards().filter(pk=payload.standard).first()
    if owner is None:
        raise NotFoundError(_("No such assessment body."))
    if standard is None:
        raise NotFoundError(_("No approved standard has this id."))
    bank = services.bank_create(actor=user, owner=owner, standard=standard, name=payload.name)
    return Status(201, selectors.bank_for(user=user, bank_id=bank.pk))


@router.get("/banks/{bank_id}/items", response=list[ItemOut])
@paginated
def item_list(
    request: HttpRequest,
    bank_id: Int64,
    status: str = "",
    requirement: str = "",
    kind: str = "",
    level: Int64 | None = None,
    q: str = "",
    flagged: bool = False,
) -> Any:
    """The bank's items, filtered by status, requirement id (prefix), kind, level, words, and
    (for the bank's assessors) whether item statistics flag them for review."""
    bank = _bank(request, bank_id)
    if flagged and not selectors.can_see_statistics(signed_in_user(request), bank):
        raise PermissionDeniedError(_("Item statistics are for the bank's assessors."))
    filters = selectors.ItemFilters(
        status=status, requirement=requirement, kind=kind, level=level, q=q, flagged=flagged
    )
    return selectors.items_of_bank(bank, filters)


@router.get("/banks/{bank_id}/item-statistics", response=list[ItemStatisticsOut])
@paginated
def item_statistics_list(request: HttpRequest, bank_id: Int64, flagged: bool = False) -> Any:
    """Every item of the bank with its statistics from closed sessions: responses, p-value
    and point-biserial (fixed forms: with the rest score; adaptive tests: with θ), the
    calibrated a/b, and the reasons that flag it for review. For the bank's assessors."""
    bank = selectors.statistics_bank_for(user=signed_in_user(request), bank_id=bank_id)
    return item_statistics.statistics_of_bank(bank, flagged=flagged)


@router.post("/banks/{bank_id}/items", response={201: ItemOut})
def item_create(request: HttpRequest, bank_id: Int64, payload: ItemIn) -> Any:
    """A new draft item; another assessor reviews it."""
    bank = _bank(request, bank_id)
    item = services.item_create(
        actor=signed_in_user(request), bank=bank, data=services.ItemInput(**payload.dict())
    )
    return Status(201, item)


@router.get("/items/{item_id}", response=ItemOut)
def item_detail(request: HttpRequest, item_id: Int64) -> Any:
    return selectors.item_for(user=signed_in_user(request), item_id=item_id)


@router.put("/items/{item_id}", response=ItemOut)
def item_update(request: HttpRequest, item_id: Int64, payload: ItemIn) -> Any:
    """Change an item; a reviewed one goes back to draft."""
    user = signed_in_user(request)
    item = selectors.item_for(user=user, item_id=item_id)
    return services.item_update(actor=user, item=item, data=services.ItemInput(**payload.dict()))


@router.post("/items/{item_id}/review", response=ItemOut)
def item_review(request: HttpRequest, item_id: Int64, payload: ReviewIn) -> Any:
    """Approve a draft, or return it with a comment. Not for the item's author."""
    user = signed_in_user(request)
    item = selectors.item_for(user=user, item_id=item_id)
    return services.item_review(
        actor=user, item=item, approve=payload.approve, comment=payload.comment
    )


@router.post("/items/{item_id}/calibration", response=ItemOut)
def item_calibrate(request: HttpRequest, item_id: Int64, payload: CalibrationIn) -> Any:
    user = signed_in_user(request)
    item = selectors.item_for(user=user, item_id=item_id)
    return services.item_calibrate(
        actor=user, item=item, discrimination=payload.discrimination, difficulty=payload.difficulty
    )


@router.post("/items/{item_id}/retire", response=ItemOut)
def item_retire(request: HttpRequest, item_id: Int64) -> Any:
    user = signed_in_user(request)
    return services.item_retire(actor=user, item=selectors.item_for(user=user, item_id=item_id))


@router.get("/review-queue", response=list[ItemOut])
@paginated
def review_queue(request: HttpRequest) -> Any:
    """Drafts of your assessment bodies written by someone else."""
    return selectors.review_queue(user=signed_in_user(request))


@router.post("/banks/{bank_id}/import", response={201: ImportOut, 400: ImportErrorOut})
def items_import(
    request: HttpRequest,
    bank_id: Int64,
    file: File[UploadedFile],
    default_requirement: Form[str] = "",
    default_level: Form[Int64 | None] = None,
) -> Any:
    """Draft items from a CSV or XLSX file (see docs/assessment.md): every row is saved, or
    none and the problems of every row are listed as (row, column, reason)."""
    bank = _bank(request, bank_id)
    report = services.items_import(
        actor=signed_in_user(request),
        bank=bank,
        data=file.read(),
        filename=file.name or "",
        default_requirement=default_requirement,
        default_level=default_level,
    )
    if report.errors:
        body = {
            "code": "invalid_rows",
            "message": _("%(count)s problems in the file; nothing was imported.")
            % {"count": len(report.errors)},
            "fields": {},
            "rows": [vars(error) for error in report.errors],
        }
        return Status(400, {"error": body})
    return Status(201, {"rows": report.rows, "created": report.created})


@router.get("/banks/{bank_id}/export", response={200: None})
def items_export(request: HttpRequest, bank_id: Int64, status: str = "") -> HttpResponse:
    """The bank's items as CSV in the import format (retired items left out)."""
    bank = _bank(request, bank_id)
    items = selectors.items_of_bank(bank, selectors.ItemFilters(status=status))
    if not status:
        items = items.exclude(status="retired")
    response = HttpResponse(export_csv(items), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="item-bank-{bank.pk}.csv"'
    return response


@router.post("/banks/{bank_id}/drafts", response={201: list[ItemOut]})
def items_draft(request: HttpRequest, bank_id: Int64, payload: ItemDraftIn) -> Any:
    """Draft items for a level's requirements (language model or templates); all are drafts."""
    bank = _bank(request, bank_id)
    items = exams.items_draft(
        actor=signed_in_user(request),
        bank=bank,
        level=payload.level,
        requirements=payload.requirements,
    )
    return Status(201, items)


@router.get("/standards/{standard_id}/blueprint", response=BlueprintOut)
def blueprint(
    request: HttpRequest,
    standard_id: Int64,
    level: Int64,
    specialism: str = "",
    theory_total: Int64 = 100,
    practice_total: Int64 = 100,
) -> Any:
    """Theory and practice points per work function (and the basic requirements) of a level,
    from the standard's weights tables; at a level split into specialisms, of the common part
    and the ``specialism`` chosen (required there)."""
    standard = standard_for(user=signed_in_user(request), standard_id=standard_id)
    return exams.blueprint_of(
        standard,
        rank=level,
        specialism=specialism[:40],
        theory_total=theory_total,
        practice_total=practice_total,
    )


@router.post("/banks/{bank_id}/forms", response={201: list[ExamFormOut]})
def forms_assemble(request: HttpRequest, bank_id: Int64, payload: AssembleIn) -> Any:
    """Assemble and save one or more parallel exam forms following the level's blueprint."""
    bank = _bank(request, bank_id)
    forms = exams.forms_assemble(actor=signed_in_user(request), bank=bank, **payload.dict())
    return Status(201, forms)


@router.get("/forms/{form_id}", response=ExamFormOut)
def form_detail(request: HttpRequest, form_id: Int64) -> Any:
    return selectors.form_for(user=signed_in_user(request), form_id=form_id)


from zhijiang.assessment import session_api  # noqa: E402, F401  (its routes join this router)
