"""Employers' pages for one ranked candidate of a position: the profile the person shares,
why they rank where they do, and inviting them to apply."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhijiang.common.errors import ApplicationError
from zhijiang.common.forms import flash_service_error
from zhijiang.common.requests import signed_in_user
from zhijiang.jobs import candidates, invitations, selectors


@login_required
def candidate_view(request: HttpRequest, position_id: int, person_id: int) -> HttpResponse:
    """A candidate's shared profile and match, for the staff of the position's employer."""
    candidate = selectors.candidate_for(
        user=signed_in_user(request), position_id=position_id, person_id=person_id
    )
    context = {
        "position": candidate.position,
        "level": candidate.position.level_name,
        "candidate": candidates.candidate_detail(candidate),
    }
    return render(request, "jobs/candidate.html", context)


@login_required
@require_POST
def candidate_invite_view(request: HttpRequest, position_id: int, person_id: int) -> HttpResponse:
    """Invite the candidate to apply; asking twice says they were already invited."""
    user = signed_in_user(request)
    candidate = selectors.candidate_for(user=user, position_id=position_id, person_id=person_id)
    name = candidate.person.full_name or candidate.person.username
    try:
        result = invitations.invitation_send(actor=user, candidate=candidate)
    except ApplicationError as error:
        flash_service_error(request, error)
    else:
        if result.created:
            messages.success(
                request, _("%(name)s is invited to apply and is told in the app.") % {"name": name}
            )
        else:
            messages.info(
                request,
                _("%(name)s was already invited on %(date)s.")
                % {"name": name, "date": result.invitation.created_at.date().isoformat()},
            )
    return redirect("jobs:candidate", position_id=position_id, person_id=person_id)
