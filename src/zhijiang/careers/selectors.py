"""Reads of the careers app, scoped to the officer's area."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from zhijiang.accounts.selectors import is_city_officer, officer_district_ids
from zhijiang.careers.models import MatchPush
from zhijiang.jobs.models import Application


def pushes_for(*, user: Any) -> QuerySet[MatchPush]:
    pushes = MatchPush.objects.all()
    if is_city_officer(user):
        return pushes
    return pushes.filter(user__district_id__in=officer_district_ids(user))


def push_stats(*, user: Any, today: datetime.date) -> dict[str, int]:
    pushes = pushes_for(user=user)
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    applied = Application.objects.filter(
        applicant_id=OuterRef("user_id"), position_id=OuterRef("position_id")
    )
    return {
        "pushes_total": pushes.count(),
        "pushes_today": pushes.filter(created_at__gte=start).count(),
        "people_reached": pushes.values("user_id").distinct().count(),
        "applied_after_push": pushes.filter(Exists(applied)).count(),
    }
