"""Pages for signing in and for a person's own profile and personal-data rights."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhijiang.accounts import selectors, services, sign_up
from zhijiang.accounts.auth import login_check
from zhijiang.accounts.forms import (
    DeletionRequestForm,
    IdNumberForm,
    LoginForm,
    PasswordChangeForm,
    ProfileForm,
    SignUpCodeForm,
    SignUpForm,
)
from zhijiang.accounts.models import ConsentPurpose, DeletionRequest, User
from zhijiang.common.errors import ApplicationError
from zhijiang.common.forms import add_service_error
from zhijiang.common.requests import client_address, signed_in_user


def _with_retry_after(response: HttpResponse, refusal: ApplicationError | None) -> HttpResponse:
    """A page refusing for throttling or load tells, as the API does, when to try again."""
    if refusal is not None and refusal.retry_after is not None:
        response["Retry-After"] = str(refusal.retry_after)
    return response


def login_view(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    form = LoginForm(request.POST or None)
    status = 200
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            user = login_check(
                request,
                identifier=form.cleaned_data["identifier"],
                password=form.cleaned_data["password"],
            )
        except ApplicationError as error:
            form.add_error(None, str(error.message))
            status, refusal = error.status, error  # 429 while throttled, 503 when busy
        else:
            login(request, user)
            return redirect(next_url or "web:dashboard")
    status = max(status, 400) if form.errors else 200
    context = {"form": form, "next": next_url}
    response = render(request, "accounts/login.html", context, status=status)
    return _with_retry_after(response, refusal)


SIGN_UP_SESSION_KEY = "sign_up"


def sign_up_view(request: HttpRequest) -> HttpResponse:
    """Learners and job seekers open their own account: a code is texted to their number."""
    form = SignUpForm(request.POST or None)
    status = 200
    refusal = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            started = sign_up.sign_up_start(
                username=data["username"],
                password=data["password"],
                full_name=data["full_name"],
                phone=data["phone"],
                district=data["district"],
                address=client_address(request),
            )
        except ApplicationError as error:
            add_service_error(form, error)
            status, refusal = error.status, error
        else:
            request.session[SIGN_UP_SESSION_KEY] = [started.token, started.masked_phone]
            return redirect("accounts:sign_up_confirm")
    status = max(status, 400) if form.errors else 200
    response = render(request, "accounts/sign_up.html", {"form": form}, status=status)
    return _with_retry_after(response, refusal)


def sign_up_confirm_view(request: HttpRequest) -> HttpResponse:
    """Enter the code from the text message; the account is opened and signed in."""
    pending = request.session.get(SIGN_UP_SESSION_KEY)
    if not pending:
        return redirect("accounts:sign_up")
    token, masked_phone = pending
    form = SignUpCodeForm(request.POST or None)
    status = 200
    refusal = None
    if request.method == "POST" and request.POST.get("resend"):
        form = SignUpCodeForm()
        try:
            sign_up.sign_up_code_resend(token=token, address=client_address(request))
        except ApplicationError as error:
            form.add_error(None, str(error.message))
            status, refusal = error.status, error
        else:
            messages.success(request, _("We sent a new code."))
            return redirect("accounts:sign_up_confirm")
    elif request.method == "POST" and form.is_valid():
        try:
            user = sign_up.sign_up_confirm(token=token, code=form.cleaned_data["code"])
        except ApplicationError as error:
            add_service_error(form, error)
            status, refusal = error.status, error
        else:
            del request.session[SIGN_UP_SESSION_KEY]
            login(request, user, backend="zhijiang.accounts.auth.UsernameOrPhoneBackend")
            messages.success(request, _("Welcome! Your account is ready."))
            return redirect("web:dashboard")
    status = max(status, 400) if form.errors else 200
    context = {"form": form, "masked_phone": masked_phone}
    response = render(request, "accounts/sign_up_confirm.html", context, status=status)
    return _with_retry_after(response, refusal)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("You have signed out."))
    return redirect("accounts:login")


def _profile_context(user: User, **forms: object) -> dict[str, object]:
    consents = selectors.active_consents(user=user)
    return {
        "person": user,
        "roles": sorted(selectors.roles_of(user)),
        "memberships": user.memberships.select_related("organisation"),
        "consent_rows": [(purpose, consents.get(purpose.value)) for purpose in ConsentPurpose],
        "pending_deletion": user.deletion_requests.filter(
            status=DeletionRequest.Status.PENDING
        ).first(),
        "profile_form": forms.get("profile_form")
        or ProfileForm(
            initial={"full_name": user.full_name, "email": user.email, "district": user.district}
        ),
        "id_form": forms.get("id_form") or IdNumberForm(),
        "deletion_form": forms.get("deletion_form") or DeletionRequestForm(),
    }


@login_required
def profile_view(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html", _profile_context(signed_in_user(request)))


@login_required
@require_POST
def profile_edit_view(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = ProfileForm(request.POST)
    if form.is_valid():
        try:
            services.profile_update(
                actor=user,
                user=user,
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"] or None,
                district=form.cleaned_data["district"],
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("accounts:profile")
    context = _profile_context(user, profile_form=form)
    return render(request, "accounts/profile.html", context, status=400)


@login_required
@require_POST
def id_number_view(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = IdNumberForm(request.POST)
    if form.is_valid():
        try:
            services.id_number_set(actor=user, user=user, id_number=form.cleaned_data["id_number"])
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Your ID number is recorded. An officer verifies it when you show your ID card."),
            )
            return redirect("accounts:profile")
    return render(
        request, "accounts/profile.html", _profile_context(user, id_form=form), status=400
    )


@login_required
@require_POST
def consent_view(request: HttpRequest) -> HttpResponse:
    """Give or withdraw one consent; htmx swaps in the updated consent list."""
    user = signed_in_user(request)
    purpose = request.POST.get("purpose", "")
    if purpose not in ConsentPurpose.values:
        return HttpResponse(_("Unknown purpose of consent."), status=400)
    if request.POST.get("give") == "1":
        services.consent_grant(user=user, purpose=purpose)
    else:
        services.consent_withdraw(user=user, purpose=purpose)
    if request.headers.get("HX-Request"):
        return render(request, "accounts/_consents.html", _profile_context(user))
    return redirect("accounts:profile")


@login_required
def export_view(request: HttpRequest) -> HttpResponse:
    """Download everything the platform holds about you, as JSON."""
    user = signed_in_user(request)
    data = selectors.personal_data_export(user=user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="zhijiang-my-data-{stamp}.json"'
    return response


@login_required
@require_POST
def deletion_request_view(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = DeletionRequestForm(request.POST)
    if form.is_valid():
        try:
            services.deletion_request_create(user=user, reason=form.cleaned_data["reason"])
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("Your request is sent. An officer will review it and let you know.")
            )
            return redirect("accounts:profile")
    context = _profile_context(user, deletion_form=form)
    return render(request, "accounts/profile.html", context, status=400)


@login_required
def password_change_view(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST or None)
    status = 200
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            user = services.password_change(
                user=signed_in_user(request),
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password"],
            )
        except ApplicationError as error:
            add_service_error(form, error)
            status, refusal = error.status, error  # 429 while throttled, 503 when busy
        else:
            update_session_auth_hash(request, user)
            messages.success(request, _("Your password is changed."))
            return redirect("accounts:profile")
    status = max(status, 400) if form.errors else 200
    response = render(request, "accounts/password_change.html", {"form": form}, status=status)
    return _with_retry_after(response, refusal)
