"""The verifier's reasons in the reader's language.

The engine writes each check's reason in English: it runs offline, without Django, and its
reasons also go into JSON reports. The pages show them in the active language: reasons of a
known shape are translated, their dates written the way the reader writes dates; any other
reason (a structure problem, an unexpected error) is shown as the engine wrote it, marked as
English. A test walks the engine's reasons, so a reworded one shows up as untranslated."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from zhijiang_engine.credentials.dates import parse_datetime


@dataclass(frozen=True)
class Reason:
    """A check's reason for people: ``translated`` is False where it is the engine's English."""

    text: str
    translated: bool


_KEY = r"key (?P<key>\S+)"
_LIST = r"status list (?P<list>\S+)"

# (the engine's wording as a pattern, its translation with the same named values)
_PATTERNS: list[tuple[str, Promise]] = [
    (r"a well-formed (?P<kind>\w+)", _("a well-formed %(kind)s")),
    (r"(the credential is )?not a JSON object", _("not a JSON object")),
    (r"structure check failed", _("the format check failed first")),
    (r"unexpected error: (?P<error>.*)", _("the verifier failed unexpectedly: %(error)s")),
    (r"no registered key to check the signature with",
     _("no published key to check the signature with")),
    (rf"signature valid for {_KEY}", _("signature valid for key %(key)s")),
    (r"signatures valid for keys (?P<keys>.+)", _("signatures valid for keys %(keys)s")),
    (r"cannot resolve verification method (?P<key>\S+)",
     _("cannot find the key %(key)s to check its signature with")),
    (r"signature does not match the document and proof configuration",
     _("the signature does not match the document and its proof settings")),
    (r"the credential has no single proof object", _("the credential has no single proof")),
    (r"proofValue is not a 64-byte Ed25519 signature",
     _("the proof value is not a 64-byte Ed25519 signature")),
    (rf"{_KEY} is not in the key registry", _("key %(key)s is not among the published keys")),
    (rf"{_KEY} belongs to (?P<owner>\S+), not to the issuer (?P<issuer>\S+)",
     _("key %(key)s belongs to %(owner)s, not to the issuer %(issuer)s")),
    (rf"{_KEY} of (?P<issuer>\S+) valid at issuance",
     _("key %(key)s of %(issuer)s was valid when the certificate was issued")),
    (r"(?P<problem>.+); the certificate was signed (?P<moment>\S+)",
     _("%(problem)s; the certificate was signed on %(moment)s")),
    (rf"{_KEY} was revoked at (?P<moment>\S+)", _("key %(key)s was revoked on %(moment)s")),
    (rf"{_KEY} is valid only from (?P<moment>\S+)",
     _("key %(key)s is valid only from %(moment)s")),
    (rf"{_KEY} was retired at (?P<moment>\S+)", _("key %(key)s was retired on %(moment)s")),
    (r"not valid before (?P<moment>\S+)", _("not valid before %(moment)s")),
    (r"expired at (?P<moment>\S+)", _("expired on %(moment)s")),
    (r"valid until (?P<moment>\S+)", _("valid until %(moment)s")),
    (r"valid, with no expiry date", _("valid, with no expiry date")),
    (r"the certificate has no revocation status entry",
     _("the certificate names no revocation list")),
    (rf"{_LIST} was not supplied",
     _("status list %(list)s is not one this platform publishes")),
    (rf"{_LIST} is not valid: (?P<details>.*)",
     _("status list %(list)s is not valid: %(details)s")),
    (rf"{_LIST} has a different issuer", _("status list %(list)s has a different issuer")),
    (r"revoked \(bit (?P<bit>\d+) of (?P<list>\S+) is set\)",
     _("revoked (bit %(bit)s of %(list)s is set)")),
    (r"not revoked \(bit (?P<bit>\d+) of (?P<list>\S+) is clear\)",
     _("not revoked (bit %(bit)s of %(list)s is clear)")),
    (r"the two credentials name each other", _("the two certificates name each other")),
    (r"both credentials must be JSON objects", _("both certificates must be JSON objects")),
    (r"the two credentials need two different string ids",
     _("the two certificates need two different ids")),
    (r"the credentials do not name each other in pairedCredential",
     _("the certificates do not name each other as their pair")),
    (r"the two credentials are not about the same subject",
     _("the two certificates are not about the same person")),
    (r"a dual certificate holds exactly two credentials",
     _("a dual certificate holds exactly two certificates")),
]  # fmt: skip
_COMPILED = [(re.compile(pattern, re.DOTALL), message) for pattern, message in _PATTERNS]


def _moment(text: str) -> str:
    """A credential's timestamp (UTC, ISO 8601) as the reader writes a date and time."""
    try:
        moment = parse_datetime(text)
    except ValueError:
        return text
    return str(formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT"))


def readable_reason(reason: str) -> Reason:
    """The engine's reason in the active language, or as it is when its shape is unknown."""
    for pattern, message in _COMPILED:
        match = pattern.fullmatch(reason)
        if match is None:
            continue
        values: dict[str, str] = {}
        for name, value in match.groupdict().items():
            values[name] = _VALUE_FORMATS.get(name, str)(value or "")
        return Reason(str(message) % values, translated=True)
    return Reason(reason, translated=False)


def _problem(text: str) -> str:
    return readable_reason(text).text


_VALUE_FORMATS: dict[str, Callable[[str], str]] = {"moment": _moment, "problem": _problem}
