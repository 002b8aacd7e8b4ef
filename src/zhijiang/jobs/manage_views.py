"""Pages for employers' staff and officers: positions, candidates, applications."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zhijiang.accounts.models import Organisation
from zhijiang.common.errors import ApplicationError, PermissionDeniedError
from zhijiang.common.forms import add_service_error, flash_service_error
from zhijiang.common.requests import signed_in_user
from zhijiang.jobs import applications, matching, selectors, services
from zhijiang.jobs.forms import MoveForm, PositionForm
from zhijiang.jobs.models import Application, Position
from zhijiang.occupations.analysis import analyse_text
from zhijiang.occupations.models import Skill

CANDIDATES = 20
S = Application.Status
# The employer's steps as buttons, in the order offered: forward first, rejecting last.
STEP_BUTTONS = {
    S.SHORTLISTED: gettext_lazy("Shortlist"),
    S.INTERVIEWING: gettext_lazy("Invite to interview"),
    S.OFFERED: gettext_lazy("Make an offer"),
    S.HIRED: gettext_lazy("Hire"),
    S.REJECTED: gettext_lazy("Reject"),
}


@login_required
def manage_view(request: HttpRequest) -> HttpResponse:
    """Positions the user manages (employer staff) or oversees (officers)."""
    user = signed_in_user(request)
    active = ~Q(applications__status__in=applications.FINAL)
    positions = selectors.positions_for(user=user).annotate(
        application_count=Count("applications"),
        active_count=Count("applications", filter=active),
    )
    status = request.GET.get("status", "")
    if status in Position.Status.values:
        positions = positions.filter(status=status)
    context = {
        "positions": positions[:200],
        "status": status,
        "statuses": Position.Status.choices,
        "can_post": bool(selectors.employer_ids_of(user)),
    }
    return render(request, "jobs/manage.html", context)


def _employers(user: Any) -> Any:
    employer_ids = selectors.employer_ids_of(user)
    if not employer_ids:
        raise PermissionDeniedError(_("Only an employer's staff post positions."))
    return Organisation.objects.filter(pk__in=employer_ids, is_active=True).order_by("name")


@login_required
def position_new_view(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    employers = _employers(user)
    form = PositionForm(request.POST or None, employers=employers)
    if request.method == "POST" and form.is_valid():
        employer = form.cleaned_data.get("employer") or employers.first()
        try:
            position = services.position_create(actor=user, employer=employer, data=form.to_input())
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The position is posted and open."))
            return redirect("jobs:manage_position", position_id=position.pk)
    status = 400 if form.errors else 200
    return render(
        request, "jobs/position_form.html", {"form": form, "position": None}, status=status
    )


@login_required
def position_edit_view(request: HttpRequest, position_id: int) -> HttpResponse:
    user = signed_in_user(request)
    position = selectors.position_for(user=user, position_id=position_id)
    if not selectors.can_manage_position(user=user, position=position):
        raise PermissionDeniedError(_("Only the employer's own staff manage its positions."))
    form = PositionForm(request.POST or None, initial=PositionForm.initial_of(position))
    if request.method == "POST" and form.is_valid():
        try:
            services.position_update(actor=user, position=position, data=form.to_input())
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The position is saved."))
            return redirect("jobs:manage_position", position_id=position.pk)
    context = {"form": form, "position": position}
    return render(request, "jobs/position_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def suggest_view(request: HttpRequest) -> HttpResponse:
    """htmx: occupations and skills read from the title and description being typed."""
    text = "\n".join(
        request.POST.get(name, "").strip()[:10000] for name in ("title", "description")
    ).strip()
    titles, skills = [], []
    if text:
        analysis = analyse_text(text)
        titles = analysis.titles
        keys = [skill["id"] for skill in analysis.skills]
        known = {s.key: s for s in Skill.objects.filter(key__in=keys)}
        skills = [known[key] for key in keys if key in known]
    return render(request, "jobs/_suggestions.html", {"titles": titles, "skills": skills})


def _next_steps(application: Application) -> list[tuple[str, Any]]:
    steps = applications.EMPLOYER_STEPS.get(application.status, set())
    return [(value, label) for value, label in STEP_BUTTONS.items() if value in steps]


@login_required
def manage_position_view(request: HttpRequest, position_id: int) -> HttpResponse:
    """One position as its employer sees it: status, ranked candidates, applications."""
    user = signed_in_user(request)
    position = selectors.position_for(user=user, position_id=position_id)
    found = selectors.applications_of_position(user=user, position=position).prefetch_related(
        "events", "events__actor"
    )
    rows = [
        {
            "application": a,
            "steps": _next_steps(a),
            "can_hire": S.HIRED in applications.EMPLOYER_STEPS.get(a.status, ()),
        }
        for a in found
    ]
    links = list(position.skill_links.select_related("skill"))
    context = {
        "position": position,
        "level": position.level_name,
        "skills": [link.skill for link in links],
        "can_manage": selectors.can_manage_position(user=user, position=position),
        "candidates": matching.candidates_for(position=position, limit=CANDIDATES),
        "invited": selectors.invited_ids(position=position),
        "rows": rows,
        "statuses": Position.Status.choices,
        "today": datetime.date.today().isoformat(),
    }
    return render(request, "jobs/manage_position.html", context)


@login_required
@require_POST
def position_status_view(request: HttpRequest, position_id: int) -> HttpResponse:
    user = signed_in_user(request)
    position = selectors.position_for(user=user, position_id=position_id)
    try:
        services.position_set_status(
            actor=user, position=position, status=request.POST.get("status", "")
        )
    except ApplicationError as error:
        flash_service_error(request, error)
    else:
        messages.success(
            request,
            _("The position is now %(status)s.") % {"status": position.get_status_display()},
        )
    return redirect("jobs:manage_position", position_id=position.pk)


@login_required
@require_POST
def application_move_view(request: HttpRequest, application_id: int) -> HttpResponse:
    """The employer's next step; a refusal (no reason, no start date) shows as a message."""
    user = signed_in_user(request)
    application = selectors.application_for(user=user, application_id=application_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a step and give a valid start date."))
    else:
        try:
            applications.application_move(
                actor=user,
                application=application,
                to=form.cleaned_data["to"],
                reason=form.cleaned_data["reason"],
                started_on=form.cleaned_data["started_on"],
            )
        except ApplicationError as error:
            flash_service_error(request, error)
        else:
            messages.success(
                request,
                _("%(name)s: %(status)s.")
                % {
                    "name": application.applicant.full_name or application.applicant.username,
                    "status": Application.Status(form.cleaned_data["to"]).label,
                },
            )
    return redirect("jobs:manage_position", position_id=application.position_id)
