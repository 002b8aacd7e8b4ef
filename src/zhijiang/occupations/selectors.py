"""Reads of occupations, skills and standards, scoped to what the user may see.

The taxonomy, the vocabulary and approved or retired standards are public. Drafts and
standards in review are visible to officers only.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts import selectors as account_selectors
from zhijiang.accounts.models import Role
from zhijiang.common.errors import NotFoundError, PermissionDeniedError
from zhijiang.occupations.documents import standard_with_tree
from zhijiang.occupations.models import (
    InternationalLink,
    Occupation,
    Requirement,
    Skill,
    Standard,
)
from zhijiang_engine.taxonomy import SearchEntry, rank_search

PUBLIC_STATUSES = (Standard.Status.APPROVED, Standard.Status.RETIRED)


def occupations() -> QuerySet[Occupation]:
    return Occupation.objects.prefetch_related(
        Prefetch("links", queryset=InternationalLink.objects.order_by("scheme"))
    )


def occupation_by_code(code: str) -> Occupation:
    occupation = occupations().filter(code=code).first()
    if occupation is None:
        raise NotFoundError(_("No occupation has this code."))
    return occupation


def occupation_search(
    *, query: str = "", digital: bool = False, green: bool = False, level: int | None = None
) -> list[Occupation]:
    """Occupations matching a name, alias, code or words of the definition, best first."""
    candidates = occupations().select_related("parent")
    if digital:
        candidates = candidates.filter(is_digital=True)
    if green:
        candidates = candidates.filter(is_green=True)
    if level:
        candidates = candidates.filter(level=level)
    query = query.strip()
    if not query:
        return list(candidates.order_by("code"))
    folded = query.casefold()
    candidates = candidates.filter(
        Q(search_text__contains=folded) | Q(definition__icontains=query) | Q(code__startswith=query)
    )
    by_code = {o.code: o for o in candidates}
    entries = [
        SearchEntry(o.code, o.name, tuple(o.aliases), o.definition, o.level)
        for o in by_code.values()
    ]
    return [by_code[code] for code in rank_search(entries, query, limit=len(entries))]


def skills(*, query: str = "", kind: str = "", hot: bool = False) -> QuerySet[Skill]:
    found = Skill.objects.all()
    if query:
        found = found.filter(
            Q(key__contains=query.casefold()) | Q(label_zh__icontains=query)
            | Q(label_en__icontains=query)
        )  # fmt: skip
    if kind:
        found = found.filter(kind=kind)
    if hot:
        found = found.filter(is_hot=True)
    return found.order_by("-is_hot", "key")


SKILL_LIST_SEPARATOR = "、"


def skill_lists_display(values: list[Any]) -> list[str]:
    """Lists of skill keys (a list, or keys joined by 、 as notifications store them) as lists
    of labels in the active language, with one query for all of them; a value that is not a
    known key is shown as it is."""
    lists = [
        list(value) if isinstance(value, list) else str(value).split(SKILL_LIST_SEPARATOR)
        for value in values
    ]
    keys = {str(key) for keys in lists for key in keys}
    labels = {skill.key: skill.label for skill in Skill.objects.filter(key__in=keys)}
    return [SKILL_LIST_SEPARATOR.join(labels.get(str(k), str(k)) for k in keys) for keys in lists]


def can_edit_standards(user: Any) -> bool:
    """Officers draft, edit and send standards to review."""
    return account_selectors.is_officer(user)


def can_approve_standards(user: Any) -> bool:
    """Only city (bureau) officers approve and retire standards."""
    return bool(account_selectors.roles_of(user) & {Role.BUREAU_OFFICER, Role.ADMIN})


def standards_for(*, user: Any) -> QuerySet[Standard]:
    queryset = Standard.objects.select_related("occupation")
    if can_edit_standards(user):
        return queryset
    return queryset.filter(status__in=PUBLIC_STATUSES)


def standard_for(*, user: Any, standard_id: int, tree: bool = False) -> Standard:
    queryset = standards_for(user=user).select_related(
        "created_by", "submitted_by", "approved_by", "occupation"
    )
    if tree:
        queryset = queryset.prefetch_related(standard_with_tree(), "comments__author")
    standard = queryset.filter(pk=standard_id).first()
    if standard is None:
        raise NotFoundError(_("No such standard, or you may not see it."))
    return standard


def approved_standard(occupation: Occupation) -> Standard | None:
    """The version that courses and exams use."""
    return occupation.standards.filter(status=Standard.Status.APPROVED).first()


def skills_of_standard(standard: Standard, *, limit: int = 24) -> QuerySet[Skill]:
    """The skills a standard's requirements develop, the most often named first."""
    return (
        Skill.objects.filter(requirements__content__function__level__standard=standard)
        .annotate(mentions=Count("requirements"))
        .order_by("-mentions", "key")[:limit]
    )


def skills_certified_at(*, standard: Standard, level: int) -> QuerySet[Skill]:
    """The vocabulary skills a certificate at ``level`` attests: those the standard's
    requirements develop at that level and below (each level of a national standard includes
    the ones beneath it). Terms the drafter coined for the standard itself are left out."""
    return (
        Skill.objects.filter(
            requirements__content__function__level__standard=standard,
            requirements__content__function__level__rank__lte=level,
        )
        .exclude(sources=["standard"])
        .distinct()
        .order_by("key")
    )


def require_editor(user: Any) -> None:
    if not can_edit_standards(user):
        raise PermissionDeniedError(_("Only officers may draft and edit standards."))


def review_queue(*, user: Any) -> QuerySet[Standard]:
    if not can_approve_standards(user):
        raise PermissionDeniedError(_("Only bureau officers review standards."))
    return Standard.objects.filter(status=Standard.Status.IN_REVIEW).select_related(
        "occupation", "submitted_by"
    )


def skill_count_of(*, user: Any) -> int:
    """How many distinct skills the person's own profile lists, whatever their source."""
    return Skill.objects.filter(people__user=user).values("pk").distinct().count()


def drafted_requirements() -> QuerySet[Requirement]:
    """Requirements of standards a drafter wrote (offline, or a language model), not of
    imported or copied versions nor of retired ones: what the bureau's quality review samples.
    Not scoped to a user: the caller (analytics) lets officers only."""
    drafted = Q(content__function__level__standard__source="offline") | Q(
        content__function__level__standard__source__startswith="llm:"
    )
    return Requirement.objects.filter(drafted).exclude(
        content__function__level__standard__status=Standard.Status.RETIRED
    )


def occupations_with_standards() -> QuerySet[Occupation]:
    """Occupations with a standard that is not retired, by code: those the platform's
    generated content (standards, items, courses) is about."""
    return (
        Occupation.objects.filter(
            standards__status__in=[
                Standard.Status.DRAFT,
                Standard.Status.IN_REVIEW,
                Standard.Status.APPROVED,
            ]
        )
        .distinct()
        .order_by("code")
    )
