"""The front page (signed out), the home page (one panel per role the user holds; a
learner's is their path through the chain) and the health check."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts import selectors
from zhijiang.accounts.models import DeletionRequest, Role, User
from zhijiang.common.page_cache import public_page
from zhijiang.credentials import selectors as credential_selectors
from zhijiang.jobs import selectors as job_selectors
from zhijiang.jobs.selectors import BoardFilters
from zhijiang.occupations import selectors as occupation_selectors
from zhijiang.occupations.models import Standard
from zhijiang.training import selectors as training_selectors
from zhijiang.web.path import learner_facts, learner_path


def _figure(label: Any, value: int, link: str = "", key: str = "") -> dict[str, Any]:
    return {"label": label, "value": value, "link": link, "key": key}


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


FRONT_PAGE_NOTICES = 3
FRONT_PAGE_OPEN_COURSES = 3


def front_page_view(request: HttpRequest) -> HttpResponse:
    """The public front page: search, open lessons, notices, certificate checks, sign-up, and
    the platform's figures, each counted from the data."""
    figures = [
        _figure(_("Open positions"), job_selectors.board_positions(BoardFilters()).count(),
                "jobs:board", "positions"),
        _figure(_("Courses open for enrolment"),
                training_selectors.courses_open_for_enrolment().count(), "training:catalogue",
                "courses"),
        _figure(_("Certificates issued"), credential_selectors.certificates_issued_count(),
                "credentials:verify", "certificates"),
        _figure(_("Learners served"), selectors.learners_served_count(), key="learners"),
    ]  # fmt: skip
    context = {
        "figures": figures,
        "notices": list(training_selectors.notices()[:FRONT_PAGE_NOTICES]),
        "open_courses": list(training_selectors.open_courses()[:FRONT_PAGE_OPEN_COURSES]),
    }
    return render(request, "web/front.html", context)


@public_page
def dashboard_view(request: HttpRequest) -> HttpResponse:
    """Signed in: the home page, one panel per role (a learner's is their path); otherwise
    the public front page."""
    user = request.user
    if not isinstance(user, User):
        return front_page_view(request)
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
        panels.append(
            ("learner", {"title": _("My path"), "path": learner_path(learner_facts(user))})
        )
    return render(request, "web/dashboard.html", {"panels": panels})


def health_view(request: HttpRequest) -> HttpResponse:
    """For load balancers: 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
