"""Personal data helpers (PIPL): national ID numbers and mobile numbers.

A national ID number (居民身份证号, GB 11643) is validated, then kept only as a keyed hash
(for lookups) and a masked form (for display); the raw number is never stored, logged or
returned. Mobile numbers are validated and normalised, and shown masked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import logging.config
import re
from collections.abc import Callable
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# GB 11643-1999 weights for the 17 body digits, and the check character for sum mod 11.
_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"
# Province-level codes of GB/T 2260 (mainland), plus 71/81/82/83 used on residence permits.
_PROVINCES = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82", "83",
}  # fmt: skip
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")
_PHONE_SHAPE = re.compile(r"^1[3-9]\d{9}$")


class PersonalDataError(ValueError):
    """A personal-data value is malformed; ``message`` says why, in the user's language."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = message


def id_number_check_character(body: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(body, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def normalize_id_number(raw: str, *, today: dt.date | None = None) -> str:
    """Return the 18-character ID number in canonical form, or raise PersonalDataError."""
    value = raw.strip().replace(" ", "").upper()
    if not _ID_SHAPE.match(value):
        raise PersonalDataError(_("An ID number has 18 characters: 17 digits, then a digit or X."))
    if value[:2] not in _PROVINCES:
        raise PersonalDataError(_("The ID number does not start with a valid region code."))
    try:
        born = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise PersonalDataError(
            _("The ID number does not contain a valid date of birth.")
        ) from None
    if born.year < 1900 or born > (today or dt.date.today()):
        raise PersonalDataError(_("The ID number does not contain a valid date of birth."))
    if id_number_check_character(value[:17]) != value[17]:
        raise PersonalDataError(_("The ID number's check digit is wrong; please check it."))
    return value


def id_number_hash(number: str, *, key: str) -> str:
    """Keyed hash (HMAC-SHA256) of a canonical ID number, for lookups without the raw value."""
    return hmac.new(key.encode(), number.encode(), hashlib.sha256).hexdigest()


def mask_id_number(number: str) -> str:
    """``500***********123X``: the region's first three characters and the last four."""
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def normalize_phone(raw: str) -> str:
    """Return an 11-digit mainland mobile number, or raise PersonalDataError."""
    value = re.sub(r"[\s\-()]", "", raw)
    for prefix in ("+86", "0086"):
        if value.startswith(prefix):
            value = value[len(prefix) :]
    if len(value) == 13 and value.startswith("86"):
        value = value[2:]
    if not _PHONE_SHAPE.match(value):
        raise PersonalDataError(
            _("A mobile number has 11 digits and starts with 13 to 19, e.g. 13812345678.")
        )
    return value


def mask_phone(phone: str) -> str:
    """``138****5678``."""
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


_ID_IN_TEXT = re.compile(r"(?<![\dA-Za-z])(\d{3})\d{11}(\d{3}[\dXx])(?![\dA-Za-z])")
_PHONE_IN_TEXT = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")


def redact_text(text: str) -> str:
    """Mask anything in free text that looks like an ID number or a mobile number."""
    text = _ID_IN_TEXT.sub(lambda m: m.group(1) + "*" * 11 + m.group(2), text)
    return _PHONE_IN_TEXT.sub(lambda m: m.group(1) + "****" + m.group(2), text)


_TRACEBACKS = logging.Formatter()


def redact_record(record: logging.LogRecord) -> None:
    """Mask ID and mobile numbers in a log record's message, exception text and stack."""
    try:
        message = record.getMessage()
    except Exception:  # a malformed call: logging must not raise; the handler reports it
        message = None
    if message is not None:
        redacted = redact_text(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
    if record.exc_info and not record.exc_text:
        record.exc_text = _TRACEBACKS.formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = redact_text(record.exc_text)
    if record.stack_info:
        record.stack_info = redact_text(record.stack_info)


class RedactPersonalDataFilter(logging.Filter):
    """Logging filter: a last line of defence so that no ID or phone number reaches a log."""

    def filter(self, record: logging.LogRecord) -> bool:
        redact_record(record)
        return True


class _RedactingRecordFactory:
    """Makes log records already redacted, so that a handler without the filter (a library's
    own, such as jieba's) writes no raw number either."""

    def __init__(self, make: Callable[..., logging.LogRecord]) -> None:
        self.make = make

    def __call__(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        record = self.make(*args, **kwargs)
        redact_record(record)
        return record


def configure_logging(config: dict[str, Any]) -> None:
    """``LOGGING_CONFIG``: apply the ``LOGGING`` setting and redact every record as it is made."""
    logging.config.dictConfig(config)
    factory = logging.getLogRecordFactory()
    if not isinstance(factory, _RedactingRecordFactory):
        logging.setLogRecordFactory(_RedactingRecordFactory(factory))
