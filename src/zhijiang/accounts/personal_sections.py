"""The download's sections for the account and for common's rows about the person
(notifications, audit events): common is below the registry, so accounts reports them."""

from __future__ import annotations

from typing import Any

from zhijiang.accounts.models import ApiToken, ConsentRecord, DeletionRequest, Membership, User
from zhijiang.accounts.personal_data import iso, party, register_section
from zhijiang.common.models import AuditEvent, Notification
from zhijiang.common.notifications import render

USER_TYPE = User._meta.label_lower  # the audit log's object_type of a person


def account(user: User) -> dict[str, Any]:
    return {
        "username": user.username,
        "name": user.full_name,
        "email": user.email,
        "mobile": user.masked_phone,
        "id_number": user.id_number_masked,
        "district": user.district.code if user.district else None,
        "joined": iso(user.date_joined),
        "last_login": iso(user.last_login),
        "active": user.is_active,
        "erased": iso(user.anonymized_at),
    }


def roles(user: User) -> list[dict[str, Any]]:
    memberships = Membership.objects.filter(user=user).select_related("organisation")
    return [
        {
            "role": m.role,
            "organisation": m.organisation.name if m.organisation else None,
            "since": iso(m.created_at),
        }
        for m in memberships.order_by("created_at", "id")
    ]


def consents(user: User) -> list[dict[str, Any]]:
    return [
        {
            "purpose": c.purpose,
            "notice_version": c.notice_version,
            "granted": iso(c.granted_at),
            "withdrawn": iso(c.withdrawn_at),
        }
        for c in ConsentRecord.objects.filter(user=user).order_by("granted_at", "id")
    ]


def deletion_requests(user: User) -> list[dict[str, Any]]:
    return [
        {
            "status": d.status,
            "requested": iso(d.created_at),
            "reason": d.reason,
            "decided": iso(d.decided_at),
            "decision_note": d.decision_note,
        }
        for d in DeletionRequest.objects.filter(user=user).order_by("created_at", "id")
    ]


def api_tokens(user: User) -> list[dict[str, Any]]:
    """The person's API tokens by name and visible prefix; the hash is a secret and stays."""
    return [
        {
            "name": t.name,
            "prefix": t.prefix,
            "created": iso(t.created_at),
            "last_used": iso(t.last_used_at),
            "revoked": iso(t.revoked_at),
        }
        for t in ApiToken.objects.filter(user=user).order_by("created_at", "id")
    ]


def activity(user: User) -> list[dict[str, Any]]:
    """What the person did, as the audit log recorded it."""
    return [
        {"time": iso(e.created_at), "action": e.action, "object": e.object_label}
        for e in AuditEvent.objects.filter(actor=user).order_by("created_at", "id")
    ]


def audit_about_me(user: User) -> list[dict[str, Any]]:
    """What others (staff, or the system) did to the person's record; changes are masked."""
    events = AuditEvent.objects.filter(object_type=USER_TYPE, object_id=str(user.pk))
    events = events.exclude(actor=user)  # the person's own steps are under "activity"
    return [
        {
            "time": iso(e.created_at),
            "action": e.action,
            "by": party(e.actor_id, user),
            "changes": e.changes,
        }
        for e in events.order_by("created_at", "id")
    ]


def notifications(user: User) -> list[dict[str, Any]]:
    """In-app messages, rendered in the language of the request."""
    rows = []
    for notification in Notification.objects.filter(user=user).order_by("created_at", "id"):
        shown = render(notification)
        rows.append(
            {
                "kind": shown.kind,
                "title": shown.title,
                "body": shown.body,
                "link": shown.link,
                "sent": iso(notification.created_at),
                "read": iso(notification.read_at),
            }
        )
    return rows


def register() -> None:
    app = "accounts"
    register_section("account", app=app, collect=account)
    register_section("roles", app=app, collect=roles, covers={"accounts.Membership.user"})
    register_section("consents", app=app, collect=consents, covers={"accounts.ConsentRecord.user"})
    register_section(
        "deletion_requests",
        app=app,
        collect=deletion_requests,
        covers={"accounts.DeletionRequest.user"},
    )
    register_section("activity", app=app, collect=activity, covers={"common.AuditEvent.actor"})
    register_section("api_tokens", app=app, collect=api_tokens, covers={"accounts.ApiToken.user"})
    register_section("audit_about_me", app=app, collect=audit_about_me)
    register_section(
        "notifications", app=app, collect=notifications, covers={"common.Notification.user"}
    )
