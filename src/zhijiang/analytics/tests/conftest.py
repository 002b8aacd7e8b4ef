"""Generated content of the four kinds, made through the apps' services as the generators
make it: items of 人工智能训练师 from the templates and a language model (and one a person
wrote), standards drafted offline for two occupations, and a course generated offline."""

from __future__ import annotations

from typing import Any

import pytest

from zhijiang.accounts.models import Organisation, User
from zhijiang.assessment import services as item_services
from zhijiang.assessment.models import Item, ItemBank
from zhijiang.assessment.tests.factories import item_input, make_bank
from zhijiang.occupations import services as standard_services
from zhijiang.occupations.models import Occupation, Standard
from zhijiang.occupations.tests.factories import TRAINER
from zhijiang.training.models import Course
from zhijiang.training.tests.factories import approved_standard, make_course

SECOND = "4-04-05-04"  # 数据库运行管理员: a second occupation for drafted standards


@pytest.fixture
def standard(district_officer: User, bureau_officer: User) -> Standard:
    """人工智能训练师, imported (so not itself generated) and approved."""
    return approved_standard(drafter=district_officer, approver=bureau_officer)


@pytest.fixture
def bank(assessor: User, standard: Standard) -> ItemBank:
    body = Organisation.objects.get(memberships__user=assessor)
    return make_bank(actor=assessor, owner=body, standard=standard)


@pytest.fixture
def make_items(assessor: User, bank: ItemBank) -> Any:
    """``make_items(n, source)``: ``n`` more items of the bank from ``source``."""
    made = {"count": 0}

    def make(count: int, source: str = "template") -> list[Item]:
        items = []
        for _ in range(count):
            made["count"] += 1
            stem = f"第{made['count']}题：数据标注时，标注框应当（  ）。"
            data = item_input(stem=stem)
            items.append(
                item_services.item_create(actor=assessor, bank=bank, data=data, source=source)
            )
        return items

    return make


@pytest.fixture
def drafted(district_officer: User) -> list[Standard]:
    """Standards drafted offline (no language model) for 人工智能训练师 and one more."""
    return [
        standard_services.standard_draft(
            actor=district_officer,
            occupation=Occupation.objects.get(code=code),
            ranks=(2, 3),
            vocabulary=[],
            use_model=False,
        )
        for code in (TRAINER, SECOND)
    ]


@pytest.fixture
def course(provider_staff: User, standard: Standard) -> Course:
    provider = Organisation.objects.get(memberships__user=provider_staff)
    return make_course(actor=provider_staff, owner=provider, standard=standard, approve=False)
