"""Issuers' signing keys: the first key, rotation, and revocation of a compromised key.

A key id is ``{PUBLIC_URL}/credentials/issuers/{org_id}#key-{n}``. Rotation retires the
active key (it keeps verifying what it signed before) and makes a new one active; revocation
marks a key compromised, after which nothing it signed verifies (a thief can back-date)."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import Organisation
from zhijiang.common.audit import AuditAction, audit_record
from zhijiang.common.errors import ApplicationError
from zhijiang.credentials.keystore import encrypt_private_key, whole_second_now
from zhijiang.credentials.models import IssuerKey, StatusList
from zhijiang.credentials.selectors import issuer_for, issuer_uri
from zhijiang.credentials.status import status_list_publish
from zhijiang_engine.credentials import generate_signing_key, proofs_of


def _new_key(*, organisation: Organisation, actor: Any, now: datetime) -> IssuerKey:
    highest = IssuerKey.objects.filter(organisation=organisation).aggregate(n=Max("number"))["n"]
    number = (highest or 0) + 1
    issuer = issuer_uri(organisation.pk)
    pair = generate_signing_key(issuer_id=issuer, key_id=f"{issuer}#key-{number}")
    return IssuerKey.objects.create(
        organisation=organisation,
        number=number,
        key_id=pair.key_id,
        public_key_multibase=pair.public_key_multibase,
        private_key_encrypted=encrypt_private_key(pair.private_key),
        valid_from=now,
        created_by=actor if getattr(actor, "pk", None) else None,
    )


@transaction.atomic
def key_create(*, actor: Any, organisation: Organisation) -> IssuerKey:
    """The issuer's first signing key."""
    issuer_for(user=actor, organisation_id=organisation.pk)
    if IssuerKey.objects.filter(organisation=organisation).exists():
        raise ApplicationError(
            _("This issuer already has a signing key; rotate it instead."), code="key_exists"
        )
    key = _new_key(organisation=organisation, actor=actor, now=whole_second_now())
    audit_record(actor=actor, action=AuditAction.CREDENTIALS_KEY_CREATE, target=key,
                 district=organisation.district)  # fmt: skip
    return key


def active_key_for_signing(*, actor: Any, organisation: Organisation) -> IssuerKey:
    """The issuer's active key, locked for this transaction; the first key is made on first
    use. Call inside a transaction after checking the actor signs for the issuer."""
    key = (
        IssuerKey.objects.select_for_update()
        .filter(organisation=organisation, status=IssuerKey.Status.ACTIVE)
        .first()
    )
    if key is None:
        key = _new_key(organisation=organisation, actor=actor, now=whole_second_now())
        audit_record(actor=actor, action=AuditAction.CREDENTIALS_KEY_CREATE, target=key,
                     district=organisation.district)  # fmt: skip
    return key


def _after_last_signature(key: IssuerKey) -> datetime:
    """A whole second later than the key's last signature: credentials state times to the
    second, and a certificate signed in the second of the rotation would fall outside the
    retired key's window."""
    now = whole_second_now()
    last = key.last_used_at
    if last is None:
        return now
    for _attempt in range(30):
        if now > last:
            return now
        time.sleep(0.05)
        now = whole_second_now()
    return last + timedelta(seconds=1)


@transaction.atomic
def key_rotate(*, actor: Any, organisation: Organisation) -> IssuerKey:
    """Retire the active key and make a new one active; the retired key stays published and
    keeps verifying the certificates it signed."""
    issuer_for(user=actor, organisation_id=organisation.pk)
    current = (
        IssuerKey.objects.select_for_update()
        .filter(organisation=organisation, status=IssuerKey.Status.ACTIVE)
        .first()
    )
    now = whole_second_now()
    if current is not None:
        now = _after_last_signature(current)
        current.status = IssuerKey.Status.RETIRED
        current.retired_at = now
        current.save(update_fields=["status", "retired_at"])
    key = _new_key(organisation=organisation, actor=actor, now=now)
    audit_record(
        actor=actor,
        action=AuditAction.CREDENTIALS_KEY_ROTATE,
        target=key,
        changes={"retired": [current.key_id if current else None, None]},
        district=organisation.district,
    )
    return key


@transaction.atomic
def key_revoke(*, actor: Any, key: IssuerKey, reason: str) -> IssuerKey:
    """Mark a compromised key revoked: every certificate it signed stops verifying. An active
    key is replaced by a new one, and status lists it signed are re-signed with that one."""
    organisation = issuer_for(user=actor, organisation_id=key.organisation_id)
    key = IssuerKey.objects.select_for_update().get(pk=key.pk)
    reason = reason.strip()
    if not reason:
        message = _("Say why the key is revoked.")
        raise ApplicationError(message, code="reason_required", fields={"reason": message})
    if key.status == IssuerKey.Status.REVOKED:
        raise ApplicationError(_("This key is already revoked."), code="already_revoked")
    now = whole_second_now()
    was_active = key.status == IssuerKey.Status.ACTIVE
    key.status = IssuerKey.Status.REVOKED
    key.revoked_at = now
    key.retired_at = key.retired_at or now
    key.revocation_reason = reason[:500]
    key.save(update_fields=["status", "revoked_at", "retired_at", "revocation_reason"])
    active = (
        _new_key(organisation=organisation, actor=actor, now=now)
        if was_active
        else IssuerKey.objects.filter(
            organisation=organisation, status=IssuerKey.Status.ACTIVE
        ).first()
    )
    if active is not None:
        for status_list in StatusList.objects.select_for_update().filter(organisation=organisation):
            methods = [
                proof.get("verificationMethod") for proof in proofs_of(status_list.credential)
            ]
            if key.key_id in methods:
                status_list_publish(status_list=status_list, key=active, now=now)
    audit_record(
        actor=actor,
        action=AuditAction.CREDENTIALS_KEY_REVOKE,
        target=key,
        changes={"reason": [None, reason[:200]]},
        district=organisation.district,
    )
    return key
