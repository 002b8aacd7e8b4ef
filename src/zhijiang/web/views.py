"""The dashboard (one panel per role the user holds) and the health check."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts import selectors
from zhijiang.accounts.models import ConsentRecord, DeletionRequest, Role, User
from zhijiang.occupations import selectors as occupation_selectors
from zhijiang.occupations.models import PersonSkill, Standard


def _figure(label: Any, value: int, link: str = "") -> dict[str, Any]:
    return {"label": label, "value": value, "link": link}


def _officer_panel(user: User) -> dict[str, Any]:
    people = selectors.people_for(user=user)
    return {
        "title": _("Your area") if not selectors.is_city_officer(user) else _("The whole city"),
        "figures": [
            _figure(_("Learners and job seekers"), people.count(), "accounts:people"),
            _figure(
                _("Organisations"),
                selectors.organisations_for(user=user).count(),
                "accounts:organisations",
            ),
            _figure(
                _("Deletion requests waiting"),
                selectors.deletion_requests_for(user=user)
                .filter(status=DeletionRequest.Status.PENDING)
                .count(),
                "accounts:deletion_requests",
            ),
            _figure(
                _("Audit events"), selectors.audit_events_for(user=user).count(), "accounts:audit"
            ),
            _figure(
                _("Occupations with an approved standard"),
                Standard.objects.filter(status=Standard.Status.APPROVED).count(),
                "occupations:tree",
            ),
            _figure(
                _("Standards waiting for review"),
                Standard.objects.filter(status=Standard.Status.IN_REVIEW).count(),
                "occupations:review" if occupation_selectors.can_approve_standards(user) else "",
            ),
        ],
    }


def _staff_panel(user: User, role: str, title: Any) -> dict[str, Any]:
    organisations = selectors.organisations_for(user=user).filter(
        id__in=selectors.organisation_ids_of(user, {role})
    )
    return {
        "title": title,
        "organisations": organisations,
        "figures": [
            _figure(
                _("Colleagues on the platform"),
                User.objects.filter(memberships__organisation__in=organisations).distinct().count(),
            )
        ],
    }


def _learner_panel(user: User) -> dict[str, Any]:
    return {
        "title": _("My path"),
        "figures": [
            _figure(
                _("Consents given"),
                ConsentRecord.objects.filter(user=user, withdrawn_at__isnull=True).count(),
                "accounts:profile",
            ),
            _figure(
                _("Skills on my profile"),
                PersonSkill.objects.filter(user=user).values("skill").distinct().count(),
                "occupations:analyse",
            ),
        ],
        "profile_complete": bool(user.full_name and user.phone and user.id_number_masked),
    }


@login_required
def dashboard_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    roles = selectors.roles_of(user)
    panels = []
    if selectors.is_officer(user):
        panels.append(("officer", _officer_panel(user)))
    staff = [
        (Role.EMPLOYER_STAFF, _("My employer")),
        (Role.PROVIDER_STAFF, _("My training organisation")),
        (Role.ASSESSOR, _("My assessment body")),
    ]
    for role, title in staff:
        if role in roles:
            panels.append(("staff", _staff_panel(user, role, title)))
    if Role.LEARNER in roles:
        panels.append(("learner", _learner_panel(user)))
    return render(request, "web/dashboard.html", {"panels": panels})


def health_view(request: HttpRequest) -> HttpResponse:
    """For load balancers: 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
