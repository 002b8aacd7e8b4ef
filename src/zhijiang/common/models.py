"""Reference data and the audit log shared by every app."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from zhijiang.common.audit_actions import AuditAction


class District(models.Model):
    """A district or county of the city (GB/T 2260 code), loaded from data in a migration."""

    class Kind(models.TextChoices):
        DISTRICT = "district", _("District")
        COUNTY = "county", _("County")
        AUTONOMOUS_COUNTY = "autonomous_county", _("Autonomous county")

    code = models.CharField(_("code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=40)
    name_en = models.CharField(_("English name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language."""
        language = translation.get_language() or ""
        return self.name_en if language.startswith("en") else self.name


class AuditEvent(models.Model):
    """One privileged write: who did what to which object, when, and what changed.

    Rows are append-only: the admin cannot change them and the database refuses updates
    (a trigger, see migration 0002). Values in ``changes`` never hold raw personal data.
    """

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(_("actor name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=60, db_index=True)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object id"), max_length=40, blank=True)
    object_label = models.CharField(_("object"), max_length=200, blank=True)
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_label}"
        )

    @property
    def action_label(self) -> str:
        """The action in the reader's language; its stored code when no member has it."""
        if self.action in AuditAction.values:
            return str(AuditAction(self.action).label)
        return self.action

    def changes_list(self) -> list[tuple[str, Any, Any]]:
        """(field, old, new) rows for display."""
        rows = []
        for field, value in sorted(self.changes.items()):
            if isinstance(value, list) and len(value) == 2:
                rows.append((field, value[0], value[1]))
            else:
                rows.append((field, None, value))
        return rows


class Notification(models.Model):
    """An in-app message to one person. The text is rendered from ``kind`` and ``params`` when
    shown (see ``common.notifications``), so each reader sees it in their own language."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=40)
    params = models.JSONField(default=dict, blank=True)
    link = models.CharField(_("link"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return f"{self.kind} → {self.user_id}"
