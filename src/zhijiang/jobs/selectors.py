"""Reads for positions, applications and profiles, each scoped to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import ConsentPurpose, ConsentRecord, Membership, Role, User
from zhijiang.accounts.selectors import (
    is_city_officer,
    is_officer,
    officer_district_ids,
    organisation_ids_of,
    people_for,
    roles_of,
)
from zhijiang.common.errors import NotFoundError, PermissionDeniedError, field_error
from zhijiang.jobs.models import (
    Application,
    Availability,
    HeldCertificate,
    Invitation,
    Position,
    PositionSkill,
    SeekerProfile,
    WorkExperience,
)
from zhijiang.occupations.models import PersonSkill


def _positions() -> QuerySet[Position]:
    return Position.objects.select_related("employer", "occupation", "district")


def employer_ids_of(user: Any) -> set[int]:
    """Employers the user posts for."""
    return organisation_ids_of(user, {Role.EMPLOYER_STAFF})


@dataclass(frozen=True)
class BoardFilters:
    """The job board's search and filters; empty values filter nothing."""

    q: str = ""
    occupation: str = ""  # a CSCO code at any level: the position's occupation starts with it
    district: str = ""
    pay_from: int | None = None  # positions paying at least this much at the top of the range
    level: int | None = None  # positions open to someone at this level
    employer: int | None = None


def board_positions(filters: BoardFilters) -> QuerySet[Position]:
    """Open positions for the public job board, newest first, until their closing date; the
    occupations' links come along, as their English labels are ESCO's."""
    not_closed = Q(closes_on__isnull=True) | Q(closes_on__gte=timezone.localdate())
    positions = (
        _positions()
        .filter(not_closed, status=Position.Status.OPEN, employer__is_active=True)
        .prefetch_related("occupation__links")
    )
    if filters.q.strip():
        for word in filters.q.split()[:5]:
            positions = positions.filter(
                Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(employer__name__icontains=word)
                | Q(occupation__name__icontains=word)
            )
    if filters.occupation:
        positions = positions.filter(occupation__code__startswith=filters.occupation)
    if filters.district:
        positions = positions.filter(district__code=filters.district)
    if filters.pay_from is not None:
        positions = positions.filter(pay_max__gte=filters.pay_from)
    if filters.level is not None:
        positions = positions.filter(Q(level_min__isnull=True) | Q(level_min__lte=filters.level))
    if filters.employer is not None:
        positions = positions.filter(employer_id=filters.employer)
    return positions


def public_position(*, position_id: int) -> Position:
    """A position as anyone may see it: open or closed, not paused."""
    position = (
        _positions()
        .exclude(status=Position.Status.PAUSED)
        .filter(pk=position_id, employer__is_active=True)
        .first()
    )
    if position is None:
        raise NotFoundError(_("No such position, or it is not open."))
    return position


def positions_for(*, user: Any) -> QuerySet[Position]:
    """Positions the user manages or oversees: their employers' (staff), their districts'
    (district officers), all (city officers)."""
    if is_city_officer(user):
        return _positions()
    return _positions().filter(
        Q(employer_id__in=employer_ids_of(user)) | Q(district_id__in=officer_district_ids(user))
    )


def position_for(*, user: Any, position_id: int) -> Position:
    position = positions_for(user=user).filter(pk=position_id).first()
    if position is None:
        raise NotFoundError(_("No such position, or you may not see it."))
    return position


def can_manage_position(*, user: Any, position: Position) -> bool:
    """Only the employer's own staff edit a position and move its applications."""
    return position.employer_id in employer_ids_of(user)


def applications_for(*, user: Any) -> QuerySet[Application]:
    """Applications the user may see: their own, their employers' positions', their districts'."""
    applications = Application.objects.select_related(
        "position", "position__employer", "position__district", "applicant"
    )
    if is_city_officer(user):
        return applications
    return applications.filter(
        Q(applicant=user)
        | Q(position__employer_id__in=employer_ids_of(user))
        | Q(position__district_id__in=officer_district_ids(user))
    )


def application_for(*, user: Any, application_id: int) -> Application:
    application = applications_for(user=user).filter(pk=application_id).first()
    if application is None:
        raise NotFoundError(_("No such application, or you may not see it."))
    return application


def applications_of_position(*, user: Any, position: Position) -> QuerySet[Application]:
    """The applications to a position the user manages or oversees (call position_for first)."""
    return applications_for(user=user).filter(position=position)


def profile_of(user: Any) -> SeekerProfile:
    """The person's own profile, created empty on first use."""
    profile, _created = SeekerProfile.objects.get_or_create(user=user)
    return profile


def is_seeker(user: Any) -> bool:
    return Role.LEARNER in roles_of(user)


def skill_demand(district: Any) -> dict[str, float]:
    """How much the open positions of a district ask for each skill: 2 per opening that
    requires it, 1 per opening that prefers it (the demand sample courses adapt to). Skills are
    named as standards name them (the Chinese label, else the English one)."""
    links = PositionSkill.objects.filter(
        position__status=Position.Status.OPEN,
        position__district=district,
        position__employer__is_active=True,
    ).values_list("skill__label_zh", "skill__label_en", "required", "position__headcount")
    demand: dict[str, float] = {}
    for label_zh, label_en, required, headcount in links:
        label = label_zh or label_en
        demand[label] = demand.get(label, 0.0) + (2.0 if required else 1.0) * headcount
    return demand


def candidate_people(*, position: Position) -> QuerySet[User]:
    """Who may be shown to a position's employer as a candidate: its applicants, and job
    seekers who let employers see their profile (a live consent), are looking and hold at
    least one of the position's required skills (filtered here, in SQL, before any scoring).
    The people ``matching.candidates_for`` ranks."""
    consenting = ConsentRecord.objects.filter(
        purpose=ConsentPurpose.SHARE_WITH_EMPLOYERS, withdrawn_at__isnull=True
    ).values("user_id")
    seekers = Membership.objects.filter(role=Role.LEARNER).values("user_id")
    not_looking = SeekerProfile.objects.filter(availability=Availability.NOT_LOOKING)
    applicants = Application.objects.filter(position=position).values("applicant_id")
    sharing = (
        Q(pk__in=consenting, anonymized_at__isnull=True)
        & Q(pk__in=seekers)
        & ~Q(pk__in=not_looking.values("user_id"))
    )
    required = PositionSkill.objects.filter(position=position, required=True)
    if required.exists():
        holders = PersonSkill.objects.filter(skill_id__in=required.values("skill_id"))
        sharing &= Q(pk__in=holders.values("user_id"))
    return User.objects.filter(Q(pk__in=applicants) | sharing).select_related("district")


@dataclass(frozen=True)
class Candidate:
    """A person as one of a position's candidates, with what they did about it so far."""

    position: Position
    person: User
    application: Application | None
    invitation: Invitation | None


def candidate_for(*, user: Any, position_id: int, person_id: int) -> Candidate:
    """A candidate of a position, for the staff of the position's employer only (not officers:
    the profile is shared with employers). Anyone else, and anyone who is not a candidate (no
    application, no live consent, not looking), gets NotFound."""
    position = _positions().filter(pk=position_id, employer_id__in=employer_ids_of(user)).first()
    person = (
        candidate_people(position=position).filter(pk=person_id).first()
        if position is not None
        else None
    )
    if position is None or person is None:
        raise NotFoundError(_("No such candidate for this position, or you may not see them."))
    return Candidate(
        position=position,
        person=person,
        application=Application.objects.filter(position=position, applicant=person).first(),
        invitation=Invitation.objects.filter(position=position, person=person)
        .select_related("invited_by")
        .first(),
    )


def invited_ids(*, position: Position) -> set[int]:
    """The people invited to apply to a position (call position_for first)."""
    return set(Invitation.objects.filter(position=position).values_list("person_id", flat=True))


def invitations_of(*, user: Any) -> QuerySet[Invitation]:
    """A person's own invitations to apply that are still open to act on: the position is
    open and they have not applied to it yet."""
    applied = Application.objects.filter(applicant=user).values("position_id")
    return (
        Invitation.objects.filter(
            person=user, position__status=Position.Status.OPEN, position__employer__is_active=True
        )
        .exclude(position_id__in=applied)
        .select_related("position", "position__employer", "position__district")
    )


def invitation_of(*, user: Any, position: Position) -> Invitation | None:
    """The person's own invitation to this position, if they have one."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Invitation.objects.filter(person=user, position=position)
        .select_related("position__employer")
        .first()
    )


CLOSED_APPLICATION_STATUSES = (
    Application.Status.HIRED,
    Application.Status.REJECTED,
    Application.Status.WITHDRAWN,
)


def application_counts_of(*, user: Any) -> dict[str, int]:
    """The person's own applications: how many in all, still open, and that led to a hire."""
    counts: dict[str, int] = Application.objects.filter(
        applicant_id=getattr(user, "pk", None)
    ).aggregate(
        total=Count("pk"),
        live=Count("pk", filter=~Q(status__in=CLOSED_APPLICATION_STATUSES)),
        hired=Count("pk", filter=Q(status=Application.Status.HIRED)),
    )
    return counts


def job_profile_filled(*, user: Any) -> bool:
    """Whether the person's job profile tells the matcher anything: education, field of study,
    about me, a preferred occupation, or a job held. Reads without creating the profile."""
    told = ~Q(education="") | ~Q(major="") | ~Q(summary="") | Q(preferred_occupations__isnull=False)
    if SeekerProfile.objects.filter(told, user=user).exists():
        return True
    return WorkExperience.objects.filter(user=user).exists()


CHECK_FILTER_ALL = "all"


def declared_certificates_for(
    *, user: Any, state: str = HeldCertificate.State.UNCHECKED
) -> QuerySet[HeldCertificate]:
    """The certificates people declared, for the officers who check them: a district officer
    sees their districts' people's, a city officer everyone's; newest first, with the person
    and the occupation (its links along: in English its label is ESCO's). ``state`` is a
    ``HeldCertificate.State`` or "all". Anyone else is refused."""
    if not is_officer(user):
        raise PermissionDeniedError(_("Only bureau and district officers check certificates."))
    people = people_for(user=user).values("pk")
    rows = (
        HeldCertificate.objects.filter(user_id__in=people)
        .select_related("user", "user__district", "occupation", "checked_by")
        .prefetch_related("occupation__links")
        .order_by("-pk")
    )
    if state == HeldCertificate.State.UNCHECKED:
        return rows.filter(verified=False, checked_at__isnull=True)
    if state == HeldCertificate.State.VERIFIED:
        return rows.filter(verified=True)
    if state == HeldCertificate.State.NOT_CONFIRMED:
        return rows.filter(verified=False, checked_at__isnull=False)
    if state == CHECK_FILTER_ALL:
        return rows
    raise field_error(
        "state", _("Choose unchecked, verified, not_confirmed or all."), "invalid_choice"
    )


def declared_certificate_for(*, user: Any, certificate_id: int) -> HeldCertificate:
    """One declared certificate the officer may check; NotFound outside their people."""
    found = (
        declared_certificates_for(user=user, state=CHECK_FILTER_ALL)
        .filter(pk=certificate_id)
        .first()
    )
    if found is None:
        raise NotFoundError(_("No such declared certificate, or you may not see it."))
    return found
