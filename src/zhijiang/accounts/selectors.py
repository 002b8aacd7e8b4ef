"""Reads, each scoped to what the acting user may see. The scoping *is* the access check."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import (
    ConsentRecord,
    DeletionRequest,
    Membership,
    Organisation,
    Role,
    User,
)
from zhijiang.accounts.personal_data import personal_data_collect
from zhijiang.common.errors import NotFoundError, PermissionDeniedError
from zhijiang.common.models import AuditEvent, District

CITY_ROLES = {Role.BUREAU_OFFICER, Role.ADMIN}
OFFICER_ROLES = {Role.BUREAU_OFFICER, Role.ADMIN, Role.DISTRICT_OFFICER}


def roles_of(user: Any) -> set[str]:
    """The roles a user holds (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached: set[str] | None = getattr(user, "_zj_roles", None)
    if cached is None:
        cached = set(Membership.objects.filter(user=user).values_list("role", flat=True))
        if user.is_superuser:
            cached.add(Role.ADMIN)
        user._zj_roles = cached
    return cached


def is_city_officer(user: Any) -> bool:
    return bool(roles_of(user) & CITY_ROLES)


def is_officer(user: Any) -> bool:
    return bool(roles_of(user) & OFFICER_ROLES)


def officer_district_ids(user: Any) -> set[int]:
    """Districts a district officer answers for (through their district offices)."""
    if Role.DISTRICT_OFFICER not in roles_of(user):
        return set()
    return set(
        Membership.objects.filter(
            user=user, role=Role.DISTRICT_OFFICER, organisation__district__isnull=False
        ).values_list("organisation__district_id", flat=True)
    )


def organisation_ids_of(user: Any, roles: set[str] | None = None) -> set[int]:
    """Organisations the user is staff of (optionally only through the given roles)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    memberships = Membership.objects.filter(user=user, organisation__isnull=False)
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return set(memberships.values_list("organisation_id", flat=True))


def require_officer(user: Any) -> None:
    if not is_officer(user):
        raise PermissionDeniedError(_("Only bureau and district officers may do this."))


def districts_for(*, user: Any) -> QuerySet[District]:
    """Districts the user may act on as an officer (all of them for city officers)."""
    if is_city_officer(user):
        return District.objects.all()
    return District.objects.filter(id__in=officer_district_ids(user))


def people_for(*, user: Any) -> QuerySet[User]:
    """Learners and job seekers visible to the user."""
    learners = User.objects.filter(memberships__role=Role.LEARNER).distinct()
    if is_city_officer(user):
        return learners.select_related("district")
    districts = officer_district_ids(user)
    if districts:
        return learners.filter(district_id__in=districts).select_related("district")
    if Role.LEARNER in roles_of(user):
        return learners.filter(pk=user.pk).select_related("district")
    return User.objects.none()


def person_for(*, user: Any, person_id: int) -> User:
    person = people_for(user=user).filter(pk=person_id).first()
    if person is None:
        raise NotFoundError(_("No such person, or you may not see them."))
    return person


def organisations_for(*, user: Any) -> QuerySet[Organisation]:
    """Organisations visible to the user: all for city officers, their district's for
    district officers, and their own for staff."""
    queryset = Organisation.objects.select_related("district")
    if is_city_officer(user):
        return queryset
    return queryset.filter(
        Q(district_id__in=officer_district_ids(user)) | Q(id__in=organisation_ids_of(user))
    )


def organisation_for(*, user: Any, organisation_id: int) -> Organisation:
    organisation = organisations_for(user=user).filter(pk=organisation_id).first()
    if organisation is None:
        raise NotFoundError(_("No such organisation, or you may not see it."))
    return organisation


def members_of(*, user: Any, organisation: Organisation) -> QuerySet[Membership]:
    """Staff of an organisation the user can see (call organisation_for first)."""
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("role", "user__username")
    )


def can_manage_organisation(*, user: Any, organisation: Organisation) -> bool:
    """City officers manage every organisation; district officers those of their district,
    except government offices."""
    if is_city_officer(user):
        return True
    return organisation.district_id in officer_district_ids(user) and organisation.kind not in {
        "bureau",
        "district_office",
    }


def audit_events_for(*, user: Any) -> QuerySet[AuditEvent]:
    if is_city_officer(user):
        return AuditEvent.objects.select_related("district")
    districts = officer_district_ids(user)
    if districts:
        return AuditEvent.objects.filter(district_id__in=districts).select_related("district")
    raise PermissionDeniedError(_("Only bureau and district officers may read the audit log."))


def deletion_requests_for(*, user: Any) -> QuerySet[DeletionRequest]:
    queryset = DeletionRequest.objects.select_related("user", "user__district", "decided_by")
    if is_city_officer(user):
        return queryset
    districts = officer_district_ids(user)
    if districts:
        return queryset.filter(user__district_id__in=districts)
    raise PermissionDeniedError(
        _("Only bureau and district officers may review deletion requests.")
    )


def deletion_request_for(*, user: Any, request_id: int) -> DeletionRequest:
    request = deletion_requests_for(user=user).filter(pk=request_id).first()
    if request is None:
        raise NotFoundError(_("No such deletion request, or you may not see it."))
    return request


def active_consents(*, user: User) -> dict[str, ConsentRecord]:
    """The consents a person currently gives, by purpose."""
    records = ConsentRecord.objects.filter(user=user, withdrawn_at__isnull=True)
    return {record.purpose: record for record in records}


def personal_data_export(*, user: User) -> dict[str, Any]:
    """Everything the platform holds about the person, as they may download it (PIPL art. 45):
    the sections every app registers (``accounts/personal_data.py``), for the signed-in user
    only. ID and mobile numbers appear masked: the platform does not hold the raw ID number.
    """
    return personal_data_collect(user=user)


def learners_served_count() -> int:
    """How many people hold a learner's account (active, not anonymised): the public front
    page's figure."""
    return (
        Membership.objects.filter(
            role=Role.LEARNER, user__is_active=True, user__anonymized_at__isnull=True
        )
        .values("user_id")
        .distinct()
        .count()
    )
