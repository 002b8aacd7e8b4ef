"""A certificate's page keeps its verification (the proofs cost tens of milliseconds), keyed by
the credential, the keys and the status list it is checked against: a revocation or a key's
revocation shows at once, and nothing is kept past the moment the certificate expires."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache

from zhijiang.credentials import keys, services
from zhijiang.credentials.models import Certificate
from zhijiang.credentials.verification import (
    VERIFICATION_CACHE_SECONDS,
    Verification,
    _seconds_unchanged,
    _verification_key,
    registry_for,
    status_lists_for,
    verify_stored,
)
from zhijiang_engine.credentials.dates import format_datetime

pytestmark = pytest.mark.django_db


def _verdict(web: Any, certificate: Certificate) -> str:
    html = web().get(f"/credentials/c/{certificate.uuid}/").content.decode()
    return html.split('data-testid="verdict">', 1)[1].split("<", 1)[0]


def test_a_certificate_pages_verification_is_kept_in_the_cache(
    web: Any, certificate: Certificate
) -> None:
    cache.clear()
    assert _verdict(web, certificate) == "Valid"
    document = certificate.credential
    key = _verification_key(document, registry_for(document), status_lists_for(document))
    kept = cache.get(key)
    assert isinstance(kept, Verification) and kept.valid
    assert verify_stored(document) == kept


def test_a_revoked_certificate_shows_revoked_at_once_despite_the_cache(
    web: Any, certificate: Certificate, assessor: Any
) -> None:
    assert _verdict(web, certificate) == "Valid"
    assert _verdict(web, certificate) == "Valid"  # now from the cache
    services.certificate_revoke(actor=assessor, certificate=certificate, reason="考试作弊")
    assert _verdict(web, certificate) == "Invalid"
    assert "revoked (bit" in web().get(f"/credentials/c/{certificate.uuid}/").content.decode()


def test_a_revoked_signing_key_shows_at_once_despite_the_cache(
    web: Any, certificate: Certificate, assessor: Any
) -> None:
    assert _verdict(web, certificate) == "Valid"
    keys.key_revoke(actor=assessor, key=certificate.signing_key, reason="私钥泄露")
    assert _verdict(web, certificate) == "Invalid"
    assert not verify_stored(Certificate.objects.get(pk=certificate.pk).credential).valid


def test_a_kept_verification_lasts_no_longer_than_until_the_documents_next_date() -> None:
    now = dt.datetime(2026, 12, 7, 22, 0, tzinfo=dt.UTC)
    soon = format_datetime(now + dt.timedelta(seconds=40))
    expiring = {"validFrom": "2026-01-01T00:00:00Z", "validUntil": soon}
    starting = {"validFrom": format_datetime(now + dt.timedelta(seconds=5))}
    lasting = {"validFrom": "2026-01-01T00:00:00Z", "validUntil": "2030-01-01T00:00:00Z"}
    assert _seconds_unchanged([lasting], now) == VERIFICATION_CACHE_SECONDS
    assert _seconds_unchanged([lasting, expiring], now) == 40
    assert _seconds_unchanged([expiring, starting], now) == 5
    unreadable = [{"validUntil": "not a date"}, "text"]
    assert _seconds_unchanged(unreadable, now) == VERIFICATION_CACHE_SECONDS
