"""Writes of the analytics app: an officer's verdict on a unit of generated content.

A verdict is a judgement about generated text, not a privileged act on anyone's data, so it
writes no audit row: the verdict itself records who judged what, when, and what they saw.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import User
from zhijiang.analytics.models import ContentReview, FlagReason, Verdict
from zhijiang.analytics.quality.units import unit_at
from zhijiang.analytics.selectors import check_kind, require_reviewer
from zhijiang.common.errors import NotFoundError, field_error

MAX_NOTE = 500


def _check_verdict(verdict: str, reason: str, note: str) -> None:
    if verdict not in Verdict.values:
        raise field_error(
            "verdict",
            _("The verdict is %(verdicts)s.") % {"verdicts": " or ".join(Verdict.values)},
        )
    if verdict == Verdict.ACCEPTED and reason:
        raise field_error("reason", _("An accepted text has no reason; flag it to give one."))
    if verdict == Verdict.FLAGGED and reason not in FlagReason.values:
        raise field_error(
            "reason",
            _("Say why the text is flagged: one of %(reasons)s.")
            % {"reasons": ", ".join(FlagReason.values)},
            "required",
        )
    if reason == FlagReason.OTHER and not note:
        raise field_error("note", _("Say in the note what is wrong with the text."), "required")
    if len(note) > MAX_NOTE:
        raise field_error(
            "note", _("The note is %(most)s characters at most.") % {"most": MAX_NOTE}
        )


def content_review_record(
    *,
    reviewer: User,
    kind: str,
    object_id: int,
    path: str = "",
    verdict: str,
    reason: str = "",
    note: str = "",
) -> tuple[ContentReview, bool]:
    """Record the reviewer's verdict on one unit of generated content; judging it again
    replaces their earlier verdict. The unit is read again here, so the text, generator,
    occupation and level stored are the platform's, never the client's. Returns the verdict
    and whether it is new."""
    require_reviewer(reviewer)
    check_kind(kind)
    reason, note = reason.strip(), note.strip()
    _check_verdict(verdict, reason, note)
    unit = unit_at(kind=kind, object_id=object_id, path=path)
    if unit is None:
        raise NotFoundError(
            _("No generated content of this kind has the reference %(reference)s.")
            % {"reference": f"{object_id} {path}".strip()}
        )
    with transaction.atomic():
        return ContentReview.objects.update_or_create(
            kind=kind,
            object_id=object_id,
            path=path,
            reviewer=reviewer,
            defaults={
                "occupation": unit.occupation,
                "level": unit.level,
                "generator": unit.generator[:120],
                "text": unit.text,
                "verdict": verdict,
                "reason": reason,
                "note": note,
            },
        )
