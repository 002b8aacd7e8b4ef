"""Writing the audit log. Services call ``audit_record`` inside their transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from zhijiang.common.audit_actions import AuditAction
from zhijiang.common.models import AuditEvent, District

__all__ = ["AuditAction", "audit_record", "field_changes"]


def audit_record(
    *,
    actor: Any,
    action: AuditAction,
    target: models.Model | None = None,
    changes: dict[str, Any] | None = None,
    district: District | None = None,
) -> AuditEvent:
    """Append one audit event. ``changes`` maps a field to ``[old, new]`` (masked values only).

    ``action`` must be a member of ``AuditAction``: the log is read and filtered by them."""
    if not isinstance(action, AuditAction):
        raise TypeError(f"audit_record needs an AuditAction, not {action!r}")
    actor_obj = actor if getattr(actor, "pk", None) else None
    return AuditEvent.objects.create(
        actor=actor_obj,
        actor_label=actor_obj.get_username() if actor_obj else "system",
        action=action.value,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        object_label=str(target)[:200] if target is not None else "",
        district=district,
        changes=_jsonable(changes or {}),
    )


def field_changes(instance: models.Model, values: dict[str, Any]) -> dict[str, list[Any]]:
    """The ``[old, new]`` pairs for the fields in ``values`` that differ from ``instance``."""
    changed: dict[str, list[Any]] = {}
    for name, new in values.items():
        old = getattr(instance, name)
        if old != new:
            changed[name] = [old, new]
    return changed


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, models.Model):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
