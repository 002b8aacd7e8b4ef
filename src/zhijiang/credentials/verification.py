"""Verifying credentials against what this platform publishes: its key registry and its
status lists, read from the database. Never raises on bad input: a malformed, tampered or
foreign document gets a report whose failed checks say why."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from zhijiang.credentials.models import IssuerKey, StatusList
from zhijiang_engine.credentials import (
    Check,
    CheckStatus,
    KeyRegistry,
    RegisteredKey,
    VerificationReport,
    proofs_of,
    verify_credential,
    verify_dual_certificate,
)
from zhijiang_engine.credentials.dates import parse_datetime
from zhijiang_engine.credentials.dual import is_presentation

MAX_DOCUMENT_BYTES = 256 * 1024


def registered(key: IssuerKey) -> RegisteredKey:
    """The public registry entry of a stored key."""
    return RegisteredKey(
        issuer_id=key.issuer_uri,
        key_id=key.key_id,
        public_key_multibase=key.public_key_multibase,
        valid_from=key.valid_from,
        valid_until=key.retired_at,
        revoked=key.revoked_at,
    )


def registry_of(keys: Iterable[IssuerKey]) -> KeyRegistry:
    """A KeyRegistry of stored keys, with their issuers' names."""
    items = list(keys)
    names = {key.issuer_uri: key.organisation.name for key in items}
    return KeyRegistry(
        keys=tuple(registered(key) for key in items), issuer_names=tuple(names.items())
    )


@dataclass(frozen=True)
class Verification:
    """The outcome for one credential or a dual-certificate presentation (two reports and the
    pairing check)."""

    reports: tuple[VerificationReport, ...]
    pairing: Check | None = None

    @property
    def valid(self) -> bool:
        paired = self.pairing is None or self.pairing.status is CheckStatus.OK
        return paired and all(report.valid for report in self.reports)

    @property
    def failures(self) -> list[str]:
        """``check: reason`` for each failed check, in order."""
        found = [
            f"{check.name.value}: {check.reason}"
            for report in self.reports
            for check in report.failed_checks
        ]
        if self.pairing is not None and self.pairing.status is CheckStatus.FAILED:
            found.append(f"pairing: {self.pairing.reason}")
        return found

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "credentials": [report.to_dict() for report in self.reports],
            "pairing": self.pairing.to_dict() if self.pairing is not None else None,
        }


def _credentials_in(document: object) -> list[Mapping[str, Any]]:
    if is_presentation(document):
        assert isinstance(document, Mapping)
        items = document.get("verifiableCredential")
        return (
            [item for item in items if isinstance(item, Mapping)] if isinstance(items, list) else []
        )
    return [document] if isinstance(document, Mapping) else []


def _string(value: object) -> str | None:
    return value if isinstance(value, str) and len(value) <= 500 else None


def _issuer(credential: Mapping[str, Any]) -> str | None:
    issuer = credential.get("issuer")
    return _string(issuer.get("id") if isinstance(issuer, Mapping) else issuer)


def _methods(credential: Mapping[str, Any]) -> list[str]:
    found = [_string(proof.get("verificationMethod")) for proof in proofs_of(credential)[:4]]
    return [method for method in found if method]


def _list_ids(credential: Mapping[str, Any]) -> list[str]:
    status = credential.get("credentialStatus")
    entries = status if isinstance(status, list) else [status]
    found = [
        _string(entry.get("statusListCredential"))
        for entry in entries
        if isinstance(entry, Mapping)
    ]
    return [item for item in found if item]


def registry_for(document: object) -> KeyRegistry:
    """The platform's keys a document may need: those its proofs name and all keys of the
    issuers it claims (so a key of another issuer is recognised, and reported as such)."""
    condition = Q(pk__in=[])
    for credential in _credentials_in(document):
        issuer = _issuer(credential)
        for method in _methods(credential):
            condition |= Q(key_id=method)
        if issuer:
            condition |= Q(key_id__startswith=issuer + "#")
    keys = IssuerKey.objects.filter(condition).select_related("organisation").order_by("pk")
    return registry_of(keys)


def status_lists_for(document: object) -> list[dict[str, Any]]:
    """The signed status list credentials of this platform that the document points at."""
    ids = [item for credential in _credentials_in(document) for item in _list_ids(credential)]
    if not ids:
        return []
    return [row.credential for row in StatusList.objects.filter(list_credential_id__in=ids)]


def verify_document(
    document: object,
    *,
    now: datetime | None = None,
    registry: KeyRegistry | None = None,
    status_lists: Sequence[object] | None = None,
) -> Verification:
    """Verify a credential or dual presentation against this platform's registry and status
    lists (or the ones given)."""
    moment = now or timezone.now()
    registry = registry if registry is not None else registry_for(document)
    lists = status_lists if status_lists is not None else list(status_lists_for(document))
    if is_presentation(document):
        dual = verify_dual_certificate(document, registry=registry, now=moment, status_lists=lists)
        return Verification((dual.first, dual.second), dual.pairing)
    report = verify_credential(document, registry=registry, now=moment, status_lists=lists)
    return Verification((report,))


# How long a stored credential's verification is kept at most (in each process's cache).
VERIFICATION_CACHE_SECONDS = 300


def verify_stored(document: object) -> Verification:
    """``verify_document`` for a credential the platform keeps (a certificate's page), from
    Django's cache when the document, the keys and the status lists it is checked against are
    the ones it was kept with: the key is their digest, so a revocation (which re-signs the
    status list) or a key's change is seen at once. An entry lasts until the next validFrom or
    validUntil of the documents at most, the only moments at which the outcome can change."""
    moment = timezone.now()
    registry = registry_for(document)
    lists = status_lists_for(document)
    seconds = _seconds_unchanged([*_credentials_in(document), *lists], moment)
    if seconds < 1:
        return verify_document(document, now=moment, registry=registry, status_lists=lists)
    key = _verification_key(document, registry, lists)
    kept = cache.get(key)
    if isinstance(kept, Verification):
        return kept
    verification = verify_document(document, now=moment, registry=registry, status_lists=lists)
    cache.set(key, verification, seconds)
    return verification


def stored_verification_state(document: object, *, unchanged_for: int) -> str | None:
    """A digest of everything ``verify_stored``'s outcome for ``document`` depends on (the
    document, its keys, its status lists), or None when that outcome may change within
    ``unchanged_for`` seconds by time alone (a validFrom or validUntil comes)."""
    lists = status_lists_for(document)
    if _seconds_unchanged([*_credentials_in(document), *lists], timezone.now()) <= unchanged_for:
        return None
    return _verification_key(document, registry_for(document), lists)


def _verification_key(document: object, registry: KeyRegistry, lists: list[Any]) -> str:
    state = json.dumps([document, lists], sort_keys=True, ensure_ascii=False, default=str)
    digest = hashlib.sha256(f"{state}\n{registry!r}".encode()).hexdigest()
    return f"zhijiang.verification.{digest}"


def _seconds_unchanged(documents: Iterable[object], moment: datetime) -> int:
    """Whole seconds until the first validFrom or validUntil after ``moment`` among the
    documents, at most VERIFICATION_CACHE_SECONDS."""
    seconds = float(VERIFICATION_CACHE_SECONDS)
    for item in documents:
        if not isinstance(item, Mapping):
            continue
        for name in ("validFrom", "validUntil"):
            try:
                edge = parse_datetime(item.get(name))
            except ValueError:
                continue
            if edge > moment:
                seconds = min(seconds, (edge - moment).total_seconds())
    return int(seconds)


class UnreadableDocument(ValueError):
    """Text that is not one JSON document; the message (in the active language) says where."""


# The JSON parser's messages that people meet most, in the reader's language.
JSON_PROBLEMS = {
    "Expecting value": gettext_lazy(
        "a value was expected (an object, list, string, number, true, false or null)"
    ),
    "Expecting property name enclosed in double quotes": gettext_lazy(
        "a property name in double quotes was expected"
    ),
    "Expecting ',' delimiter": gettext_lazy("a comma was expected"),
    "Expecting ':' delimiter": gettext_lazy("a colon was expected"),
    "Extra data": gettext_lazy("more text follows the end of the document"),
    "Unterminated string starting at": gettext_lazy("a string that starts here is not closed"),
    "Invalid control character at": gettext_lazy("a string holds a control character"),
}


def parse_document(text: str | bytes) -> object:
    """Parse pasted or uploaded JSON; UnreadableDocument (with line) when it is not JSON."""
    if len(text) > MAX_DOCUMENT_BYTES:
        message = gettext("larger than %(size)s KiB") % {"size": MAX_DOCUMENT_BYTES // 1024}
        raise UnreadableDocument(message)
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            message = gettext("not UTF-8 text (at byte %(byte)s)") % {"byte": error.start}
            raise UnreadableDocument(message) from None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        problem = JSON_PROBLEMS.get(error.msg, error.msg)
        where = {"line": error.lineno, "column": error.colno, "problem": problem}
        raise UnreadableDocument(
            gettext("line %(line)s, column %(column)s: %(problem)s") % where
        ) from None
    except RecursionError:
        raise UnreadableDocument(gettext("nested too deeply")) from None
    except ValueError as error:
        raise UnreadableDocument(str(error)[:200]) from None


def _reject_constant(name: str) -> object:
    raise ValueError(gettext("%(name)s is not a JSON value") % {"name": name})
