"""Writes for positions: post, edit, pause, close. Each runs in one transaction and is audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import Organisation, User
from zhijiang.common.audit import AuditAction, audit_record, field_changes
from zhijiang.common.errors import ApplicationError, PermissionDeniedError, field_error
from zhijiang.common.models import District
from zhijiang.jobs import selectors
from zhijiang.jobs.match_index import match_index_changed
from zhijiang.jobs.models import Education, EmploymentType, Position, PositionSkill
from zhijiang.occupations.levels import require_on_ladder
from zhijiang.occupations.models import Occupation, Skill

MAX_SKILLS = 40
PAY_LIMIT = 1_000_000  # yuan per month: above this a figure is a typing error
MAX_ADVERTISED_DAYS = 365  # a closing date further out is a typing error


@dataclass(frozen=True)
class PositionInput:
    """Everything an employer states about a position."""

    title: str
    description: str
    pay_min: int
    pay_max: int
    district: str  # district code
    occupation: str = ""  # CSCO code; empty: not classified yet
    required_skills: list[str] = field(default_factory=list)
    preferred_skills: list[str] = field(default_factory=list)
    level_min: int | None = None
    level_is_hard: bool = False
    skills_are_hard: bool = False
    education_min: str = ""
    education_is_hard: bool = False
    experience_years: int = 0
    address: str = ""
    headcount: int = 1
    employment_type: str = EmploymentType.FULL_TIME
    closes_on: dt.date | None = None  # the last day it is advertised; None: the default period


@dataclass(frozen=True)
class _CleanPosition:
    values: dict[str, Any]
    skills: list[tuple[Skill, bool]]


def _check_terms(data: PositionInput, *, kept_closing: dt.date | None) -> None:
    """The employment type and the closing date; a date already saved may stay in the past."""
    if data.employment_type not in EmploymentType.values:
        raise field_error("employment_type", _("Unknown employment type."))
    if data.closes_on is None or data.closes_on == kept_closing:
        return
    today = timezone.localdate()
    if data.closes_on < today:
        raise field_error("closes_on", _("The closing date has passed."))
    if data.closes_on > today + dt.timedelta(days=MAX_ADVERTISED_DAYS):
        raise field_error("closes_on", _("Choose a closing date within a year."))


def _clean(data: PositionInput, *, kept_closing: dt.date | None = None) -> _CleanPosition:
    """Check every field; the first problem is raised with the field it concerns."""
    title, description = data.title.strip(), data.description.strip()
    if not title:
        raise field_error("title", _("Give the position a title."), "required")
    if len(title) > 100:
        raise field_error("title", _("A title has at most 100 characters."))
    if not description:
        raise field_error("description", _("Describe the work and what it needs."), "required")
    for name in ("pay_min", "pay_max"):
        if not 0 < getattr(data, name) <= PAY_LIMIT:
            raise field_error(name, _("Monthly pay must be between 1 and 1,000,000 yuan."))
    if data.pay_min > data.pay_max:
        raise field_error(
            "pay_min", _("The lowest pay exceeds the highest pay."), "pay_range_inverted"
        )
    district = District.objects.filter(code=data.district).first()
    if district is None:
        raise field_error("district", _("Choose a district of the city."))
    occupation = None
    if data.occupation:
        occupation = Occupation.objects.filter(code=data.occupation).first()
        if occupation is None:
            raise field_error("occupation", _("No occupation has this code."))
    if data.level_min is not None and not 1 <= data.level_min <= 8:
        raise field_error("level_min", _("Levels run from 1 (学徒工) to 8 (首席技师)."))
    if data.level_min is not None and occupation is not None:
        require_on_ladder(data.level_min, occupation, "level_min")
    if data.education_min and data.education_min not in Education.values:
        raise field_error("education_min", _("Unknown education level."))
    if not 0 <= data.experience_years <= 50:
        raise field_error("experience_years", _("Years of experience run from 0 to 50."))
    if not 1 <= data.headcount <= 1000:
        raise field_error("headcount", _("Openings run from 1 to 1,000."))
    _check_terms(data, kept_closing=kept_closing)
    return _CleanPosition(
        values={
            "title": title,
            "description": description,
            "pay_min": data.pay_min,
            "pay_max": data.pay_max,
            "district": district,
            "occupation": occupation,
            "level_min": data.level_min,
            "level_is_hard": data.level_is_hard and data.level_min is not None,
            "skills_are_hard": data.skills_are_hard and bool(data.required_skills),
            "education_min": data.education_min,
            "education_is_hard": data.education_is_hard and bool(data.education_min),
            "experience_years": data.experience_years,
            "address": data.address.strip()[:200],
            "headcount": data.headcount,
            "employment_type": data.employment_type,
            "closes_on": data.closes_on,
        },
        skills=_clean_skills(data.required_skills, data.preferred_skills),
    )


def _clean_skills(required: list[str], preferred: list[str]) -> list[tuple[Skill, bool]]:
    wanted: dict[str, bool] = {}
    for key in required:
        wanted.setdefault(key.strip(), True)
    for key in preferred:
        wanted.setdefault(key.strip(), False)
    wanted.pop("", None)
    if len(wanted) > MAX_SKILLS:
        raise field_error("required_skills", _("List at most 40 skills."))
    found = {skill.key: skill for skill in Skill.objects.filter(key__in=wanted)}
    for key, is_required in wanted.items():
        if key not in found:
            field_name = "required_skills" if is_required else "preferred_skills"
            raise field_error(field_name, _("Unknown skill: %(key)s") % {"key": key})
    return [(found[key], is_required) for key, is_required in wanted.items()]


def _require_staff(*, actor: User, employer: Organisation) -> None:
    if employer.pk not in selectors.employer_ids_of(actor):
        raise PermissionDeniedError(_("Only the employer's own staff manage its positions."))


def _set_skills(position: Position, skills: list[tuple[Skill, bool]]) -> None:
    PositionSkill.objects.filter(position=position).delete()
    PositionSkill.objects.bulk_create(
        PositionSkill(position=position, skill=skill, required=required)
        for skill, required in skills
    )


@transaction.atomic
def position_create(*, actor: User, employer: Organisation, data: PositionInput) -> Position:
    """Post a position for an employer the actor works for; it opens at once."""
    _require_staff(actor=actor, employer=employer)
    if not employer.is_active:
        raise ApplicationError(_("This employer is deactivated."), code="inactive")
    clean = _clean(data)
    position = Position.objects.create(employer=employer, created_by=actor, **clean.values)
    _set_skills(position, clean.skills)
    audit_record(
        actor=actor,
        action=AuditAction.POSITION_CREATE,
        target=position,
        district=position.district,
        changes={"title": [None, position.title], "employer": [None, employer.name]},
    )
    match_index_changed()
    return position


@transaction.atomic
def position_update(*, actor: User, position: Position, data: PositionInput) -> Position:
    """Replace what the employer states about the position."""
    _require_staff(actor=actor, employer=position.employer)
    clean = _clean(data, kept_closing=position.closes_on)
    changes = field_changes(position, clean.values)
    before = sorted((link.skill.key, link.required) for link in position.skill_links.all())
    after = sorted((skill.key, required) for skill, required in clean.skills)
    if before != after:
        changes["skills"] = [before, after]
    for name, value in clean.values.items():
        setattr(position, name, value)
    position.save()
    _set_skills(position, clean.skills)
    if changes:
        audit_record(
            actor=actor,
            action=AuditAction.POSITION_UPDATE,
            target=position,
            district=position.district,
            changes=changes,
        )
    match_index_changed()
    return position


@transaction.atomic
def position_set_status(*, actor: User, position: Position, status: str) -> Position:
    """Open, pause or close a position. A closed position stays closed."""
    _require_staff(actor=actor, employer=position.employer)
    if status not in Position.Status.values:
        raise field_error("status", _("Unknown status."))
    if position.status == Position.Status.CLOSED and status != Position.Status.CLOSED:
        raise ApplicationError(
            _("A closed position cannot be reopened; post a new one."), code="closed"
        )
    if status != position.status:
        audit_record(
            actor=actor,
            action=AuditAction.POSITION_STATUS,
            target=position,
            district=position.district,
            changes={"status": [position.status, status]},
        )
        position.status = status
        position.save(update_fields=["status", "updated_at"])
        match_index_changed()
    return position
