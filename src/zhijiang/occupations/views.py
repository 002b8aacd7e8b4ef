"""Pages: the occupation tree and search, occupation pages, and standards."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zhijiang.accounts import selectors as account_selectors
from zhijiang.accounts.models import Role
from zhijiang.common.errors import ApplicationError, NotFoundError, PermissionDeniedError
from zhijiang.common.forms import add_service_error, flash_service_error
from zhijiang.common.page_cache import public_page
from zhijiang.common.requests import signed_in_user, user_or_none
from zhijiang.occupations import analysis as analysis_service
from zhijiang.occupations import selectors, services, specialisms, standard_page
from zhijiang.occupations.documents import document_of
from zhijiang.occupations.forms import (
    AnalyseForm,
    CommentForm,
    DraftForm,
    ImportForm,
    RequirementForm,
    SpecialismForm,
    WorkFunctionForm,
)
from zhijiang.occupations.levels import ladder_level
from zhijiang.occupations.models import (
    Occupation,
    PersonSkill,
    Requirement,
    Standard,
    WorkFunction,
)
from zhijiang.occupations.normalizing import suggest_occupations
from zhijiang_engine.normalize import Reason, ReasonKind
from zhijiang_engine.standards import document_to_dict, standard_diff
from zhijiang_engine.standards.levels import Ladder, has_skill_standard, ladder_of

SEARCH_LIMIT = 100


@public_page
def tree_view(request: HttpRequest) -> HttpResponse:
    """The taxonomy as a tree; with a query or a filter, a ranked list instead."""
    query = request.GET.get("q", "").strip()[:100]
    digital, green = request.GET.get("digital") == "1", request.GET.get("green") == "1"
    searching = bool(query or digital or green)
    context: dict[str, Any] = {"query": query, "digital": digital, "green": green}
    if searching:
        level = Occupation.Level.OCCUPATION if (digital or green) and not query else None
        found = selectors.occupation_search(query=query, digital=digital, green=green, level=level)
        context.update(results=found[:SEARCH_LIMIT], total=len(found), limit=SEARCH_LIMIT)
        if query and not (digital or green):
            context["suggestions"] = _suggestions(query)
    else:
        context["roots"] = selectors.occupations().filter(level=1)
    template = (
        "occupations/_results.html"
        if request.headers.get("HX-Request")
        else "occupations/tree.html"
    )
    return render(request, template, context)


def _suggestions(query: str) -> list[dict[str, Any]]:
    """What a free-text job title most likely means (the title normalizer), with reasons."""
    candidates = [c for c in suggest_occupations(query, top_k=5) if c.score >= 0.01]
    occupations = {
        o.code: o for o in selectors.occupations().filter(code__in=[c.code for c in candidates])
    }
    return [
        {
            "occupation": occupations[c.code],
            "score": c.score,
            "reasons": [_reason_text(reason) for reason in c.reasons],
        }
        for c in candidates
        if c.code in occupations
    ]


def _reason_text(reason: Reason) -> str:
    """One of the normalizer's reasons in the reader's language."""
    match reason.kind:
        case ReasonKind.ALIAS:
            return _("name or alias: %(detail)s") % {"detail": reason.detail}
        case ReasonKind.WORDS:
            return _("shared words: %(detail)s") % {"detail": reason.detail}
        case ReasonKind.LABELLED_TITLES:
            return _("like labelled job titles: %(detail)s") % {"detail": reason.detail}
        case ReasonKind.NEIGHBOURS:
            return _("in the group %(detail)s") % {"detail": reason.detail}
        case ReasonKind.WHOLE_GROUP:
            return _("the group as a whole")


def children_view(request: HttpRequest, code: str) -> HttpResponse:
    """One level of the tree, loaded when a group is opened."""
    parent = selectors.occupation_by_code(code)
    children = selectors.occupations().filter(parent=parent)
    return render(request, "occupations/_children.html", {"children": children})


@public_page
def occupation_view(request: HttpRequest, code: str) -> HttpResponse:
    occupation = selectors.occupation_by_code(code)
    user = user_or_none(request)
    approved = selectors.approved_standard(occupation)
    context = {
        "approved": approved,
        "standard_skills": selectors.skills_of_standard(approved) if approved else [],
        "occupation": occupation,
        "ancestors": _ancestors(occupation),
        "children": occupation.children.all(),
        "standards": selectors.standards_for(user=user).filter(occupation=occupation),
        "can_draft": selectors.can_edit_standards(user)
        and occupation.level == Occupation.Level.OCCUPATION
        and has_skill_standard(occupation.code),
        "has_skill_standard": has_skill_standard(occupation.code),
        "draft_form": DraftForm(occupation_code=occupation.code),
    }
    return render(request, "occupations/occupation.html", context)


def _ancestors(occupation: Occupation) -> list[Occupation]:
    chain, node = [], occupation.parent
    while node is not None:
        chain.append(node)
        node = node.parent
    return list(reversed(chain))


@login_required
@require_POST
def draft_view(request: HttpRequest, code: str) -> HttpResponse:
    occupation = selectors.occupation_by_code(code)
    form = DraftForm(request.POST, occupation_code=occupation.code)
    if not form.is_valid():
        messages.error(request, _("Choose at least one level."))
        return redirect("occupations:detail", code=code)
    try:
        standard = services.standard_draft(
            actor=signed_in_user(request),
            occupation=occupation,
            ranks=sorted(form.cleaned_data["levels"]),
            use_model=form.cleaned_data["use_model"],
        )
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        flash_service_error(request, error)
        return redirect("occupations:detail", code=code)
    messages.success(request, _("A draft is ready. Check and edit it, then send it to review."))
    return redirect("occupations:standard", standard_id=standard.pk)


def standard_view(request: HttpRequest, standard_id: int) -> HttpResponse:
    user = user_or_none(request)
    standard = selectors.standard_for(user=user, standard_id=standard_id, tree=True)
    editable = standard.status == Standard.Status.DRAFT and selectors.can_edit_standards(user)
    context = {
        "standard": standard,
        "sections": standard_page.level_sections(standard),
        "professional": ladder_of(standard.occupation.code) is Ladder.PROFESSIONAL,
        "weights": standard_page.weights_table(standard),
        "problems": standard_page.draft_problems(standard) if editable else [],
        "specialism_form": SpecialismForm(),
        "editable": editable,
        "can_edit": selectors.can_edit_standards(user),
        "can_review": selectors.can_approve_standards(user)
        and standard.status == Standard.Status.IN_REVIEW,
        "versions": selectors.standards_for(user=user).filter(occupation=standard.occupation),
        "comment_form": CommentForm(),
    }
    return render(request, "occupations/standard.html", context)


def _requirement_row(
    request: HttpRequest, standard: Standard, requirement: Requirement
) -> HttpResponse:
    context = {"requirement": requirement, "standard": standard, "editable": True}
    return render(request, "occupations/_requirement.html", context)


@login_required
def requirement_edit_view(
    request: HttpRequest, standard_id: int, requirement_id: int
) -> HttpResponse:
    """An inline editor for one requirement (htmx), and saving it."""
    standard = selectors.standard_for(user=request.user, standard_id=standard_id)
    requirement = (
        Requirement.objects.prefetch_related("skills")
        .filter(pk=requirement_id, content__function__level__standard=standard)
        .first()
    )
    if requirement is None:
        raise NotFoundError(_("No such requirement in this standard."))
    initial = {
        "text": requirement.text,
        "skills": "、".join(s.label for s in requirement.skills.all()),
    }
    form = RequirementForm(request.POST or None, initial=initial)
    if request.method == "POST" and "cancel" not in request.POST and form.is_valid():
        try:
            services.requirement_update(
                actor=signed_in_user(request),
                requirement=requirement,
                text=form.cleaned_data["text"],
                skills=form.skill_labels(),
            )
        except ApplicationError as error:
            form.add_error("text", str(error.message))
        else:
            requirement.refresh_from_db()
            return _requirement_row(request, standard, requirement)
    if request.method == "POST" and "cancel" in request.POST:
        return _requirement_row(request, standard, requirement)
    context = {"form": form, "requirement": requirement, "standard": standard}
    return render(
        request, "occupations/_requirement_form.html", context, status=400 if form.errors else 200
    )


_SPECIALISM_DONE = {
    "add": gettext_lazy("Specialism added."),
    "rename": gettext_lazy("Specialism renamed; its work functions follow it."),
    "remove": gettext_lazy("Specialism removed."),
}


@login_required
@require_POST
def specialisms_view(request: HttpRequest, standard_id: int, action: str) -> HttpResponse:
    """Add, rename or remove a specialism of a draft professional standard."""
    standard = selectors.standard_for(user=request.user, standard_id=standard_id)
    form = SpecialismForm(request.POST)
    if action not in _SPECIALISM_DONE:
        return HttpResponse(status=404)
    if not form.is_valid() and action != "remove":
        messages.error(request, _("A specialism's name has 2 to 40 characters."))
        return redirect(_specialisms_anchor(standard))
    actor, name = signed_in_user(request), request.POST.get("name", "").strip()
    try:
        if action == "add":
            specialisms.specialism_add(actor=actor, standard=standard, name=name)
        elif action == "rename":
            old = form.cleaned_data["old"]
            specialisms.specialism_rename(actor=actor, standard=standard, old=old, new=name)
        else:
            specialisms.specialism_remove(actor=actor, standard=standard, name=name)
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        flash_service_error(request, error)
    else:
        messages.success(request, _SPECIALISM_DONE[action])
    return redirect(_specialisms_anchor(standard))


def _specialisms_anchor(standard: Standard) -> str:
    return reverse("occupations:standard", args=[standard.pk]) + "#specialisms"


@login_required
def function_edit_view(request: HttpRequest, standard_id: int, function_id: int) -> HttpResponse:
    """A work function's specialism and weights, on a draft."""
    standard = selectors.standard_for(user=request.user, standard_id=standard_id)
    selectors.require_editor(request.user)
    function = (
        WorkFunction.objects.select_related("level")
        .filter(pk=function_id, level__standard=standard)
        .first()
    )
    if function is None:
        raise NotFoundError(_("No such work function in this standard."))
    initial = {
        "specialism": function.specialism,
        "theory_weight": function.theory_weight,
        "skill_weight": function.skill_weight,
    }
    names = list(standard.specialisms)
    form = WorkFunctionForm(request.POST or None, initial=initial, specialisms=names)
    if request.method == "POST" and form.is_valid():
        try:
            specialisms.work_function_update(
                actor=signed_in_user(request),
                function=function,
                specialism=form.cleaned_data.get("specialism", ""),
                theory_weight=form.cleaned_data["theory_weight"],
                skill_weight=form.cleaned_data["skill_weight"],
            )
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Work function saved."))
            url = reverse("occupations:standard", args=[standard.pk])
            return redirect(f"{url}#level-{function.level.rank}")
    context = {
        "form": form,
        "function": function,
        "standard": standard,
        "level": ladder_level(function.level.rank, standard.occupation.code),
    }
    status = 400 if form.errors else 200
    return render(request, "occupations/function_edit.html", context, status=status)


_TRANSITION_DONE = {
    "submit": gettext_lazy("Sent to review."),
    "return": gettext_lazy("Returned to the author with your comment."),
    "approve": gettext_lazy("Approved. This version now feeds courses and exams."),
    "retire": gettext_lazy("Retired."),
}


@login_required
@require_POST
def transition_view(request: HttpRequest, standard_id: int, action: str) -> HttpResponse:
    standard = selectors.standard_for(user=request.user, standard_id=standard_id)
    comment = CommentForm(request.POST)
    text = comment.cleaned_data["comment"] if comment.is_valid() else ""
    actor = signed_in_user(request)
    try:
        if action in services.STATUS_ACTIONS:
            services.STATUS_ACTIONS[action](actor=actor, standard=standard, comment=text)
            messages.success(request, _TRANSITION_DONE[action])
        elif action == "new-version":
            copy = services.standard_new_version(actor=actor, standard=standard)
            messages.success(request, _("A new draft version was made from this one."))
            return redirect("occupations:standard", standard_id=copy.pk)
        elif action == "comment":
            services.standard_comment(actor=actor, standard=standard, body=text)
        else:
            return HttpResponse(status=404)
    except ApplicationError as error:
        flash_service_error(request, error)
    return redirect("occupations:standard", standard_id=standard.pk)


def diff_view(request: HttpRequest, standard_id: int) -> HttpResponse:
    user = user_or_none(request)
    new = selectors.standard_for(user=user, standard_id=standard_id, tree=True)
    versions = (
        selectors.standards_for(user=user).filter(occupation=new.occupation).exclude(pk=new.pk)
    )
    against_id = request.GET.get("against") or (new.based_on_id and str(new.based_on_id)) or ""
    changes, old = None, None
    if against_id.isdigit():
        old = selectors.standard_for(user=user, standard_id=int(against_id), tree=True)
        changes = standard_diff(document_of(old), document_of(new))
    context = {"standard": new, "old": old, "changes": changes, "versions": versions}
    return render(request, "occupations/diff.html", context)


def export_view(request: HttpRequest, standard_id: int) -> HttpResponse:
    standard = selectors.standard_for(
        user=user_or_none(request), standard_id=standard_id, tree=True
    )
    body = json.dumps(document_to_dict(document_of(standard)), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json")
    name = f"standard-{standard.occupation.code}-v{standard.version}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def import_view(request: HttpRequest) -> HttpResponse:
    selectors.require_editor(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        raw = form.cleaned_data["file"].read()
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            form.add_error("file", _("The file is not UTF-8 JSON: %(error)s") % {"error": error})
        except RecursionError:  # as the API refuses it
            reason = _("nested too deeply")
            form.add_error("file", _("The file is not UTF-8 JSON: %(error)s") % {"error": reason})
        else:
            try:
                standard = services.standard_import(actor=signed_in_user(request), data=data)
            except ApplicationError as error:
                form.add_error("file", str(error.message))
                errors = [(path, str(reason)) for path, reason in error.fields.items()]
            else:
                messages.success(request, _("Imported as a new draft version."))
                return redirect("occupations:standard", standard_id=standard.pk)
    status = 400 if form.errors else 200
    return render(
        request, "occupations/import.html", {"form": form, "errors": errors}, status=status
    )


@login_required
def analyse_view(request: HttpRequest) -> HttpResponse:
    """Learners read their CV, employers a job description: occupations and skills suggested."""
    form = AnalyseForm(request.POST or None, request.FILES or None)
    analysis = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            text, warnings = analysis_service.text_of_upload(
                data=upload.read() if upload else None,
                filename=upload.name if upload else "",
                pasted=form.cleaned_data["text"],
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            analysis = analysis_service.analyse_text(text, warnings=warnings)
            request.session["analysed_skills"] = [skill["id"] for skill in analysis.skills]
    context = {
        "form": form,
        "analysis": analysis,
        "can_confirm": Role.LEARNER in account_selectors.roles_of(request.user),
        "my_skills": PersonSkill.objects.filter(user=signed_in_user(request)).select_related(
            "skill"
        ),
    }
    return render(request, "occupations/analyse.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def confirm_skills_view(request: HttpRequest) -> HttpResponse:
    """Keep the skills a learner ticked; only skills the last reading found can be added."""
    if Role.LEARNER not in account_selectors.roles_of(request.user):
        return render(
            request,
            "web/error.html",
            {"message": _("Only learners keep skills on a profile.")},
            status=403,
        )
    found = set(request.session.get("analysed_skills", []))
    keys = [key for key in request.POST.getlist("skills") if key in found]
    try:
        added = analysis_service.person_skills_confirm(
            user=signed_in_user(request), keys=keys, source=PersonSkill.Source.CV
        )
    except ApplicationError as error:
        flash_service_error(request, error)
    else:
        messages.success(request, _("%(count)d skills added to your profile.") % {"count": added})
    return redirect("occupations:analyse")


@login_required
def review_view(request: HttpRequest) -> HttpResponse:
    queue = selectors.review_queue(user=request.user)
    return render(request, "occupations/review.html", {"queue": queue})
