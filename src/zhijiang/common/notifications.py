"""In-app notifications: sending, reading, and the text of each kind in the reader's language."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from zhijiang.common.models import Notification

# kind → (title, body); the templates take the notification's params by name.
MESSAGES: dict[str, tuple[Promise, Promise]] = {
    "match": (
        _("A position that matches you: %(position)s"),
        _("%(employer)s, %(district)s · match %(score)s%% · your skills: %(matched)s"),
    ),
    "application.shortlisted": (
        _("You are on the shortlist for %(position)s"),
        _("%(employer)s will be in touch about the next step."),
    ),
    "application.interviewing": (
        _("Interview for %(position)s"),
        _("%(employer)s invites you to interview. %(reason)s"),
    ),
    "application.offered": (
        _("Job offer: %(position)s"),
        _("%(employer)s offers you the position. %(reason)s"),
    ),
    "application.hired": (
        _("Welcome aboard: %(position)s"),
        _("%(employer)s recorded your start date as %(started_on)s."),
    ),
    "application.rejected": (
        _("Your application for %(position)s was not taken further"),
        _("%(employer)s gave this reason: %(reason)s"),
    ),
    "application.received": (
        _("New application for %(position)s"),
        _("%(applicant)s applied (match %(score)s%%)."),
    ),
    "invitation.received": (
        _("%(employer)s invites you to apply: %(position)s"),
        _("Your profile matches this position. Open it to see how well, and apply."),
    ),
    "certificate.verified": (
        _("Your certificate is verified: %(occupation)s, %(certificate_level)s"),
        _("The bureau checked the certificate you declared; it now counts as verified."),
    ),
    "certificate.not_confirmed": (
        _("Your certificate could not be confirmed: %(occupation)s, %(certificate_level)s"),
        _("The bureau checked the certificate you declared and gave this reason: %(note)s"),
    ),
    "training.enrolled": (
        _("You are enrolled: %(course)s"),
        _("The course starts on %(start)s. Your progress shows under My courses."),
    ),
    "training.waitlisted": (
        _("You are on the waiting list: %(course)s"),
        _("The course starts on %(start)s. You get a place as soon as one is free."),
    ),
    "training.promoted": (
        _("A place is free for you: %(course)s"),
        _("You moved from the waiting list onto the course starting on %(start)s."),
    ),
    "training.run_cancelled": (
        _("Cancelled: %(course)s"),
        _("The run starting on %(start)s is cancelled. Look in the catalogue for another."),
    ),
    "training.completed": (
        _("Course completed: %(course)s"),
        _("%(provider)s recorded that you met the course's attendance and assessment rules."),
    ),
    "credentials.issued": (
        _("Your certificate is issued: %(certificate)s"),
        _("%(issuer)s signed it. Show it, download it or share its link from My certificates."),
    ),
    "credentials.revoked": (
        _("Your certificate was revoked: %(certificate)s"),
        _("%(issuer)s gave this reason: %(reason)s"),
    ),
    "assessment.registered": (
        _("You are registered for an assessment: %(session)s"),
        _("It starts at %(starts_at)s. Take the test under My assessments."),
    ),
    "assessment.results": (
        _("Your assessment results are out: %(session)s"),
        _("The session is closed; your score shows under My assessments."),
    ),
    "employment_check": (
        _("Are you still working at %(employer)s?"),
        _(
            "You started as %(position)s on %(started_on)s. Tell us how it is going, "
            "%(months)s months on."
        ),
    ),
}


@dataclass(frozen=True)
class RenderedNotification:
    id: int
    kind: str
    title: str
    body: str
    link: str
    created_at: Any
    read: bool


def notify(*, user: Any, kind: str, params: dict[str, Any], link: str = "") -> Notification:
    """Queue one notification for ``user`` (call inside the service's transaction)."""
    if kind not in MESSAGES:
        raise ValueError(f"unknown notification kind {kind!r}")
    return Notification.objects.create(user=user, kind=kind, params=params, link=link)


# param name → a function turning the stored values of that param into text in the active
# language, one call for a whole page (e.g. "matched": vocabulary skill keys → skill labels).
# ``common`` knows no other app, so the apps that own the values register here in ``ready``.
ParamDisplay = Callable[[list[Any]], list[str]]
_param_displays: dict[str, ParamDisplay] = {}


def register_param_display(name: str, display: ParamDisplay) -> None:
    """Show the stored values of param ``name`` through ``display`` (stored ids, shown labels)."""
    _param_displays[name] = display


def _displayed_params(notifications: list[Notification]) -> list[dict[str, Any]]:
    params = [dict(notification.params) for notification in notifications]
    for name, display in _param_displays.items():
        holders = [p for p in params if name in p]
        if holders:
            for held, text in zip(holders, display([p[name] for p in holders]), strict=True):
                held[name] = text
    return params


def render_all(notifications: Iterable[Notification]) -> list[RenderedNotification]:
    """Each notification in the reader's language, the registered params looked up once."""
    notifications = list(notifications)
    return [
        _rendered(notification, params)
        for notification, params in zip(
            notifications, _displayed_params(notifications), strict=True
        )
    ]


def render(notification: Notification) -> RenderedNotification:
    return render_all([notification])[0]


def _rendered(notification: Notification, params: dict[str, Any]) -> RenderedNotification:
    title, body = MESSAGES.get(notification.kind, (_("Notice"), _("Notice")))
    try:
        title_text, body_text = str(title) % params, str(body) % params
    except (KeyError, TypeError, ValueError):  # params from an older release
        title_text, body_text = str(title).split("%(")[0].strip(), ""
    return RenderedNotification(
        id=notification.pk,
        kind=notification.kind,
        title=title_text,
        body=body_text,
        link=notification.link,
        created_at=notification.created_at,
        read=notification.read_at is not None,
    )


def notifications_of(*, user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user)


def unread_count(*, user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_read(*, user: Any, ids: list[int] | None = None) -> int:
    """Mark the user's notifications read (all of them when ``ids`` is None)."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
