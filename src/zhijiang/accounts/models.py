"""People, organisations, roles, and the records that personal-data law requires."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhijiang.common.models import District
from zhijiang.common.pii import mask_phone


class Role(models.TextChoices):
    LEARNER = "learner", _("Learner / job seeker")
    EMPLOYER_STAFF = "employer_staff", _("Employer staff")
    PROVIDER_STAFF = "provider_staff", _("Training provider staff")
    ASSESSOR = "assessor", _("Assessor")
    DISTRICT_OFFICER = "district_officer", _("District officer")
    BUREAU_OFFICER = "bureau_officer", _("Bureau officer")
    ADMIN = "admin", _("Administrator")


class OrganisationKind(models.TextChoices):
    BUREAU = "bureau", _("Human resources and social security bureau")
    DISTRICT_OFFICE = "district_office", _("District HR and social security office")
    EMPLOYER = "employer", _("Employer")
    TRAINING_PROVIDER = "training_provider", _("Training provider")
    ASSESSMENT_BODY = "assessment_body", _("Assessment body")
    MASTER_STUDIO = "master_studio", _("Skill-master studio")
    TRAINING_BASE = "training_base", _("High-skill talent training base")


# Which kinds of organisation a role's membership may belong to (None: no organisation).
ROLE_ORGANISATION_KINDS: dict[str, set[str] | None] = {
    Role.LEARNER: None,
    Role.ADMIN: None,
    Role.EMPLOYER_STAFF: {OrganisationKind.EMPLOYER},
    Role.PROVIDER_STAFF: {
        OrganisationKind.TRAINING_PROVIDER,
        OrganisationKind.MASTER_STUDIO,
        OrganisationKind.TRAINING_BASE,
    },
    Role.ASSESSOR: {OrganisationKind.ASSESSMENT_BODY},
    Role.DISTRICT_OFFICER: {OrganisationKind.DISTRICT_OFFICE},
    Role.BUREAU_OFFICER: {OrganisationKind.BUREAU},
}


class User(AbstractUser):
    """A person who signs in. Learners' personal data lives here, masked where shown."""

    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    full_name = models.CharField(_("name"), max_length=60, blank=True)
    phone = models.CharField(_("mobile number"), max_length=11, unique=True, null=True, blank=True)
    id_number_hash = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    id_number_masked = models.CharField(_("ID number"), max_length=18, blank=True, editable=False)
    # A number the person typed themselves: kept apart from ``id_number_hash`` (unique, set only
    # by an officer who saw the ID card) so that typing someone else's number neither fails nor
    # links the accounts; an officer verifies it.
    id_number_claim_hash = models.CharField(
        max_length=64, null=True, blank=True, editable=False, db_index=True
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="residents",
    )
    anonymized_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone) if self.phone else ""

    @property
    def id_number_verified(self) -> bool:
        return self.id_number_hash is not None


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, null=True, blank=True
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=20, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="bureau") | Q(district__isnull=False),
                name="organisation_has_district_unless_bureau",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A role a user holds, in an organisation where the role needs one."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["user_id", "role"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organisation"], name="membership_unique_in_organisation"
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(organisation__isnull=True),
                name="membership_unique_without_organisation",
            ),
        ]

    def __str__(self) -> str:
        where = f" @ {self.organisation}" if self.organisation_id else ""
        return f"{self.user} · {self.get_role_display()}{where}"


class ConsentPurpose(models.TextChoices):
    OUTREACH_SMS = "outreach_sms", _("Training and job offers by text message")
    SHARE_WITH_EMPLOYERS = "share_with_employers", _("Show my profile to employers")
    RESEARCH = "research", _("Use my data, de-identified, for employment statistics")


class ConsentRecord(models.Model):
    """One consent: what the person agreed to, when, and when they withdrew it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=40, choices=ConsentPurpose.choices)
    notice_version = models.CharField(_("notice version"), max_length=20, default="2026-11")
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["-granted_at", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "purpose"],
                condition=Q(withdrawn_at__isnull=True),
                name="consent_one_active_per_purpose",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_purpose_display()}"


class DeletionRequest(models.Model):
    """A person's request to erase their personal data; an officer approves or rejects it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="deletion_requests")
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("deletion request")
        verbose_name_plural = _("deletion requests")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status="pending"),
                name="deletion_request_one_pending_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} · {self.get_status_display()}"


class ThrottleBucket(models.Model):
    """Attempts counted in one window under one key: a keyed hash of whose account and which
    address, never the name or address itself (see ``accounts.throttle``)."""

    key = models.CharField(max_length=64, unique=True)
    count = models.PositiveIntegerField(default=0)
    window_start = models.DateTimeField(db_index=True)
    # How long the window lasts; 0: the sign-in window (LOGIN_FAILURE_WINDOW_SECONDS).
    window_seconds = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key[:8]} {self.count} since {self.window_start:%Y-%m-%d %H:%M}"


class SignUpRequest(models.Model):
    """A sign-up waiting for the code texted to its mobile number: the account is made only when
    the code comes back. A number that already has an account is sent a notice instead of a
    code (``code_hash`` empty), and the answer to the sign-up is the same."""

    token_hash = models.CharField(max_length=64, unique=True)
    username = models.CharField(max_length=150)
    full_name = models.CharField(max_length=60)
    phone = models.CharField(max_length=11)
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    password = models.CharField(max_length=128)  # hashed, as User.password
    code_hash = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.username} until {self.expires_at:%Y-%m-%d %H:%M}"


class ApiToken(models.Model):
    """A bearer token for the API; only its hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=60)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def expires_at(self) -> datetime:
        """Tokens expire ``API_TOKEN_MAX_AGE_DAYS`` after they were made (a shorter setting
        shortens the life of tokens already given out)."""
        return self.created_at + timedelta(days=settings.API_TOKEN_MAX_AGE_DAYS)
