"""Writes for people, organisations and roles. Each runs in one transaction and is audited."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts import selectors
from zhijiang.accounts.auth import old_password_matches
from zhijiang.accounts.models import (
    ROLE_ORGANISATION_KINDS,
    ConsentRecord,
    DeletionRequest,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from zhijiang.accounts.validators import normalize_credit_code
from zhijiang.common.audit import AuditAction, audit_record, field_changes
from zhijiang.common.errors import ApplicationError, PermissionDeniedError, field_error
from zhijiang.common.models import District
from zhijiang.common.pii import (
    PersonalDataError,
    id_number_hash,
    mask_id_number,
    mask_phone,
    normalize_id_number,
    normalize_phone,
)


def _clean_phone(raw: str | None, *, exclude: User | None = None) -> str | None:
    if not raw:
        return None
    try:
        phone = normalize_phone(raw)
    except PersonalDataError as error:
        raise field_error("phone", error.message) from None
    taken = User.objects.filter(phone=phone)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        raise field_error("phone", _("This mobile number belongs to another account."), "taken")
    return phone


def _clean_id_number(raw: str, *, exclude: User | None = None) -> tuple[str, str]:
    try:
        number = normalize_id_number(raw)
    except PersonalDataError as error:
        raise field_error("id_number", error.message) from None
    digest = id_number_hash(number, key=settings.PII_HASH_KEY)
    taken = User.objects.filter(id_number_hash=digest)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        raise field_error("id_number", _("This ID number is already registered."), "taken")
    return digest, mask_id_number(number)


def _check_username(username: str) -> None:
    if User.objects.filter(username__iexact=username).exists():
        raise field_error("username", _("This username is taken."), "taken")


@contextmanager
def _checked_again_on_conflict(check: Callable[[], object]) -> Iterator[None]:
    """Write in a savepoint. When a concurrent request took a unique value between the check
    and the write, run the check again: it now refuses with the field's error, not a 500."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        check()
        raise


def _check_password(password: str, user: User, field: str = "password") -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise field_error(field, " ".join(error.messages), "weak_password") from None


def _new_learner(
    *,
    username: str,
    password: str,
    full_name: str,
    district: District,
    phone: str | None,
    id_number: str | None = None,
) -> User:
    """Create a learner account (the caller checks permission and writes the audit event)."""
    _check_username(username)
    person = User(username=username, full_name=full_name.strip(), district=district, phone=phone)
    if id_number:
        person.id_number_hash, person.id_number_masked = _clean_id_number(id_number)
    _check_password(password, person)
    person.set_password(password)

    def check_again() -> None:
        _check_username(username)
        _clean_phone(phone)
        if id_number:
            _clean_id_number(id_number)

    with _checked_again_on_conflict(check_again):
        person.save()
    Membership.objects.create(user=person, role=Role.LEARNER)
    return person


@transaction.atomic
def person_register(
    *,
    actor: User,
    username: str,
    password: str,
    full_name: str,
    district: District,
    phone: str | None = None,
    id_number: str | None = None,
) -> User:
    """An officer registers a learner / job seeker of a district they answer for."""
    if not selectors.districts_for(user=actor).filter(pk=district.pk).exists():
        raise PermissionDeniedError(_("You may register people only in your own district."))
    person = _new_learner(
        username=username,
        password=password,
        full_name=full_name,
        district=district,
        phone=_clean_phone(phone),
        id_number=id_number,
    )
    audit_record(
        actor=actor,
        action=AuditAction.PERSON_REGISTER,
        target=person,
        district=district,
        changes={
            "username": [None, username],
            "district": [None, district.code],
            "phone": [None, mask_phone(person.phone or "")],
            "id_number": [None, person.id_number_masked],
        },
    )
    return person


@transaction.atomic
def profile_update(
    *,
    actor: User,
    user: User,
    full_name: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    district: District | None = None,
) -> User:
    """Update a person's own profile (or an officer updating someone they may see)."""
    if actor.pk != user.pk:
        selectors.person_for(user=actor, person_id=user.pk)
    values: dict[str, Any] = {}
    if full_name is not None:
        values["full_name"] = full_name.strip()
    if email is not None:
        values["email"] = email.strip()
    if phone is not None:
        values["phone"] = _clean_phone(phone, exclude=user)
    if district is not None:
        values["district"] = district
    changes = field_changes(user, values)
    if not changes:
        return user
    for name, value in values.items():
        setattr(user, name, value)
    with _checked_again_on_conflict(lambda: _clean_phone(phone, exclude=user)):
        user.save(update_fields=list(values))
    if "phone" in changes:
        old, new = changes["phone"]
        changes["phone"] = [mask_phone(old or ""), mask_phone(new or "")]
    audit_record(
        actor=actor,
        action=AuditAction.PERSON_UPDATE,
        target=user,
        district=user.district,
        changes=changes,
    )
    return user


@transaction.atomic
def id_number_set(*, actor: User, user: User, id_number: str) -> User:
    """An officer records a person's national ID number (seen on their ID card) as a keyed hash
    and a masked form. People who give their own number make a claim instead
    (``id_numbers.id_number_claim``): it is never checked against other accounts' numbers."""
    if actor.pk == user.pk:
        from zhijiang.accounts.id_numbers import id_number_claim

        return id_number_claim(user=user, id_number=id_number)
    selectors.person_for(user=actor, person_id=user.pk)
    old = user.id_number_masked
    user.id_number_claim_hash = None
    user.id_number_hash, user.id_number_masked = _clean_id_number(id_number, exclude=user)
    with _checked_again_on_conflict(lambda: _clean_id_number(id_number, exclude=user)):
        user.save(update_fields=["id_number_hash", "id_number_masked", "id_number_claim_hash"])
    audit_record(
        actor=actor,
        action=AuditAction.PERSON_ID_NUMBER,
        target=user,
        district=user.district,
        changes={"id_number": [old, user.id_number_masked]},
    )
    return user


def password_change(*, user: User, old_password: str, new_password: str) -> User:
    """Change a person's password and revoke their API tokens (sessions end by themselves: their
    hash no longer matches). The current password is checked as sign-ins are, throttled."""
    # Outside the transaction: a wrong password must stay counted when the refusal rolls back.
    if not old_password_matches(user=user, password=old_password):
        raise field_error(
            "old_password", _("The current password is not correct."), "wrong_password"
        )
    _check_password(new_password, user, field="new_password")
    user.set_password(new_password)
    with transaction.atomic():
        user.save(update_fields=["password"])
        revoked = user.api_tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        audit_record(
            actor=user,
            action=AuditAction.PERSON_PASSWORD_CHANGE,
            target=user,
            district=user.district,
            changes={"active_api_tokens": [revoked, 0]} if revoked else None,
        )
    return user


def _organisation_values(
    *,
    kind: str,
    district: District | None,
    credit_code: str | None,
    exclude: Organisation | None = None,
) -> str | None:
    if kind not in OrganisationKind.values:
        raise field_error("kind", _("Unknown kind of organisation."))
    if kind != OrganisationKind.BUREAU and district is None:
        raise field_error("district", _("Choose the district where the organisation is."))
    if not credit_code:
        return None
    try:
        code = normalize_credit_code(credit_code)
    except PersonalDataError as error:
        raise field_error("credit_code", error.message) from None
    taken = Organisation.objects.filter(credit_code=code)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        raise field_error("credit_code", _("An organisation with this code exists."), "taken")
    return code


@transaction.atomic
def organisation_create(
    *,
    actor: User,
    name: str,
    kind: str,
    district: District | None,
    credit_code: str | None = None,
    address: str = "",
    contact_phone: str = "",
) -> Organisation:
    """Register an organisation. District officers may add non-government ones in their district."""
    government = kind in {OrganisationKind.BUREAU, OrganisationKind.DISTRICT_OFFICE}
    allowed = selectors.is_city_officer(actor) or (
        not government
        and district is not None
        and district.pk in selectors.officer_district_ids(actor)
    )
    if not allowed:
        raise PermissionDeniedError(_("You may not register this organisation."))
    code = _organisation_values(kind=kind, district=district, credit_code=credit_code)
    if not name.strip():
        raise field_error("name", _("Give the organisation's name."), "required")
    organisation = Organisation.objects.create(
        name=name.strip(),
        kind=kind,
        district=district,
        credit_code=code,
        address=address.strip(),
        contact_phone=contact_phone.strip(),
    )
    audit_record(
        actor=actor,
        action=AuditAction.ORGANISATION_CREATE,
        target=organisation,
        district=district,
        changes={"name": [None, organisation.name], "kind": [None, kind]},
    )
    return organisation


@transaction.atomic
def organisation_update(
    *, actor: User, organisation: Organisation, values: dict[str, Any]
) -> Organisation:
    """Change an organisation's details. ``values`` holds only the fields being changed."""
    if not selectors.can_manage_organisation(user=actor, organisation=organisation):
        raise PermissionDeniedError(_("You may not change this organisation."))
    editable = {"name", "address", "contact_phone", "credit_code", "is_active"}
    unknown = set(values) - editable
    if unknown:
        raise field_error(sorted(unknown)[0], _("This field cannot be changed here."))
    nulled = [name for name in sorted(values) if values[name] is None and name != "credit_code"]
    if nulled:  # only the credit code may be removed
        raise field_error(nulled[0], _("Leave this field out to keep it; it cannot be null."))
    if "credit_code" in values:
        values["credit_code"] = _organisation_values(
            kind=organisation.kind,
            district=organisation.district,
            credit_code=values["credit_code"],
            exclude=organisation,
        )
    if "name" in values and not str(values["name"]).strip():
        raise field_error("name", _("Give the organisation's name."), "required")
    changes = field_changes(organisation, values)
    if changes:
        for name, value in values.items():
            setattr(organisation, name, value)
        organisation.save(update_fields=list(values))
        audit_record(
            actor=actor,
            action=AuditAction.ORGANISATION_UPDATE,
            target=organisation,
            district=organisation.district,
            changes=changes,
        )
    return organisation


@transaction.atomic
def membership_grant(
    *, actor: User, user: User, role: str, organisation: Organisation | None
) -> Membership:
    """Give a user a role, in an organisation where the role needs one."""
    if role not in Role.values:
        raise field_error("role", _("Unknown role."))
    kinds = ROLE_ORGANISATION_KINDS[role]
    if kinds is None and organisation is not None:
        raise field_error("organisation", _("This role does not belong to an organisation."))
    if kinds is not None and (organisation is None or organisation.kind not in kinds):
        raise field_error("organisation", _("This role needs an organisation of a matching kind."))
    city = selectors.is_city_officer(actor)
    staff_roles = {Role.EMPLOYER_STAFF, Role.PROVIDER_STAFF, Role.ASSESSOR}
    district_ok = organisation is not None and selectors.can_manage_organisation(
        user=actor, organisation=organisation
    )
    if not (city or (role in staff_roles and district_ok)):
        raise PermissionDeniedError(_("You may not give this role."))
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, role=role, organisation=organisation)
    except IntegrityError:
        raise field_error("role", _("The user already has this role."), "duplicate") from None
    audit_record(
        actor=actor,
        action=AuditAction.MEMBERSHIP_GRANT,
        target=user,
        district=organisation.district if organisation else user.district,
        changes={"role": [None, role], "organisation": [None, str(organisation or "")]},
    )
    return membership


@transaction.atomic
def membership_revoke(*, actor: User, membership: Membership) -> None:
    organisation = membership.organisation
    city = selectors.is_city_officer(actor)
    if not city and not (
        organisation is not None
        and membership.role in {Role.EMPLOYER_STAFF, Role.PROVIDER_STAFF, Role.ASSESSOR}
        and selectors.can_manage_organisation(user=actor, organisation=organisation)
    ):
        raise PermissionDeniedError(_("You may not remove this role."))
    audit_record(
        actor=actor,
        action=AuditAction.MEMBERSHIP_REVOKE,
        target=membership.user,
        district=organisation.district if organisation else membership.user.district,
        changes={"role": [membership.role, None], "organisation": [str(organisation or ""), None]},
    )
    membership.delete()


@transaction.atomic
def consent_grant(*, user: User, purpose: str) -> ConsentRecord:
    from zhijiang.accounts.models import ConsentPurpose

    if purpose not in ConsentPurpose.values:
        raise field_error("purpose", _("Unknown purpose of consent."))
    current = selectors.active_consents(user=user).get(purpose)
    if current is not None:
        return current
    try:
        with transaction.atomic():
            record = ConsentRecord.objects.create(user=user, purpose=purpose)
    except IntegrityError:  # given by a concurrent request since the check: that one stands
        current = selectors.active_consents(user=user).get(purpose)
        if current is None:
            raise
        return current
    audit_record(
        actor=user, action=AuditAction.CONSENT_GRANT, target=user, changes={"purpose": purpose}
    )
    return record


@transaction.atomic
def consent_withdraw(*, user: User, purpose: str) -> ConsentRecord | None:
    current = selectors.active_consents(user=user).get(purpose)
    if current is None:
        return None
    current.withdrawn_at = timezone.now()
    current.save(update_fields=["withdrawn_at"])
    audit_record(
        actor=user, action=AuditAction.CONSENT_WITHDRAW, target=user, changes={"purpose": purpose}
    )
    return current


def _no_pending_deletion_request(user: User) -> None:
    if DeletionRequest.objects.filter(user=user, status=DeletionRequest.Status.PENDING).exists():
        raise ApplicationError(_("You already have a deletion request waiting."), code="duplicate")


@transaction.atomic
def deletion_request_create(*, user: User, reason: str = "") -> DeletionRequest:
    _no_pending_deletion_request(user)
    with _checked_again_on_conflict(lambda: _no_pending_deletion_request(user)):
        request = DeletionRequest.objects.create(user=user, reason=reason.strip()[:500])
    audit_record(
        actor=user, action=AuditAction.DELETION_REQUEST, target=request, district=user.district
    )
    return request


@transaction.atomic
def deletion_request_decide(
    *, actor: User, request: DeletionRequest, approve: bool, note: str = ""
) -> DeletionRequest:
    """An officer approves (the person's data is erased) or rejects a deletion request."""
    request = selectors.deletion_request_for(user=actor, request_id=request.pk)
    if request.status != DeletionRequest.Status.PENDING:
        raise ApplicationError(_("This request has already been decided."), code="decided")
    if request.user_id == actor.pk:
        raise PermissionDeniedError(_("You cannot decide your own deletion request."))
    request.status = request.Status.APPROVED if approve else request.Status.REJECTED
    request.decided_by, request.decided_at = actor, timezone.now()
    request.decision_note = note.strip()[:500]
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    if approve:
        _erase_personal_data(request.user)
    audit_record(
        actor=actor,
        action=AuditAction.DELETION_APPROVE if approve else AuditAction.DELETION_REJECT,
        target=request,
        district=request.user.district,
    )
    return request


def _erase_personal_data(user: User) -> None:
    """Erase what identifies the person; keep the row so records that cite it stay whole."""
    user.username = f"erased-{user.pk}"
    user.full_name = ""
    user.email = ""
    user.phone = None
    user.id_number_hash = None
    user.id_number_claim_hash = None
    user.id_number_masked = ""
    user.is_active = False
    user.anonymized_at = timezone.now()
    user.set_unusable_password()
    user.save()
    user.api_tokens.all().delete()
    ConsentRecord.objects.filter(user=user, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )
