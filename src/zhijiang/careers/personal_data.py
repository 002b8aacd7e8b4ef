"""The data download's section of the positions the career planner pushed to the person.
The career plan itself is computed on request from the other sections and is not stored."""

from __future__ import annotations

from typing import Any

from zhijiang.accounts.models import User
from zhijiang.accounts.personal_data import iso, register_section
from zhijiang.careers.models import MatchPush


def pushed_positions(user: User) -> list[dict[str, Any]]:
    rows = MatchPush.objects.filter(user=user).select_related("position", "position__employer")
    return [
        {
            "position": push.position.title,
            "employer": push.position.employer.name,
            "score": push.score,
            "pushed": iso(push.created_at),
        }
        for push in rows.order_by("created_at", "id")
    ]


def register() -> None:
    register_section(
        "pushed_positions",
        app="careers",
        collect=pushed_positions,
        covers={"careers.MatchPush.user"},
    )
