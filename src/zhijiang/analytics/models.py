"""Officers' verdicts on samples of generated content (the quality review of generators).

A ``ContentReview`` is one officer's verdict on one unit of generated text: an exam item, a
requirement of a drafted standard, a text of a course plan, or a text of a course's textbook
outline or practical projects. It keeps what the officer saw and which generator wrote it, so
that the acceptance rate of each generator version can be followed as generators improve.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhijiang.occupations.levels import level_label
from zhijiang.occupations.models import Occupation


class ContentKind(models.TextChoices):
    ITEM = "item", _("Exam items")
    REQUIREMENT = "requirement", _("Requirements of drafted standards")
    COURSE_TEXT = "course_text", _("Course plan texts")
    MATERIAL_TEXT = "material_text", _("Textbook and project texts")


class Verdict(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    FLAGGED = "flagged", _("Flagged")


class FlagReason(models.TextChoices):
    GARBLED = "garbled", _("Garbled or broken sentence")
    GENERIC = "generic", _("Generic: would fit any occupation")
    WRONG = "wrong", _("Wrong or misleading")
    OFF_TOPIC = "off_topic", _("Not about the occupation")
    OTHER = "other", _("Other (say what in the note)")


class ContentReview(models.Model):
    """One reviewer's verdict on one unit of generated content.

    The unit is referenced by its kind, the id of the object that holds it (item, requirement
    or course) and, inside a course's JSON, a stable path (``lessons/M1.L2/summary``)."""

    kind = models.CharField(_("kind of content"), max_length=20, choices=ContentKind.choices)
    object_id = models.PositiveBigIntegerField(_("object"))
    path = models.CharField(_("place in the object"), max_length=200, blank=True)
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("occupation"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("level"))
    generator = models.CharField(_("generator"), max_length=120, db_index=True)
    text = models.TextField(_("text reviewed"))
    verdict = models.CharField(_("verdict"), max_length=10, choices=Verdict.choices)
    reason = models.CharField(
        _("reason for the flag"), max_length=12, choices=FlagReason.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("judged"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("content review")
        verbose_name_plural = _("content reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "path", "reviewer"],
                name="content_review_once_per_reviewer",
            ),
            models.CheckConstraint(
                condition=Q(verdict="accepted", reason="") | (Q(verdict="flagged") & ~Q(reason="")),
                name="content_review_flag_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=8), name="content_review_level_on_ladder"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}:{self.path} · {self.verdict}"

    @property
    def level_label(self) -> str:
        return level_label(self.level, self.occupation.code)
