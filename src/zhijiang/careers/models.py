"""What the career planner pushed to whom: one row per person and position, never repeated."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhijiang.jobs.models import Position


class MatchPush(models.Model):
    """A matching position pushed to a job seeker by the nightly run."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="match_pushes"
    )
    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="pushes")
    score = models.FloatField(_("match score"))
    created_at = models.DateTimeField(_("pushed"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("pushed position")
        verbose_name_plural = _("pushed positions")
        constraints = [
            models.UniqueConstraint(fields=["user", "position"], name="match_push_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ← {self.position}"
