"""API endpoints of exam sessions: sessions, registrations, the candidate's attempt (start,
autosave, adaptive answers, submit), results, practical tasks and scores, level decisions.
Added to the assessment router (``zhijiang.assessment.api.router``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Schema, Status

from zhijiang.accounts.models import User
from zhijiang.accounts.selectors import is_city_officer
from zhijiang.assessment import outcomes, practical, selectors, sessions
from zhijiang.assessment import session_selectors as reads
from zhijiang.assessment.api import router
from zhijiang.assessment.models import ExamSession, Registration
from zhijiang.assessment.session_schemas import (
    AnswerIn,
    AttemptOut,
    CatAnswerIn,
    DecisionOut,
    PracticalScoreIn,
    PracticalScoreOut,
    PracticalStatusOut,
    PracticalTaskIn,
    PracticalTaskOut,
    RegistrationIn,
    RegistrationOut,
    ReviewDecisionIn,
    SessionIn,
    SessionOut,
    SessionResultOut,
)
from zhijiang.common.errors import ApplicationError, NotFoundError, PermissionDeniedError
from zhijiang.common.pagination import paginated
from zhijiang.common.params import Int64
from zhijiang.common.requests import signed_in_user


class AnswerSavedOut(Schema):
    item: int
    answer: str
    answered: int
    remaining_seconds: int


def _session(request: HttpRequest, session_id: int) -> ExamSession:
    return reads.session_for(user=signed_in_user(request), session_id=session_id)


@router.get("/sessions", response=list[SessionOut])
@paginated
def session_list(request: HttpRequest) -> Any:
    """Sessions of your assessment bodies (assessors) or all sessions (bureau officers)."""
    user = signed_in_user(request)
    if not selectors.can_see_banks(user):
        raise PermissionDeniedError(_("Exam sessions are for assessors and bureau officers."))
    return reads.sessions_for(user=user)


@router.post("/sessions", response={201: SessionOut})
def session_create(request: HttpRequest, payload: SessionIn) -> Any:
    """Schedule a session of a level of your bank: a fixed exam form or an adaptive test."""
    user = signed_in_user(request)
    bank = selectors.bank_for(user=user, bank_id=payload.bank)
    form = None
    if payload.form is not None:
        form = selectors.forms_for(user=user).filter(pk=payload.form, bank=bank).first()
        if form is None:
            raise NotFoundError(_("No such exam form in this bank."))
    data = sessions.SessionInput(
        level=payload.level, mode=payload.mode, starts_at=payload.starts_at,
        duration_minutes=payload.duration_minutes, form=form, max_items=payload.max_items,
        time_limit_minutes=payload.time_limit_minutes,
        title=payload.title, specialism=payload.specialism.strip(),
    )  # fmt: skip
    return Status(201, sessions.session_create(actor=user, bank=bank, data=data))


@router.get("/sessions/{session_id}", response=SessionOut)
def session_detail(request: HttpRequest, session_id: Int64) -> Any:
    return _session(request, session_id)


@router.post("/sessions/{session_id}/open", response=SessionOut)
def session_open(request: HttpRequest, session_id: Int64) -> Any:
    """Scheduled → open: candidates may start."""
    session = _session(request, session_id)
    return sessions.session_open(actor=signed_in_user(request), session=session)


@router.post("/sessions/{session_id}/close", response=SessionOut)
def session_close(request: HttpRequest, session_id: Int64) -> Any:
    """Open → closed: unfinished attempts are scored; candidates see their results."""
    session = _session(request, session_id)
    return sessions.session_close(actor=signed_in_user(request), session=session)


@router.get("/sessions/{session_id}/registrations", response=list[RegistrationOut])
@paginated
def registration_list(request: HttpRequest, session_id: Int64) -> Any:
    return reads.registrations_of_session(_session(request, session_id))


@router.post("/sessions/{session_id}/registrations", response={201: RegistrationOut})
def registration_create(request: HttpRequest, session_id: Int64, payload: RegistrationIn) -> Any:
    """Register a learner as a candidate (once per session)."""
    session = _session(request, session_id)
    person = User.objects.filter(pk=payload.person).first()
    if person is None:
        raise NotFoundError(_("No such person."))
    registration = sessions.registration_create(
        actor=signed_in_user(request), session=session, person=person
    )
    return Status(201, registration)


@router.get("/sessions/{session_id}/results", response=list[SessionResultOut])
def session_results(request: HttpRequest, session_id: Int64) -> Any:
    """Every candidate's theory score (with the adaptive sequence, θ and SE), practical score
    and decision; once the session is closed."""
    session = _session(request, session_id)
    if not reads.results_released(session):
        raise ApplicationError(_("Results are shown once the session is closed."),
                               code="not_closed")  # fmt: skip
    return [_result(each, score) for each, score in reads.results_of_session(session)]


def _result(registration: Registration, practical_score: float | None) -> dict[str, Any]:
    attempt = getattr(registration, "attempt", None)
    decision = getattr(registration, "decision", None)
    rows = attempt.administered.all() if attempt else []
    return {
        "registration": registration.pk, "person": registration.person_id,
        "person_name": str(registration.person),
        "started_at": attempt.started_at if attempt else None,
        "submitted_at": attempt.submitted_at if attempt else None,
        "theory_score": attempt.score if attempt else None,
        "theory_passed": attempt.passed if attempt else None,
        "theta": attempt.theta if attempt else None, "se": attempt.se if attempt else None,
        "stop_reason": attempt.stop_reason if attempt else "", "items": list(rows),
        "practical_score": practical_score,
        "decision_passed": decision.passed if decision else None,
    }  # fmt: skip


# The candidate's attempt: the caller is the candidate.


def _state(request: HttpRequest, session_id: int) -> dict[str, Any]:
    registration = sessions.candidate_registration(
        person=signed_in_user(request), session_id=session_id
    )
    attempt = getattr(registration, "attempt", None)
    if attempt is None:
        raise ApplicationError(_("Start the test first."), code="not_started")
    sessions.freeze_if_due(attempt)
    return reads.attempt_state(registration)


@router.get("/sessions/{session_id}/attempt", response=AttemptOut)
def attempt_detail(request: HttpRequest, session_id: Int64) -> Any:
    """Your attempt: items, saved answers, the server's remaining seconds; your score once
    the session is closed."""
    return _state(request, session_id)


@router.post("/sessions/{session_id}/attempt", response={201: AttemptOut})
def attempt_start(request: HttpRequest, session_id: Int64) -> Any:
    """Start your one attempt (a second start is refused)."""
    sessions.attempt_start(person=signed_in_user(request), session_id=session_id)
    return Status(201, _state(request, session_id))


@router.put("/sessions/{session_id}/attempt/answers/{item_id}", response=AnswerSavedOut)
def attempt_answer(
    request: HttpRequest, session_id: Int64, item_id: Int64, payload: AnswerIn
) -> Any:
    """Autosave one answer of a fixed form ('' clears it); refused after the deadline."""
    attempt = sessions.attempt_answer_save(
        person=signed_in_user(request), session_id=session_id, item_id=item_id,
        answer=payload.answer,
    )  # fmt: skip
    return {"item": item_id, "answer": attempt.answers.get(str(item_id), ""),
            "answered": len(attempt.answers),
            "remaining_seconds": sessions.remaining_seconds(attempt)}  # fmt: skip


@router.post("/sessions/{session_id}/attempt/next", response=AttemptOut)
def attempt_cat_answer(request: HttpRequest, session_id: Int64, payload: CatAnswerIn) -> Any:
    """Adaptive: answer the item shown and get the next one (or the end of the test)."""
    sessions.attempt_cat_answer(
        person=signed_in_user(request), session_id=session_id, item_id=payload.item,
        answer=payload.answer,
    )  # fmt: skip
    return _state(request, session_id)


@router.post("/sessions/{session_id}/attempt/submit", response=AttemptOut)
def attempt_submit(request: HttpRequest, session_id: Int64) -> Any:
    """Hand in: answers are frozen."""
    sessions.attempt_submit(person=signed_in_user(request), session_id=session_id)
    return _state(request, session_id)


# Practical part


@router.put("/sessions/{session_id}/practical-task", response=PracticalTaskOut)
def practical_task_set(request: HttpRequest, session_id: Int64, payload: PracticalTaskIn) -> Any:
    """Make a training project of the standard (P1, P2, …) the session's practical task."""
    session = _session(request, session_id)
    return practical.practical_task_set(
        actor=signed_in_user(request), session=session, project_key=payload.project
    )


@router.get("/sessions/{session_id}/practical-task", response=PracticalTaskOut)
def practical_task_detail(request: HttpRequest, session_id: Int64) -> Any:
    return practical.task_of(_session(request, session_id))


@router.get("/registrations/{registration_id}/practical-scores", response=PracticalStatusOut)
def practical_scores(request: HttpRequest, registration_id: Int64) -> Any:
    """The candidate's practical scoring; others' scores only after you have given yours."""
    user = signed_in_user(request)
    registration = reads.registration_for_assessor(user=user, registration_id=registration_id)
    status = reads.practical_status(user=user, registration=registration)
    return {"count": status.count, "scored_by_you": status.scored_by_user,
            "needs_third": status.needs_third, "final": status.final,
            "scores": status.scores}  # fmt: skip


@router.post("/registrations/{registration_id}/practical-scores",
             response={201: PracticalScoreOut})  # fmt: skip
def practical_score_submit(
    request: HttpRequest, registration_id: Int64, payload: PracticalScoreIn
) -> Any:
    """Your independent scores of each rubric criterion."""
    user = signed_in_user(request)
    registration = reads.registration_for_assessor(user=user, registration_id=registration_id)
    score = practical.practical_score_submit(
        actor=user, registration=registration, criteria=payload.criteria, comment=payload.comment
    )
    return Status(201, score)


@router.get("/practical/third-queue", response=list[RegistrationOut])
def third_assessor_queue(request: HttpRequest) -> Any:
    """Candidates whose two assessors disagree, waiting for your third score."""
    return reads.third_assessor_queue(user=signed_in_user(request))


# Level decisions


@router.get("/sessions/{session_id}/decisions", response=list[DecisionOut])
def decision_list(request: HttpRequest, session_id: Int64) -> Any:
    return reads.decisions_of_session(_session(request, session_id))


@router.post("/sessions/{session_id}/decisions", response=list[DecisionOut])
def decisions_make(request: HttpRequest, session_id: Int64) -> Any:
    """Decide every candidate whose scores are complete (the session must be closed)."""
    session = _session(request, session_id)
    return outcomes.decisions_make(actor=signed_in_user(request), session=session)


@router.post("/registrations/{registration_id}/decision", response={201: DecisionOut})
def decision_make(request: HttpRequest, registration_id: Int64) -> Any:
    user = signed_in_user(request)
    registration = reads.registration_for_assessor(user=user, registration_id=registration_id)
    return Status(201, outcomes.decision_make(actor=user, registration=registration))


@router.get("/decisions/review-queue", response=list[DecisionOut])
def decision_review_queue(request: HttpRequest) -> Any:
    """Level 7–8 decisions waiting for a bureau officer."""
    user = signed_in_user(request)
    if not is_city_officer(user):
        raise PermissionDeniedError(_("Bureau officers review level 7 and 8 decisions."))
    return reads.review_queue(user=user)


@router.post("/decisions/{decision_id}/review", response=DecisionOut)
def decision_review(request: HttpRequest, decision_id: Int64, payload: ReviewDecisionIn) -> Any:
    """Approve (final) or return (decided again) a level 7–8 decision."""
    user = signed_in_user(request)
    if not is_city_officer(user):
        raise PermissionDeniedError(_("Bureau officers review level 7 and 8 decisions."))
    decision = reads.decision_for_review(user=user, decision_id=decision_id)
    return outcomes.decision_review(
        actor=user, decision=decision, approve=payload.approve, comment=payload.comment
    )
