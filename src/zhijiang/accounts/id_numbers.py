"""National ID numbers that people give themselves: a claim, verified by an officer.

A claim is stored as a keyed hash beside the verified one and is never compared with other
accounts' numbers, so giving a number answers the same whether or not someone else has it, and
nothing is linked on the claimant's word. Changes are limited per day
(``throttle.id_number_change_start``). An officer who sees the ID card verifies the claim; only
then is the number checked for another account and made the person's (unique) number.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts import selectors
from zhijiang.accounts.models import User
from zhijiang.accounts.services import _checked_again_on_conflict
from zhijiang.accounts.throttle import id_number_change_start
from zhijiang.common.audit import AuditAction, audit_record
from zhijiang.common.errors import ApplicationError, field_error
from zhijiang.common.pii import (
    PersonalDataError,
    id_number_hash,
    mask_id_number,
    normalize_id_number,
)


def id_number_claim(*, user: User, id_number: str) -> User:
    """Record the number a person gives as theirs, unverified until an officer sees the card."""
    try:
        number = normalize_id_number(id_number)
    except PersonalDataError as error:
        raise field_error("id_number", error.message) from None
    digest = id_number_hash(number, key=settings.PII_HASH_KEY)
    if digest in {user.id_number_hash, user.id_number_claim_hash}:
        return user  # already theirs: nothing changes, nothing is counted
    id_number_change_start(user_id=user.pk)
    old = user.id_number_masked
    user.id_number_claim_hash, user.id_number_hash = digest, None
    user.id_number_masked = mask_id_number(number)
    with transaction.atomic():
        user.save(update_fields=["id_number_claim_hash", "id_number_hash", "id_number_masked"])
        audit_record(
            actor=user,
            action=AuditAction.PERSON_ID_NUMBER,
            target=user,
            district=user.district,
            changes={"id_number": [old, user.id_number_masked], "verified": [None, False]},
        )
    return user


def _number_is_free(digest: str, person: User) -> None:
    if User.objects.filter(id_number_hash=digest).exclude(pk=person.pk).exists():
        raise field_error(
            "id_number",
            _("This ID number is registered to another account. Check the ID card."),
            "taken",
        )


@transaction.atomic
def id_number_verify(*, actor: User, person: User) -> User:
    """An officer who has seen the person's ID card confirms the number they gave."""
    person = selectors.person_for(user=actor, person_id=person.pk)
    if person.pk == actor.pk:
        raise ApplicationError(_("Another officer verifies your own ID number."), code="forbidden")
    digest = person.id_number_claim_hash
    if not digest:
        raise ApplicationError(_("This person has no ID number waiting to be verified."))
    _number_is_free(digest, person)
    person.id_number_hash, person.id_number_claim_hash = digest, None
    with _checked_again_on_conflict(lambda: _number_is_free(digest, person)):
        person.save(update_fields=["id_number_hash", "id_number_claim_hash"])
    audit_record(
        actor=actor,
        action=AuditAction.PERSON_ID_NUMBER,
        target=person,
        district=person.district,
        changes={"verified": [False, True]},
    )
    return person
