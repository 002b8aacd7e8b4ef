"""Reads for exam sessions, registrations, practical scores and level decisions, each scoped to
what the user may see: a body's assessors see its sessions, bureau officers see all, a
candidate sees their own registrations (and their results once the session is closed)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import Role, User
from zhijiang.accounts.selectors import is_city_officer
from zhijiang.assessment.models import (
    Attempt,
    Evidence,
    ExamFormItem,
    ExamSession,
    Item,
    LevelDecision,
    PracticalScore,
    Registration,
)
from zhijiang.assessment.practical import (
    can_see_scores,
    final_practical_score,
    needs_third,
)
from zhijiang.assessment.selectors import assessment_body_ids
from zhijiang.assessment.sessions import is_frozen, remaining_seconds
from zhijiang.common.errors import NotFoundError

MAX_LEARNER_MATCHES = 20


def sessions_for(*, user: Any) -> QuerySet[ExamSession]:
    sessions = ExamSession.objects.select_related(
        "body", "bank__standard__occupation", "form"
    ).annotate(candidate_count=Count("registrations", distinct=True))
    if is_city_officer(user):
        return sessions
    return sessions.filter(body_id__in=assessment_body_ids(user))


def session_for(*, user: Any, session_id: int) -> ExamSession:
    session = sessions_for(user=user).filter(pk=session_id).first()
    if session is None:
        raise NotFoundError(_("No such exam session, or you may not see it."))
    return session


def can_run(user: Any, session: ExamSession) -> bool:
    """Whether the user is an assessor of the body that runs the session."""
    return session.body_id in assessment_body_ids(user)


def registrations_of_session(session: ExamSession) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(session=session)
        .select_related("person", "attempt", "decision")
        .annotate(score_count=Count("practical_scores", distinct=True))
        .order_by("person__full_name", "person__username", "id")
    )


def results_of_session(session: ExamSession) -> list[tuple[Registration, float | None]]:
    """Each candidate with their practical score (None while open); the scores and the items
    of the attempts are read once for the whole session, not once per candidate."""
    registrations = registrations_of_session(session).prefetch_related(
        "practical_scores", "attempt__administered"
    )
    return [
        (each, final_practical_score([score.total for score in each.practical_scores.all()]))
        for each in registrations
    ]


def registration_for_assessor(*, user: Any, registration_id: int) -> Registration:
    """A registration of a session the user's body runs (or any, for bureau officers)."""
    registrations = Registration.objects.select_related(
        "session__bank__standard__occupation", "person"
    )
    if not is_city_officer(user):
        registrations = registrations.filter(session__body_id__in=assessment_body_ids(user))
    registration = registrations.filter(pk=registration_id).first()
    if registration is None:
        raise NotFoundError(_("No such candidate, or you may not see them."))
    return registration


def registrations_of_person(*, user: Any) -> QuerySet[Registration]:
    """The user's own registrations: "my assessments"."""
    return (
        Registration.objects.filter(person_id=getattr(user, "pk", None))
        .select_related(
            "session__body",
            "session__bank__standard__occupation",
            "attempt",
            "decision__certificate",
        )
        .order_by("-session__starts_at", "-id")
    )


def registration_of_person(*, user: Any, session_id: int) -> Registration:
    registration = registrations_of_person(user=user).filter(session_id=session_id).first()
    if registration is None:
        raise NotFoundError(_("You are not registered for this session."))
    return registration


def results_released(session: ExamSession) -> bool:
    """Candidates see their results only once the session is closed."""
    return session.status == ExamSession.Status.CLOSED


def learners_matching(*, q: str) -> QuerySet[User]:
    """Learners whose name or username contains ``q`` (for registering candidates)."""
    words = q.strip()
    if len(words) < 1:
        return User.objects.none()
    return (
        User.objects.filter(memberships__role=Role.LEARNER, is_active=True)
        .filter(Q(full_name__icontains=words) | Q(username__icontains=words))
        .distinct()
        .order_by("full_name", "username")[:MAX_LEARNER_MATCHES]
    )


def attempt_items(attempt: Attempt) -> list[Item]:
    """The items of a fixed-form attempt in paper order."""
    form_id = attempt.registration.session.form_id
    entries = ExamFormItem.objects.filter(form_id=form_id).select_related("item")
    return [entry.item for entry in entries.order_by("position")]


@dataclass(frozen=True)
class PracticalStatus:
    """Where a candidate's practical scoring stands, as one assessor may see it."""

    scores: list[PracticalScore]  # empty until the user has scored (unless an officer)
    count: int
    scored_by_user: bool
    needs_third: bool
    final: float | None


def practical_status(*, user: Any, registration: Registration) -> PracticalStatus:
    scores = list(
        PracticalScore.objects.filter(registration=registration)
        .select_related("assessor")
        .order_by("created_at", "id")
    )
    totals = [score.total for score in scores]
    return PracticalStatus(
        scores=scores if can_see_scores(user, registration) else [],
        count=len(scores),
        scored_by_user=any(score.assessor_id == getattr(user, "pk", None) for score in scores),
        needs_third=needs_third(totals),
        final=final_practical_score(totals),
    )


def evidence_of(registration: Registration) -> QuerySet[Evidence]:
    return Evidence.objects.filter(registration=registration).select_related("uploaded_by")


def evidence_for(*, user: Any, evidence_id: int) -> Evidence:
    """A file: for the candidate, the session body's assessors and bureau officers."""
    evidence = Evidence.objects.select_related("registration__session").filter(pk=evidence_id)
    found = evidence.first()
    if found is None or not (
        found.registration.person_id == getattr(user, "pk", None)
        or can_run(user, found.registration.session)
        or is_city_officer(user)
    ):
        raise NotFoundError(_("No such file, or you may not see it."))
    return found


def third_assessor_queue(*, user: Any) -> list[Registration]:
    """Candidates of the user's bodies whose two assessors disagree and who wait for a third
    score, which the user has not given."""
    waiting = (
        Registration.objects.filter(session__body_id__in=assessment_body_ids(user))
        .annotate(score_count=Count("practical_scores"))
        .filter(score_count=2, decision__isnull=True)
        .exclude(practical_scores__assessor=user)
        .exclude(person=user)
        .select_related("session", "person")
        .order_by("session__starts_at", "id")
    )
    queue: list[Registration] = []
    for registration in waiting[:500]:
        totals = list(
            registration.practical_scores.order_by("created_at", "id").values_list(
                "total", flat=True
            )
        )
        if needs_third(totals):
            queue.append(registration)
    return queue


def decisions_of_session(session: ExamSession) -> QuerySet[LevelDecision]:
    return LevelDecision.objects.filter(registration__session=session).select_related(
        "registration__person", "reviewed_by"
    )


def review_queue(*, user: Any) -> QuerySet[LevelDecision]:
    """Level 7–8 decisions waiting for a bureau officer (empty for everybody else)."""
    if not is_city_officer(user):
        return LevelDecision.objects.none()
    return (
        LevelDecision.objects.filter(review=LevelDecision.Review.PENDING)
        .select_related("registration__person", "registration__session__body", "decided_by")
        .order_by("decided_at", "id")
    )


def decision_for_review(*, user: Any, decision_id: int) -> LevelDecision:
    decision = review_queue(user=user).filter(pk=decision_id).first()
    if decision is None:
        raise NotFoundError(_("No such decision waiting for review."))
    return decision


def shown(item: Item) -> dict[str, Any]:
    """An item as the candidate sees it: no key, no explanation."""
    return {"id": item.pk, "kind": item.kind, "stem": item.stem, "options": list(item.options),
            "lettered": item.lettered_options}  # fmt: skip


def attempt_state(registration: Registration) -> dict[str, Any]:
    """The candidate's view of their attempt (call ``sessions.freeze_if_due`` first); the
    score only once the session is closed."""
    attempt = Attempt.objects.select_related("current_item").get(registration=registration)
    session = registration.session
    fixed = session.mode == ExamSession.Mode.FIXED
    frozen = is_frozen(attempt)
    released = results_released(session)
    current = attempt.current_item if not frozen and attempt.current_item else None
    return {
        "session": session.pk, "mode": session.mode, "started_at": attempt.started_at,
        "deadline": attempt.deadline, "remaining_seconds": remaining_seconds(attempt),
        "submitted_at": attempt.submitted_at, "frozen": frozen,
        "answers": dict(attempt.answers),
        "items": [shown(item) for item in attempt_items(attempt)] if fixed else [],
        "current_item": shown(current) if current is not None else None,
        "answered": len(attempt.answers), "stop_reason": attempt.stop_reason,
        "results_released": released,
        "score": attempt.score if released else None,
        "passed": attempt.passed if released else None,
    }  # fmt: skip


def registration_counts_of(*, user: Any) -> dict[str, int]:
    """The person's own exam registrations: how many in all, how many in sessions not yet
    closed (an exam to come or to take now), and how many ended in a final pass."""
    counts: dict[str, int] = Registration.objects.filter(
        person_id=getattr(user, "pk", None)
    ).aggregate(
        total=Count("pk"),
        upcoming=Count("pk", filter=~Q(session__status=ExamSession.Status.CLOSED)),
        passed=Count("pk", filter=Q(decision__passed=True, decision__final_at__isnull=False)),
    )
    return counts
