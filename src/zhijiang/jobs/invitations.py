"""Employers invite a ranked candidate to apply: recorded once, audited, and told to the
person in the app with a link to the position."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import User
from zhijiang.common.audit import AuditAction, audit_record
from zhijiang.common.errors import ApplicationError, PermissionDeniedError
from zhijiang.common.notifications import notify
from zhijiang.jobs import selectors
from zhijiang.jobs.models import Application, Invitation, Position

NOTIFICATION_KIND = "invitation.received"


@dataclass(frozen=True)
class InvitationResult:
    """The invitation, and whether this call made it (False: the person was already invited)."""

    invitation: Invitation
    created: bool


@transaction.atomic
def invitation_send(*, actor: User, candidate: selectors.Candidate) -> InvitationResult:
    """Invite a candidate (from ``selectors.candidate_for``) to apply to the position. Asking
    again changes nothing and returns the first invitation. Refused when the position is not
    open or the person has already applied."""
    position = Position.objects.select_for_update().get(pk=candidate.position.pk)
    person = candidate.person
    if not selectors.can_manage_position(user=actor, position=position):
        raise PermissionDeniedError(_("Only the employer's own staff invite candidates."))
    existing = Invitation.objects.filter(position=position, person=person).first()
    if existing is not None:
        return InvitationResult(existing, created=False)
    if position.status != Position.Status.OPEN:
        raise ApplicationError(
            _("This position is %(status)s; only an open position takes invitations.")
            % {"status": position.get_status_display()},
            code="not_open",
        )
    if Application.objects.filter(position=position, applicant=person).exists():
        raise ApplicationError(
            _("%(name)s has already applied to this position.")
            % {"name": person.full_name or person.username},
            code="applied",
        )
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                position=position, person=person, invited_by=actor
            )
    except IntegrityError:  # invited by a colleague a moment ago
        found = Invitation.objects.get(position=position, person=person)
        return InvitationResult(found, created=False)
    notify(
        user=person,
        kind=NOTIFICATION_KIND,
        params={"position": position.title, "employer": position.employer.name},
        link=reverse("jobs:position", kwargs={"position_id": position.pk}),
    )
    audit_record(actor=actor, action=AuditAction.INVITATION_CREATE, target=invitation,
                 district=position.district)  # fmt: skip
    return InvitationResult(invitation, created=True)
