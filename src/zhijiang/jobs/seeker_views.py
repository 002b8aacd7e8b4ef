"""A job seeker's own pages: applications, matches and the job profile."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhijiang.accounts.models import User
from zhijiang.common.errors import ApplicationError, PermissionDeniedError
from zhijiang.common.forms import add_service_error, flash_service_error
from zhijiang.common.requests import signed_in_user
from zhijiang.jobs import applications, matching, profiles, selectors
from zhijiang.jobs.forms import (
    CertificateForm,
    ProfileForm,
    WithdrawForm,
    WorkForm,
)
from zhijiang.jobs.held import profile_credentials
from zhijiang.occupations.models import Occupation
from zhijiang.occupations.normalizing import suggest_occupations

MATCHES = 20
TOP_FACTORS = 3
SUGGEST_TARGETS = ("id_work-occupation", "id_cert-occupation")


def _seeker(request: HttpRequest) -> User:
    user = signed_in_user(request)
    if not selectors.is_seeker(user):
        raise PermissionDeniedError(_("These pages are for job seekers."))
    return user


@login_required
def applications_view(request: HttpRequest) -> HttpResponse:
    user = _seeker(request)
    mine = (
        selectors.applications_for(user=user)
        .filter(applicant=user)
        .prefetch_related("events", "events__actor")
    )
    rows = [{"application": a, "can_withdraw": a.status not in applications.FINAL} for a in mine]
    context = {
        "rows": rows,
        "form": WithdrawForm(),
        "invitations": selectors.invitations_of(user=user),
    }
    return render(request, "jobs/applications.html", context)


@login_required
@require_POST
def withdraw_view(request: HttpRequest, application_id: int) -> HttpResponse:
    user = _seeker(request)
    application = selectors.application_for(user=user, application_id=application_id)
    form = WithdrawForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        applications.application_withdraw(actor=user, application=application, reason=reason)
    except ApplicationError as error:
        flash_service_error(request, error)
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("jobs:applications")


def _top_factors(match: dict[str, Any]) -> list[dict[str, Any]]:
    factors = sorted(match.get("factors", []), key=lambda f: f["contribution"], reverse=True)
    return [f for f in factors if f["contribution"] > 0][:TOP_FACTORS]


@login_required
def matches_view(request: HttpRequest) -> HttpResponse:
    """Open positions ranked for the seeker, with the reasons for each rank."""
    user = _seeker(request)
    ranked = matching.positions_for_person(person=user, limit=MATCHES, today=timezone.localdate())
    rows = [
        {
            "position": position,
            "match": match,
            "factors": _top_factors(match),
            "unknown": [f["label"] for f in match["factors"] if f.get("unknown")],
        }
        for position, match in ranked
    ]
    return render(request, "jobs/matches.html", {"rows": rows})


def _profile_context(user: User, **forms: Any) -> dict[str, Any]:
    profile = selectors.profile_of(user)
    certificates, skills = profile_credentials(user=user)
    return {
        "profile_form": forms.get("profile_form")
        or ProfileForm(initial=ProfileForm.initial_of(profile)),
        "work_form": forms.get("work_form") or WorkForm(prefix="work"),
        "certificate_form": forms.get("certificate_form") or CertificateForm(prefix="cert"),
        "jobs": user.work_history.select_related("occupation"),
        "certificates": certificates,
        "skills": skills,
    }


def _profile_page(request: HttpRequest, user: User, **forms: Any) -> HttpResponse:
    status = 400 if any(form.errors for form in forms.values()) else 200
    return render(request, "jobs/profile.html", _profile_context(user, **forms), status=status)


def _save_profile_part(
    request: HttpRequest,
    user: User,
    form: forms.Form,
    save: Callable[[Any], object],
    done: str,
    form_name: str,
) -> HttpResponse:
    """Run one of the profile page's forms through its service: back to the profile when it
    worked, else the page again with the form's errors (the service's at their fields)."""
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, done)
            return redirect("jobs:profile")
    return _profile_page(request, user, **{form_name: form})


@login_required
def profile_view(request: HttpRequest) -> HttpResponse:
    user = _seeker(request)
    if request.method != "POST":
        return _profile_page(request, user)
    form = ProfileForm(request.POST)
    return _save_profile_part(
        request, user, form,
        lambda _data: profiles.profile_update(user=user, data=form.to_input()),
        _("Your job profile is saved."), "profile_form",
    )  # fmt: skip


@login_required
@require_POST
def work_add_view(request: HttpRequest) -> HttpResponse:
    user = _seeker(request)
    form = WorkForm(request.POST, prefix="work")
    return _save_profile_part(
        request, user, form,
        lambda _data: profiles.work_experience_add(user=user, data=form.to_input()),
        _("The job is added to your history."), "work_form",
    )  # fmt: skip


@login_required
@require_POST
def work_delete_view(request: HttpRequest, job_id: int) -> HttpResponse:
    user = _seeker(request)
    profiles.work_experience_delete(user=user, job_id=job_id)
    messages.success(request, _("The job is removed from your history."))
    return redirect("jobs:profile")


@login_required
@require_POST
def certificate_add_view(request: HttpRequest) -> HttpResponse:
    user = _seeker(request)
    return _save_profile_part(
        request, user, CertificateForm(request.POST, prefix="cert"),
        lambda data: profiles.certificate_declare(
            user=user, occupation=data["occupation"].strip(), level=data["level"],
            issuer=data["issuer"], issued_on=data["issued_on"],
        ),
        _("The certificate is recorded as declared."), "certificate_form",
    )  # fmt: skip


@login_required
@require_POST
def suggest_occupation_view(request: HttpRequest) -> HttpResponse:
    """htmx: the likely occupations of a job title; a click fills the code field."""
    title = request.POST.get("work-title", request.POST.get("title", "")).strip()[:100]
    candidates = suggest_occupations(title, top_k=3) if title else []
    found = {o.code: o for o in Occupation.objects.filter(code__in=[c.code for c in candidates])}
    items = [{"occupation": found[c.code], "score": c.score} for c in candidates if c.code in found]
    target = request.POST.get("target", "")
    context = {
        "items": items,
        "target": target if target in SUGGEST_TARGETS else SUGGEST_TARGETS[0],
    }
    return render(request, "jobs/_occupation_suggestions.html", context)
