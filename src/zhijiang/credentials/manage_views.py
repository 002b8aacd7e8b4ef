"""Issuer staff's pages: the certificates an issuer signed (with revocation) and its keys
(with rotation and revocation)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhijiang.common.errors import ApplicationError, NotFoundError, PermissionDeniedError
from zhijiang.common.forms import flash_service_error
from zhijiang.credentials import keys, selectors, services
from zhijiang.credentials.forms import ReasonForm
from zhijiang.credentials.models import IssuerKey
from zhijiang.occupations.levels import level_label

PAGE_SIZE = 30


@login_required
def manage_view(request: HttpRequest) -> HttpResponse:
    """Where issuer staff start: their issuer's certificates, or a choice of issuers."""
    issuers = list(selectors.issuers_for(user=request.user))
    if not issuers:
        raise PermissionDeniedError(
            _("Only the issuer's assessors (or, for the bureau, its officers) may do this.")
        )
    if len(issuers) == 1:
        return redirect("credentials:issued", organisation_id=issuers[0].pk)
    return render(request, "credentials/manage.html", {"issuers": issuers})


@login_required
def issued_view(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = selectors.issuer_for(user=request.user, organisation_id=organisation_id)
    found = selectors.certificates_issued_by(user=request.user, organisation=organisation)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {"certificate": c, "level": level_label(c.level, c.occupation.code)}
        for c in page.object_list
    ]
    return render(request, "credentials/issued.html",
                  {"organisation": organisation, "page": page, "rows": rows})  # fmt: skip


@login_required
@require_POST
def revoke_view(request: HttpRequest, organisation_id: int, certificate_id: UUID) -> HttpResponse:
    certificate = selectors.managed_certificate(user=request.user, uuid=certificate_id)
    if certificate.issuer_id != organisation_id:
        raise NotFoundError(_("No such certificate."))
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the certificate is revoked."))
    else:
        try:
            services.certificate_revoke(
                actor=request.user, certificate=certificate, reason=form.cleaned_data["reason"]
            )
        except ApplicationError as error:
            flash_service_error(request, error)
        else:
            messages.success(request, _("The certificate is revoked."))
    return redirect("credentials:issued", organisation_id=organisation_id)


@login_required
def keys_view(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = selectors.issuer_for(user=request.user, organisation_id=organisation_id)
    context = {
        "organisation": organisation,
        "keys": selectors.keys_of(organisation=organisation),
        "issuer_id": selectors.issuer_uri(organisation.pk),
    }
    return render(request, "credentials/keys.html", context)


@login_required
@require_POST
def key_rotate_view(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = selectors.issuer_for(user=request.user, organisation_id=organisation_id)
    try:
        key = keys.key_rotate(actor=request.user, organisation=organisation)
    except ApplicationError as error:
        flash_service_error(request, error)
    else:
        messages.success(
            request, _("New signing key #%(number)s is active.") % {"number": key.number}
        )
    return redirect("credentials:keys", organisation_id=organisation.pk)


@login_required
@require_POST
def key_revoke_view(request: HttpRequest, organisation_id: int, number: int) -> HttpResponse:
    organisation = selectors.issuer_for(user=request.user, organisation_id=organisation_id)
    key = IssuerKey.objects.filter(organisation=organisation, number=number).first()
    if key is None:
        raise NotFoundError(_("No such key."))
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the key is revoked."))
    else:
        try:
            keys.key_revoke(actor=request.user, key=key, reason=form.cleaned_data["reason"])
        except ApplicationError as error:
            flash_service_error(request, error)
        else:
            messages.success(request, _("The key is revoked."))
    return redirect("credentials:keys", organisation_id=organisation.pk)
