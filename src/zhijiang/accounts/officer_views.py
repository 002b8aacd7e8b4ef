"""Pages for officers and organisation staff: people, organisations, audit log, erasure requests."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhijiang.accounts import id_numbers, selectors, services
from zhijiang.accounts.forms import (
    DecisionForm,
    MemberForm,
    OrganisationForm,
    PersonForm,
)
from zhijiang.accounts.models import OrganisationKind, User
from zhijiang.common.audit import AuditAction
from zhijiang.common.errors import ApplicationError
from zhijiang.common.forms import add_service_error, flash_service_error
from zhijiang.common.requests import signed_in_user

PAGE_SIZE = 25


def _listing(request: HttpRequest, queryset: Any) -> dict[str, Any]:
    """One page of results, and the filters to carry into the page links."""
    filters = request.GET.copy()
    filters.pop("page", None)
    encoded = filters.urlencode()
    return {
        "page": Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page")),
        "query_string": encoded + "&" if encoded else "",
    }


def _render_list(
    request: HttpRequest, template: str, partial: str, context: dict[str, Any]
) -> HttpResponse:
    """The whole page, or just the results table when htmx asks for it."""
    return render(request, partial if request.headers.get("HX-Request") else template, context)


@login_required
def people_view(request: HttpRequest) -> HttpResponse:
    me = signed_in_user(request)
    selectors.require_officer(me)
    people = selectors.people_for(user=me).order_by("district__code", "username")
    query = request.GET.get("q", "").strip()
    if query:
        people = people.filter(Q(full_name__icontains=query) | Q(username__icontains=query))
    district = request.GET.get("district", "")
    if district:
        people = people.filter(district__code=district)
    context = {
        **_listing(request, people),
        "query": query,
        "district": district,
        "districts": selectors.districts_for(user=me),
    }
    return _render_list(request, "accounts/people.html", "accounts/_people_table.html", context)


@login_required
def person_detail_view(request: HttpRequest, person_id: int) -> HttpResponse:
    me = signed_in_user(request)
    selectors.require_officer(me)
    person = selectors.person_for(user=me, person_id=person_id)
    return render(request, "accounts/person_detail.html", {"person": person})


@login_required
@require_POST
def id_number_verify_view(request: HttpRequest, person_id: int) -> HttpResponse:
    """The officer has seen the person's ID card: the number they gave becomes their number."""
    me = signed_in_user(request)
    selectors.require_officer(me)
    person = selectors.person_for(user=me, person_id=person_id)
    try:
        id_numbers.id_number_verify(actor=me, person=person)
    except ApplicationError as error:
        flash_service_error(request, error)
    else:
        messages.success(request, _("The ID number is verified."))
    return redirect("accounts:person_detail", person_id=person.pk)


@login_required
def person_new_view(request: HttpRequest) -> HttpResponse:
    me = signed_in_user(request)
    selectors.require_officer(me)
    form = PersonForm(request.POST or None)
    form.fields["district"].queryset = selectors.districts_for(user=me)  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_register(actor=me, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The person is registered."))
            return redirect("accounts:person_detail", person_id=person.pk)
    status = 400 if form.errors else 200
    return render(request, "accounts/person_new.html", {"form": form}, status=status)


@login_required
def organisations_view(request: HttpRequest) -> HttpResponse:
    me = signed_in_user(request)
    organisations = selectors.organisations_for(user=me)
    kind = request.GET.get("kind", "")
    if kind:
        organisations = organisations.filter(kind=kind)
    district = request.GET.get("district", "")
    if district:
        organisations = organisations.filter(district__code=district)
    context = {
        **_listing(request, organisations),
        "kind": kind,
        "district": district,
        "kinds": OrganisationKind.choices,
        "districts": selectors.districts_for(user=me),
        "can_create": selectors.is_officer(me),
    }
    return _render_list(
        request, "accounts/organisations.html", "accounts/_organisations_table.html", context
    )


@login_required
def organisation_detail_view(request: HttpRequest, organisation_id: int) -> HttpResponse:
    me = signed_in_user(request)
    organisation = selectors.organisation_for(user=me, organisation_id=organisation_id)
    can_manage = selectors.can_manage_organisation(user=me, organisation=organisation)
    form = MemberForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            return render(
                request,
                "web/error.html",
                {"message": _("You may not change this organisation.")},
                status=403,
            )
        if form.is_valid():
            user = User.objects.filter(
                username=form.cleaned_data["username"], is_active=True
            ).first()
            if user is None:
                form.add_error("username", _("No active user with this username."))
            else:
                try:
                    services.membership_grant(
                        actor=me,
                        user=user,
                        role=form.cleaned_data["role"],
                        organisation=organisation,
                    )
                except ApplicationError as error:
                    add_service_error(form, error)
                else:
                    messages.success(request, _("The role is given."))
                    return redirect("accounts:organisation_detail", organisation_id=organisation.pk)
    context = {
        "organisation": organisation,
        "members": selectors.members_of(user=me, organisation=organisation),
        "can_manage": can_manage,
        "form": form,
    }
    return render(
        request, "accounts/organisation_detail.html", context, status=400 if form.errors else 200
    )


@login_required
def organisation_new_view(request: HttpRequest) -> HttpResponse:
    me = signed_in_user(request)
    selectors.require_officer(me)
    form = OrganisationForm(request.POST or None)
    form.fields["district"].queryset = selectors.districts_for(user=me)  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(actor=me, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The organisation is registered."))
            return redirect("accounts:organisation_detail", organisation_id=organisation.pk)
    status = 400 if form.errors else 200
    return render(request, "accounts/organisation_new.html", {"form": form}, status=status)


@login_required
def audit_view(request: HttpRequest) -> HttpResponse:
    events = selectors.audit_events_for(user=signed_in_user(request))
    action = request.GET.get("action", "").strip()
    action_error = ""
    if action in AuditAction.values:
        events = events.filter(action=action)
    elif action:  # only a hand-made address gets here: the page offers a list
        events = events.none()
        action_error = _("Unknown action %(action)s; choose one from the list.") % {
            "action": action
        }
    actor = request.GET.get("actor", "").strip()
    if actor:
        events = events.filter(actor_label=actor)
    context = {
        **_listing(request, events),
        "action": action,
        "actions": AuditAction.choices,
        "action_error": action_error,
        "actor": actor,
    }
    return _render_list(request, "accounts/audit.html", "accounts/_audit_table.html", context)


@login_required
def deletion_requests_view(request: HttpRequest) -> HttpResponse:
    requests = selectors.deletion_requests_for(user=signed_in_user(request))
    status = request.GET.get("status", "pending")
    if status:
        requests = requests.filter(status=status)
    context = {**_listing(request, requests), "status": status}
    return render(request, "accounts/deletion_requests.html", context)


@login_required
@require_POST
def deletion_decide_view(request: HttpRequest, request_id: int) -> HttpResponse:
    me = signed_in_user(request)
    deletion = selectors.deletion_request_for(user=me, request_id=request_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or reject."))
        return redirect("accounts:deletion_requests")
    try:
        services.deletion_request_decide(
            actor=me,
            request=deletion,
            approve=form.cleaned_data["approve"],
            note=form.cleaned_data["note"],
        )
    except ApplicationError as error:
        flash_service_error(request, error)
    else:
        messages.success(request, _("The decision is recorded."))
    return redirect("accounts:deletion_requests")
