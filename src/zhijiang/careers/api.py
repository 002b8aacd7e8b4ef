"""API endpoints of the career planner: a person's plan, and push figures for officers."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Router

from zhijiang.accounts.selectors import is_officer
from zhijiang.careers.planner import career_plan
from zhijiang.careers.schemas import PushStatsOut, TargetOut
from zhijiang.careers.selectors import push_stats
from zhijiang.common.errors import PermissionDeniedError
from zhijiang.common.requests import signed_in_user
from zhijiang.jobs.selectors import is_seeker

router = Router(tags=["careers"])


@router.get("/me/career-plan", response=list[TargetOut])
def my_career_plan(request: HttpRequest) -> Any:
    """3–5 occupations within reach and in demand, with the gap, the steps, the level to aim
    for and the positions open now."""
    user = signed_in_user(request)
    if not is_seeker(user):
        raise PermissionDeniedError(_("Only job seekers have a career plan."))
    return [
        {
            "occupation": t.occupation.code,
            "occupation_name": t.occupation.name,
            "reach": t.reach,
            "demand": t.demand,
            "have": t.have,
            "gap": t.gap,
            "level_rank": t.level_rank,
            "level_name": t.level_name,
            "standard_id": t.standard_id,
            "positions": [{"position": p, "match": m} for p, m in t.positions],
            "courses": [
                {
                    "run_id": run.pk,
                    "course": run.course.title,
                    "level": run.course.level,
                    "provider": run.provider.name,
                    "start_date": run.start_date.isoformat(),
                    "mode": run.mode,
                    "fee": run.fee,
                    "voucher_eligible": run.voucher_eligible,
                }
                for run in t.courses
            ],
        }
        for t in career_plan(person=user)
    ]


@router.get("/pushes/stats", response=PushStatsOut)
def pushes(request: HttpRequest) -> Any:
    """How many matching positions the nightly run pushed, in the officer's area."""
    user = signed_in_user(request)
    if not is_officer(user):
        raise PermissionDeniedError(_("Only bureau and district officers see these figures."))
    return push_stats(user=user, today=timezone.localdate())
