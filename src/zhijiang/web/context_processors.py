"""Navigation for the roles the signed-in user holds."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts import selectors
from zhijiang.accounts.models import Role

OFFICERS = {Role.DISTRICT_OFFICER, Role.BUREAU_OFFICER, Role.ADMIN}
ORGANISATION_STAFF = {Role.EMPLOYER_STAFF, Role.PROVIDER_STAFF, Role.ASSESSOR}
AUTHORS = {Role.PROVIDER_STAFF, Role.DISTRICT_OFFICER, Role.BUREAU_OFFICER}

# (url name, label, roles that see it; None: every signed-in user)
NAVIGATION: list[tuple[str, Any, set[Role] | None]] = [
    ("web:dashboard", _("Dashboard"), None),
    ("occupations:tree", _("Occupations"), None),
    ("occupations:review", _("Standards to review"), {Role.BUREAU_OFFICER, Role.ADMIN}),
    (
        "occupations:analyse",
        _("Read a CV or job text"),
        {Role.LEARNER, Role.EMPLOYER_STAFF} | OFFICERS,
    ),
    ("careers:plan", _("My career plan"), {Role.LEARNER}),
    ("training:catalogue", _("Courses"), None),
    ("training:my_enrolments", _("My courses"), {Role.LEARNER}),
    # Authors only: the platform administrator belongs to no provider or office, so cannot.
    ("training:courses", _("Course design"), AUTHORS),
    ("training:runs", _("Course runs"), {Role.PROVIDER_STAFF}),
    ("assessment:banks", _("Item banks"), {Role.ASSESSOR, Role.BUREAU_OFFICER, Role.ADMIN}),
    ("assessment:review_queue", _("Items to review"), {Role.ASSESSOR}),
    ("assessment:mine", _("My assessments"), {Role.LEARNER}),
    ("assessment:sessions", _("Exam sessions"), {Role.ASSESSOR, Role.BUREAU_OFFICER}),
    ("assessment:practical_queue", _("Third-assessor queue"), {Role.ASSESSOR}),
    ("assessment:decision_review_queue", _("Level 7–8 reviews"), {Role.BUREAU_OFFICER}),
    ("credentials:mine", _("My certificates"), {Role.LEARNER}),
    ("credentials:manage", _("Issued certificates"), {Role.ASSESSOR, Role.BUREAU_OFFICER}),
    ("credentials:verify", _("Verify a certificate"), None),
    ("jobs:board", _("Jobs"), None),
    ("jobs:matches", _("Positions for me"), {Role.LEARNER}),
    ("jobs:applications", _("My applications"), {Role.LEARNER}),
    ("jobs:profile", _("My job profile"), {Role.LEARNER}),
    ("jobs:manage", _("Positions"), {Role.EMPLOYER_STAFF} | OFFICERS),
    ("jobs:notifications", _("Notifications"), None),
    ("jobs:certificates", _("Certificates to check"), OFFICERS),
    ("accounts:people", _("People"), OFFICERS),
    ("accounts:organisations", _("Organisations"), OFFICERS | ORGANISATION_STAFF),
    ("accounts:deletion_requests", _("Deletion requests"), OFFICERS),
    ("accounts:audit", _("Audit log"), OFFICERS),
    ("analytics:quality", _("Quality of generated content"), OFFICERS),
    ("accounts:profile", _("My profile"), None),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {
            "nav_items": [
                {"url_name": "occupations:tree", "label": _("Occupations")},
                {"url_name": "training:catalogue", "label": _("Courses")},
                {"url_name": "training:open_courses", "label": _("Open courses")},
                {"url_name": "training:notices", "label": _("Training notices")},
                {"url_name": "jobs:board", "label": _("Jobs")},
                {"url_name": "credentials:verify", "label": _("Verify a certificate")},
            ]
        }
    roles = selectors.roles_of(user)
    items = [
        {"url_name": name, "label": label}
        for name, label, allowed in NAVIGATION
        if allowed is None or roles & allowed
    ]
    role_labels = [Role(role).label for role in sorted(roles)]
    return {"nav_items": items, "user_role_labels": role_labels}
