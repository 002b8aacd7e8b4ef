"""The career plan page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from zhijiang.careers.planner import career_plan
from zhijiang.common.errors import PermissionDeniedError
from zhijiang.jobs.selectors import is_seeker


@login_required
def plan_view(request: HttpRequest) -> HttpResponse:
    if not is_seeker(request.user):
        raise PermissionDeniedError(_("Only job seekers have a career plan."))
    targets = career_plan(person=request.user)  # type: ignore[arg-type]
    return render(request, "careers/plan.html", {"targets": targets})
