"""Pages of the app: item banks and their items, item statistics, import, review queue,
blueprint, forms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhijiang.accounts.models import User
from zhijiang.assessment import exams, item_statistics, selectors, services
from zhijiang.assessment.forms import (
    AssembleForm,
    BankForm,
    DraftForm,
    ImportForm,
    ItemFilterForm,
    ItemForm,
    ReviewForm,
)
from zhijiang.assessment.itemfiles import export_csv
from zhijiang.assessment.models import Item, ItemBank
from zhijiang.common.errors import ApplicationError, PermissionDeniedError
from zhijiang.common.forms import add_service_error, flash_service_error
from zhijiang.common.requests import signed_in_user
from zhijiang.credentials.levels import level_with_specialism
from zhijiang.occupations.levels import level_label
from zhijiang.occupations.selectors import standard_for
from zhijiang_engine.assessment import has_placeholder, part_counts

PAGE_SIZE = 50


def _require_bank_reader(user: User) -> None:
    if not selectors.can_see_banks(user):
        raise PermissionDeniedError(_("Item banks are for assessors and bureau officers."))


def _requirements(bank: ItemBank) -> dict[int, dict[str, str]]:
    return services.requirements_by_level(services.standard_document(bank.standard))


def _code_of(bank: ItemBank) -> str:
    """The bank's occupation, whose ladder names its levels."""
    return bank.standard.occupation.code


@login_required
def banks_view(request: HttpRequest) -> HttpResponse:
    """The banks the user may see; assessors also start a bank for an approved standard."""
    user = signed_in_user(request)
    _require_bank_reader(user)
    owners = selectors.assessment_bodies_of(user)
    form = BankForm(request.POST or None, owners=owners, standards=selectors.approved_standards())
    if request.method == "POST" and form.is_valid():
        try:
            bank = services.bank_create(actor=user, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The item bank is created."))
            return redirect("assessment:bank", bank_id=bank.pk)
    context = {
        "banks": selectors.banks_for(user=user),
        "form": form if owners.exists() else None,
    }
    return render(request, "assessment/banks.html", context, status=400 if form.errors else 200)


@login_required
def bank_view(request: HttpRequest, bank_id: int) -> HttpResponse:
    """The bank's items, filtered; htmx gets only the table. The bank's assessors also see
    which items statistics flag for review, and may list only those."""
    user = signed_in_user(request)
    bank = selectors.bank_for(user=user, bank_id=bank_id)
    requirements = _requirements(bank)
    code = _code_of(bank)
    statistics = selectors.can_see_statistics(user, bank)
    form = ItemFilterForm(
        request.GET or None, ranks=sorted(requirements), statistics=statistics, code=code
    )
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    filters = selectors.ItemFilters(
        status=data.get("status", ""), requirement=data.get("requirement", ""),
        kind=data.get("kind", ""), level=data.get("level"), q=data.get("q", ""),
        flagged=bool(data.get("flagged")),
    )  # fmt: skip
    page = Paginator(selectors.items_of_bank(bank, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "bank": bank,
        "form": form,
        "page": page,
        "rows": [(item, _reasons(item) if statistics else []) for item in page],
        "statistics": statistics,
        "flagged_count": (
            selectors.items_of_bank(bank, selectors.ItemFilters(flagged=True)).count()
            if statistics
            else 0
        ),
        "query_string": query.urlencode() + "&" if query else "",
        "can_write": selectors.can_write(user, bank),
        "levels": [(rank, level_label(rank, code)) for rank in sorted(requirements)],
        "draft_form": DraftForm(ranks=sorted(requirements), code=code),
    }
    template = (
        "assessment/_items.html" if request.headers.get("HX-Request") else "assessment/bank.html"
    )
    return render(request, template, context)


def _reasons(item: Item) -> list[str]:
    return [reason for _code, reason in item_statistics.flag_reasons(item)]


@login_required
def statistics_view(request: HttpRequest, bank_id: int) -> HttpResponse:
    """The bank's item statistics from closed sessions and the reasons that flag items for
    review (all items, or ?flagged=1 for the flagged ones); for the bank's assessors."""
    bank = selectors.statistics_bank_for(user=signed_in_user(request), bank_id=bank_id)
    flagged = request.GET.get("flagged") == "1"
    page = Paginator(item_statistics.statistics_of_bank(bank, flagged=flagged), PAGE_SIZE)
    shown = page.get_page(request.GET.get("page"))
    context = {
        "bank": bank,
        "page": shown,
        "rows": [(i, item_statistics.statistics_of(i), _reasons(i)) for i in shown],
        "flagged": flagged,
        "query_string": "flagged=1&" if flagged else "",
        "thresholds": item_statistics.RULES,
    }
    partial = request.headers.get("HX-Request")
    template = "assessment/_statistics.html" if partial else "assessment/statistics.html"
    return render(request, template, context)


def _writable_bank(request: HttpRequest, bank_id: int) -> ItemBank:
    bank = selectors.bank_for(user=signed_in_user(request), bank_id=bank_id)
    if not selectors.can_write(signed_in_user(request), bank):
        raise PermissionDeniedError(_("Only assessors of the bank's assessment body do this."))
    return bank


@login_required
def item_new_view(request: HttpRequest, bank_id: int) -> HttpResponse:
    bank = _writable_bank(request, bank_id)
    form = ItemForm(request.POST or None, requirements=_requirements(bank), code=_code_of(bank))
    if request.method == "POST" and form.is_valid():
        try:
            services.item_create(actor=signed_in_user(request), bank=bank, data=form.to_input())
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The item is saved as a draft for review."))
            return redirect("assessment:bank", bank_id=bank.pk)
    context = {"bank": bank, "form": form, "item": None}
    return render(request, "assessment/item_form.html", context, status=400 if form.errors else 200)


@login_required
def item_edit_view(request: HttpRequest, item_id: int) -> HttpResponse:
    """An item: edited by its bank's assessors, shown to bureau officers."""
    user = signed_in_user(request)
    item = selectors.item_for(user=user, item_id=item_id)
    can_write = selectors.can_write(user, item.bank)
    form = ItemForm(
        request.POST if request.method == "POST" else None,
        requirements=_requirements(item.bank),
        code=_code_of(item.bank),
        initial=ItemForm.initial_of(item),
    )
    if request.method == "POST":
        if not can_write:
            raise PermissionDeniedError(_("Only assessors of the bank's assessment body do this."))
        if form.is_valid():
            try:
                services.item_update(actor=user, item=item, data=form.to_input())
            except ApplicationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The item is saved."))
                return redirect("assessment:item", item_id=item.pk)
    context = {
        "bank": item.bank,
        "form": form,
        "item": item,
        "can_write": can_write and item.status != Item.Status.RETIRED,
        "can_review": can_write and item.status == Item.Status.DRAFT and item.author_id != user.pk,
        "review_form": ReviewForm(),
        "has_blanks": has_placeholder(item.stem, item.answer, item.explanation, *item.options),
        "statistics": item_statistics.statistics_of(item) if can_write else None,
        "flag_reasons": _reasons(item) if can_write else [],
    }
    return render(request, "assessment/item_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def review_view(request: HttpRequest, item_id: int) -> HttpResponse:
    user = signed_in_user(request)
    item = selectors.item_for(user=user, item_id=item_id)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.item_review(
                actor=user,
                item=item,
                approve=form.cleaned_data["decision"] == "approve",
                comment=form.cleaned_data["comment"],
            )
        except ApplicationError as error:
            flash_service_error(request, error)
        else:
            messages.success(request, _("Your review is recorded."))
            return redirect("assessment:review_queue")
    else:
        messages.error(request, _("Choose approve or return."))
    return redirect("assessment:item", item_id=item.pk)


@login_required
@require_POST
def retire_view(request: HttpRequest, item_id: int) -> HttpResponse:
    user = signed_in_user(request)
    item = selectors.item_for(user=user, item_id=item_id)
    services.item_retire(actor=user, item=item)
    messages.success(request, _("The item is retired."))
    return redirect("assessment:bank", bank_id=item.bank_id)


@login_required
def review_queue_view(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not selectors.assessment_body_ids(user):
        raise PermissionDeniedError(_("The review queue is for assessors."))
    items = selectors.review_queue(user=user)[:200]
    return render(request, "assessment/review_queue.html", {"items": items})


@login_required
def import_view(request: HttpRequest, bank_id: int) -> HttpResponse:
    """Upload a file: every item is saved, or none and a table of every row's problems."""
    bank = _writable_bank(request, bank_id)
    ranks = sorted(_requirements(bank))
    form = ImportForm(request.POST or None, request.FILES or None, ranks=ranks, code=_code_of(bank))
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = services.items_import(
                actor=signed_in_user(request), bank=bank, data=upload.read(),
                filename=upload.name or "",
                default_requirement=form.cleaned_data["default_requirement"],
                default_level=form.cleaned_data["default_level"],
            )  # fmt: skip
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            if report.ok:
                messages.success(
                    request, _("%(count)s items imported as drafts.") % {"count": report.created}
                )
                return redirect("assessment:bank", bank_id=bank.pk)
    failed = bool(form.errors) or (report is not None and not report.ok)
    context = {"bank": bank, "form": form, "report": report}
    return render(request, "assessment/import.html", context, status=400 if failed else 200)


@login_required
def export_view(request: HttpRequest, bank_id: int) -> HttpResponse:
    bank = selectors.bank_for(user=signed_in_user(request), bank_id=bank_id)
    items = selectors.items_of_bank(bank, selectors.ItemFilters()).exclude(
        status=Item.Status.RETIRED
    )
    response = HttpResponse(export_csv(items), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="item-bank-{bank.pk}.csv"'
    return response


@login_required
@require_POST
def drafts_view(request: HttpRequest, bank_id: int) -> HttpResponse:
    bank = _writable_bank(request, bank_id)
    form = DraftForm(request.POST, ranks=sorted(_requirements(bank)), code=_code_of(bank))
    if not form.is_valid():
        messages.error(request, _("Choose a level of the standard."))
    else:
        created = exams.items_draft(
            actor=signed_in_user(request), bank=bank, level=form.cleaned_data["level"]
        )
        messages.success(
            request,
            _("%(count)s draft items were written; fill their blanks and send them to review.")
            % {"count": len(created)},
        )
    return redirect(f"{bank_url(bank)}?status=draft")


def bank_url(bank: ItemBank) -> str:
    return reverse("assessment:bank", kwargs={"bank_id": bank.pk})


@login_required
def blueprint_view(request: HttpRequest, standard_id: int, level: int) -> HttpResponse:
    """The level's blueprint: theory and practice points per part, and its requirements; at a
    level split into specialisms, that of one direction (the first unless one is asked for),
    with links to the others."""
    standard = standard_for(user=request.user, standard_id=standard_id)
    directions = exams.specialisms_of(standard).get(level, ())
    specialism = request.GET.get("specialism", "")[:40] or (directions[0] if directions else "")
    blueprint = exams.blueprint_of(standard, rank=level, specialism=specialism)
    context = {
        "standard": standard,
        "blueprint": blueprint,
        "directions": directions,
        "level_name": level_with_specialism(level, standard.occupation.code, specialism),
        "counts": part_counts(blueprint, blueprint.theory_total),
    }
    return render(request, "assessment/blueprint.html", context)


@login_required
def assemble_view(request: HttpRequest, bank_id: int) -> HttpResponse:
    bank = _writable_bank(request, bank_id)
    ranks = sorted(_requirements(bank))
    specialisms = exams.specialisms_of(bank.standard)
    form = AssembleForm(
        request.POST or None, ranks=ranks, code=_code_of(bank), specialisms=specialisms
    )
    if request.method == "POST" and form.is_valid():
        try:
            forms = exams.forms_assemble(
                actor=signed_in_user(request), bank=bank, **form.cleaned_data
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("%(count)s exam forms saved.") % {"count": len(forms)})
            return redirect("assessment:form", form_id=forms[0].pk)
    usable = {rank: selectors.usable_items(bank, level=rank).count() for rank in ranks}
    context = {"bank": bank, "form": form, "usable": usable, "recent": bank.forms.all()[:20]}
    return render(request, "assessment/assemble.html", context, status=400 if form.errors else 200)


@login_required
def form_view(request: HttpRequest, form_id: int) -> HttpResponse:
    exam = selectors.form_for(user=signed_in_user(request), form_id=form_id)
    entries = exam.entries.select_related("item")
    context: dict[str, Any] = {
        "exam": exam,
        "entries": entries,
        "level_name": level_with_specialism(exam.level, _code_of(exam.bank), exam.specialism),
    }
    return render(request, "assessment/form.html", context)
