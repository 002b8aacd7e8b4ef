"""The stored statistics of an item from the responses of closed sessions (kept apart from
models.py for its length; imported there so that Django finds it)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemStatistics(models.Model):
    """An item's classical statistics, recomputed by ``item_statistics_refresh`` after a
    session closes: from fixed forms (point-biserial with the rest score) and, apart, from
    adaptive tests (point-biserial with the candidate's θ). ``flags`` are the response-based
    review reasons (zhijiang_engine.irt.ItemFlag); a calibrated a is judged when shown."""

    item = models.OneToOneField(
        "assessment.Item", on_delete=models.CASCADE, related_name="statistics"
    )
    responses = models.PositiveIntegerField(_("responses (fixed forms)"), default=0)
    p_value = models.FloatField(_("p-value"), null=True, blank=True)
    point_biserial = models.FloatField(_("point-biserial (rest score)"), null=True, blank=True)
    adaptive_responses = models.PositiveIntegerField(_("responses (adaptive)"), default=0)
    adaptive_p_value = models.FloatField(_("p-value (adaptive)"), null=True, blank=True)
    adaptive_point_biserial = models.FloatField(_("point-biserial (θ)"), null=True, blank=True)
    flags = models.JSONField(_("flags"), default=list, blank=True)
    flagged = models.BooleanField(_("flagged for review"), default=False, db_index=True)
    computed_at = models.DateTimeField(_("computed"))

    class Meta:
        verbose_name = _("item statistics")
        verbose_name_plural = _("item statistics")

    def __str__(self) -> str:
        return f"statistics of item {self.item_id}"
