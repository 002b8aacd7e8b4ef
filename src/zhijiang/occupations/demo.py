"""Demo standards: every digital occupation gets a drafted, reviewed and approved standard."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from zhijiang.accounts.models import User
from zhijiang.occupations import loading, services
from zhijiang.occupations.models import Occupation, Skill, Standard


def load_skills_if_missing() -> None:
    if not Skill.objects.exclude(sources=["standard"]).exists():
        with transaction.atomic():
            loading.skills_sync(loading.SKILLS_FILE, Skill)
            loading.aliases_sync(Skill)


def load_demo_standards(
    *, author: User, reviewer: User, progress: Callable[[int, int], None] | None = None
) -> int:
    """Draft (offline, deterministic), send to review and approve a standard for each digital
    occupation that has none approved yet. Returns how many were approved now; ``progress``
    hears (approved so far, to approve) after each."""
    load_skills_if_missing()
    pending = Occupation.objects.filter(is_digital=True, level=Occupation.Level.OCCUPATION).exclude(
        standards__status=Standard.Status.APPROVED
    )
    occupations = list(pending.order_by("code"))
    vocabulary = services.drafting_vocabulary()
    approved = 0
    for occupation in occupations:
        with transaction.atomic():
            standard = services.standard_draft(
                actor=author, occupation=occupation, vocabulary=vocabulary, use_model=False
            )
            services.standard_submit(actor=author, standard=standard)
            services.standard_approve(
                actor=reviewer, standard=standard, comment="演示数据：审核通过"
            )
        approved += 1
        if progress is not None:
            progress(approved, len(occupations))
    return approved
