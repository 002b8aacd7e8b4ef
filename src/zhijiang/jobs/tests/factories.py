"""Skills and positions for the jobs tests, made through the services as people make them."""

from __future__ import annotations

from typing import Any

from zhijiang.accounts.models import ConsentPurpose, ConsentRecord, Organisation, User
from zhijiang.jobs import services
from zhijiang.jobs.models import Position
from zhijiang.occupations.models import PersonSkill, Skill

TRAINER = "4-04-05-05"  # 人工智能训练师

SKILLS = [
    ("python", "Python", "Python", Skill.Kind.TECHNICAL),
    ("数据标注", "数据标注", "data annotation", Skill.Kind.TECHNICAL),
    ("机器学习", "机器学习", "machine learning", Skill.Kind.KNOWLEDGE),
]


def skill(key: str, label_zh: str = "", label_en: str = "", kind: str = "technical") -> Skill:
    defaults = {"label_zh": label_zh or key, "label_en": label_en or key, "kind": kind}
    found, _created = Skill.objects.get_or_create(
        key=key, defaults={**defaults, "sources": ["esco"]}
    )
    return found


def vocabulary() -> list[Skill]:
    """A small skills vocabulary: Python, 数据标注 (data annotation), 机器学习."""
    return [skill(*row) for row in SKILLS]


def position_input(**overrides: Any) -> services.PositionInput:
    values: dict[str, Any] = {
        "title": "人工智能训练师",
        "description": "负责数据标注与质检。\n需要熟悉 Python。",
        "pay_min": 6000,
        "pay_max": 9000,
        "district": "500103",
        "occupation": TRAINER,
        "required_skills": ["python", "数据标注"],
        "preferred_skills": ["机器学习"],
        "level_min": 3,
        "headcount": 2,
        "address": "解放碑大厦 12 楼",
    }
    values.update(overrides)
    return services.PositionInput(**values)


def make_position(*, actor: User, employer: Organisation, **overrides: Any) -> Position:
    vocabulary()
    return services.position_create(
        actor=actor, employer=employer, data=position_input(**overrides)
    )


def share_with_employers(person: User) -> ConsentRecord:
    """The person lets employers see their job profile (a live consent)."""
    return ConsentRecord.objects.create(user=person, purpose=ConsentPurpose.SHARE_WITH_EMPLOYERS)


def give_skills(person: User, sources: dict[str, str]) -> None:
    """Record skills the person has, each with where it came from: ``{"python": "cv"}``."""
    vocabulary()
    for key, source in sources.items():
        PersonSkill.objects.create(user=person, skill=Skill.objects.get(key=key), source=source)
