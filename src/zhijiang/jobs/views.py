"""Public job pages (the board and a position), applying, notifications and follow-ups.

Employers' pages are in ``manage_views``, a job seeker's own pages in ``seeker_views``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhijiang.common import notifications
from zhijiang.common.errors import ApplicationError, NotFoundError, PermissionDeniedError
from zhijiang.common.forms import add_service_error
from zhijiang.common.page_cache import public_page
from zhijiang.common.requests import signed_in_user
from zhijiang.jobs import applications, matching, selectors
from zhijiang.jobs.forms import (
    ApplyForm,
    BoardForm,
    CheckAnswerForm,
)
from zhijiang.jobs.models import Application, EmploymentCheck, Position
from zhijiang.jobs.structured_data import job_posting_json_ld

PAGE_SIZE = 20


@public_page
def board_view(request: HttpRequest) -> HttpResponse:
    """Open positions, newest first, searched and filtered; htmx gets only the results."""
    form = BoardForm(request.GET or None)
    form.is_valid()  # a bad filter is shown at its field; the valid ones still apply
    data = getattr(form, "cleaned_data", {})
    district = data.get("district")
    filters = selectors.BoardFilters(
        q=data.get("q", ""),
        occupation=data.get("occupation", "").strip(),
        district=district.code if district else "",
        pay_from=data.get("pay_from"),
        level=data.get("level") or None,
    )
    page = Paginator(selectors.board_positions(filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query_string": query.urlencode() + "&" if query else "",
    }
    template = (
        "jobs/_board_results.html" if request.headers.get("HX-Request") else "jobs/board.html"
    )
    return render(request, template, context)


def _visible_position(request: HttpRequest, position_id: int) -> Position:
    """Staff and officers also see the positions they manage while paused."""
    if request.user.is_authenticated:
        managed = selectors.positions_for(user=request.user).filter(pk=position_id).first()
        if managed is not None:
            return managed
    return selectors.public_position(position_id=position_id)


def _seeker_context(request: HttpRequest, position: Position) -> dict[str, Any]:
    """A signed-in job seeker's match, and their application if they applied."""
    user = request.user
    if not user.is_authenticated or not selectors.is_seeker(user):
        return {"is_seeker": False}
    mine = selectors.applications_for(user=user).filter(position=position, applicant=user).first()
    return {
        "is_seeker": True,
        "match": matching.match_for(person=user, position=position),
        "my_application": mine,
        "invitation": selectors.invitation_of(user=user, position=position),
    }


def _position_context(request: HttpRequest, position: Position) -> dict[str, Any]:
    # Read once here, the skills serve the page, its JSON-LD and the seeker's match.
    prefetch_related_objects([position], "skill_links__skill")
    links = list(position.skill_links.all())
    return {
        "position": position,
        "level": position.level_name,
        "required": [link.skill for link in links if link.required],
        "preferred": [link.skill for link in links if not link.required],
        "json_ld": job_posting_json_ld(position),
        "can_manage": request.user.is_authenticated
        and selectors.can_manage_position(user=request.user, position=position),
        "apply_form": ApplyForm(),
        **_seeker_context(request, position),
    }


def position_view(request: HttpRequest, position_id: int) -> HttpResponse:
    position = _visible_position(request, position_id)
    return render(request, "jobs/position.html", _position_context(request, position))


@login_required
@require_POST
def apply_view(request: HttpRequest, position_id: int) -> HttpResponse:
    """Apply with a note; the match score at this moment is kept with the application."""
    position = selectors.public_position(position_id=position_id)
    user = signed_in_user(request)
    if not selectors.is_seeker(user):
        raise PermissionDeniedError(_("Only job seekers apply to positions."))
    form = ApplyForm(request.POST)
    if form.is_valid():
        match = matching.match_for(person=user, position=position)
        try:
            applications.application_submit(
                applicant=user,
                position=position,
                note=form.cleaned_data["note"],
                match_score=match["score"] if match else None,
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your application was sent to the employer."))
            return redirect("jobs:position", position_id=position.pk)
    context = {**_position_context(request, position), "apply_form": form}
    return render(request, "jobs/position.html", context, status=400)


@login_required
def notifications_view(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if request.method == "POST":
        notifications.mark_read(user=user)
        messages.success(request, _("All notifications are marked read."))
        return redirect("jobs:notifications")
    items = notifications.render_all(notifications.notifications_of(user=user)[:100])
    context = {"items": items, "unread": sum(1 for item in items if not item.read)}
    return render(request, "jobs/notifications.html", context)


def _check_for(user: Any, check_id: int) -> EmploymentCheck:
    """A follow-up on a hire whose application the user may see."""
    check = (
        EmploymentCheck.objects.select_related(
            "hire__application__position__employer", "hire__application__applicant"
        )
        .filter(pk=check_id, hire__application__in=selectors.applications_for(user=user))
        .first()
    )
    if check is None:
        raise NotFoundError(_("No such follow-up, or you may not see it."))
    return check


@login_required
def check_view(request: HttpRequest, check_id: int) -> HttpResponse:
    """The hired person or the employer says whether the hire lasted."""
    user = signed_in_user(request)
    check = _check_for(user, check_id)
    form = CheckAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            applications.employment_check_answer(
                actor=user, check=check, answer=form.cleaned_data["answer"]
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Thank you. Your answer is recorded."))
            return redirect("jobs:check", check_id=check.pk)
    application: Application = check.hire.application
    context = {"check": check, "application": application, "form": form}
    return render(request, "jobs/check.html", context, status=400 if form.errors else 200)
