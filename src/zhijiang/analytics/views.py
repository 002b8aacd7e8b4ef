"""The quality review page: a seeded sample of generated content to accept or flag (htmx),
and the acceptance rates per generator version. The person's path: a timeline per person."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from zhijiang.analytics import selectors, services
from zhijiang.analytics.forms import DEFAULT_SIZE, SampleForm, VerdictForm
from zhijiang.analytics.models import ContentKind, ContentReview, FlagReason
from zhijiang.analytics.quality.units import unit_at
from zhijiang.analytics.timeline.build import timeline_for
from zhijiang.common.errors import ApplicationError
from zhijiang.common.requests import signed_in_user
from zhijiang.occupations.selectors import occupations_with_standards

NEW_SEED_BELOW = 1_000_000


def _rates_context(user: Any, kind: str, occupation: Any = None) -> dict[str, Any]:
    return {
        "rates": selectors.acceptance_rates(user=user, kind=kind, occupation=occupation),
        "rates_kind": ContentKind(kind).label if kind in ContentKind.values else "",
        "reasons": FlagReason.choices,
    }


@login_required
@require_GET
def quality_view(request: HttpRequest) -> HttpResponse:
    """The sample named by the URL (kind, occupation, size, seed); without a seed, the same
    URL with a new one, so that the address always names the sample and can be shared."""
    user = signed_in_user(request)
    selectors.require_reviewer(user)
    if not request.GET.get("seed"):
        query = request.GET.copy()
        query.setdefault("kind", ContentKind.ITEM)
        query["seed"] = str(secrets.randbelow(NEW_SEED_BELOW))
        return redirect(reverse("analytics:quality") + "?" + query.urlencode())
    form = SampleForm(request.GET, occupations=occupations_with_standards())
    context: dict[str, Any] = {"form": form, "units": [], "kind": request.GET.get("kind", "")}
    if not form.is_valid():
        return render(request, "analytics/quality.html", context, status=400)
    kind, occupation = form.cleaned_data["kind"], form.chosen_occupation()
    context.update(
        kind=kind,
        occupation=occupation,
        units=selectors.quality_sample(
            user=user,
            kind=kind,
            occupation=occupation,
            size=form.cleaned_data["size"] or DEFAULT_SIZE,
            seed=form.cleaned_data["seed"],
        ),
        share_url=request.build_absolute_uri(),
        **_rates_context(user, kind, occupation),
    )
    return render(request, "analytics/quality.html", context)


def _back(request: HttpRequest) -> str:
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure())
    return back if back and safe else reverse("analytics:quality")


def _verdict_fragment(
    request: HttpRequest, user: Any, form: VerdictForm, review: ContentReview | None, error: str
) -> HttpResponse:
    """The judged card (or the card again with the refusal) and the rates, swapped in place."""
    data = form.cleaned_data if form.is_valid() else {}
    kind = review.kind if review else data.get("kind", "")
    unit = None
    if review is None and data:
        unit = unit_at(kind=kind, object_id=data["object_id"], path=data["path"])
    context = {
        "review": review,
        "unit": unit,
        "error": error,
        "next_url": _back(request),
        "oob": True,
        **_rates_context(user, kind),
    }
    return render(request, "analytics/_verdict.html", context)


@login_required
@require_POST
def verdict_view(request: HttpRequest) -> HttpResponse:
    """Accept or flag one unit. htmx gets the judged card and the updated rates; a plain
    form post goes back to the sample with a message."""
    user = signed_in_user(request)
    selectors.require_reviewer(user)
    form = VerdictForm(request.POST)
    review: ContentReview | None = None
    error = ""
    if not form.is_valid():
        error = _("The verdict is not valid: %(fields)s.") % {"fields": ", ".join(form.errors)}
    else:
        try:
            review, _created = services.content_review_record(reviewer=user, **form.cleaned_data)
        except ApplicationError as refusal:
            error = str(refusal.message)
    if request.headers.get("HX-Request"):
        return _verdict_fragment(request, user, form, review, error)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Your verdict is recorded."))
    return redirect(_back(request))


def _timeline_page(request: HttpRequest, person_id: int) -> HttpResponse:
    timeline = timeline_for(user=signed_in_user(request), person_id=person_id)
    return render(request, "analytics/timeline.html", {"timeline": timeline})


@login_required
@require_GET
def my_timeline_view(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own path."""
    return _timeline_page(request, signed_in_user(request).pk)


@login_required
@require_GET
def timeline_view(request: HttpRequest, person_id: int) -> HttpResponse:
    """A person's path, as the user may see it (404 for people they may not see)."""
    return _timeline_page(request, person_id)
