"""API endpoints: the public job board, employers' positions and candidates, applications,
and a job seeker's profile and matches."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Router, Status
from ninja.decorators import decorate_view

from zhijiang.accounts.models import Organisation
from zhijiang.common.errors import NotFoundError, PermissionDeniedError
from zhijiang.common.page_cache import public_page
from zhijiang.common.pagination import paginated
from zhijiang.common.params import Int64
from zhijiang.common.requests import signed_in_user
from zhijiang.jobs import (
    applications,
    candidates,
    invitations,
    matching,
    profiles,
    selectors,
    services,
)
from zhijiang.jobs.models import EmploymentCheck
from zhijiang.jobs.schemas import (
    ApplicationMoveIn,
    ApplicationOut,
    ApplyIn,
    CandidateDetailOut,
    CertificateCheckIn,
    DeclaredCertificateOut,
    InvitationOut,
    JobProfileCertificateIn,
    JobProfileCertificateOut,
    PositionCandidateOut,
    PositionDetailOut,
    PositionIn,
    PositionMatchOut,
    PositionOut,
    PositionStatusIn,
    ProfileIn,
    ProfileOut,
    WithdrawIn,
    WorkIn,
    WorkOut,
)

router = Router(tags=["jobs"])


@router.get("/positions", response=list[PositionOut], auth=None)
@decorate_view(public_page)  # anonymous reads are kept PAGE_CACHE_SECONDS, like the board
@paginated
def job_board(
    request: HttpRequest,
    q: str = "",
    occupation: str = "",
    district: str = "",
    pay_from: Int64 | None = None,
    level: Int64 | None = None,
    employer: Int64 | None = None,
) -> Any:
    """Open positions, newest first: search words, an occupation code prefix, a district code,
    a lowest acceptable pay, and the seeker's level."""
    filters = selectors.BoardFilters(
        q=q, occupation=occupation, district=district, pay_from=pay_from, level=level,
        employer=employer,
    )  # fmt: skip
    return selectors.board_positions(filters)


@router.get("/positions/{position_id}", response=PositionDetailOut, auth=None)
def position_detail(request: HttpRequest, position_id: Int64) -> Any:
    user = request.user
    if getattr(user, "is_authenticated", False):
        managed = selectors.positions_for(user=user).filter(pk=position_id).first()
        if managed is not None:
            return managed
    return selectors.public_position(position_id=position_id)


@router.post("/employers/{employer_id}/positions", response={201: PositionDetailOut})
def position_create(request: HttpRequest, employer_id: Int64, payload: PositionIn) -> Any:
    """Post a position for an employer you work for."""
    employer = Organisation.objects.filter(pk=employer_id, kind="employer").first()
    if employer is None or employer.pk not in selectors.employer_ids_of(signed_in_user(request)):
        raise NotFoundError(_("No such employer among yours."))
    position = services.position_create(
        actor=signed_in_user(request),
        employer=employer,
        data=services.PositionInput(**payload.dict()),
    )
    return Status(201, position)


@router.get("/manage/positions", response=list[PositionOut])
@paginated
def positions_managed(request: HttpRequest, status: str = "") -> Any:
    """Positions you manage (employer staff) or oversee (officers)."""
    positions = selectors.positions_for(user=signed_in_user(request))
    return positions.filter(status=status) if status else positions


@router.put("/positions/{position_id}", response=PositionDetailOut)
def position_update(request: HttpRequest, position_id: Int64, payload: PositionIn) -> Any:
    user = signed_in_user(request)
    position = selectors.position_for(user=user, position_id=position_id)
    return services.position_update(
        actor=user, position=position, data=services.PositionInput(**payload.dict())
    )


@router.post("/positions/{position_id}/status", response=PositionDetailOut)
def position_status(request: HttpRequest, position_id: Int64, payload: PositionStatusIn) -> Any:
    user = signed_in_user(request)
    position = selectors.position_for(user=user, position_id=position_id)
    return services.position_set_status(actor=user, position=position, status=payload.status)


@router.get("/positions/{position_id}/candidates", response=list[PositionCandidateOut])
def position_candidates(request: HttpRequest, position_id: Int64, limit: Int64 = 20) -> Any:
    """People who fit the position best: its applicants, and seekers who let employers see
    their profile, ranked by match with matched and missing skills."""
    user = signed_in_user(request)
    position = selectors.position_for(user=user, position_id=position_id)
    return matching.candidates_for(position=position, limit=max(1, min(limit, 100)))


@router.get("/positions/{position_id}/candidates/{person_id}", response=CandidateDetailOut)
def position_candidate(request: HttpRequest, position_id: Int64, person_id: Int64) -> Any:
    """One ranked candidate, for the staff of the position's employer: the skills (with their
    sources), certificates and work history the person shares, and the match explained."""
    candidate = selectors.candidate_for(
        user=signed_in_user(request), position_id=position_id, person_id=person_id
    )
    return candidates.candidate_detail(candidate)


@router.post(
    "/positions/{position_id}/candidates/{person_id}/invitation",
    response={200: InvitationOut, 201: InvitationOut},
)
def position_candidate_invite(request: HttpRequest, position_id: Int64, person_id: Int64) -> Any:
    """Invite a candidate who has not applied to apply; they are told in the app. 201: invited
    now; 200: already invited (nothing changes). Refused for a position that is not open and
    for someone who applied."""
    user = signed_in_user(request)
    candidate = selectors.candidate_for(user=user, position_id=position_id, person_id=person_id)
    result = invitations.invitation_send(actor=user, candidate=candidate)
    return Status(201 if result.created else 200, result.invitation)


@router.get("/positions/{position_id}/applications", response=list[ApplicationOut])
def position_applications(request: HttpRequest, position_id: Int64) -> Any:
    user = signed_in_user(request)
    position = selectors.position_for(user=user, position_id=position_id)
    return selectors.applications_of_position(user=user, position=position).prefetch_related(
        "events"
    )


@router.post("/positions/{position_id}/applications", response={201: ApplicationOut})
def apply(request: HttpRequest, position_id: Int64, payload: ApplyIn) -> Any:
    """Apply to an open position."""
    user = signed_in_user(request)
    position = selectors.public_position(position_id=position_id)
    score = matching.score_of(person=user, position=position)
    application = applications.application_submit(
        applicant=user, position=position, note=payload.note, match_score=score
    )
    return Status(201, application)


@router.get("/applications", response=list[ApplicationOut])
@paginated
def application_list(request: HttpRequest, status: str = "") -> Any:
    """Applications you may see: your own, or those to positions you manage or oversee."""
    found = selectors.applications_for(user=signed_in_user(request)).prefetch_related("events")
    return found.filter(status=status) if status else found


@router.get("/applications/{application_id}", response=ApplicationOut)
def application_detail(request: HttpRequest, application_id: Int64) -> Any:
    return selectors.application_for(user=signed_in_user(request), application_id=application_id)


@router.post("/applications/{application_id}/move", response=ApplicationOut)
def application_move(
    request: HttpRequest, application_id: Int64, payload: ApplicationMoveIn
) -> Any:
    """Take the next step: shortlisted, interviewing, offered, hired (with a start date), or
    rejected (with a reason)."""
    user = signed_in_user(request)
    application = selectors.application_for(user=user, application_id=application_id)
    return applications.application_move(
        actor=user,
        application=application,
        to=payload.status,
        reason=payload.reason,
        started_on=payload.started_on,
    )


@router.post("/applications/{application_id}/withdraw", response=ApplicationOut)
def application_withdraw(request: HttpRequest, application_id: Int64, payload: WithdrawIn) -> Any:
    user = signed_in_user(request)
    application = selectors.application_for(user=user, application_id=application_id)
    return applications.application_withdraw(
        actor=user, application=application, reason=payload.reason
    )


@router.post("/employment-checks/{check_id}", response={204: None})
def employment_check_answer(request: HttpRequest, check_id: Int64, answer: str) -> Any:
    """Answer a due follow-up: employed or left."""
    user = signed_in_user(request)
    check = get_object_or_404(EmploymentCheck.objects.select_related("hire__application"),
                              pk=check_id)  # fmt: skip
    visible = selectors.applications_for(user=user).filter(pk=check.hire.application_id)
    if not visible.exists():
        raise NotFoundError(_("No such follow-up, or you may not see it."))
    applications.employment_check_answer(actor=user, check=check, answer=answer)
    return Status(204, None)


def _require_seeker(request: HttpRequest) -> Any:
    user = signed_in_user(request)
    if not selectors.is_seeker(user):
        raise PermissionDeniedError(_("Only job seekers have a job profile."))
    return user


@router.get("/me/job-profile", response=ProfileOut, tags=["me"])
def my_profile(request: HttpRequest) -> Any:
    return matching.profile_view(_require_seeker(request))


@router.put("/me/job-profile", response=ProfileOut, tags=["me"])
def my_profile_update(request: HttpRequest, payload: ProfileIn) -> Any:
    user = _require_seeker(request)
    profiles.profile_update(user=user, data=profiles.ProfileInput(**payload.dict()))
    return matching.profile_view(user)


@router.post("/me/job-profile/work", response={201: WorkOut}, tags=["me"])
def my_work_add(request: HttpRequest, payload: WorkIn) -> Any:
    user = _require_seeker(request)
    return Status(
        201, profiles.work_experience_add(user=user, data=profiles.WorkInput(**payload.dict()))
    )


@router.delete("/me/job-profile/work/{job_id}", response={204: None}, tags=["me"])
def my_work_delete(request: HttpRequest, job_id: Int64) -> Any:
    profiles.work_experience_delete(user=_require_seeker(request), job_id=job_id)
    return Status(204, None)


@router.post("/me/job-profile/certificates", response={201: JobProfileCertificateOut}, tags=["me"])
def my_certificate_add(request: HttpRequest, payload: JobProfileCertificateIn) -> Any:
    user = _require_seeker(request)
    certificate = profiles.certificate_declare(user=user, **payload.dict())
    return Status(201, certificate)


@router.get("/declared-certificates", response=list[DeclaredCertificateOut])
@paginated
def declared_certificates(request: HttpRequest, state: str = "unchecked") -> Any:
    """Certificates people declared, for officers to check against the national register:
    a district officer's districts', a city officer's all; newest first. ``state``:
    unchecked, verified, not_confirmed or all."""
    return selectors.declared_certificates_for(user=signed_in_user(request), state=state)


@router.post("/declared-certificates/{certificate_id}/check", response=DeclaredCertificateOut)
def declared_certificate_check(
    request: HttpRequest, certificate_id: Int64, payload: CertificateCheckIn
) -> Any:
    """Record an officer's check: confirmed (the certificate counts as verified) or not
    (``note`` says why; the person sees it). A later check replaces the earlier one."""
    user = signed_in_user(request)
    certificate = selectors.declared_certificate_for(user=user, certificate_id=certificate_id)
    profiles.certificate_check(
        actor=user, certificate=certificate, confirmed=payload.confirmed, note=payload.note
    )
    return selectors.declared_certificate_for(user=user, certificate_id=certificate_id)


@router.get("/me/invitations", response=list[InvitationOut], tags=["me"])
def my_invitations(request: HttpRequest) -> Any:
    """Employers' invitations to apply that you can still act on: open, not yet applied to."""
    return list(
        selectors.invitations_of(user=_require_seeker(request)).select_related("invited_by")
    )


@router.get("/me/matches", response=list[PositionMatchOut], tags=["me"])
def my_matches(request: HttpRequest, limit: Int64 = 20) -> Any:
    """Open positions ranked for you, each with matched and missing skills and the factors."""
    user = _require_seeker(request)
    return [
        {"position": position, "match": match}
        for position, match in matching.positions_for_person(
            person=user, limit=max(1, min(limit, 100)), today=datetime.date.today()
        )
    ]
