"""The person's data download (PIPL art. 45): a registry of sections that each app fills.

Accounts sits below every app that holds personal data and must not import them, so each app
registers, in its ``AppConfig.ready()``, the sections it holds about a person (see
``<app>/personal_data.py``). A section names the ``app_label.Model.field`` foreign keys to the
user whose rows it reports; ``accounts/tests/test_personal_data.py`` checks that every such
foreign key is reported by a section or listed there with the reason it is not about the person.

Sections hold plain JSON values only, never secrets (password or token hashes, the ID-number
hash, private keys); ID and mobile numbers appear masked, as the person sees them elsewhere.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from zhijiang.accounts.models import User

FORMAT = "zhijiang.personal-data/1"  # sections are only ever added, so readers of 1 still work

Collect = Callable[[User], Any]


class Party(enum.StrEnum):
    """Who took a step on the person's record, as the download says it (no staff names)."""

    SELF = "self"
    STAFF = "staff"
    SYSTEM = "system"


@dataclass(frozen=True)
class Section:
    """One top-level key of the download, the app that fills it, and the user foreign keys
    (``"app_label.Model.field"``) whose rows about the person it reports."""

    key: str
    app: str
    covers: frozenset[str]
    collect: Collect


_sections: dict[str, Section] = {}


def register_section(key: str, *, app: str, collect: Collect, covers: Iterable[str] = ()) -> None:
    """Add one section (called from an app's ``ready()``; registering it again is harmless)."""
    existing = _sections.get(key)
    if existing is not None and existing.app != app:
        raise ImproperlyConfigured(
            f"personal-data section {key!r} is registered by {existing.app} and {app}"
        )
    _sections[key] = Section(key=key, app=app, covers=frozenset(covers), collect=collect)


def registered_sections() -> list[Section]:
    """The sections in the order the apps registered them (the order of INSTALLED_APPS)."""
    return list(_sections.values())


def covered_fields() -> set[str]:
    """Every ``app_label.Model.field`` some section reports."""
    return {field for section in _sections.values() for field in section.covers}


def personal_data_collect(*, user: User) -> dict[str, Any]:
    """Everything the platform holds about ``user``: the format, then one key per section."""
    data: dict[str, Any] = {"format": FORMAT}
    for section in _sections.values():
        data[section.key] = section.collect(user)
    return data


def iso(value: datetime.date | datetime.datetime | None) -> str | None:
    """A date or time as ISO 8601, or None."""
    return value.isoformat() if value is not None else None


def party(actor_id: int | None, person: User) -> str:
    """Whether a step was the person's own, a member of staff's, or the system's."""
    if actor_id is None:
        return Party.SYSTEM
    return Party.SELF if actor_id == person.pk else Party.STAFF
