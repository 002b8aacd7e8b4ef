"""Seekers' profiles, employers' positions, applications, hires and what became of them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zhijiang.accounts.models import Organisation
from zhijiang.common.models import District
from zhijiang.occupations.levels import level_label
from zhijiang.occupations.models import Occupation, Skill


class Education(models.TextChoices):
    """Highest completed education, in rising order (the order is used for fit and filters)."""

    JUNIOR_SECONDARY = "junior_secondary", _("Junior secondary or below")
    SENIOR_SECONDARY = "senior_secondary", _("Senior secondary or vocational school")
    ASSOCIATE = "associate", _("Associate degree (大专)")
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree")
    DOCTORATE = "doctorate", _("Doctorate")

    @classmethod
    def rank(cls, value: str) -> int:
        """1 for the lowest level up to 6; 0 for unknown or empty."""
        values = list(cls.values)
        return values.index(value) + 1 if value in values else 0


class Availability(models.TextChoices):
    NOW = "now", _("Available now")
    WITHIN_MONTH = "within_month", _("Available within a month")
    EMPLOYED_OPEN = "employed_open", _("Employed, open to offers")
    NOT_LOOKING = "not_looking", _("Not looking")


class SeekerProfile(models.Model):
    """What a job seeker tells employers and the matcher. Protected traits (gender, age,
    ethnicity, household registration, marital status) are deliberately not recorded."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seeker_profile"
    )
    education = models.CharField(
        _("education"), max_length=20, choices=Education.choices, blank=True
    )
    major = models.CharField(_("field of study"), max_length=80, blank=True)
    summary = models.TextField(_("about me"), max_length=2000, blank=True)
    preferred_districts = models.ManyToManyField(
        District, verbose_name=_("preferred districts"), blank=True, related_name="+"
    )
    preferred_occupations = models.ManyToManyField(
        Occupation, verbose_name=_("preferred occupations"), blank=True, related_name="+"
    )
    pay_min = models.PositiveIntegerField(
        _("lowest acceptable monthly pay (yuan)"), null=True, blank=True
    )
    availability = models.CharField(
        _("availability"), max_length=20, choices=Availability.choices, default=Availability.NOW
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("job seeker profile")
        verbose_name_plural = _("job seeker profiles")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def is_seeking(self) -> bool:
        return self.availability != Availability.NOT_LOOKING


class WorkExperience(models.Model):
    """One job a person held, with the occupation the normalizer suggested and they confirmed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_history"
    )
    title = models.CharField(_("job title"), max_length=100)
    employer_name = models.CharField(_("employer"), max_length=120, blank=True)
    occupation = models.ForeignKey(
        Occupation,
        verbose_name=_("occupation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    description = models.TextField(_("what I did"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("job held")
        verbose_name_plural = _("jobs held")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="work_experience_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class HeldCertificate(models.Model):
    """A vocational skill-level certificate a person declared on their job profile. It counts
    as unverified until an officer checks it (against the national register): then it is
    verified, or not confirmed with the officer's reason."""

    class State(models.TextChoices):
        UNCHECKED = "unchecked", pgettext_lazy("declared certificate", "Waiting to be checked")
        VERIFIED = "verified", pgettext_lazy("declared certificate", "Verified")
        NOT_CONFIRMED = "not_confirmed", pgettext_lazy("declared certificate", "Not confirmed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="held_certificates"
    )
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("occupation"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("level"))  # rank on the eight-level ladder
    issuer = models.CharField(_("issued by"), max_length=120, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    verified = models.BooleanField(_("verified"), default=False)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    check_note = models.CharField(_("officer's note"), max_length=500, blank=True)

    class Meta:
        ordering = ["-level", "occupation__code"]
        verbose_name = _("certificate held")
        verbose_name_plural = _("certificates held")
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=8), name="held_certificate_level_on_ladder"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occupation} · {self.level}"

    @property
    def level_name(self) -> str:
        """The level's name on the ladder of its occupation, in the active language."""
        return level_label(self.level, self.occupation.code)

    @property
    def state(self) -> HeldCertificate.State:
        """Verified (checked and confirmed), not confirmed (checked and refused), or waiting."""
        if self.verified:
            return self.State.VERIFIED
        if self.checked_at is not None:
            return self.State.NOT_CONFIRMED
        return self.State.UNCHECKED


# How long a posting without a closing date is advertised to search engines.
ADVERTISED_DAYS = 60


class EmploymentType(models.TextChoices):
    """The kind of engagement, after schema.org's ``employmentType`` values (their upper-case
    form is what the JobPosting markup carries)."""

    FULL_TIME = "full_time", pgettext_lazy("employment type", "Full time")
    PART_TIME = "part_time", pgettext_lazy("employment type", "Part time")
    CONTRACTOR = "contractor", pgettext_lazy("employment type", "Contractor")
    TEMPORARY = "temporary", pgettext_lazy("employment type", "Temporary")
    INTERN = "intern", pgettext_lazy("employment type", "Internship")
    VOLUNTEER = "volunteer", pgettext_lazy("employment type", "Volunteer")
    PER_DIEM = "per_diem", pgettext_lazy("employment type", "Paid by the day")
    OTHER = "other", pgettext_lazy("employment type", "Other")


class Position(models.Model):
    """An opening an employer posts."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("position status", "Open")
        PAUSED = "paused", pgettext_lazy("position status", "Paused")
        CLOSED = "closed", pgettext_lazy("position status", "Closed")

    employer = models.ForeignKey(
        Organisation, verbose_name=_("employer"), on_delete=models.PROTECT, related_name="positions"
    )
    title = models.CharField(_("title"), max_length=100)
    occupation = models.ForeignKey(
        Occupation,
        verbose_name=_("occupation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
    )
    description = models.TextField(_("description"), max_length=10000)
    skills: models.ManyToManyField[Skill, PositionSkill] = models.ManyToManyField(
        Skill, through="PositionSkill", related_name="positions"
    )
    level_min = models.PositiveSmallIntegerField(_("skill level required"), null=True, blank=True)
    level_is_hard = models.BooleanField(_("the level is a hard requirement"), default=False)
    skills_are_hard = models.BooleanField(
        _("the required skills are hard requirements"), default=False
    )
    education_min = models.CharField(
        _("education required"), max_length=20, choices=Education.choices, blank=True
    )
    education_is_hard = models.BooleanField(_("the education is a hard requirement"), default=False)
    experience_years = models.PositiveSmallIntegerField(_("years of experience"), default=0)
    pay_min = models.PositiveIntegerField(_("monthly pay from (yuan)"))
    pay_max = models.PositiveIntegerField(_("monthly pay up to (yuan)"))
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="positions"
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    headcount = models.PositiveSmallIntegerField(_("openings"), default=1)
    employment_type = models.CharField(
        _("employment type"),
        max_length=12,
        choices=EmploymentType.choices,
        default=EmploymentType.FULL_TIME,
    )
    # The last day the posting is advertised; without one it is advertised for
    # ``ADVERTISED_DAYS`` after posting (see ``advertised_until``).
    closes_on = models.DateField(_("advertised until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [
            models.CheckConstraint(
                condition=Q(pay_min__lte=F("pay_max")), name="position_pay_range_ordered"
            ),
            models.CheckConstraint(
                condition=Q(level_min__isnull=True) | Q(level_min__gte=1, level_min__lte=8),
                name="position_level_on_ladder",
            ),
            models.CheckConstraint(condition=Q(headcount__gte=1), name="position_headcount"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def advertised_until(self) -> dt.date:
        """The last day the posting is advertised: the employer's date, or
        ``ADVERTISED_DAYS`` after the day it was posted."""
        if self.closes_on is not None:
            return self.closes_on
        return timezone.localdate(self.created_at) + dt.timedelta(days=ADVERTISED_DAYS)

    @property
    def is_advertised(self) -> bool:
        """Open and not past its last advertised day: search engines may list it."""
        return self.status == self.Status.OPEN and timezone.localdate() <= self.advertised_until

    @property
    def level_name(self) -> str:
        """The required level's name on the ladder of the position's occupation (the worker
        ladder without one), in the active language; empty when no level is required."""
        occupation = self.occupation if self.occupation_id else None
        return level_label(self.level_min, occupation.code if occupation else None)


class PositionSkill(models.Model):
    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="skill_links")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        ordering = ["-required", "skill__key"]
        constraints = [
            models.UniqueConstraint(fields=["position", "skill"], name="position_skill_once")
        ]

    def __str__(self) -> str:
        return f"{self.position} · {self.skill}"


class Application(models.Model):
    """A person's application to a position, moved through its states by the employer."""

    class Status(models.TextChoices):
        APPLIED = "applied", pgettext_lazy("application status", "Applied")
        SHORTLISTED = "shortlisted", pgettext_lazy("application status", "Shortlisted")
        INTERVIEWING = "interviewing", pgettext_lazy("application status", "Interviewing")
        OFFERED = "offered", pgettext_lazy("application status", "Offered")
        HIRED = "hired", pgettext_lazy("application status", "Hired")
        REJECTED = "rejected", pgettext_lazy("application status", "Rejected")
        WITHDRAWN = "withdrawn", pgettext_lazy("application status", "Withdrawn")

    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.APPLIED, db_index=True
    )
    note = models.CharField(_("note to the employer"), max_length=500, blank=True)
    match_score = models.FloatField(_("match score when applying"), null=True, blank=True)
    created_at = models.DateTimeField(_("applied"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["position", "applicant"], name="application_once_per_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.applicant} → {self.position}"


class ApplicationEvent(models.Model):
    """One step of an application, with who took it, when and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=12, choices=Application.Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Application.Status.choices)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class Hire(models.Model):
    """A hire, followed up at 3 and 6 months: the outcome the bureau reports."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="hire")
    started_on = models.DateField(_("start date"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("hire")
        verbose_name_plural = _("hires")

    def __str__(self) -> str:
        return str(self.application)


class EmploymentCheck(models.Model):
    """The question at 3 or 6 months after a hire: is the person still employed there?"""

    class Answer(models.TextChoices):
        PENDING = "pending", _("Not yet answered")
        EMPLOYED = "employed", _("Still employed")
        LEFT = "left", _("No longer employed")

    hire = models.ForeignKey(Hire, on_delete=models.CASCADE, related_name="checks")
    months = models.PositiveSmallIntegerField(_("months after the start"))
    due_on = models.DateField(_("due"))
    answer = models.CharField(
        _("answer"), max_length=10, choices=Answer.choices, default=Answer.PENDING
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    asked_at = models.DateTimeField(_("asked"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("employment check")
        verbose_name_plural = _("employment checks")
        constraints = [
            models.UniqueConstraint(fields=["hire", "months"], name="employment_check_once"),
        ]

    def __str__(self) -> str:
        return f"{self.hire} · {self.months}"


class Invitation(models.Model):
    """An employer's invitation to a ranked candidate to apply to a position: recorded once,
    so the person is not asked twice and sees who asked."""

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("invited on"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation to apply")
        verbose_name_plural = _("invitations to apply")
        constraints = [
            models.UniqueConstraint(
                fields=["position", "person"], name="invitation_once_per_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ← {self.position}"
