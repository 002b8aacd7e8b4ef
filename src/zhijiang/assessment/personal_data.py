"""The data download's section of the person's assessments: registrations, their attempts and
answers, evidence handed in, practical marks and level decisions, as the candidate may see them.

Scores (theory, practical marks, ability estimates) appear once the session is closed, as on
"My assessments"; a level decision once it is final. Assessors' names and the items' keys stay
out: they are not about the candidate, and keys must stay secret for later sittings.
"""

from __future__ import annotations

from typing import Any

from zhijiang.accounts.models import User
from zhijiang.accounts.personal_data import iso, party, register_section
from zhijiang.assessment.models import Attempt, LevelDecision, PracticalScore, Registration
from zhijiang.assessment.practical import final_practical_score
from zhijiang.assessment.session_selectors import results_released


def _attempt(attempt: Attempt | None, released: bool) -> dict[str, Any] | None:
    if attempt is None:
        return None
    return {
        "started": iso(attempt.started_at),
        "deadline": iso(attempt.deadline),
        "submitted": iso(attempt.submitted_at),
        "stop_reason": attempt.stop_reason,
        "answers": dict(attempt.answers),
        "adaptive_answers": [
            {
                "position": a.position,
                "item": a.item_id,
                "answer": a.answer,
                "answered": iso(a.answered_at),
            }
            for a in attempt.administered.order_by("position")
        ],
        "score": attempt.score if released else None,
        "passed": attempt.passed if released else None,
        "ability": attempt.theta if released else None,
        "ability_se": attempt.se if released else None,
    }


def _practical(scores: list[PracticalScore], released: bool) -> dict[str, Any]:
    if not released:
        return {"marks": [], "final": None}
    return {
        "marks": [
            {
                "total": s.total,
                "criteria": s.criteria,
                "comment": s.comment,
                "scored": iso(s.created_at),
            }
            for s in scores
        ],
        "final": final_practical_score([s.total for s in scores]),
    }


def _decision(decision: LevelDecision | None) -> dict[str, Any] | None:
    if decision is None:
        return None
    if not decision.is_final:
        return {"final": False, "review": decision.review}
    return {
        "final": True,
        "review": decision.review,
        "level": decision.level,
        "theory_score": decision.theory_score,
        "practical_score": decision.practical_score,
        "passed": decision.passed,
        "decided": iso(decision.decided_at),
        "final_at": iso(decision.final_at),
        "certificate": str(decision.certificate.uuid) if decision.certificate else None,
    }


def assessments(user: User) -> list[dict[str, Any]]:
    rows = (
        Registration.objects.filter(person=user)
        .select_related("session", "session__body", "attempt", "decision__certificate")
        .prefetch_related("evidence", "practical_scores")
        .order_by("created_at", "id")
    )
    result = []
    for registration in rows:
        session = registration.session
        released = results_released(session)
        scores = sorted(registration.practical_scores.all(), key=lambda s: (s.created_at, s.pk))
        result.append(
            {
                "session": session.title,
                "body": session.body.name,
                "level": session.level,
                "mode": session.mode,
                "starts": iso(session.starts_at),
                "status": session.status,
                "registered": iso(registration.created_at),
                "results_released": released,
                "attempt": _attempt(getattr(registration, "attempt", None), released),
                "evidence": [
                    {
                        "name": e.name,
                        "size": e.size,
                        "uploaded": iso(e.uploaded_at),
                        "by": party(e.uploaded_by_id, user),
                    }
                    for e in registration.evidence.all()
                ],
                "practical": _practical(scores, released),
                "decision": _decision(getattr(registration, "decision", None)),
            }
        )
    return result


def register() -> None:
    register_section(
        "assessments",
        app="assessment",
        collect=assessments,
        covers={"assessment.Registration.person"},
    )
