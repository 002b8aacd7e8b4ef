"""Reads of the credentials app, each scoped to what the caller may see.

Issuer staff are the members of an issuing organisation (an assessment body or the bureau)
with the role that issues there: assessors of an assessment body, bureau officers of the
bureau. Certificates and the published documents are public by their unguessable ids."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import Membership, Organisation, OrganisationKind, Role
from zhijiang.accounts.selectors import roles_of
from zhijiang.common.errors import NotFoundError, PermissionDeniedError
from zhijiang.credentials.models import Certificate, IssuerKey, StatusList

# The role through which staff of each kind of issuing organisation may sign certificates.
ISSUING_ROLE: dict[str, str] = {
    OrganisationKind.ASSESSMENT_BODY: Role.ASSESSOR,
    OrganisationKind.BUREAU: Role.BUREAU_OFFICER,
}


def issuer_uri(organisation_id: int) -> str:
    """The issuer id written into credentials: the issuer profile's address."""
    return f"{settings.PUBLIC_URL}/credentials/issuers/{organisation_id}"


def issuer_organisation_ids(user: Any) -> set[int]:
    """Issuing organisations in which the user holds the issuing role."""
    if not getattr(user, "is_authenticated", False):
        return set()
    memberships = Membership.objects.filter(
        user=user, organisation__kind__in=list(ISSUING_ROLE)
    ).values_list("organisation_id", "organisation__kind", "role")
    return {org_id for org_id, kind, role in memberships if ISSUING_ROLE.get(kind) == role}


def is_issuer_staff(user: Any) -> bool:
    return bool(issuer_organisation_ids(user))


def issuers_for(*, user: Any) -> QuerySet[Organisation]:
    """The issuing organisations the user signs for."""
    return Organisation.objects.filter(pk__in=issuer_organisation_ids(user)).order_by("name")


def issuer_for(*, user: Any, organisation_id: int) -> Organisation:
    """An issuing organisation the user signs for; refuses everyone else."""
    organisation = issuers_for(user=user).filter(pk=organisation_id).first()
    if organisation is None:
        raise PermissionDeniedError(
            _("Only the issuer's assessors (or, for the bureau, its officers) may do this."),
            code="not_issuer_staff",
        )
    return organisation


def public_issuer(*, organisation_id: int) -> Organisation:
    """An organisation that may issue certificates, for its public documents."""
    organisation = Organisation.objects.filter(
        pk=organisation_id, kind__in=list(ISSUING_ROLE)
    ).first()
    if organisation is None:
        raise NotFoundError(_("No such certificate issuer."))
    return organisation


def keys_of(*, organisation: Organisation) -> QuerySet[IssuerKey]:
    """All keys of an issuer, oldest first: current, retired and revoked."""
    return IssuerKey.objects.filter(organisation=organisation).order_by("number")


def status_list_of(*, organisation_id: int, number: int) -> StatusList:
    found = StatusList.objects.filter(organisation_id=organisation_id, number=number).first()
    if found is None:
        raise NotFoundError(_("No such status list."))
    return found


def _certificates() -> QuerySet[Certificate]:
    return Certificate.objects.select_related(
        "issuer", "occupation", "person", "paired_with", "status_list"
    ).prefetch_related("occupation__links")


def public_certificate(*, uuid: UUID | str) -> Certificate:
    """A certificate by its id: anyone holding the link may see and verify it."""
    try:
        value = uuid if isinstance(uuid, UUID) else UUID(str(uuid))
    except ValueError:
        raise NotFoundError(_("No such certificate.")) from None
    certificate = _certificates().filter(uuid=value).first()
    if certificate is None:
        raise NotFoundError(_("No such certificate."))
    return certificate


def public_certificate_state(*, uuid: UUID) -> tuple[Any, datetime.datetime | None] | None:
    """A certificate's signed credential and revocation moment, or None when there is none:
    what its public page shows that can change."""
    return Certificate.objects.filter(uuid=uuid).values_list("credential", "revoked_at").first()


def certificates_of(*, user: Any) -> QuerySet[Certificate]:
    """A person's own certificates."""
    if not getattr(user, "is_authenticated", False):
        return Certificate.objects.none()
    return _certificates().filter(person=user)


def certificates_issued_by(*, user: Any, organisation: Organisation) -> QuerySet[Certificate]:
    """Certificates of an issuer the user signs for (call ``issuer_for`` first)."""
    if organisation.pk not in issuer_organisation_ids(user):
        return Certificate.objects.none()
    return _certificates().filter(issuer=organisation)


def managed_certificate(*, user: Any, uuid: UUID | str) -> Certificate:
    """A certificate the user may revoke: one issued by an organisation they sign for."""
    certificate = public_certificate(uuid=uuid)
    if certificate.issuer_id not in issuer_organisation_ids(user):
        raise PermissionDeniedError(
            _("Only staff of the issuer may revoke this certificate."), code="not_issuer_staff"
        )
    return certificate


def valid_certificates(
    *, person_ids: list[int], at: datetime.datetime | None = None
) -> QuerySet[Certificate]:
    """The certificates of these people that count at ``at`` (now): neither revoked nor
    expired. What matching, the career planner and the job profile read as verified."""
    moment = at or timezone.now()
    return Certificate.objects.filter(person_id__in=person_ids, revoked_at__isnull=True).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gt=moment)
    )


@dataclass(frozen=True)
class CertifiedLevel:
    """One valid certificate as the job profile and the matcher see it."""

    person_id: int
    uuid: str
    occupation_id: int
    occupation_code: str
    level: int
    issuer: str
    issued_on: datetime.date
    skill_keys: frozenset[str]


def certified_levels(*, person_ids: list[int]) -> dict[int, list[CertifiedLevel]]:
    """Per person, their valid certificates with the skills each verifies, highest level
    first; two queries for any number of people."""
    certificates = list(
        valid_certificates(person_ids=person_ids)
        .select_related("occupation", "issuer")
        .order_by("-level", "-issued_at")
    )
    skills: dict[int, set[str]] = {}
    through = Certificate.verified_skills.through.objects.filter(
        certificate__in=[c.pk for c in certificates]
    )
    for certificate_id, key in through.values_list("certificate_id", "skill__key"):
        skills.setdefault(certificate_id, set()).add(key)
    result: dict[int, list[CertifiedLevel]] = {}
    for c in certificates:
        result.setdefault(c.person_id, []).append(
            CertifiedLevel(
                person_id=c.person_id,
                uuid=str(c.uuid),
                occupation_id=c.occupation_id,
                occupation_code=c.occupation.code,
                level=c.level,
                issuer=c.issuer.name,
                issued_on=timezone.localdate(c.issued_at),
                skill_keys=frozenset(skills.get(c.pk, ())),
            )
        )
    return result


def is_learner(user: Any) -> bool:
    return Role.LEARNER in roles_of(user)


def certificates_issued_count() -> int:
    """How many certificates the platform has issued: the public front page's figure (revoked
    ones included, since they were issued)."""
    return Certificate.objects.count()
