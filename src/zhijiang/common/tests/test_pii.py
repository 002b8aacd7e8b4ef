"""National ID numbers (GB 11643), mobile numbers, masking and log redaction."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from zhijiang.common.pii import (
    PersonalDataError,
    RedactPersonalDataFilter,
    id_number_check_character,
    id_number_hash,
    mask_id_number,
    mask_phone,
    normalize_id_number,
    normalize_phone,
    redact_text,
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# The worked example printed in GB 11643-1999 (Annex A).
PUBLISHED_VALID = ["11010519491231002X"]


@pytest.mark.parametrize("number", PUBLISHED_VALID)
def test_published_id_numbers_are_valid(number):
    assert normalize_id_number(number) == number


def test_lowercase_x_and_spaces_are_normalised():
    assert normalize_id_number(" 11010519491231002x ") == "11010519491231002X"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("11010519491231002", "18 characters"),
        ("1101051949123100XX", "18 characters"),
        ("99010519491231002X", "region"),
        ("110105194913310021", "date of birth"),
        ("110105210001010012", "date of birth"),
        ("110105194912310021", "check digit"),
    ],
)
def test_invalid_id_numbers_say_why(raw, reason):
    with pytest.raises(PersonalDataError) as caught:
        normalize_id_number(raw, today=dt.date(2026, 11, 30))
    assert reason in str(caught.value)


@given(
    region=st.sampled_from(["500103", "110105", "440524"]),
    born=st.dates(min_value=dt.date(1920, 1, 1), max_value=dt.date(2020, 12, 31)),
    serial=st.integers(min_value=0, max_value=999),
    position=st.integers(min_value=0, max_value=16),
    delta=st.integers(min_value=1, max_value=9),
)
def test_any_single_digit_error_is_caught(region, born, serial, position, delta):
    body = f"{region}{born:%Y%m%d}{serial:03d}"
    number = body + id_number_check_character(body)
    assert normalize_id_number(number) == number
    changed = body[:position] + str((int(body[position]) + delta) % 10) + body[position + 1 :]
    with pytest.raises(PersonalDataError):
        normalize_id_number(changed + number[17])


def test_id_number_is_masked_to_region_and_last_four():
    assert mask_id_number("50010319900101123X") == "500***********123X"


def test_id_hash_depends_on_the_key():
    number = PUBLISHED_VALID[0]
    assert id_number_hash(number, key="a") == id_number_hash(number, key="a")
    assert id_number_hash(number, key="a") != id_number_hash(number, key="b")
    assert number not in id_number_hash(number, key="a")


@pytest.mark.parametrize(
    "raw", ["13812345678", "+86 138 1234 5678", "0086-138-1234-5678", "8613812345678"]
)
def test_mobile_numbers_are_normalised(raw):
    assert normalize_phone(raw) == "13812345678"


@pytest.mark.parametrize("raw", ["12812345678", "1381234567", "138123456789", "abc", ""])
def test_invalid_mobile_numbers_are_refused(raw):
    with pytest.raises(PersonalDataError, match="11 digits"):
        normalize_phone(raw)


def test_phone_is_masked():
    assert mask_phone("13812345678") == "138****5678"


def test_redaction_masks_id_and_phone_numbers_in_text():
    text = "login 11010519491231002X from 13812345678 order 2026113012345"
    assert redact_text(text) == "login 110***********002X from 138****5678 order 2026113012345"


def test_log_records_never_carry_raw_numbers():
    record = logging.LogRecord(
        "x",
        logging.INFO,
        __file__,
        1,
        "user %s phone %s",
        ("11010519491231002X", "13812345678"),
        None,
    )
    assert RedactPersonalDataFilter().filter(record)
    assert record.getMessage() == "user 110***********002X phone 138****5678"
