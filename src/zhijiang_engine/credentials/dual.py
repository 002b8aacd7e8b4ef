"""Dual certificates: two signed credentials that name each other, presented together.

The envelope is an unsigned W3C VerifiablePresentation holding exactly two credentials. Each
credential carries ``pairedCredential`` = the other's id inside its own signed body, so the
pairing cannot be changed without breaking a signature; the envelope itself needs no proof."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from zhijiang_engine.credentials.badge import VC_CONTEXT
from zhijiang_engine.credentials.keys import KeyRegistry
from zhijiang_engine.credentials.rdfc import ContextLibrary
from zhijiang_engine.credentials.verify import (
    Check,
    CheckName,
    CheckStatus,
    VerificationReport,
    verify_credential,
)

PRESENTATION_TYPE = "VerifiablePresentation"


def dual_certificate(first: Mapping[str, Any], second: Mapping[str, Any]) -> dict[str, Any]:
    """The presentation that carries two signed, mutually paired credentials."""
    return {
        "@context": [VC_CONTEXT],
        "type": [PRESENTATION_TYPE],
        "verifiableCredential": [dict(first), dict(second)],
    }


def is_presentation(document: object) -> bool:
    """Whether a parsed JSON document is a presentation rather than a single credential."""
    if not isinstance(document, Mapping):
        return False
    types = document.get("type")
    return PRESENTATION_TYPE in (types if isinstance(types, list) else [types])


@dataclass(frozen=True)
class DualVerificationReport:
    """The two credentials' own reports and the check that they are each other's pair."""

    first: VerificationReport
    second: VerificationReport
    pairing: Check

    @property
    def valid(self) -> bool:
        return self.first.valid and self.second.valid and self.pairing.status is CheckStatus.OK

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "pairing": self.pairing.to_dict(),
            "credentials": [self.first.to_dict(), self.second.to_dict()],
        }


def verify_dual_certificate(
    presentation: object,
    *,
    registry: KeyRegistry,
    now: datetime,
    status_lists: Sequence[object] = (),
    contexts: ContextLibrary | None = None,
) -> DualVerificationReport:
    """Verify both credentials in full and that they reference each other by id."""
    credentials, problem = _two_credentials(presentation)
    first, second = (
        verify_credential(
            item, registry=registry, now=now, status_lists=status_lists, contexts=contexts
        )
        for item in credentials
    )
    if problem is None:
        problem = _pairing_problem(credentials[0], credentials[1])
    if problem is not None:
        pairing = Check(CheckName.PAIRING, CheckStatus.FAILED, problem)
    else:
        pairing = Check(CheckName.PAIRING, CheckStatus.OK, "the two credentials name each other")
    return DualVerificationReport(first, second, pairing)


def _two_credentials(presentation: object) -> tuple[tuple[object, object], str | None]:
    if not isinstance(presentation, Mapping) or not is_presentation(presentation):
        return (None, None), "not a VerifiablePresentation"
    context = presentation.get("@context")
    if not isinstance(context, list) or not context or context[0] != VC_CONTEXT:
        return (None, None), f"the presentation's @context must start with {VC_CONTEXT}"
    items = presentation.get("verifiableCredential")
    if not isinstance(items, list) or len(items) != 2:
        return (None, None), "a dual certificate holds exactly two credentials"
    return (items[0], items[1]), None


def _pairing_problem(first: object, second: object) -> str | None:
    if not isinstance(first, Mapping) or not isinstance(second, Mapping):
        return "both credentials must be JSON objects"
    first_id, second_id = first.get("id"), second.get("id")
    if not isinstance(first_id, str) or not isinstance(second_id, str) or first_id == second_id:
        return "the two credentials need two different string ids"
    if first.get("pairedCredential") != second_id or second.get("pairedCredential") != first_id:
        return "the credentials do not name each other in pairedCredential"
    subjects = [_subject_id(item) for item in (first, second)]
    if subjects[0] is None or subjects[0] != subjects[1]:
        return "the two credentials are not about the same subject"
    return None


def _subject_id(credential: Mapping[str, Any]) -> str | None:
    subject = credential.get("credentialSubject")
    identifier = subject.get("id") if isinstance(subject, Mapping) else None
    return identifier if isinstance(identifier, str) else None
