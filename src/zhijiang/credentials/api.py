"""API endpoints: a learner's certificates, public certificates and verification, issuing and
revoking (issuer staff), and issuers' public keys with rotation."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Router, Status

from zhijiang.accounts.models import User
from zhijiang.common.errors import ApplicationError, NotFoundError
from zhijiang.common.pagination import paginated
from zhijiang.common.params import Int64
from zhijiang.common.requests import signed_in_user
from zhijiang.credentials import keys, selectors, services
from zhijiang.credentials.models import Certificate, IssuerKey
from zhijiang.credentials.schemas import (
    CertificateDetailOut,
    CertificateIn,
    CertificateOut,
    CertificatePartIn,
    DualCertificateIn,
    KeyOut,
    RevokeIn,
    VerificationOut,
)
from zhijiang.credentials.verification import UnreadableDocument, parse_document, verify_document
from zhijiang.occupations.models import Occupation

router = Router(tags=["credentials"])

_ANY_JSON = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {"type": "object"}}},
        "description": "A credential, or a dual-certificate presentation, as JSON",
    }
}


def _detail(certificate: Certificate) -> Certificate:
    """The detail payload (CertificateDetailOut adds a verification made now)."""
    return selectors.public_certificate(uuid=certificate.uuid)


@router.get("/mine", response=list[CertificateOut])
@paginated
def my_certificates(request: HttpRequest) -> Any:
    """Your own certificates, newest first."""
    return selectors.certificates_of(user=signed_in_user(request))


@router.get("/certificates/{certificate_id}", response=CertificateDetailOut, auth=None)
def certificate_detail(request: HttpRequest, certificate_id: UUID) -> Any:
    """A certificate by its id (public), with its signed JSON and a verification made now."""
    return selectors.public_certificate(uuid=certificate_id)


@router.post("/verify", response=VerificationOut, auth=None, openapi_extra=_ANY_JSON)
def verify(request: HttpRequest) -> Any:
    """Verify a credential (public): the body is the credential JSON; the answer names each
    check with ok, failed or skipped and the reason. Bad input is reported, not refused."""
    try:
        document = parse_document(request.body)
    except UnreadableDocument as error:
        raise ApplicationError(
            _("The body is not one JSON document: %(problem)s") % {"problem": error},
            code="malformed",
        ) from None
    return verify_document(document).to_dict()


def _occupation(code: str, field: str = "occupation") -> Occupation:
    occupation = Occupation.objects.filter(code=code.strip()).first()
    if occupation is None:
        message = _("No occupation with this CSCO-2022 code.")
        raise ApplicationError(message, code="invalid_occupation", fields={field: message})
    return occupation


def _person(person_id: int) -> User:
    person = User.objects.filter(pk=person_id, is_active=True, anonymized_at__isnull=True).first()
    if person is None:
        message = _("No such person.")
        raise ApplicationError(message, code="invalid_person", fields={"person": message})
    return person


def _request(user: User, part: CertificatePartIn | CertificateIn) -> services.CertificateRequest:
    return services.CertificateRequest(
        issuer=selectors.issuer_for(user=user, organisation_id=part.issuer),
        occupation=_occupation(part.occupation),
        level=part.level,
        evidence=part.evidence,
        valid_until=part.valid_until,
        achievement_type=part.achievement_type,
    )


@router.post("/certificates", response={201: CertificateDetailOut})
def certificate_issue(request: HttpRequest, payload: CertificateIn) -> Any:
    """Issue a certificate (the issuer's assessors; for the bureau, its officers)."""
    user = signed_in_user(request)
    wanted = _request(user, payload)
    certificate = services.certificate_issue(
        actor=user, issuer=wanted.issuer, person=_person(payload.person),
        occupation=wanted.occupation, level=wanted.level, evidence=wanted.evidence,
        valid_until=wanted.valid_until, achievement_type=wanted.achievement_type,
    )  # fmt: skip
    return Status(201, _detail(certificate))


@router.post("/dual-certificates", response={201: list[CertificateOut]})
def dual_certificate_issue(request: HttpRequest, payload: DualCertificateIn) -> Any:
    """Issue two certificates that name each other (a dual certificate)."""
    user = signed_in_user(request)
    first, second = services.dual_certificate_issue(
        actor=user,
        person=_person(payload.person),
        first=_request(user, payload.first),
        second=_request(user, payload.second),
    )
    return Status(201, [selectors.public_certificate(uuid=c.uuid) for c in (first, second)])


@router.post("/certificates/{certificate_id}/revoke", response=CertificateDetailOut)
def certificate_revoke(request: HttpRequest, certificate_id: UUID, payload: RevokeIn) -> Any:
    """Revoke a certificate (the issuer's staff); the status list is republished at once."""
    user = signed_in_user(request)
    certificate = selectors.managed_certificate(user=user, uuid=certificate_id)
    services.certificate_revoke(actor=user, certificate=certificate, reason=payload.reason)
    return selectors.public_certificate(uuid=certificate_id)


@router.get("/issuers/{organisation_id}/keys", response=list[KeyOut], auth=None)
def issuer_keys(request: HttpRequest, organisation_id: Int64) -> Any:
    """An issuer's public keys, current, retired and revoked (public)."""
    organisation = selectors.public_issuer(organisation_id=organisation_id)
    return selectors.keys_of(organisation=organisation)


@router.post("/issuers/{organisation_id}/keys", response={201: KeyOut})
def issuer_key_rotate(request: HttpRequest, organisation_id: Int64) -> Any:
    """Rotate: a new active key; the old one is retired and keeps verifying what it signed."""
    user = signed_in_user(request)
    organisation = selectors.issuer_for(user=user, organisation_id=organisation_id)
    return Status(201, keys.key_rotate(actor=user, organisation=organisation))


@router.post("/issuers/{organisation_id}/keys/{number}/revoke", response=KeyOut)
def issuer_key_revoke(
    request: HttpRequest, organisation_id: Int64, number: Int64, payload: RevokeIn
) -> Any:
    """Revoke a compromised key: nothing it signed verifies any more."""
    user = signed_in_user(request)
    organisation = selectors.issuer_for(user=user, organisation_id=organisation_id)
    key = IssuerKey.objects.filter(organisation=organisation, number=number).first()
    if key is None:
        raise NotFoundError(_("No such key."))
    return keys.key_revoke(actor=user, key=key, reason=payload.reason)
