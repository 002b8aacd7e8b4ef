"""Writes for the specialisms (专业方向) of a professional standard and for its work functions.

The drafter never invents specialisms (the classification does not say which occupations have
them): an expert adds them to a draft of a 职业技术技能标准 and assigns work functions to them;
a function without one is common to all. At a level split into directions the weights add up
per direction, so a function's weights are edited together with its direction.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import User
from zhijiang.common.audit import AuditAction, audit_record
from zhijiang.common.errors import ApplicationError, field_error
from zhijiang.occupations import selectors
from zhijiang.occupations.levels import ladder_level
from zhijiang.occupations.models import Standard, WorkFunction
from zhijiang_engine.standards.levels import Ladder, ladder_of

NAME_LENGTH = (2, 40)


def _require_draft(standard: Standard) -> None:
    if standard.status != Standard.Status.DRAFT:
        raise ApplicationError(
            _("Only a draft is edited: start a new version to change this one."),
            code="wrong_status",
        )


def _locked_professional_draft(actor: User, standard: Standard) -> Standard:
    """The standard's row, locked for this transaction, once the actor may edit it and it is a
    draft on the professional ladder."""
    selectors.require_editor(actor)
    locked = Standard.objects.select_for_update().select_related("occupation").get(pk=standard.pk)
    _require_draft(locked)
    if ladder_of(locked.occupation.code) is not Ladder.PROFESSIONAL:
        raise ApplicationError(
            _(
                "Specialisms belong to occupational technical skill standards (大类 2); "
                "this occupation is on the worker ladder."
            ),
            code="not_professional",
        )
    return locked


def _clean_name(standard: Standard, name: str, *, field: str = "name") -> str:
    cleaned = " ".join(name.split())
    low, high = NAME_LENGTH
    if not low <= len(cleaned) <= high:
        raise field_error(field, _("A specialism's name has 2 to 40 characters."))
    if cleaned in standard.specialisms:
        raise field_error(
            field,
            _("The standard already has the specialism %(name)s.") % {"name": cleaned},
            code="duplicate",
        )
    return cleaned


def _require_declared(standard: Standard, name: str) -> None:
    if name not in standard.specialisms:
        message = _("The standard has no specialism %(name)s.") % {"name": name}
        raise ApplicationError(message, code="not_found", fields={"name": message})


def _save_specialisms(actor: User, standard: Standard, locked: Standard, new: list[str]) -> None:
    old = list(locked.specialisms)
    locked.specialisms = new
    locked.save(update_fields=["specialisms"])
    standard.specialisms = new
    audit_record(
        actor=actor,
        action=AuditAction.STANDARD_EDIT,
        target=locked,
        changes={"specialisms": [old, new]},
    )


@transaction.atomic
def specialism_add(*, actor: User, standard: Standard, name: str) -> Standard:
    """Add a specialism (after the others) to a draft professional standard."""
    locked = _locked_professional_draft(actor, standard)
    cleaned = _clean_name(locked, name)
    _save_specialisms(actor, standard, locked, [*locked.specialisms, cleaned])
    return standard


@transaction.atomic
def specialism_rename(*, actor: User, standard: Standard, old: str, new: str) -> Standard:
    """Rename a specialism; the work functions of that direction follow it."""
    locked = _locked_professional_draft(actor, standard)
    _require_declared(locked, old)
    cleaned = _clean_name(locked, new)
    names = [cleaned if existing == old else existing for existing in locked.specialisms]
    WorkFunction.objects.filter(level__standard=locked, specialism=old).update(specialism=cleaned)
    _save_specialisms(actor, standard, locked, names)
    return standard


@transaction.atomic
def specialism_remove(*, actor: User, standard: Standard, name: str) -> Standard:
    """Remove a specialism no work function belongs to; refused while one still does."""
    locked = _locked_professional_draft(actor, standard)
    _require_declared(locked, name)
    used = WorkFunction.objects.filter(level__standard=locked, specialism=name).select_related(
        "level"
    )
    if used:
        where = "、".join(
            f"{ladder_level(f.level.rank, locked.occupation.code).name_zh} {f.title}" for f in used
        )
        message = _(
            "The specialism %(name)s is still used by these work functions: %(functions)s. "
            "Make them common or move them to another specialism first."
        ) % {"name": name, "functions": where}
        raise ApplicationError(message, code="specialism_in_use", fields={"name": message})
    _save_specialisms(actor, standard, locked, [n for n in locked.specialisms if n != name])
    return standard


@transaction.atomic
def work_function_update(
    *,
    actor: User,
    function: WorkFunction,
    theory_weight: int,
    skill_weight: int,
    specialism: str = "",
) -> WorkFunction:
    """Set a work function's weights and its specialism (empty: common to all) on a draft; a
    specialism must be one the standard declares. Whether the level's weights add up is
    checked when the draft is sent to review, as one change often needs another."""
    selectors.require_editor(actor)
    standard = Standard.objects.select_for_update().get(pk=function.level.standard_id)
    _require_draft(standard)
    specialism = specialism.strip()
    if specialism and specialism not in standard.specialisms:
        message = _("The standard has no specialism %(name)s.") % {"name": specialism}
        raise field_error("specialism", message)
    for field, weight in (("theory_weight", theory_weight), ("skill_weight", skill_weight)):
        if not 0 <= weight <= 100:
            raise field_error(field, _("A weight is a whole number from 0 to 100."))
    before = [function.specialism, function.theory_weight, function.skill_weight]
    function.specialism = specialism
    function.theory_weight, function.skill_weight = theory_weight, skill_weight
    function.save(update_fields=["specialism", "theory_weight", "skill_weight"])
    audit_record(
        actor=actor,
        action=AuditAction.STANDARD_EDIT,
        target=standard,
        changes={f"function {function.pk}": [before, [specialism, theory_weight, skill_weight]]},
    )
    return function
