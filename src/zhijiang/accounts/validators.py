"""Validation of organisation identifiers."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from zhijiang.common.pii import PersonalDataError

# GB 32100-2015 unified social credit code (统一社会信用代码): 18 characters from this alphabet.
_CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
_CREDIT_SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def credit_code_check_character(body: str) -> str:
    total = sum(_CREDIT_ALPHABET.index(c) * w for c, w in zip(body, _CREDIT_WEIGHTS, strict=True))
    return _CREDIT_ALPHABET[(31 - total % 31) % 31]


def normalize_credit_code(raw: str) -> str:
    """Return the canonical 18-character code, or raise PersonalDataError with the reason."""
    value = raw.strip().upper()
    if not _CREDIT_SHAPE.match(value):
        raise PersonalDataError(
            _("A unified social credit code has 18 characters (digits and capital letters).")
        )
    if credit_code_check_character(value[:17]) != value[17]:
        raise PersonalDataError(_("The unified social credit code's check character is wrong."))
    return value
