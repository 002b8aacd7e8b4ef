"""The officers' page for checking the certificates people declared on their job profiles
against the national register: the list by state, and each check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhijiang.common.errors import ApplicationError
from zhijiang.common.forms import flash_service_error
from zhijiang.common.requests import signed_in_user
from zhijiang.jobs import profiles, selectors
from zhijiang.jobs.forms import CertificateCheckForm
from zhijiang.jobs.models import HeldCertificate

PAGE_SIZE = 25
STATES = [*HeldCertificate.State.values, selectors.CHECK_FILTER_ALL]


def _list_url(state: str) -> str:
    state = state if state in STATES else HeldCertificate.State.UNCHECKED
    return reverse("jobs:certificates") + "?" + urlencode({"state": state})


@login_required
def certificates_view(request: HttpRequest) -> HttpResponse:
    """The declared certificates of the officer's people, waiting ones first by default; htmx
    asks for the table alone when it pages."""
    user = signed_in_user(request)
    state = request.GET.get("state", HeldCertificate.State.UNCHECKED)
    rows = selectors.declared_certificates_for(user=user, state=state)
    filters = request.GET.copy()
    filters.pop("page", None)
    encoded = filters.urlencode()
    context = {
        "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
        "query_string": encoded + "&" if encoded else "",
        "state": state,
        "tabs": [*HeldCertificate.State.choices, (selectors.CHECK_FILTER_ALL, _("All"))],
    }
    partial = request.headers.get("HX-Request")
    template = "jobs/_certificates_table.html" if partial else "jobs/certificates.html"
    return render(request, template, context)


@login_required
@require_POST
def certificate_check_view(request: HttpRequest, certificate_id: int) -> HttpResponse:
    user = signed_in_user(request)
    certificate = selectors.declared_certificate_for(user=user, certificate_id=certificate_id)
    back = _list_url(request.POST.get("state", ""))
    form = CertificateCheckForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Choose confirmed or not confirmed; a note is 500 characters at most.")
        )
        return redirect(back)
    try:
        profiles.certificate_check(
            actor=user,
            certificate=certificate,
            confirmed=form.cleaned_data["confirmed"],
            note=form.cleaned_data["note"],
        )
    except ApplicationError as error:
        flash_service_error(request, error)
    else:
        person = certificate.user.full_name or certificate.user.username
        done = _("The check is recorded and %(person)s is told in the app.")
        messages.success(request, done % {"person": person})
    return redirect(back)
