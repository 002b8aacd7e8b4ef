"""Writes for a job seeker's own profile: preferences, jobs held, certificates held."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import User
from zhijiang.common.audit import AuditAction, audit_record
from zhijiang.common.errors import NotFoundError, PermissionDeniedError, field_error
from zhijiang.common.models import District
from zhijiang.common.notifications import notify
from zhijiang.jobs.models import (
    Availability,
    Education,
    HeldCertificate,
    SeekerProfile,
    WorkExperience,
)
from zhijiang.jobs.selectors import declared_certificate_for, profile_of
from zhijiang.jobs.services import PAY_LIMIT
from zhijiang.occupations.levels import require_on_ladder
from zhijiang.occupations.models import Occupation


@dataclass(frozen=True)
class ProfileInput:
    education: str = ""
    major: str = ""
    summary: str = ""
    preferred_districts: list[str] = field(default_factory=list)  # district codes
    preferred_occupations: list[str] = field(default_factory=list)  # CSCO codes
    pay_min: int | None = None
    availability: str = Availability.NOW


def _codes(model: type[District] | type[Occupation], codes: list[str], name: str) -> list[int]:
    wanted = list(dict.fromkeys(code.strip() for code in codes if code.strip()))
    if len(wanted) > 10:
        raise field_error(name, _("Choose at most 10."))
    found = dict(model.objects.filter(code__in=wanted).values_list("code", "pk"))
    for code in wanted:
        if code not in found:
            raise field_error(name, _("Unknown code: %(code)s") % {"code": code})
    return [found[code] for code in wanted]


@transaction.atomic
def profile_update(*, user: User, data: ProfileInput) -> SeekerProfile:
    """Replace the person's stated education, preferences and availability."""
    if data.education and data.education not in Education.values:
        raise field_error("education", _("Unknown education level."))
    if data.availability not in Availability.values:
        raise field_error("availability", _("Unknown availability."))
    if data.pay_min is not None and not 0 <= data.pay_min <= PAY_LIMIT:
        raise field_error("pay_min", _("Monthly pay must be between 1 and 1,000,000 yuan."))
    if len(data.summary) > 2000:
        raise field_error("summary", _("At most 2,000 characters."))
    districts = _codes(District, data.preferred_districts, "preferred_districts")
    occupations = _codes(Occupation, data.preferred_occupations, "preferred_occupations")
    profile = profile_of(user)
    profile.education = data.education
    profile.major = data.major.strip()[:80]
    profile.summary = data.summary.strip()
    profile.pay_min = data.pay_min
    profile.availability = data.availability
    profile.save()
    profile.preferred_districts.set(districts)
    profile.preferred_occupations.set(occupations)
    audit_record(actor=user, action=AuditAction.PROFILE_UPDATE, target=user, district=user.district)
    return profile


@dataclass(frozen=True)
class WorkInput:
    title: str
    started_on: datetime.date
    ended_on: datetime.date | None = None
    employer_name: str = ""
    occupation: str = ""
    description: str = ""


@transaction.atomic
def work_experience_add(*, user: User, data: WorkInput) -> WorkExperience:
    """Add a job the person held (the occupation as they confirmed it)."""
    title = data.title.strip()
    if not title:
        raise field_error("title", _("Give the job title."), "required")
    if data.started_on > timezone.localdate():
        raise field_error("started_on", _("The start lies in the future."))
    if data.ended_on is not None and data.ended_on < data.started_on:
        raise field_error("ended_on", _("The end comes before the start."))
    occupation = None
    if data.occupation:
        occupation = Occupation.objects.filter(code=data.occupation).first()
        if occupation is None:
            raise field_error("occupation", _("No occupation has this code."))
    if WorkExperience.objects.filter(user=user).count() >= 30:
        raise field_error("title", _("At most 30 jobs can be listed."))
    job = WorkExperience.objects.create(
        user=user,
        title=title[:100],
        employer_name=data.employer_name.strip()[:120],
        occupation=occupation,
        started_on=data.started_on,
        ended_on=data.ended_on,
        description=data.description.strip()[:2000],
    )
    audit_record(
        actor=user, action=AuditAction.PROFILE_WORK_ADD, target=user, district=user.district
    )
    return job


@transaction.atomic
def work_experience_delete(*, user: User, job_id: int) -> None:
    deleted, _rows = WorkExperience.objects.filter(user=user, pk=job_id).delete()
    if not deleted:
        raise NotFoundError(_("No such job in your history."))


@transaction.atomic
def certificate_declare(
    *, user: User, occupation: str, level: int, issuer: str = "", issued_on: datetime.date | None
) -> HeldCertificate:
    """Record a certificate the person says they hold; it counts as unverified."""
    found = Occupation.objects.filter(code=occupation).first()
    if found is None:
        raise field_error("occupation", _("No occupation has this code."))
    if not 1 <= level <= 8:
        raise field_error("level", _("Levels run from 1 (学徒工) to 8 (首席技师)."))
    require_on_ladder(level, found, "level")
    if issued_on is not None and issued_on > timezone.localdate():
        raise field_error("issued_on", _("The issue date lies in the future."))
    return HeldCertificate.objects.create(
        user=user, occupation=found, level=level, issuer=issuer.strip()[:120], issued_on=issued_on
    )


CHECK_NOTE_LIMIT = 500


@transaction.atomic
def certificate_check(
    *, actor: User, certificate: HeldCertificate, confirmed: bool, note: str = ""
) -> HeldCertificate:
    """An officer's check of a declared certificate against the national register: confirmed,
    it counts as verified (it meets a position's hard level requirement); not confirmed, it
    stays unverified with the officer's reason, which the person sees. Checking again replaces
    the earlier outcome; every check is audited and the person is told."""
    note = note.strip()
    if not confirmed and not note:
        raise field_error(
            "note",
            _("Say why it is not confirmed: e.g. no such certificate in the national register."),
            "required",
        )
    if len(note) > CHECK_NOTE_LIMIT:
        raise field_error("note", _("At most 500 characters."))
    # Through the officer's selector: the access check, and the row locked while it changes.
    declared_certificate_for(user=actor, certificate_id=certificate.pk)
    held = (
        HeldCertificate.objects.select_for_update(of=("self",))
        .select_related("user__district", "occupation")
        .get(pk=certificate.pk)
    )
    if held.user_id == actor.pk:
        raise PermissionDeniedError(_("You cannot check your own certificate."))
    before = held.state
    old_note = held.check_note
    held.verified = confirmed
    held.checked_by, held.checked_at, held.check_note = actor, timezone.now(), note
    held.save(update_fields=["verified", "checked_by", "checked_at", "check_note"])
    audit_record(actor=actor, action=AuditAction.HELD_CERTIFICATE_CHECK, target=held,
                 changes={"state": [before.value, held.state.value], "note": [old_note, note]},
                 district=held.user.district)  # fmt: skip
    notify(
        user=held.user,
        kind="certificate.verified" if confirmed else "certificate.not_confirmed",
        params={
            "occupation": held.occupation.name,
            "certificate_level": [held.occupation.code, held.level],
            "note": note[:200],
        },
        link=reverse("jobs:profile"),
    )
    return held


def experience_years(jobs: list[WorkExperience], *, today: datetime.date) -> float:
    """Years worked, counting overlapping jobs once."""
    spans = sorted((job.started_on, job.ended_on or today) for job in jobs)
    total, current_start, current_end = 0, None, None
    for start, end in spans:
        if current_end is None or start > current_end:
            if current_end is not None and current_start is not None:
                total += (current_end - current_start).days
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None and current_start is not None:
        total += (current_end - current_start).days
    return round(total / 365.25, 1)
