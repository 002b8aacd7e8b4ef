"""The data download's section of the person's skills, each with where it came from."""

from __future__ import annotations

from typing import Any

from zhijiang.accounts.models import User
from zhijiang.accounts.personal_data import iso, register_section
from zhijiang.occupations.models import PersonSkill


def skills(user: User) -> list[dict[str, Any]]:
    rows = PersonSkill.objects.filter(user=user).select_related("skill")
    return [
        {
            "skill": row.skill.key,
            "label": row.skill.label,
            "kind": row.skill.kind,
            "source": row.source,
            "added": iso(row.created_at),
        }
        for row in rows.order_by("skill__key", "source", "id")
    ]


def register() -> None:
    register_section(
        "skills", app="occupations", collect=skills, covers={"occupations.PersonSkill.user"}
    )
