"""An approved standard, item banks and items for the assessment tests, made through the
services as people make them."""

from __future__ import annotations

import copy
import random
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from zhijiang.accounts.models import Organisation, Role, User
from zhijiang.accounts.tests.factories import make_person
from zhijiang.assessment import services, sessions
from zhijiang.assessment.itemfiles import content_hash
from zhijiang.assessment.models import ExamForm, ExamFormItem, ExamSession, Item, ItemBank
from zhijiang.occupations import services as standard_services
from zhijiang.occupations.models import Standard
from zhijiang.occupations.tests.factories import document as standard_document_data
from zhijiang.occupations.tests.factories import imported

HEADER = "requirement,level,kind,stem,A,B,C,D,E,F,answer,explanation"


def approved_standard(*, drafter: User, approver: User) -> Standard:
    """人工智能训练师 with levels 2 and 3 (see occupations.tests.factories.document)."""
    standard = imported(drafter)
    standard_services.standard_submit(actor=drafter, standard=standard)
    standard_services.standard_approve(actor=approver, standard=standard)
    standard.refresh_from_db()
    return standard


def make_bank(*, actor: User, owner: Organisation, standard: Standard) -> ItemBank:
    return services.bank_create(actor=actor, owner=owner, standard=standard, name="训练师题库")


def item_input(**overrides: Any) -> services.ItemInput:
    values: dict[str, Any] = {
        "level": 2,
        "requirement": "F1.C1.K1",
        "kind": "single",
        "stem": "数据标注规范中，标注框应当（  ）。",
        "options": ["紧贴目标边缘", "远大于目标", "只框住目标一半", "随意绘制"],
        "answer": "A",
        "explanation": "标注框应紧贴目标。",
    }
    values.update(overrides)
    return services.ItemInput(**values)


def make_item(*, actor: User, bank: ItemBank, **overrides: Any) -> Item:
    return services.item_create(actor=actor, bank=bank, data=item_input(**overrides))


def csv_rows(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


# Exam sessions


def senior_standard(*, drafter: User, approver: User) -> Standard:
    """The same occupation with levels 2, 3 and 7 (特级技师), for the bureau's review rule."""
    data = standard_document_data()
    data["levels"].append({**copy.deepcopy(data["levels"][1]), "level": 7})
    standard = imported(drafter, data)
    standard_services.standard_submit(actor=drafter, standard=standard)
    standard_services.standard_approve(actor=approver, standard=standard)
    standard.refresh_from_db()
    return standard


# Requirement ids of level 2 and the blueprint part each belongs to (B, F1, F2).
LEVEL_2_REQUIREMENTS = ("E1", "B1", "F1.C1.S1", "F1.C1.K1", "F1.C1.S2", "F2.C1.S1", "F2.C1.K1")


def calibrated_items(
    *, author: User, bank: ItemBank, count: int, level: int = 2, seed: int = 7,
    discrimination: float | None = None,
) -> list[Item]:  # fmt: skip
    """``count`` calibrated single-choice items (answer A) spread over the level's
    requirements, with a ~ lognormal(0.3, 0.3) (or the given a) and b ~ N(0, 1)."""
    rng = random.Random(seed)
    items = []
    for number in range(count):
        stem = f"第{number + 1}题：数据标注规范中，标注框应当（  ）。#{seed}"
        options = ["紧贴目标边缘", "远大于目标", "只框住一半", "随意绘制"]
        items.append(
            Item(
                bank=bank, level=level,
                requirement=LEVEL_2_REQUIREMENTS[number % len(LEVEL_2_REQUIREMENTS)],
                kind="single", stem=stem, options=options, answer="A", author=author,
                status=Item.Status.CALIBRATED, content_hash=content_hash(stem, options),
                discrimination=discrimination or round(rng.lognormvariate(0.3, 0.3), 3),
                difficulty=round(rng.gauss(0, 1), 3),
            )
        )  # fmt: skip
    return Item.objects.bulk_create(items)


def make_session(
    *, actor: User, bank: ItemBank, mode: str = "adaptive", form: ExamForm | None = None,
    level: int = 2, duration_minutes: int = 60, max_items: int = 30, opened: bool = True,
    starts_at: datetime | None = None, time_limit_minutes: int | None = None,
) -> ExamSession:  # fmt: skip
    data = sessions.SessionInput(
        level=level, mode=mode, form=form, duration_minutes=duration_minutes,
        time_limit_minutes=time_limit_minutes,
        max_items=max_items, starts_at=starts_at or timezone.now() - timedelta(minutes=1),
    )  # fmt: skip
    session = sessions.session_create(actor=actor, bank=bank, data=data)
    if opened:
        sessions.session_open(actor=actor, session=session)
    return session


def fixed_form(*, actor: User, bank: ItemBank, items: list[Item]) -> ExamForm:
    """A form of exactly these items, in this order."""
    form = ExamForm.objects.create(bank=bank, level=items[0].level, title="固定卷", seed=1,
                                   mean_difficulty=0.0, created_by=actor)  # fmt: skip
    ExamFormItem.objects.bulk_create(
        ExamFormItem(form=form, item=item, position=position)
        for position, item in enumerate(items, 1)
    )
    return form


def learners(count: int, *, prefix: str = "cand") -> list[User]:
    return [make_person(role=Role.LEARNER, username=f"{prefix}{number}") for number in range(count)]
