"""Slowing password guessing without locking people out, and bounding password hashing.

A sign-in is counted against three buckets before its password is checked, so that concurrent
guesses cannot pass a limit between the check and the count:

- the account from this address: ``LOGIN_FAILURE_LIMIT`` failures in the window, then this
  address waits; the account's owner elsewhere still gets in. Once the account has had
  ``ACCOUNT_FACTOR`` times that many failures from anywhere (guessing from many addresses),
  each address gets one failure per window instead;
- the address over all accounts: ``ADDRESS_FACTOR`` times the limit (one address trying a
  password on many accounts);
- names of no account count as an account of their own, so the answers do not tell whether
  an account exists; only ``LOGIN_UNKNOWN_NAME_LIMIT`` of them per window, site-wide, are
  given a decoy hash.

A success gives the attempt back and clears the account's failures from that address. Buckets
are rows keyed by a keyed hash (no name or address is stored), counted with one conditional
UPDATE each, which the database runs atomically on SQLite and PostgreSQL alike; the database,
unlike a per-process cache, is shared by every server process.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import ThrottleBucket
from zhijiang.common.errors import ApplicationError

ACCOUNT_FACTOR = 4
ADDRESS_FACTOR = 10
HOUR = 3600
DAY = 86400
# Codes texted for sign-up, per mobile number and per client address, each hour; ID-number
# changes per account each day.
SIGN_UP_CODES_PER_PHONE = 5
SIGN_UP_CODES_PER_ADDRESS = 20
ID_NUMBER_CHANGES_PER_DAY = 5
# A turn to hash a password frees within a fraction of a second.
BUSY_RETRY_AFTER_SECONDS = 1


class ThrottledError(ApplicationError):
    """Too many recent attempts from here; nothing was checked. ``retry_after``: the seconds
    until the bucket's window lets the next try (``seconds``, else ``minutes``, else the
    sign-in window); the message names them in whole minutes."""

    status = 429

    def __init__(
        self,
        message: str | Promise | None = None,
        *,
        minutes: int | None = None,
        seconds: int | None = None,
    ) -> None:
        if seconds is None:
            seconds = minutes * 60 if minutes else settings.LOGIN_FAILURE_WINDOW_SECONDS
        self.retry_after = max(1, seconds)
        minutes = minutes or max(1, math.ceil(self.retry_after / 60))
        text = message or _("Too many failed sign-ins. Wait %(minutes)d minutes and try again.")
        super().__init__(text % {"minutes": minutes}, code="throttled")


class BusyError(ApplicationError):
    """Every password-hashing turn of this process is taken; nothing was checked or counted."""

    status = 503
    retry_after = BUSY_RETRY_AFTER_SECONDS

    def __init__(self) -> None:
        super().__init__(
            _("The server is busy checking other passwords. Try again in a few seconds."),
            code="busy",
        )


# --- buckets -------------------------------------------------------------------------------


def _key(*parts: str) -> str:
    message = "\x1f".join(("throttle", *parts)).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _cutoff(now: datetime, window: int | None = None) -> datetime:
    return now - timedelta(seconds=window or settings.LOGIN_FAILURE_WINDOW_SECONDS)


def _count_one(key: str, *, limit: int, now: datetime, window: int | None = None) -> int:
    """One conditional UPDATE: start a new window if the old one is over, else add one if the
    bucket holds fewer than ``limit``. Returns the number of rows changed (0 or 1)."""
    expired = Q(window_start__lt=_cutoff(now, window))
    return ThrottleBucket.objects.filter(Q(key=key) & (expired | Q(count__lt=limit))).update(
        count=Case(When(expired, then=Value(1)), default=F("count") + 1),
        window_start=Case(When(expired, then=Value(now)), default=F("window_start")),
    )


def _expired(now: datetime) -> Q:
    """Buckets whose window is over, each by its own length (any older than the longest)."""
    login = settings.LOGIN_FAILURE_WINDOW_SECONDS
    expired = Q(window_start__lt=_cutoff(now, max(login, DAY)))
    expired |= Q(window_seconds=0, window_start__lt=_cutoff(now))
    for window in (HOUR, DAY):
        expired |= Q(window_seconds=window, window_start__lt=_cutoff(now, window))
    return expired


def expired_buckets_delete(*, now: datetime) -> int:
    """Delete the buckets whose window is over; how many there were."""
    deleted, _by_model = ThrottleBucket.objects.filter(_expired(now)).delete()
    return deleted


def _take(key: str, *, limit: int, now: datetime, window: int | None = None) -> bool:
    """Count one attempt in the bucket (its window ``window`` seconds, by default the sign-in
    window); False, counting nothing, when it is full."""
    if _count_one(key, limit=limit, now=now, window=window):
        return True
    if not ThrottleBucket.objects.filter(key=key).exists():
        # A new bucket: clear the expired ones first, so that the table stays the size of the
        # window.
        expired_buckets_delete(now=now)
        bucket = ThrottleBucket(key=key, count=0, window_start=now, window_seconds=window or 0)
        ThrottleBucket.objects.bulk_create([bucket], ignore_conflicts=True)
    # Counted again either way: a bucket another request made since the first try may have room
    # (returning False on "it exists now" refused attempts under the limit); a full one refuses.
    return bool(_count_one(key, limit=limit, now=now, window=window))


def _refused(
    key: str, *, now: datetime, window: int | None = None, message: str | Promise | None = None
) -> ThrottledError:
    """The refusal of a full bucket, telling when its window lets the next try."""
    start = ThrottleBucket.objects.filter(key=key).values_list("window_start", flat=True).first()
    length = window or settings.LOGIN_FAILURE_WINDOW_SECONDS
    left = (start or now) + timedelta(seconds=length) - now
    return ThrottledError(message, seconds=math.ceil(left.total_seconds()))


def _give_back(key: str) -> None:
    ThrottleBucket.objects.filter(key=key, count__gt=0).update(count=F("count") - 1)


def _clear(key: str) -> None:
    ThrottleBucket.objects.filter(key=key).update(count=0)


def _current(*keys: str, now: datetime) -> dict[str, int]:
    """The counts of these buckets in their current windows (0 for none), in one read."""
    rows = ThrottleBucket.objects.filter(key__in=keys, window_start__gte=_cutoff(now))
    counts = dict(rows.values_list("key", "count"))
    return {key: counts.get(key, 0) for key in keys}


def _address_group(address: str) -> str:
    """IPv6 clients usually hold a whole /64, so that is what is counted for them."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


# --- sign-in -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignInAttempt:
    pair: str
    address: str
    account: str


def sign_in_attempt_start(*, subject: str, address: str) -> SignInAttempt:
    """Count a sign-in for ``subject`` (``user:<id>``, or ``name:<typed name>`` for no account)
    from ``address`` before its password is checked; ``ThrottledError`` when it must wait."""
    now = timezone.now()
    group = _address_group(address)
    attempt = SignInAttempt(
        pair=_key("pair", subject, group), address=_key("address", group), account=_key(subject)
    )
    limit = settings.LOGIN_FAILURE_LIMIT
    counts = _current(attempt.pair, attempt.address, attempt.account, now=now)
    pair_limit = 1 if counts[attempt.account] >= limit * ACCOUNT_FACTOR else limit
    address_limit = limit * ADDRESS_FACTOR
    # Refused at the cost of that one read while a flood lasts; the conditional updates below
    # decide the rest, so that concurrent attempts cannot slip past a limit.
    if counts[attempt.pair] >= pair_limit:
        raise _refused(attempt.pair, now=now)
    if counts[attempt.address] >= address_limit:
        raise _refused(attempt.address, now=now)
    if not _take(attempt.pair, limit=pair_limit, now=now):
        raise _refused(attempt.pair, now=now)
    if not _take(attempt.address, limit=address_limit, now=now):
        _give_back(attempt.pair)
        raise _refused(attempt.address, now=now)
    return attempt


def sign_in_attempt_failed(attempt: SignInAttempt) -> None:
    _take(attempt.account, limit=2**31 - 1, now=timezone.now())


def sign_in_attempt_succeeded(attempt: SignInAttempt) -> None:
    _clear(attempt.pair)
    _give_back(attempt.address)


def sign_in_attempt_abandoned(attempt: SignInAttempt) -> None:
    """The password was never checked (the server was busy): the attempt does not count."""
    _give_back(attempt.pair)
    _give_back(attempt.address)


def unknown_name_decoy_allowed() -> bool:
    """Whether a sign-in with a name of no account may still spend a (decoy) password hash."""
    limit = settings.LOGIN_UNKNOWN_NAME_LIMIT
    return limit > 0 and _take(_key("unknown-names"), limit=limit, now=timezone.now())


# --- password change -------------------------------------------------------------------------


def password_check_start(*, user_id: int) -> str:
    """Count a check of a signed-in person's current password (before changing it);
    ``ThrottledError`` after ``LOGIN_FAILURE_LIMIT`` wrong ones in the window."""
    key = _key("password", str(user_id))
    now = timezone.now()
    if not _take(key, limit=settings.LOGIN_FAILURE_LIMIT, now=now):
        message = _("Too many wrong passwords. Wait %(minutes)d minutes and try again.")
        raise _refused(key, now=now, message=message)
    return key


def password_check_succeeded(key: str) -> None:
    _clear(key)


def password_check_abandoned(key: str) -> None:
    _give_back(key)


# --- codes by text message, ID numbers ------------------------------------------------------


def sign_up_code_start(*, phone: str, address: str) -> None:
    """Count a sign-up code texted to ``phone`` for a client at ``address``; ``ThrottledError``
    past ``SIGN_UP_CODES_PER_PHONE`` per number or ``SIGN_UP_CODES_PER_ADDRESS`` per address
    in an hour. Numbers with and without an account are counted alike."""
    now = timezone.now()
    message = _("Too many codes asked for. Wait %(minutes)d minutes and try again.")
    phone_key = _key("sms-phone", phone)
    if not _take(phone_key, limit=SIGN_UP_CODES_PER_PHONE, now=now, window=HOUR):
        raise _refused(phone_key, now=now, window=HOUR, message=message)
    address_key = _key("sms-address", _address_group(address))
    if not _take(address_key, limit=SIGN_UP_CODES_PER_ADDRESS, now=now, window=HOUR):
        _give_back(phone_key)
        raise _refused(address_key, now=now, window=HOUR, message=message)


def id_number_change_start(*, user_id: int) -> None:
    """Count a change of one's own ID number; ``ThrottledError`` past
    ``ID_NUMBER_CHANGES_PER_DAY`` in a day, so that numbers cannot be tried in bulk."""
    key = _key("id-number", str(user_id))
    now = timezone.now()
    if not _take(key, limit=ID_NUMBER_CHANGES_PER_DAY, now=now, window=DAY):
        message = _("You have changed your ID number too often today. Try again tomorrow.")
        raise _refused(key, now=now, window=DAY, message=message)


# --- hashing -------------------------------------------------------------------------------

_semaphores: dict[int, threading.BoundedSemaphore] = {}
_semaphores_lock = threading.Lock()


def _semaphore(size: int) -> threading.BoundedSemaphore:
    with _semaphores_lock:
        return _semaphores.setdefault(size, threading.BoundedSemaphore(size))


@contextmanager
def password_hashing_turn() -> Iterator[None]:
    """At most ``PASSWORD_HASH_CONCURRENCY`` password hashes at a time in this process, so that
    a flood of sign-ins cannot take every core and every worker thread; ``BusyError`` after
    waiting ``PASSWORD_HASH_WAIT_MS`` for a turn."""
    semaphore = _semaphore(settings.PASSWORD_HASH_CONCURRENCY)
    if not semaphore.acquire(timeout=settings.PASSWORD_HASH_WAIT_MS / 1000):
        raise BusyError()
    try:
        yield
    finally:
        semaphore.release()
