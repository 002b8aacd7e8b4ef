"""Issuers' signing keys, revocation status lists and the certificates signed with them.

Private keys are stored only as Fernet tokens (see ``keys.py``); every credential is stored as
the exact signed JSON that was handed out, so what the platform shows is what verifies."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import Organisation
from zhijiang.occupations.models import Occupation, Skill


class IssuerKey(models.Model):
    """One Ed25519 key pair of an issuing organisation; ``key_id`` is the proofs'
    verificationMethod. Retired keys still verify what they signed; revoked ones do not."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        RETIRED = "retired", _("Retired")
        REVOKED = "revoked", _("Revoked")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("issuer"),
        on_delete=models.PROTECT,
        related_name="issuer_keys",
    )
    number = models.PositiveIntegerField(_("key number"))
    key_id = models.CharField(_("key id"), max_length=300, unique=True)
    public_key_multibase = models.CharField(_("public key (Multikey)"), max_length=80)
    # A Fernet token of the 32-byte seed; never shown, logged or serialised.
    private_key_encrypted = models.TextField(editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    valid_from = models.DateTimeField(_("valid from"))
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revocation_reason = models.CharField(_("reason for revocation"), max_length=500, blank=True)
    last_used_at = models.DateTimeField(_("last signed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["organisation_id", "number"]
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number"], name="issuer_key_number_unique"
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(status="active"),
                name="issuer_key_one_active",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} #key-{self.number} ({self.get_status_display()})"

    @property
    def issuer_uri(self) -> str:
        """The issuer id the key was registered under (the key id before ``#``)."""
        return self.key_id.split("#", 1)[0]


class StatusList(models.Model):
    """One Bitstring Status List of an issuer; ``credential`` is the signed list as published."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="status_lists"
    )
    number = models.PositiveIntegerField()
    list_credential_id = models.CharField(max_length=300, unique=True)
    length = models.PositiveIntegerField()
    allocated = models.PositiveIntegerField(default=0)
    credential = models.JSONField(default=dict)
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["organisation_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number"], name="status_list_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} status list {self.number}"


class Holder(models.Model):
    """The pseudonymous subject id under which a person's certificates are issued: a random
    URN, so a credential never carries a name, phone or ID number."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="credential_holder"
    )
    subject_id = models.CharField(max_length=100, unique=True)

    def __str__(self) -> str:
        return self.subject_id


class AchievementType(models.TextChoices):
    CERTIFICATE = "Certificate", _("Skill level certificate")
    LICENSE = "License", _("Licence")


class Certificate(models.Model):
    """A signed skill certificate: one occupation at one level of the eight-level ladder."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("holder"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    issuer = models.ForeignKey(
        Organisation,
        verbose_name=_("issuer"),
        on_delete=models.PROTECT,
        related_name="issued_certificates",
    )
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("occupation"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("skill level"))
    # The 专业方向 assessed, at a level of a 职业技术技能标准 split into directions; blank: none.
    specialism = models.CharField(_("specialism"), max_length=40, blank=True)
    achievement_type = models.CharField(
        _("kind"),
        max_length=12,
        choices=AchievementType.choices,
        default=AchievementType.CERTIFICATE,
    )
    issued_at = models.DateTimeField(_("issued"))
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), max_length=2000)
    credential = models.JSONField(_("signed credential"))
    signing_key = models.ForeignKey(IssuerKey, on_delete=models.PROTECT, related_name="+")
    status_list = models.ForeignKey(StatusList, on_delete=models.PROTECT, related_name="entries")
    status_index = models.PositiveIntegerField()
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revocation_reason = models.CharField(_("reason for revocation"), max_length=500, blank=True)
    paired_with = models.OneToOneField(
        "self",
        verbose_name=_("paired certificate"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    # The skills of the occupation's standard up to this level: what the certificate verifies
    # on the holder's job profile while it is valid.
    verified_skills = models.ManyToManyField(
        Skill, verbose_name=_("skills it verifies"), blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["status_list", "status_index"], name="certificate_status_bit_unique"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=8), name="certificate_level_1_to_8"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occupation.name} L{self.level} · {self.uuid}"

    @property
    def credential_id(self) -> str:
        return f"urn:uuid:{self.uuid}"
