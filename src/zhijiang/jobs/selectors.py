"""Reads for positions, applications and profiles, each scoped to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import Role
from zhijiang.accounts.selectors import (
    is_city_officer,
    officer_district_ids,
    organisation_ids_of,
    roles_of,
)
from zhijiang.common.errors import NotFoundError
from zhijiang.jobs.models import Application, Position, PositionSkill, SeekerProfile


def _positions() -> QuerySet[Position]:
    return Position.objects.select_related("employer", "occupation", "district")


def employer_ids_of(user: Any) -> set[int]:
    """Employers the user posts for."""
    return organisation_ids_of(user, {Role.EMPLOYER_STAFF})


@dataclass(frozen=True)
class BoardFilters:
    """The job board's search and filters; empty values filter nothing."""

    q: str = ""
    occupation: str = ""  # a CSCO code at any level: the position's occupation starts with it
    district: str = ""
    pay_from: int | None = None  # positions paying at least this much at the top of the range
    level: int | None = None  # positions open to someone at this level
    employer: int | None = None


def board_positions(filters: BoardFilters) -> QuerySet[Position]:
    """Open positions for the public job board, newest first."""
    positions = _positions().filter(status=Position.Status.OPEN, employer__is_active=True)
    if filters.q.strip():
        for word in filters.q.split()[:5]:
            positions = positions.filter(
                Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(employer__name__icontains=word)
                | Q(occupation__name__icontains=word)
            )
    if filters.occupation:
        positions = positions.filter(occupation__code__startswith=filters.occupation)
    if filters.district:
        positions = positions.filter(district__code=filters.district)
    if filters.pay_from is not None:
        positions = positions.filter(pay_max__gte=filters.pay_from)
    if filters.level is not None:
        positions = positions.filter(Q(level_min__isnull=True) | Q(level_min__lte=filters.level))
    if filters.employer is not None:
        positions = positions.filter(employer_id=filters.employer)
    return positions


def public_position(*, position_id: int) -> Position:
    """A position as anyone may see it: open or closed, not paused."""
    position = (
        _positions()
        .exclude(status=Position.Status.PAUSED)
        .filter(pk=position_id, employer__is_active=True)
        .first()
    )
    if position is None:
        raise NotFoundError(_("No such position, or it is not open."))
    return position


def positions_for(*, user: Any) -> QuerySet[Position]:
    """Positions the user manages or oversees: their employers' (staff), their districts'
    (district officers), all (city officers)."""
    if is_city_officer(user):
        return _positions()
    return _positions().filter(
        Q(employer_id__in=employer_ids_of(user)) | Q(district_id__in=officer_district_ids(user))
    )


def position_for(*, user: Any, position_id: int) -> Position:
    position = positions_for(user=user).filter(pk=position_id).first()
    if position is None:
        raise NotFoundError(_("No such position, or you may not see it."))
    return position


def can_manage_position(*, user: Any, position: Position) -> bool:
    """Only the employer's own staff edit a position and move its applications."""
    return position.employer_id in employer_ids_of(user)


def applications_for(*, user: Any) -> QuerySet[Application]:
    """Applications the user may see: their own, their employers' positions', their districts'."""
    applications = Application.objects.select_related(
        "position", "position__employer", "position__district", "applicant"
    )
    if is_city_officer(user):
        return applications
    return applications.filter(
        Q(applicant=user)
        | Q(position__employer_id__in=employer_ids_of(user))
        | Q(position__district_id__in=officer_district_ids(user))
    )


def application_for(*, user: Any, application_id: int) -> Application:
    application = applications_for(user=user).filter(pk=application_id).first()
    if application is None:
        raise NotFoundError(_("No such application, or you may not see it."))
    return application


def applications_of_position(*, user: Any, position: Position) -> QuerySet[Application]:
    """The applications to a position the user manages or oversees (call position_for first)."""
    return applications_for(user=user).filter(position=position)


def profile_of(user: Any) -> SeekerProfile:
    """The person's own profile, created empty on first use."""
    profile, _created = SeekerProfile.objects.get_or_create(user=user)
    return profile


def is_seeker(user: Any) -> bool:
    return Role.LEARNER in roles_of(user)


def skill_demand(district: Any) -> dict[str, float]:
    """How much the open positions of a district ask for each skill: 2 per opening that
    requires it, 1 per opening that prefers it (the demand sample courses adapt to). Skills are
    named as standards name them (the Chinese label, else the English one)."""
    links = PositionSkill.objects.filter(
        position__status=Position.Status.OPEN,
        position__district=district,
        position__employer__is_active=True,
    ).values_list("skill__label_zh", "skill__label_en", "required", "position__headcount")
    demand: dict[str, float] = {}
    for label_zh, label_en, required, headcount in links:
        label = label_zh or label_en
        demand[label] = demand.get(label, 0.0) + (2.0 if required else 1.0) * headcount
    return demand
