"""With the page cache on (production), a certificate's page is kept for visitors without a
session while what it shows stays the same: a revocation or a key's revocation shows at once,
and a certificate whose validity ends within a kept page's life is never kept."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zhijiang.credentials import keys, services
from zhijiang.credentials.models import Certificate
from zhijiang.credentials.verification import stored_verification_state
from zhijiang_engine.credentials.dates import format_datetime

pytestmark = pytest.mark.django_db


def _page(web: Any, certificate: Certificate, user: Any = None) -> tuple[str, int]:
    """The page's HTML and the number of queries it took."""
    with CaptureQueriesContext(connection) as queries:
        html = web(user).get(f"/credentials/c/{certificate.uuid}/").content.decode()
    return html, len(queries)


def _verdict(html: str) -> str:
    return html.split('data-testid="verdict">', 1)[1].split("<", 1)[0]


def test_a_visitor_without_a_session_gets_the_kept_page_with_fewer_queries(
    web: Any, certificate: Certificate, page_cache: Any
) -> None:
    first, rendered = _page(web, certificate)
    second, kept = _page(web, certificate)
    assert _verdict(first) == _verdict(second) == "Valid"
    assert kept < rendered


def test_a_revocation_shows_at_once_on_a_kept_page(
    web: Any, certificate: Certificate, assessor: Any, page_cache: Any
) -> None:
    _page(web, certificate)
    assert _verdict(_page(web, certificate)[0]) == "Valid"
    services.certificate_revoke(actor=assessor, certificate=certificate, reason="考试作弊")
    html, _queries = _page(web, certificate)
    assert _verdict(html) == "Invalid"
    assert 'data-testid="certificate-status"' in html


def test_a_revoked_signing_key_shows_at_once_on_a_kept_page(
    web: Any, certificate: Certificate, assessor: Any, page_cache: Any
) -> None:
    _page(web, certificate)
    keys.key_revoke(actor=assessor, key=certificate.signing_key, reason="私钥泄露")
    assert _verdict(_page(web, certificate)[0]) == "Invalid"


def test_the_holder_signed_in_gets_their_own_page_not_the_kept_one(
    web: Any, certificate: Certificate, learner: Any, page_cache: Any
) -> None:
    anonymous, _queries = _page(web, certificate)
    own, _queries = _page(web, certificate, learner)
    name = learner.full_name or learner.get_username()
    assert name in own
    assert name not in anonymous


def test_a_document_whose_validity_ends_within_a_kept_pages_life_has_no_state() -> None:
    soon = format_datetime(timezone.now() + dt.timedelta(seconds=40))
    expiring = {"validFrom": "2026-01-01T00:00:00Z", "validUntil": soon}
    lasting = {"validFrom": "2026-01-01T00:00:00Z", "validUntil": "2099-01-01T00:00:00Z"}
    assert stored_verification_state(expiring, unchanged_for=60) is None
    assert stored_verification_state(expiring, unchanged_for=30) is not None
    assert stored_verification_state(lasting, unchanged_for=60) is not None
