"""JSON Canonicalization Scheme (RFC 8785): the byte string that eddsa-jcs-2022 signs.

Keys are sorted by UTF-16 code units, strings use the minimal JSON escapes, and numbers are
written the way ECMAScript's ``Number.prototype.toString`` writes an IEEE 754 double."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
}


class CanonicalizationError(ValueError):
    """The value cannot be written as I-JSON (NaN, infinity, a non-string key, an odd type)."""


def canonicalize(value: object) -> bytes:
    """The RFC 8785 canonical UTF-8 bytes of a JSON value made of dicts, lists, str, numbers,
    bools and None."""
    parts: list[str] = []
    _write(value, parts, depth=0)
    try:
        return "".join(parts).encode("utf-8")
    except UnicodeEncodeError:
        raise CanonicalizationError("lone surrogate in a string") from None


def _write(value: object, parts: list[str], depth: int) -> None:
    if depth > 200:
        raise CanonicalizationError("nesting deeper than 200 levels")
    if value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif isinstance(value, int | float):
        parts.append(serialize_number(value))
    elif isinstance(value, str):
        parts.append(serialize_string(value))
    elif isinstance(value, Mapping):
        _write_object(value, parts, depth)
    elif isinstance(value, Sequence):
        parts.append("[")
        for index, item in enumerate(value):
            if index:
                parts.append(",")
            _write(item, parts, depth + 1)
        parts.append("]")
    else:
        raise CanonicalizationError(f"not a JSON value: {type(value).__name__}")


def _write_object(value: Mapping[object, object], parts: list[str], depth: int) -> None:
    keys = list(value)
    if not all(isinstance(key, str) for key in keys):
        raise CanonicalizationError("object keys must be strings")
    parts.append("{")
    for index, key in enumerate(sorted(keys, key=_utf16_units)):  # type: ignore[arg-type]
        if index:
            parts.append(",")
        parts.append(serialize_string(str(key)))
        parts.append(":")
        _write(value[key], parts, depth + 1)
    parts.append("}")


def _utf16_units(key: str) -> bytes:
    """Sort key: big-endian UTF-16 bytes compare like the sequence of UTF-16 code units."""
    return key.encode("utf-16-be", "surrogatepass")


def serialize_string(text: str) -> str:
    """A JSON string literal with only the escapes RFC 8785 requires; other characters raw."""
    out = ['"']
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char < " ":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def serialize_number(number: int | float) -> str:
    """ECMAScript Number-to-String of the IEEE 754 double nearest to ``number``."""
    try:
        value = float(number)
    except OverflowError:
        raise CanonicalizationError("number outside the IEEE 754 double range") from None
    if not math.isfinite(value):
        raise CanonicalizationError("NaN and infinity are not JSON numbers")
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    digits, point = _shortest_digits(abs(value))
    return sign + _format_ecmascript(digits, point)


def _shortest_digits(value: float) -> tuple[str, int]:
    """Shortest round-trip decimal digits ``d`` and exponent ``n`` with value = 0.d × 10**n.

    Python's ``repr`` already picks the shortest digits that round-trip, as ECMAScript does."""
    mantissa, _, exponent_text = repr(value).partition("e")
    whole, _, fraction = mantissa.partition(".")
    raw = whole + fraction
    stripped = raw.lstrip("0")
    point = len(whole) + int(exponent_text or 0) - (len(raw) - len(stripped))
    return stripped.rstrip("0"), point


def _format_ecmascript(digits: str, n: int) -> str:
    k = len(digits)
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return "0." + "0" * (-n) + digits
    exponent = n - 1
    sign = "+" if exponent >= 0 else "-"
    head = digits if k == 1 else digits[0] + "." + digits[1:]
    return f"{head}e{sign}{abs(exponent)}"
