"""Issuing and revoking certificates.

``certificate_issue`` is what other apps call (an assessment's level decision, say) to award
a person an occupation at a level: it signs an Open Badges 3.0 credential with the issuer's
active key and gives it a revocation bit. The person appears in the credential only under a
random URN (``Holder``), never by name, phone or ID number."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import Organisation, User
from zhijiang.common.audit import AuditAction, audit_record
from zhijiang.common.errors import ApplicationError
from zhijiang.common.notifications import notify
from zhijiang.credentials.keys import active_key_for_signing
from zhijiang.credentials.keystore import signing_key_of, whole_second_now
from zhijiang.credentials.models import AchievementType, Certificate, Holder, IssuerKey
from zhijiang.credentials.selectors import issuer_for, issuer_uri, valid_certificates
from zhijiang.credentials.status import status_entry_allocate, status_list_publish
from zhijiang.occupations.analysis import certified_skills_set
from zhijiang.occupations.levels import off_ladder_problem
from zhijiang.occupations.models import InternationalLink, Occupation, Standard
from zhijiang.occupations.selectors import approved_standard, skills_certified_at
from zhijiang_engine.credentials import (
    Alignment,
    CertificateClaim,
    StatusPointer,
    add_proof,
    unsigned_certificate,
)
from zhijiang_engine.credentials import Occupation as OccupationClaim

MAX_EVIDENCE = 2000


@dataclass(frozen=True)
class CertificateRequest:
    """What one certificate states; a dual certificate is two of these."""

    issuer: Organisation
    occupation: Occupation
    level: int
    evidence: str
    valid_until: datetime | None = None
    achievement_type: str = AchievementType.CERTIFICATE
    standard: Standard | None = None  # the standard assessed against; default: the approved one
    specialism: str = ""  # the 专业方向 assessed at a level split into directions


def certificate_issue(
    *,
    actor: Any,
    issuer: Organisation,
    person: User,
    occupation: Occupation,
    level: int,
    evidence: str,
    valid_until: datetime | None = None,
    achievement_type: str = AchievementType.CERTIFICATE,
    standard: Standard | None = None,
    specialism: str = "",
) -> Certificate:
    """Sign and record a certificate: ``person`` reached ``level`` of ``occupation``'s ladder
    (1 学徒工 … 8 首席技师; 2 初级 … 4 高级 for a professional of 大类 2), as assessed by
    ``issuer`` (an assessment body or the bureau). ``actor`` must be the issuer's assessor
    (bureau: officer). ``evidence`` is a short summary of how it was assessed; ``valid_until``
    is optional and must be later than now. The skills of ``standard`` (the occupation's
    approved standard when not given) up to ``level`` become verified skills on the person's
    job profile. ``specialism`` names the 专业方向 assessed (the certificate then reads
    "中级 · 机器学习方向"); the caller has checked it against the standard.
    Raises ApplicationError (code and field) for any refused input; changes nothing then."""
    request = CertificateRequest(
        issuer, occupation, level, evidence, valid_until, achievement_type, standard, specialism
    )
    with transaction.atomic():
        (certificate,) = _issue(actor=actor, person=person, requests=[request])
    return certificate


def dual_certificate_issue(
    *, actor: Any, person: User, first: CertificateRequest, second: CertificateRequest
) -> tuple[Certificate, Certificate]:
    """Two certificates for one person that name each other (``pairedCredential``) inside their
    signatures, e.g. a skill level certificate and a licence; each issuer signs its own. The
    actor must sign for both issuers."""
    with transaction.atomic():
        issued = _issue(actor=actor, person=person, requests=[first, second])
    return issued[0], issued[1]


def _issue(*, actor: Any, person: User, requests: list[CertificateRequest]) -> list[Certificate]:
    for request in requests:
        issuer_for(user=actor, organisation_id=request.issuer.pk)
    cleaned = [_checked(request) for request in requests]
    subject_id = _holder(person).subject_id
    # Keys first (one may be made now): a key's validity must start before what it signs.
    keys = [active_key_for_signing(actor=actor, organisation=r.issuer) for r in requests]
    now = whole_second_now()
    ids = [uuid.uuid4() for _request in requests]
    certificates = []
    for position, (request, evidence) in enumerate(zip(requests, cleaned, strict=True)):
        paired = ids[1 - position] if len(ids) == 2 else None
        certificates.append(
            _sign_and_store(
                actor=actor,
                person=person,
                request=request,
                key=keys[position],
                evidence=evidence,
                subject_id=subject_id,
                identifier=ids[position],
                paired=paired,
                now=now,
            )
        )
    if len(certificates) == 2:
        first, second = certificates
        first.paired_with, second.paired_with = second, first
        first.save(update_fields=["paired_with"])
        second.save(update_fields=["paired_with"])
    for request, certificate in zip(requests, certificates, strict=True):
        standard = request.standard or approved_standard(request.occupation)
        if standard is not None:
            certificate.verified_skills.set(
                skills_certified_at(standard=standard, level=request.level)
            )
    profile_skills_sync(person=person)
    for certificate in certificates:
        audit_record(actor=actor, action=AuditAction.CREDENTIALS_CERTIFICATE_ISSUE,
                     target=certificate, district=certificate.issuer.district)  # fmt: skip
        notify(
            user=person,
            kind="credentials.issued",
            params={"certificate": _title(certificate), "issuer": certificate.issuer.name},
            link=f"/credentials/c/{certificate.uuid}/",
        )
    return certificates


def _checked(request: CertificateRequest) -> str:
    """The cleaned evidence text; ApplicationError naming the field for any bad input."""
    evidence = (request.evidence or "").strip()
    problems: dict[str, Any] = {}
    off_ladder = off_ladder_problem(int(request.level), request.occupation)
    if off_ladder is not None:
        problems["level"] = off_ladder
    if request.occupation.level != Occupation.Level.OCCUPATION:
        problems["occupation"] = _("Certificates are for an occupation, not a group of them.")
    if not evidence or len(evidence) > MAX_EVIDENCE:
        problems["evidence"] = _("Summarise the evidence in 1 to 2,000 characters.")
    if request.valid_until is not None and request.valid_until <= whole_second_now():
        problems["valid_until"] = _("The expiry date must be in the future.")
    if request.achievement_type not in AchievementType.values:
        problems["achievement_type"] = _("Choose a certificate or a licence.")
    if problems:
        field, message = next(iter(problems.items()))
        raise ApplicationError(message, code=f"invalid_{field}", fields=problems)
    return evidence


def _holder(person: User) -> Holder:
    holder, _created = Holder.objects.get_or_create(
        person=person, defaults={"subject_id": f"urn:uuid:{uuid.uuid4()}"}
    )
    return holder


def occupation_claim(occupation: Occupation) -> OccupationClaim:
    """The occupation as the credential states it: CSCO code and name, with its ISCO-08 and
    ESCO alignments where the occupation is linked to them."""
    links = {link.scheme: link for link in occupation.links.all()}
    alignments = []
    for scheme, framework in ((InternationalLink.Scheme.ISCO08, "ISCO-08"),
                              (InternationalLink.Scheme.ESCO, "ESCO")):  # fmt: skip
        link = links.get(scheme)
        if link is not None:
            alignments.append(Alignment(framework, link.code, link.label, link.uri or None))
    english = links.get(InternationalLink.Scheme.ESCO) or links.get(InternationalLink.Scheme.ISCO08)
    return OccupationClaim(
        csco_code=occupation.code,
        name_zh=occupation.name,
        name_en=english.label if english else "",
        alignments=tuple(alignments),
    )


def _sign_and_store(
    *,
    actor: Any,
    person: User,
    request: CertificateRequest,
    key: IssuerKey,
    evidence: str,
    subject_id: str,
    identifier: uuid.UUID,
    paired: uuid.UUID | None,
    now: datetime,
) -> Certificate:
    status_list, index = status_entry_allocate(organisation=request.issuer, key=key, now=now)
    valid_until = request.valid_until.replace(microsecond=0) if request.valid_until else None
    claim = CertificateClaim(
        credential_id=f"urn:uuid:{identifier}",
        issuer_id=issuer_uri(request.issuer.pk),
        issuer_name=request.issuer.name,
        subject_id=subject_id,
        occupation=occupation_claim(request.occupation),
        level_rank=int(request.level),
        valid_from=now,
        evidence_summary=evidence,
        valid_until=valid_until,
        achievement_type=request.achievement_type,
        status=StatusPointer(status_list.list_credential_id, index),
        paired_credential_id=f"urn:uuid:{paired}" if paired else None,
        specialism=request.specialism or None,
    )
    credential = add_proof(unsigned_certificate(claim), key=signing_key_of(key), created=now)
    key.last_used_at = now
    key.save(update_fields=["last_used_at"])
    return Certificate.objects.create(
        uuid=identifier,
        person=person,
        issuer=request.issuer,
        occupation=request.occupation,
        level=int(request.level),
        specialism=request.specialism,
        achievement_type=request.achievement_type,
        issued_at=now,
        valid_until=valid_until,
        evidence=evidence,
        credential=credential,
        signing_key=key,
        status_list=status_list,
        status_index=index,
        issued_by=actor if getattr(actor, "pk", None) else None,
    )


def _title(certificate: Certificate) -> str:
    return str(certificate.credential.get("name", certificate.occupation.name))


@transaction.atomic
def certificate_revoke(*, actor: Any, certificate: Certificate, reason: str) -> Certificate:
    """Revoke a certificate: its bit in the status list is set and the list is re-signed and
    republished, so every verifier sees the revocation from now on."""
    issuer = issuer_for(user=actor, organisation_id=certificate.issuer_id)
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    reason = (reason or "").strip()
    if not reason:
        message = _("Say why the certificate is revoked.")
        raise ApplicationError(message, code="reason_required", fields={"reason": message})
    if certificate.revoked_at is not None:
        raise ApplicationError(_("This certificate is already revoked."), code="already_revoked")
    key = active_key_for_signing(actor=actor, organisation=issuer)
    now = whole_second_now()
    certificate.revoked_at = now
    certificate.revocation_reason = reason[:500]
    certificate.save(update_fields=["revoked_at", "revocation_reason"])
    status_list_publish(status_list=certificate.status_list, key=key, now=now)
    profile_skills_sync(person=certificate.person)
    audit_record(actor=actor, action=AuditAction.CREDENTIALS_CERTIFICATE_REVOKE, target=certificate,
                 changes={"reason": [None, reason[:200]]}, district=issuer.district)  # fmt: skip
    notify(
        user=certificate.person,
        kind="credentials.revoked",
        params={"certificate": _title(certificate), "issuer": issuer.name, "reason": reason[:200]},
        link=f"/credentials/c/{certificate.uuid}/",
    )
    return certificate


def profile_skills_sync(*, person: User) -> None:
    """The person's certificate-verified skills become exactly what their valid certificates
    attest: issuing adds skills, revocation and expiry take away those no other certificate
    still verifies. Runs inside the caller's transaction."""
    valid = valid_certificates(person_ids=[person.pk])
    skill_ids = set(
        Certificate.verified_skills.through.objects.filter(certificate__in=valid).values_list(
            "skill_id", flat=True
        )
    )
    certified_skills_set(user=person, skill_ids=skill_ids)
