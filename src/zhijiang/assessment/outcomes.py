"""Level decisions (职业技能等级认定, for professionals 职业技术技能等级认定): a candidate reaches
the session's level when the theory and the practical part each score at least 60 of 100.
Decisions on the worker levels 7 (特级技师) and 8 (首席技师) become final only after a bureau
officer's review (the professional ladder ends at 4, 高级). ``certificate_for_decision`` is
the single place where a final decision leads to a certificate."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import User
from zhijiang.accounts.selectors import is_city_officer
from zhijiang.assessment.models import Attempt, ExamSession, LevelDecision, Registration
from zhijiang.assessment.practical import practical_result, totals_of
from zhijiang.assessment.sessions import PASS_MARK, require_session_assessor
from zhijiang.common.audit import AuditAction, audit_record
from zhijiang.common.errors import ApplicationError, PermissionDeniedError
from zhijiang.credentials.models import Certificate
from zhijiang.credentials.services import certificate_issue
from zhijiang_engine.standards.levels import ladder_name, ladder_of

REVIEW_LEVELS = frozenset({7, 8})
Review = LevelDecision.Review


def level_passed(theory: float, practical: float) -> bool:
    """The national rule: both parts pass at 60 of 100."""
    return theory >= PASS_MARK and practical >= PASS_MARK


def theory_result(registration: Registration) -> float:
    """The theory score; a candidate who never started scores 0."""
    # The reverse one-to-one: no query when the caller selected it (the decisions page does).
    attempt: Attempt | None = getattr(registration, "attempt", None)
    return attempt.score if attempt is not None and attempt.score is not None else 0.0


@transaction.atomic
def decision_make(*, actor: User, registration: Registration) -> LevelDecision:
    """Decide the candidate's level once the session is closed and the practical score is
    final. A decision the bureau returned is decided again; any other stands."""
    session = registration.session
    require_session_assessor(actor, session)
    if session.status != ExamSession.Status.CLOSED:
        raise ApplicationError(_("Close the session before deciding levels."), code="not_closed")
    practical = practical_result(registration)
    if practical is None:
        raise ApplicationError(
            _("The practical score is not final yet (two assessors, or a third)."),
            code="practical_pending",
        )
    existing = LevelDecision.objects.select_for_update().filter(registration=registration).first()
    if existing is not None and existing.review != Review.RETURNED:
        raise ApplicationError(_("This candidate's level is decided."), code="decided")
    theory = theory_result(registration)
    needs_review = session.level in REVIEW_LEVELS
    values = {
        "theory_score": theory, "practical_score": practical,
        "passed": level_passed(theory, practical), "level": session.level,
        "specialism": session.specialism,
        "decided_by": actor, "decided_at": timezone.now(), "needs_review": needs_review,
        "review": Review.PENDING if needs_review else Review.NOT_NEEDED,
        "reviewed_by": None, "reviewed_at": None, "final_at": None,
    }  # fmt: skip
    decision, _created = LevelDecision.objects.update_or_create(
        registration=registration, defaults=values
    )
    audit_record(actor=actor, action=AuditAction.LEVEL_DECISION_MAKE, target=decision,
                 changes={"theory": theory, "practical": practical,
                          "passed": decision.passed})  # fmt: skip
    if not needs_review:
        certificate_for_decision(decision)
    return decision


def decisions_make(*, actor: User, session: ExamSession) -> list[LevelDecision]:
    """Decide every candidate of the session whose scores are complete and who has no
    standing decision; the others are left for later."""
    require_session_assessor(actor, session)
    made = []
    pending = Registration.objects.filter(session=session).exclude(
        decision__review__in=[Review.NOT_NEEDED, Review.PENDING, Review.APPROVED]
    )
    for registration in pending.select_related("session"):
        if practical_result(registration) is not None:
            made.append(decision_make(actor=actor, registration=registration))
    return made


@transaction.atomic
def decision_review(
    *, actor: User, decision: LevelDecision, approve: bool, comment: str = ""
) -> LevelDecision:
    """A bureau officer approves a level 7–8 decision (it becomes final) or returns it to the
    assessment body with a comment (it is decided again)."""
    if not is_city_officer(actor):
        raise PermissionDeniedError(_("Bureau officers review level 7 and 8 decisions."))
    locked = LevelDecision.objects.select_for_update().get(pk=decision.pk)
    if locked.review != Review.PENDING:
        raise ApplicationError(_("This decision is not waiting for review."), code="not_pending")
    comment = comment.strip()[:2000]
    if not approve and not comment:
        message = _("Say why the decision is returned.")
        raise ApplicationError(message, code="required", fields={"comment": message})
    locked.review = Review.APPROVED if approve else Review.RETURNED
    locked.reviewed_by, locked.reviewed_at, locked.review_comment = actor, timezone.now(), comment
    locked.save()
    changes = {"review": [Review.PENDING, locked.review], "comment": comment}
    audit_record(
        actor=actor, action=AuditAction.LEVEL_DECISION_REVIEW, target=locked, changes=changes
    )
    if approve:
        certificate_for_decision(locked)
    return locked


def _evidence(decision: LevelDecision) -> str:
    session = decision.registration.session
    mode = "计算机自适应测试" if session.mode == ExamSession.Mode.ADAPTIVE else "理论知识考试"
    ladder = ladder_name(ladder_of(session.bank.standard.occupation.code))
    direction = f"（{decision.specialism}方向）" if decision.specialism else ""
    return (
        f"{session.body.name}{ladder}认定{direction}：{mode} {decision.theory_score:.0f} 分，"
        f"操作技能考核 {decision.practical_score:.0f} 分"
        f"（{len(totals_of(decision.registration))} 名考评员独立评分），"
        f"{session.closed_at or session.starts_at:%Y-%m-%d}。"
    )


def certificate_for_decision(decision: LevelDecision) -> Certificate | None:
    """Make the decision final and, when the candidate passed, issue the level certificate in
    the assessment body's name, signed with its key. The single place where a level decision
    becomes a certificate; returns it (None for a fail)."""
    if decision.final_at is None:
        decision.final_at = timezone.now()
        decision.save(update_fields=["final_at"])
        audit_record(actor=None, action=AuditAction.LEVEL_DECISION_FINAL, target=decision,
                     changes={"passed": decision.passed, "level": decision.level})  # fmt: skip
    if not decision.passed or decision.certificate_id is not None:
        return decision.certificate
    registration = decision.registration
    session = registration.session
    decision.certificate = certificate_issue(
        actor=decision.decided_by,  # an assessor of the body: the body signs
        issuer=session.body,
        person=registration.person,
        occupation=session.bank.standard.occupation,
        level=decision.level,
        evidence=_evidence(decision),
        standard=session.bank.standard,
        specialism=decision.specialism,
    )
    decision.save(update_fields=["certificate"])
    return decision.certificate
