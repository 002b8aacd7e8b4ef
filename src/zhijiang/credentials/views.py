"""Public pages of the credentials app: a certificate's page, JSON and PDF, the verification
page, a learner's own certificates, and the documents verifiers fetch (issuer profile, key
registry, status lists). Issuer staff's pages are in ``manage_views``."""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhijiang.common.errors import NotFoundError
from zhijiang.common.forms import flash_service_error
from zhijiang.common.page_cache import public_page
from zhijiang.common.pdf import PdfFontMissing
from zhijiang.credentials import documents, selectors
from zhijiang.credentials.forms import VerifyForm
from zhijiang.credentials.levels import certificate_level_label
from zhijiang.credentials.models import Certificate
from zhijiang.credentials.reasons import readable_reason
from zhijiang.credentials.verification import (
    UnreadableDocument,
    Verification,
    parse_document,
    registry_of,
    stored_verification_state,
    verify_document,
    verify_stored,
)
from zhijiang_engine.credentials import (
    OB_CONTEXT,
    VC_CONTEXT,
    CheckName,
    CheckStatus,
    dual_certificate,
)

logger = logging.getLogger(__name__)

CREDENTIAL_TYPE = "application/vc"  # IANA media type of a W3C VC 2.0 credential
PRESENTATION_TYPE = "application/vp"
JSON_TYPE = "application/json"
CACHE_IMMUTABLE = "public, max-age=86400"
CACHE_SHORT = "public, max-age=60"
QR_CACHE_SECONDS = 3600  # a QR code depends on the page address alone

CHECK_LABELS = {
    CheckName.STRUCTURE: gettext_lazy("Format"),
    CheckName.PROOF: gettext_lazy("Signature"),
    CheckName.ISSUER_KEY: gettext_lazy("Issuer key"),
    CheckName.REVOCATION: gettext_lazy("Revocation"),
    CheckName.VALIDITY_PERIOD: gettext_lazy("Validity period"),
    CheckName.PAIRING: gettext_lazy("Pairing"),
}


OK, FAILED = CheckStatus.OK, CheckStatus.FAILED
# What each outcome means, in the reader's language; the engine's own reason (key ids, status
# bits), translated by ``reasons``, is shown beneath it as the technical detail.
CHECK_SUMMARIES = {
    (CheckName.STRUCTURE, OK): gettext_lazy("A well-formed Open Badges 3.0 certificate."),
    (CheckName.STRUCTURE, FAILED): gettext_lazy("This is not a well-formed certificate."),
    (CheckName.PROOF, OK): gettext_lazy("The issuer's signature matches: nothing was changed."),
    (CheckName.PROOF, FAILED): gettext_lazy(
        "The signature does not match: the content was changed or signed with another key."
    ),
    (CheckName.ISSUER_KEY, OK): gettext_lazy(
        "Signed with a key the issuer publishes, valid when the certificate was issued."
    ),
    (CheckName.ISSUER_KEY, FAILED): gettext_lazy(
        "The signing key is not one the issuer publishes, or it was not valid then."
    ),
    (CheckName.REVOCATION, OK): gettext_lazy("The issuer has not revoked it."),
    (CheckName.REVOCATION, FAILED): gettext_lazy("The issuer has revoked this certificate."),
    (CheckName.VALIDITY_PERIOD, OK): gettext_lazy("It is within its validity period."),
    (CheckName.VALIDITY_PERIOD, FAILED): gettext_lazy("It has expired, or is not valid yet."),
    (CheckName.PAIRING, OK): gettext_lazy("The paired certificates name each other."),
    (CheckName.PAIRING, FAILED): gettext_lazy("The paired certificates do not belong together."),
}
NOT_CHECKED = gettext_lazy("Not checked.")


def published_json(data: Any, *, content_type: str = JSON_TYPE, cache: str = CACHE_SHORT,
                   filename: str = "") -> HttpResponse:  # fmt: skip
    """A public JSON document any verifier (also a browser script elsewhere) may fetch."""
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body.encode("utf-8"), content_type=content_type)
    response["Cache-Control"] = cache
    response["Access-Control-Allow-Origin"] = "*"
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def verification_rows(verification: Verification) -> list[dict[str, Any]]:
    """One row per check for the templates, with a readable check name."""
    checks = [(report.credential_id, check) for report in verification.reports
              for check in report.checks]  # fmt: skip
    if verification.pairing is not None:
        checks.append((None, verification.pairing))
    return [
        {
            "credential": credential,
            "label": CHECK_LABELS[check.name],
            "status": check.status.value,
            "summary": CHECK_SUMMARIES.get((check.name, check.status), NOT_CHECKED),
            "reason": readable_reason(check.reason),
        }
        for credential, check in checks
    ]


def _holder_name(request: HttpRequest, certificate: Certificate) -> str:
    """The full name for the holder and the issuer's staff, masked for everyone else."""
    user = request.user
    name = certificate.person.full_name or certificate.person.get_username()
    if user.is_authenticated and (
        user.pk == certificate.person_id
        or certificate.issuer_id in selectors.issuer_organisation_ids(user)
    ):
        return name
    return documents.masked_name(name)


def _qr_svg(certificate: Certificate) -> SafeString:
    """The page's QR code, kept: drawing it costs more than the rest of the page."""
    key = "zhijiang.qr." + hashlib.sha256(documents.page_url(certificate).encode()).hexdigest()
    svg = cache.get(key)
    if not isinstance(svg, str):
        svg = documents.qr_svg(certificate)
        cache.set(key, str(svg), QR_CACHE_SECONDS)
    return mark_safe(str(svg))  # noqa: S308 - segno's markup, as documents.qr_svg made it


def _certificate_page_state(request: HttpRequest, certificate_id: UUID) -> str | None:
    """What a certificate's page shows that can change: its revocation and the state its
    verification depends on. A kept page is served only while both stay the same, so a
    revocation or a key's change shows at once, as without the page cache."""
    found = selectors.public_certificate_state(uuid=certificate_id)
    if found is None:
        return None
    credential, revoked_at = found
    kept_at_most = 2 * settings.PAGE_CACHE_SECONDS  # a kept page's whole life
    verification = stored_verification_state(credential, unchanged_for=kept_at_most)
    if verification is None:
        return None
    return f"{verification}:{revoked_at.isoformat() if revoked_at else ''}"


@public_page(version=_certificate_page_state)
def certificate_view(request: HttpRequest, certificate_id: UUID) -> HttpResponse:
    certificate = selectors.public_certificate(uuid=certificate_id)
    verification = verify_stored(certificate.credential)
    context = {
        "certificate": certificate,
        "level": certificate_level_label(certificate),
        "holder": _holder_name(request, certificate),
        "facts": documents.facts(certificate),
        "verification": verification,
        "rows": verification_rows(verification),
        "qr_svg": _qr_svg(certificate),
        "page_url": documents.page_url(certificate),
        "is_issuer_staff": certificate.issuer_id in selectors.issuer_organisation_ids(request.user),
    }
    return render(request, "credentials/certificate.html", context)


def certificate_json(request: HttpRequest, certificate_id: UUID) -> HttpResponse:
    """The signed credential exactly as issued."""
    certificate = selectors.public_certificate(uuid=certificate_id)
    download = f"certificate-{certificate.uuid}.json" if "download" in request.GET else ""
    return published_json(certificate.credential, content_type=CREDENTIAL_TYPE,
                          cache=CACHE_IMMUTABLE, filename=download)  # fmt: skip


def dual_json(request: HttpRequest, certificate_id: UUID) -> HttpResponse:
    """A dual certificate: the two paired credentials in one presentation."""
    certificate = selectors.public_certificate(uuid=certificate_id)
    if certificate.paired_with is None:
        raise NotFoundError(_("This certificate is not part of a dual certificate."))
    presentation = dual_certificate(certificate.credential, certificate.paired_with.credential)
    download = f"dual-certificate-{certificate.uuid}.json" if "download" in request.GET else ""
    return published_json(presentation, content_type=PRESENTATION_TYPE,
                          cache=CACHE_IMMUTABLE, filename=download)  # fmt: skip


def certificate_pdf(request: HttpRequest, certificate_id: UUID) -> HttpResponse:
    certificate = selectors.public_certificate(uuid=certificate_id)
    try:
        content = documents.certificate_pdf(
            certificate, holder_name=_holder_name(request, certificate)
        )
    except PdfFontMissing as error:
        flash_service_error(request, error)
        return redirect("credentials:certificate", certificate_id=certificate.uuid)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.uuid}.pdf"'
    return response


def verify_view(request: HttpRequest) -> HttpResponse:
    """Anyone pastes or uploads a credential and sees each check, with its reason."""
    form = VerifyForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        try:
            document = parse_document(form.text())
        except UnreadableDocument as error:
            context["unreadable"] = str(error)
        else:
            verification = _verify_safely(document)
            if verification is None:
                context["unreadable"] = _("The document could not be checked.")
            else:
                context["verification"] = verification
                context["rows"] = verification_rows(verification)
    return render(request, "credentials/verify.html", context)


def _verify_safely(document: object) -> Verification | None:
    try:
        return verify_document(document)
    except Exception:  # a public verifier reports; the log gets the error, not the document
        logger.exception("credential verification failed unexpectedly")
        return None


@login_required
def mine_view(request: HttpRequest) -> HttpResponse:
    certificates = selectors.certificates_of(user=request.user)
    rows = [{"certificate": c, "level": certificate_level_label(c)} for c in certificates]
    return render(request, "credentials/mine.html", {"rows": rows})


def _wants_json(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return "json" in accept and "text/html" not in accept


def issuer_profile(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """The issuer's Profile: JSON (with its keys as verification methods) for machines, a
    small page for people."""
    organisation = selectors.public_issuer(organisation_id=organisation_id)
    keys = list(selectors.keys_of(organisation=organisation).select_related("organisation"))
    issuer = selectors.issuer_uri(organisation.pk)
    if not _wants_json(request):
        context = {"organisation": organisation, "keys": keys, "issuer_id": issuer}
        response = render(request, "credentials/issuer.html", context)
        response["Vary"] = "Accept"
        return response
    registry = registry_of(keys)
    profile = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": issuer,
        "type": ["Profile"],
        "name": organisation.name,
        "url": issuer,
        "verificationMethod": [key.to_dict() for key in registry.keys],
        "assertionMethod": [key.key_id for key in registry.keys if key.revoked is None],
        "keyRegistry": f"{issuer}/keys.json",
    }
    response = published_json(profile, content_type="application/ld+json")
    response["Vary"] = "Accept"
    return response


def issuer_keys_json(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """The issuer's key registry (every key, with its dates), in the format KeyRegistry reads."""
    organisation = selectors.public_issuer(organisation_id=organisation_id)
    keys = selectors.keys_of(organisation=organisation).select_related("organisation")
    data = registry_of(keys).to_dict()
    if not data["issuers"]:
        data["issuers"] = [
            {"id": selectors.issuer_uri(organisation.pk), "name": organisation.name, "keys": []}
        ]
    return published_json(data)


def status_list_json(request: HttpRequest, organisation_id: int, number: int) -> HttpResponse:
    """A signed revocation status list, as last republished."""
    status_list = selectors.status_list_of(organisation_id=organisation_id, number=number)
    return published_json(status_list.credential, content_type=CREDENTIAL_TYPE)
