"""The nightly work deletes pending sign-ups whose code has expired (a name, a mobile number
and a password hash no one confirmed) and throttle counts past their window, even on nights
when no one signs up or signs in."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from zhijiang.accounts.cleanup import expired_rows_delete
from zhijiang.accounts.models import SignUpRequest, ThrottleBucket
from zhijiang.accounts.tests.factories import district
from zhijiang.careers.tasks import nightly_run

pytestmark = pytest.mark.django_db


def pending_sign_up(username: str, *, expires_in: timedelta) -> SignUpRequest:
    return SignUpRequest.objects.create(
        token_hash=username.ljust(64, "0"),
        username=username,
        full_name="丹娜",
        phone="13700002222",
        district=district("500112"),
        password="!",
        code_hash="c" * 64,
        expires_at=timezone.now() + expires_in,
    )


def throttle_bucket(key: str, *, started_ago: timedelta) -> ThrottleBucket:
    return ThrottleBucket.objects.create(
        key=key.ljust(64, "0"), count=3, window_start=timezone.now() - started_ago
    )


@pytest.fixture
def expired_and_current():
    pending_sign_up("expired", expires_in=-timedelta(minutes=1))
    pending_sign_up("waiting", expires_in=timedelta(minutes=5))
    throttle_bucket("old", started_ago=timedelta(days=2))
    throttle_bucket("new", started_ago=timedelta(minutes=1))


def usernames() -> list[str]:
    return list(SignUpRequest.objects.values_list("username", flat=True))


def test_expired_sign_ups_and_throttle_counts_are_deleted_and_current_ones_kept(
    expired_and_current,
):
    deleted = expired_rows_delete()
    assert (deleted.sign_ups, deleted.throttle_buckets) == (1, 1)
    assert usernames() == ["waiting"]
    assert [key[:3] for key in ThrottleBucket.objects.values_list("key", flat=True)] == ["new"]


def test_the_nightly_task_deletes_expired_sign_ups(expired_and_current):
    assert nightly_run.call()["expired_sign_ups_deleted"] == 1
    assert usernames() == ["waiting"]


def test_the_nightly_command_deletes_expired_sign_ups(expired_and_current):
    out = StringIO()
    call_command("careers", "nightly", stdout=out)
    assert "expired sign-ups deleted 1" in out.getvalue()
    assert usernames() == ["waiting"]
    assert ThrottleBucket.objects.count() == 1
