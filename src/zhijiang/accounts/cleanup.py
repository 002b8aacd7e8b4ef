"""Deleting what has expired, as part of the nightly work: pending sign-ups past their code's
lifetime (a name, a mobile number and a password hash that no one confirmed) and throttle
buckets past their window. Both are also cleared as new ones are made; this covers the nights
no one signs up or signs in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from zhijiang.accounts.models import SignUpRequest
from zhijiang.accounts.throttle import expired_buckets_delete


@dataclass(frozen=True)
class ExpiredDeleted:
    sign_ups: int
    throttle_buckets: int


def expired_rows_delete(*, now: datetime | None = None) -> ExpiredDeleted:
    """Delete the sign-ups and throttle buckets that expired before ``now`` (default: now)."""
    now = now or timezone.now()
    with transaction.atomic():
        sign_ups, _by_model = SignUpRequest.objects.filter(expires_at__lt=now).delete()
        buckets = expired_buckets_delete(now=now)
    return ExpiredDeleted(sign_ups=sign_ups, throttle_buckets=buckets)
