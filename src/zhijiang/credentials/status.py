"""Revocation status lists: allocating a certificate's bit and publishing the signed list.

Bits are drawn at random (W3C Bitstring Status List, privacy considerations: sequential
indices would let a verifier guess issue order and correlate certificates). A list is closed
for new entries once half its bits are taken, so a free bit is found in a couple of draws."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.conf import settings

from zhijiang.accounts.models import Organisation
from zhijiang.credentials.keystore import signing_key_of
from zhijiang.credentials.models import Certificate, IssuerKey, StatusList
from zhijiang_engine.credentials import MIN_STATUS_LIST_BITS, add_proof, status_list_credential


def status_list_url(organisation_id: int, number: int) -> str:
    return f"{settings.PUBLIC_URL}/credentials/status/{organisation_id}/{number}.json"


def status_list_publish(*, status_list: StatusList, key: IssuerKey, now: datetime) -> None:
    """Sign the list's current bits with ``key`` and store it as the published document."""
    revoked = Certificate.objects.filter(
        status_list=status_list, revoked_at__isnull=False
    ).values_list("status_index", flat=True)
    unsigned = status_list_credential(
        list_credential_id=status_list.list_credential_id,
        issuer_id=key.issuer_uri,
        revoked_indices=list(revoked),
        valid_from=now,
        length=status_list.length,
    )
    status_list.credential = add_proof(unsigned, key=signing_key_of(key), created=now)
    status_list.published_at = now
    status_list.save(update_fields=["credential", "published_at"])
    key.last_used_at = now
    key.save(update_fields=["last_used_at"])


def status_entry_allocate(
    *, organisation: Organisation, key: IssuerKey, now: datetime
) -> tuple[StatusList, int]:
    """A free, randomly chosen bit in the issuer's open list (opening a new list if needed).
    Call inside the issuing transaction, which holds the issuer's active key locked."""
    current = (
        StatusList.objects.select_for_update()
        .filter(organisation=organisation)
        .order_by("-number")
        .first()
    )
    if current is None or current.allocated >= current.length // 2:
        number = current.number + 1 if current is not None else 1
        current = StatusList.objects.create(
            organisation=organisation,
            number=number,
            list_credential_id=status_list_url(organisation.pk, number),
            length=MIN_STATUS_LIST_BITS,
            published_at=now,
        )
        status_list_publish(status_list=current, key=key, now=now)
    taken = Certificate.objects.filter(status_list=current)
    while True:
        index = secrets.randbelow(current.length)
        if not taken.filter(status_index=index).exists():
            break
    current.allocated += 1
    current.save(update_fields=["allocated"])
    return current, index
