"""API endpoints for people, organisations, roles, personal data and the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import update_session_auth_hash
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Router, Status

from zhijiang.accounts import auth, id_numbers, selectors, services, sign_up
from zhijiang.accounts.models import Membership, User
from zhijiang.accounts.schemas import (
    AuditEventOut,
    ConsentIn,
    ConsentOut,
    DecisionIn,
    DeletionRequestIn,
    DeletionRequestOut,
    DistrictOut,
    IdNumberIn,
    MemberOut,
    MembershipIn,
    MeOut,
    MePatch,
    OrganisationIn,
    OrganisationOut,
    OrganisationPatch,
    PasswordIn,
    PersonIn,
    PersonOut,
    SignUpConfirmIn,
    SignUpIn,
    SignUpResendIn,
    SignUpStartedOut,
    TokenCreatedOut,
    TokenIn,
    TokenOut,
)
from zhijiang.common.audit import AuditAction
from zhijiang.common.errors import ApplicationError, ErrorOut, NotFoundError, field_error
from zhijiang.common.models import District
from zhijiang.common.pagination import paginated
from zhijiang.common.params import Int64
from zhijiang.common.requests import client_address, signed_in_user

router = Router()


def district_by_code(code: str | None, *, field: str = "district") -> District | None:
    if not code:
        return None
    district = District.objects.filter(code=code).first()
    if district is None:
        message = _("Unknown district code; see GET /api/v1/districts.")
        raise ApplicationError(message, code="invalid", fields={field: message})
    return district


def required_district(code: str) -> District:
    district = district_by_code(code)
    if district is None:
        raise field_error("district", _("Choose the district."), "required")
    return district


@router.get("/districts", response=list[DistrictOut], auth=None, tags=["reference"])
def list_districts(request: HttpRequest) -> Any:
    """The city's districts and counties (public)."""
    return District.objects.all()


@router.post(
    "/auth/tokens",
    response={201: TokenCreatedOut, 429: ErrorOut, 503: ErrorOut},
    auth=None,
    tags=["auth"],
)
def create_token(request: HttpRequest, payload: TokenIn) -> Any:
    """Exchange a username (or mobile number) and password for an API token."""
    user = auth.login_check(request, identifier=payload.username, password=payload.password)
    token, raw = auth.api_token_create(user=user, name=payload.name)
    return Status(201, {**TokenOut.from_orm(token).dict(), "token": raw})


def _started(started: sign_up.SignUpStarted) -> dict[str, Any]:
    detail = _(
        "We sent a text message to %(phone)s. Confirm with the code in it within 10 minutes."
    ) % {"phone": started.masked_phone}
    return {
        "sign_up_id": started.token,
        "phone": started.masked_phone,
        "expires_at": started.expires_at,
        "detail": detail,
    }


@router.post(
    "/auth/sign-up",
    response={202: SignUpStartedOut, 429: ErrorOut, 503: ErrorOut},
    auth=None,
    tags=["auth"],
)
def sign_up_start(request: HttpRequest, payload: SignUpIn) -> Any:
    """A learner or job seeker starts opening their own account: a code is texted to the mobile
    number (to a number that already has an account, a notice instead; the answer is the same).
    Confirm with ``POST /auth/sign-up/confirm``."""
    if not payload.accept_privacy:
        message = _("Read and accept the privacy notice to open an account.")
        raise ApplicationError(message, code="invalid", fields={"accept_privacy": message})
    started = sign_up.sign_up_start(
        username=payload.username,
        password=payload.password,
        full_name=payload.name,
        phone=payload.phone,
        district=required_district(payload.district),
        address=client_address(request),
    )
    return Status(202, _started(started))


@router.post(
    "/auth/sign-up/resend",
    response={202: SignUpStartedOut, 429: ErrorOut, 503: ErrorOut},
    auth=None,
    tags=["auth"],
)
def sign_up_resend(request: HttpRequest, payload: SignUpResendIn) -> Any:
    """Text a new code for a sign-up under way; the previous code stops working."""
    started = sign_up.sign_up_code_resend(token=payload.sign_up_id, address=client_address(request))
    return Status(202, _started(started))


@router.post(
    "/auth/sign-up/confirm", response={201: MeOut, 429: ErrorOut}, auth=None, tags=["auth"]
)
def sign_up_confirm(request: HttpRequest, payload: SignUpConfirmIn) -> Any:
    """Open the account with the texted code (then ask for a token to call the API)."""
    person = sign_up.sign_up_confirm(token=payload.sign_up_id, code=payload.code)
    return Status(201, person)


@router.post("/people/{person_id}/id-number/verification", response=PersonOut, tags=["people"])
def verify_id_number(request: HttpRequest, person_id: Int64) -> Any:
    """An officer who has seen the person's ID card confirms the number they gave."""
    actor = signed_in_user(request)
    selectors.require_officer(actor)
    person = selectors.person_for(user=actor, person_id=person_id)
    return id_numbers.id_number_verify(actor=actor, person=person)


@router.get("/auth/tokens", response=list[TokenOut], tags=["auth"])
def list_tokens(request: HttpRequest) -> Any:
    return signed_in_user(request).api_tokens.all()


@router.delete("/auth/tokens/{token_id}", response={204: None}, tags=["auth"])
def revoke_token(request: HttpRequest, token_id: Int64) -> Any:
    auth.api_token_revoke(user=signed_in_user(request), token_id=token_id)
    return Status(204, None)


@router.get("/me", response=MeOut, tags=["me"])
def get_me(request: HttpRequest) -> Any:
    return signed_in_user(request)


@router.patch("/me", response=MeOut, tags=["me"])
def update_me(request: HttpRequest, payload: MePatch) -> Any:
    user = signed_in_user(request)
    return services.profile_update(
        actor=user,
        user=user,
        full_name=payload.name,
        email=payload.email,
        phone=payload.phone,
        district=district_by_code(payload.district),
    )


@router.post("/me/password", response={204: None, 429: ErrorOut, 503: ErrorOut}, tags=["me"])
def change_password(request: HttpRequest, payload: PasswordIn) -> Any:
    user = services.password_change(
        user=signed_in_user(request),
        old_password=payload.old_password,
        new_password=payload.new_password,
    )
    if hasattr(request, "session"):
        update_session_auth_hash(request, user)
    return Status(204, None)


@router.put("/me/id-number", response={200: MeOut, 429: ErrorOut}, tags=["me"])
def set_id_number(request: HttpRequest, payload: IdNumberIn) -> Any:
    user = signed_in_user(request)
    return services.id_number_set(actor=user, user=user, id_number=payload.id_number)


@router.get("/me/export", tags=["me"])
def export_me(request: HttpRequest) -> Any:
    """Everything the platform holds about you, as JSON."""
    return selectors.personal_data_export(user=signed_in_user(request))


@router.get("/me/consents", response=list[ConsentOut], tags=["me"])
def list_consents(request: HttpRequest) -> Any:
    return signed_in_user(request).consents.all()


@router.post("/me/consents", response={201: ConsentOut}, tags=["me"])
def grant_consent(request: HttpRequest, payload: ConsentIn) -> Any:
    return Status(
        201, services.consent_grant(user=signed_in_user(request), purpose=payload.purpose)
    )


@router.delete("/me/consents/{purpose}", response={204: None}, tags=["me"])
def withdraw_consent(request: HttpRequest, purpose: str) -> Any:
    if services.consent_withdraw(user=signed_in_user(request), purpose=purpose) is None:
        raise NotFoundError(_("You have not given this consent."))
    return Status(204, None)


@router.post("/me/deletion-request", response={201: DeletionRequestOut}, tags=["me"])
def request_deletion(request: HttpRequest, payload: DeletionRequestIn) -> Any:
    return Status(
        201, services.deletion_request_create(user=signed_in_user(request), reason=payload.reason)
    )


@router.get("/people", response=list[PersonOut], tags=["people"])
@paginated
def list_people(request: HttpRequest, q: str = "", district: str = "") -> Any:
    """Learners and job seekers you may see: your district's, or everyone for bureau officers."""
    selectors.require_officer(signed_in_user(request))
    people = selectors.people_for(user=signed_in_user(request)).order_by("username")
    if q:
        people = people.filter(Q(full_name__icontains=q) | Q(username__icontains=q))
    if district:
        people = people.filter(district__code=district)
    return people


@router.post("/people", response={201: PersonOut}, tags=["people"])
def register_person(request: HttpRequest, payload: PersonIn) -> Any:
    """Register a learner / job seeker in a district you answer for."""
    selectors.require_officer(signed_in_user(request))
    district = required_district(payload.district)
    person = services.person_register(
        actor=signed_in_user(request),
        username=payload.username,
        password=payload.password,
        full_name=payload.name,
        district=district,
        phone=payload.phone,
        id_number=payload.id_number,
    )
    return Status(201, person)


@router.get("/people/{person_id}", response=PersonOut, tags=["people"])
def get_person(request: HttpRequest, person_id: Int64) -> Any:
    return selectors.person_for(user=signed_in_user(request), person_id=person_id)


@router.get("/organisations", response=list[OrganisationOut], tags=["organisations"])
@paginated
def list_organisations(request: HttpRequest, kind: str = "", district: str = "") -> Any:
    organisations = selectors.organisations_for(user=signed_in_user(request))
    if kind:
        organisations = organisations.filter(kind=kind)
    if district:
        organisations = organisations.filter(district__code=district)
    return organisations


@router.post("/organisations", response={201: OrganisationOut}, tags=["organisations"])
def create_organisation(request: HttpRequest, payload: OrganisationIn) -> Any:
    organisation = services.organisation_create(
        actor=signed_in_user(request),
        name=payload.name,
        kind=payload.kind,
        district=district_by_code(payload.district),
        credit_code=payload.credit_code,
        address=payload.address,
        contact_phone=payload.contact_phone,
    )
    return Status(201, organisation)


@router.get("/organisations/{organisation_id}", response=OrganisationOut, tags=["organisations"])
def get_organisation(request: HttpRequest, organisation_id: Int64) -> Any:
    return selectors.organisation_for(user=signed_in_user(request), organisation_id=organisation_id)


@router.patch("/organisations/{organisation_id}", response=OrganisationOut, tags=["organisations"])
def update_organisation(
    request: HttpRequest, organisation_id: Int64, payload: OrganisationPatch
) -> Any:
    organisation = selectors.organisation_for(
        user=signed_in_user(request), organisation_id=organisation_id
    )
    return services.organisation_update(
        actor=signed_in_user(request),
        organisation=organisation,
        values=payload.dict(exclude_unset=True),
    )


@router.get(
    "/organisations/{organisation_id}/members", response=list[MemberOut], tags=["organisations"]
)
def list_members(request: HttpRequest, organisation_id: Int64) -> Any:
    organisation = selectors.organisation_for(
        user=signed_in_user(request), organisation_id=organisation_id
    )
    return selectors.members_of(user=signed_in_user(request), organisation=organisation)


@router.post(
    "/organisations/{organisation_id}/members",
    response={201: MemberOut},
    tags=["organisations"],
)
def add_member(request: HttpRequest, organisation_id: Int64, payload: MembershipIn) -> Any:
    organisation = selectors.organisation_for(
        user=signed_in_user(request), organisation_id=organisation_id
    )
    user = User.objects.filter(username=payload.username, is_active=True).first()
    if user is None:
        message = _("No active user with this username.")
        raise ApplicationError(message, code="invalid", fields={"username": message})
    membership = services.membership_grant(
        actor=signed_in_user(request), user=user, role=payload.role, organisation=organisation
    )
    return Status(201, membership)


@router.delete(
    "/organisations/{organisation_id}/members/{membership_id}",
    response={204: None},
    tags=["organisations"],
)
def remove_member(request: HttpRequest, organisation_id: Int64, membership_id: Int64) -> Any:
    organisation = selectors.organisation_for(
        user=signed_in_user(request), organisation_id=organisation_id
    )
    membership = Membership.objects.filter(pk=membership_id, organisation=organisation).first()
    if membership is None:
        raise NotFoundError(_("No such member."))
    services.membership_revoke(actor=signed_in_user(request), membership=membership)
    return Status(204, None)


@router.get("/audit-events", response=list[AuditEventOut], tags=["audit"])
@paginated
def list_audit_events(request: HttpRequest, action: str = "", actor: str = "") -> Any:
    """The audit log, newest first; ``action`` is one action (``position.create``), ``actor``
    a username."""
    events = selectors.audit_events_for(user=signed_in_user(request))
    if action and action not in AuditAction.values:
        message = _("Unknown action %(action)s; choose one from the list.") % {"action": action}
        raise ApplicationError(message, code="invalid", fields={"action": message})
    if action:
        events = events.filter(action=action)
    if actor:
        events = events.filter(actor_label=actor)
    return events


@router.get("/deletion-requests", response=list[DeletionRequestOut], tags=["people"])
@paginated
def list_deletion_requests(request: HttpRequest, status: str = "") -> Any:
    requests = selectors.deletion_requests_for(user=signed_in_user(request))
    return requests.filter(status=status) if status else requests


@router.post(
    "/deletion-requests/{request_id}/decision", response=DeletionRequestOut, tags=["people"]
)
def decide_deletion_request(request: HttpRequest, request_id: Int64, payload: DecisionIn) -> Any:
    deletion = selectors.deletion_request_for(user=signed_in_user(request), request_id=request_id)
    return services.deletion_request_decide(
        actor=signed_in_user(request), request=deletion, approve=payload.approve, note=payload.note
    )
