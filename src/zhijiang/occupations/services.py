"""Writes for occupational standards: drafting, import, editing and the review life cycle.

draft → in review → approved → retired. Only drafts are edited; an approved version is never
changed: a new version is drafted from it. Approving a version retires the one before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import User
from zhijiang.common.audit import AuditAction, audit_record
from zhijiang.common.errors import ApplicationError, PermissionDeniedError, field_error
from zhijiang.common.llm import model_client
from zhijiang.occupations import selectors
from zhijiang.occupations.documents import document_of, skills_for_labels, store_document
from zhijiang.occupations.levels import default_ranks, require_on_ladder
from zhijiang.occupations.models import (
    Occupation,
    Requirement,
    ReviewComment,
    Skill,
    Standard,
)
from zhijiang_engine.standards import (
    OccupationFacts,
    SchemaError,
    StandardDocument,
    document_from_dict,
    document_to_dict,
    standard_draft_offline,
    standard_draft_with_model,
)
from zhijiang_engine.standards.levels import has_skill_standard

logger = logging.getLogger(__name__)
Status = Standard.Status


def drafting_vocabulary() -> list[str]:
    """Skill labels a drafted requirement may link to: Chinese labels, and the short names of
    hot or in-demand technologies (they appear verbatim in Chinese job texts, e.g. Python)."""
    chinese = Skill.objects.exclude(label_zh="").values_list("label_zh", flat=True)
    technologies = (
        Skill.objects.filter(label_zh="", kind=Skill.Kind.TECHNICAL)
        .filter(is_hot=True)
        .values_list("label_en", flat=True)
    )
    return sorted({*chinese, *(t for t in technologies if 2 <= len(t) <= 20)})


def _next_version(occupation: Occupation) -> int:
    Occupation.objects.select_for_update().filter(pk=occupation.pk).first()
    latest = occupation.standards.aggregate(latest=Max("version"))["latest"]
    return (latest or 0) + 1


def _create(
    *, actor: User | None, occupation: Occupation, document: StandardDocument, source: str,
    based_on: Standard | None = None,
) -> Standard:  # fmt: skip
    standard = Standard.objects.create(
        occupation=occupation,
        version=_next_version(occupation),
        source=source,
        based_on=based_on,
        created_by=actor,
    )
    store_document(standard, document)
    return standard


def facts_of(occupation: Occupation) -> OccupationFacts:
    return OccupationFacts(
        code=occupation.code,
        name=occupation.name,
        definition=occupation.definition,
        tasks=tuple(occupation.tasks),
        is_digital=occupation.is_digital,
        is_green=occupation.is_green,
    )


def standard_draft(
    *,
    actor: User | None,
    occupation: Occupation,
    ranks: Sequence[int] | None = None,
    vocabulary: Sequence[str] | None = None,
    use_model: bool = True,
) -> Standard:
    """Draft a new version for any occupation that has skill standards: offline from its
    definition and tasks, or richer through the configured language model, falling back to the
    offline draft. ``ranks`` are levels of the occupation's ladder (default: the levels a
    national standard on it covers).

    The model may take minutes, so it is asked outside any transaction; the version number,
    the document and the audit row are then written in one short transaction."""
    if actor is not None:
        selectors.require_editor(actor)
    ranks = _draft_ranks(occupation, ranks)
    offline = standard_draft_offline(
        facts_of(occupation),
        ranks=ranks,
        vocabulary=drafting_vocabulary() if vocabulary is None else vocabulary,
    )
    client = model_client() if use_model else None
    result = standard_draft_with_model(
        client,
        offline=offline,
        occupation_definition=occupation.definition,
        occupation_tasks=occupation.tasks,
    )
    if result.fallback_reason:
        logger.warning("standard draft for %s used the offline draft: %s",
                       occupation.code, result.fallback_reason)  # fmt: skip
    with transaction.atomic():
        if actor is not None:  # the actor's roles may have changed while the model wrote
            selectors.require_editor(actor)
        standard = _create(
            actor=actor, occupation=occupation, document=result.document, source=result.source
        )
        audit_record(
            actor=actor,
            action=AuditAction.STANDARD_DRAFT,
            target=standard,
            changes={"source": result.source, "fallback": result.fallback_reason or ""},
        )
    return standard


def _no_skill_standard(occupation: Occupation) -> ApplicationError:
    return ApplicationError(
        _(
            "%(occupation)s has no skill standard: heads of organisations, the armed forces "
            "and unclassifiable work are not evaluated by skill level."
        )
        % {"occupation": occupation.name},
        code="no_skill_standard",
    )


def _draft_ranks(occupation: Occupation, ranks: Sequence[int] | None) -> tuple[int, ...]:
    """The levels to draft, each on the occupation's ladder; ApplicationError if the occupation
    has no standards or a level is off its ladder."""
    if occupation.level != Occupation.Level.OCCUPATION:
        raise ApplicationError(_("Standards are drafted for occupations, not groups."))
    if not has_skill_standard(occupation.code):
        raise _no_skill_standard(occupation)
    chosen = tuple(sorted(set(default_ranks(occupation.code) if ranks is None else ranks)))
    if not chosen:
        raise field_error("levels", _("Choose at least one level."))
    for rank in chosen:
        require_on_ladder(rank, occupation, "levels")
    return chosen


@transaction.atomic
def standard_import(*, actor: User, data: Any) -> Standard:
    """A new draft version from a JSON document; a document with any error saves nothing."""
    selectors.require_editor(actor)
    try:
        document = document_from_dict(data)
    except SchemaError as error:
        raise ApplicationError(
            _("The standard file is not valid: %(errors)s") % {"errors": str(error)},
            code="invalid_document",
            fields={path: reason for path, reason in error.errors},
        ) from None
    occupation = Occupation.objects.filter(
        code=document.occupation_code, level=Occupation.Level.OCCUPATION
    ).first()
    if occupation is None:
        message = _("No occupation has the code %(code)s.") % {"code": document.occupation_code}
        raise ApplicationError(
            message, code="invalid_document", fields={"$.occupation.code": message}
        )
    if not has_skill_standard(occupation.code):
        raise _no_skill_standard(occupation)
    standard = _create(actor=actor, occupation=occupation, document=document, source="import")
    audit_record(actor=actor, action=AuditAction.STANDARD_IMPORT, target=standard)
    return standard


def _require_status(standard: Standard, *allowed: str) -> None:
    if standard.status not in allowed:
        raise ApplicationError(
            _("This is not possible while the standard is %(status)s.")
            % {"status": standard.get_status_display()},
            code="wrong_status",
        )


def _comment(standard: Standard, actor: User, body: str, action: str) -> None:
    """Keep each step of the review with the version, with the remark if one was given."""
    ReviewComment.objects.create(
        standard=standard, author=actor, body=body.strip()[:2000], action=action
    )


@transaction.atomic
def requirement_update(
    *, actor: User, requirement: Requirement, text: str, skills: Sequence[str] | None = None
) -> Requirement:
    """Edit one requirement of a draft; its skill links are replaced when ``skills`` is given."""
    selectors.require_editor(actor)
    standard = requirement.content.function.level.standard
    _require_status(standard, Status.DRAFT)
    cleaned = text.strip()
    if not cleaned or len(cleaned) > 500:
        message = _("A requirement has 1 to 500 characters.")
        raise ApplicationError(message, fields={"text": message})
    old = requirement.text
    requirement.text = cleaned
    requirement.save(update_fields=["text"])
    if skills is not None:
        labels = [label.strip() for label in skills if label.strip()]
        requirement.skills.set(list(skills_for_labels(labels).values()))
    audit_record(
        actor=actor,
        action=AuditAction.STANDARD_EDIT,
        target=standard,
        changes={f"requirement {requirement.pk}": [old, cleaned]},
    )
    return requirement


@transaction.atomic
def standard_submit(*, actor: User, standard: Standard, comment: str = "") -> Standard:
    selectors.require_editor(actor)
    _require_status(standard, Status.DRAFT)
    try:
        document_from_dict(document_to_dict(document_of(standard)))
    except SchemaError as error:
        raise ApplicationError(
            _("Fix the draft before review: %(errors)s") % {"errors": str(error)},
            code="invalid_document",
        ) from None
    standard.status = Status.IN_REVIEW
    standard.submitted_by, standard.submitted_at = actor, timezone.now()
    standard.save(update_fields=["status", "submitted_by", "submitted_at"])
    _comment(standard, actor, comment, "submit")
    audit_record(actor=actor, action=AuditAction.STANDARD_SUBMIT, target=standard)
    return standard


def _require_reviewer(actor: User, standard: Standard) -> None:
    if not selectors.can_approve_standards(actor):
        raise PermissionDeniedError(_("Only bureau officers review standards."))
    if standard.submitted_by_id == actor.pk:
        raise PermissionDeniedError(
            _("A second officer must review: you sent this version to review yourself.")
        )


@transaction.atomic
def standard_return(*, actor: User, standard: Standard, comment: str) -> Standard:
    """Send a version back to draft with the reviewer's remarks."""
    _require_status(standard, Status.IN_REVIEW)
    _require_reviewer(actor, standard)
    if not comment.strip():
        message = _("Say what needs to change.")
        raise ApplicationError(message, fields={"comment": message})
    standard.status = Status.DRAFT
    standard.save(update_fields=["status"])
    _comment(standard, actor, comment, "return")
    audit_record(actor=actor, action=AuditAction.STANDARD_RETURN, target=standard)
    return standard


@transaction.atomic
def standard_approve(*, actor: User, standard: Standard, comment: str = "") -> Standard:
    """Approve a version; the previously approved version of the occupation is retired."""
    _require_status(standard, Status.IN_REVIEW)
    _require_reviewer(actor, standard)
    now = timezone.now()
    previous = Standard.objects.select_for_update().filter(
        occupation=standard.occupation, status=Status.APPROVED
    )
    for old in previous:
        old.status, old.retired_at = Status.RETIRED, now
        old.save(update_fields=["status", "retired_at"])
        audit_record(actor=actor, action=AuditAction.STANDARD_RETIRE, target=old)
    standard.status, standard.approved_by, standard.approved_at = Status.APPROVED, actor, now
    standard.save(update_fields=["status", "approved_by", "approved_at"])
    _comment(standard, actor, comment, "approve")
    audit_record(actor=actor, action=AuditAction.STANDARD_APPROVE, target=standard)
    return standard


@transaction.atomic
def standard_retire(*, actor: User, standard: Standard, comment: str = "") -> Standard:
    if not selectors.can_approve_standards(actor):
        raise PermissionDeniedError(_("Only bureau officers retire standards."))
    _require_status(standard, Status.APPROVED)
    standard.status, standard.retired_at = Status.RETIRED, timezone.now()
    standard.save(update_fields=["status", "retired_at"])
    _comment(standard, actor, comment, "retire")
    audit_record(actor=actor, action=AuditAction.STANDARD_RETIRE, target=standard)
    return standard


@transaction.atomic
def standard_new_version(*, actor: User, standard: Standard) -> Standard:
    """A new draft that starts as a copy of ``standard``."""
    selectors.require_editor(actor)
    copy = _create(
        actor=actor,
        occupation=standard.occupation,
        document=document_of(standard),
        source="edit",
        based_on=standard,
    )
    audit_record(actor=actor, action=AuditAction.STANDARD_NEW_VERSION, target=copy)
    return copy


@transaction.atomic
def standard_comment(*, actor: User, standard: Standard, body: str) -> ReviewComment:
    selectors.require_editor(actor)
    if not body.strip():
        message = _("Write a comment.")
        raise ApplicationError(message, fields={"body": message})
    return ReviewComment.objects.create(standard=standard, author=actor, body=body.strip()[:2000])


# The review steps by name, as the pages and the API offer them; each takes actor, standard
# and comment.
STATUS_ACTIONS: dict[str, Callable[..., Standard]] = {
    "submit": standard_submit,
    "return": standard_return,
    "approve": standard_approve,
    "retire": standard_retire,
}
