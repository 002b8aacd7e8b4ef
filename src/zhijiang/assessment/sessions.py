"""Writes for exam sessions: schedule, open and close a session, register candidates, and the
candidate's one attempt (start, autosave, submit), with adaptive items chosen by the CAT.

Each write is one transaction; the assessors' writes are audited. Scoring rules and the CAT
settings are described in docs/assessment.md ("Exam sessions").
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import numpy as np
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import Membership, Role, User
from zhijiang.assessment import item_statistics, selectors
from zhijiang.assessment.exams import blueprint_of
from zhijiang.assessment.item_use import locked_form_items, require_administrable
from zhijiang.assessment.itemfiles import normalised
from zhijiang.assessment.models import (
    AdministeredItem,
    Attempt,
    ExamForm,
    ExamFormItem,
    ExamSession,
    Item,
    ItemBank,
    ItemKind,
    Registration,
)
from zhijiang.assessment.services import require_writer
from zhijiang.common.audit import AuditAction, audit_record
from zhijiang.common.errors import (
    ApplicationError,
    NotFoundError,
    PermissionDeniedError,
    field_error,
)
from zhijiang.common.notifications import notify
from zhijiang.credentials.levels import level_with_specialism
from zhijiang_engine.assessment import LETTERS, part_of_requirement
from zhijiang_engine.irt import CatRules, ItemParameters, next_item
from zhijiang_engine.irt import ItemBank as CatBank

PASS_MARK = 60.0  # of 100, for the theory and the practical part alike
SCORE_CENTRE, SCORE_SPREAD = 50.0, 15.0  # adaptive reported score = clip(50 + 15·θ, 0, 100)
SE_TARGET = 0.3
MAX_EXPOSURE = 0.25
MAX_DURATION_MINUTES = 30 * 24 * 60  # a window of up to 30 days (an online sitting period)
MAX_TIME_LIMIT_MINUTES = 600
MAX_CAT_ITEMS = 200
SCHEDULING_WINDOW = timedelta(days=5 * 365)  # a session starts within five years of today

SessionStatus = ExamSession.Status


def reported_score(theta: float) -> float:
    """An adaptive test's 0–100 score: 50 + 15·θ, clipped to 0–100, one decimal. θ = 0 (the
    calibration sample's average) gives 50; the pass mark 60 is θ ≈ 0.67."""
    return round(min(100.0, max(0.0, SCORE_CENTRE + SCORE_SPREAD * theta)), 1)


def require_session_assessor(actor: User, session: ExamSession) -> None:
    if session.body_id not in selectors.assessment_body_ids(actor):
        raise PermissionDeniedError(_("Only assessors of the session's assessment body do this."))


# Sessions


@dataclass(frozen=True)
class SessionInput:
    """A session as an assessor schedules it; ``form`` only for the fixed mode.
    ``specialism``: the 专业方向 at a level split into them (a fixed session takes its form's)."""

    level: int
    mode: str
    starts_at: datetime
    duration_minutes: int
    form: ExamForm | None = None
    time_limit_minutes: int | None = None
    max_items: int = 30
    title: str = ""
    specialism: str = ""


def _session_specialism(data: SessionInput) -> str:
    """The session's specialism: the one given, or else a fixed session's form's."""
    fixed_form = data.form if data.mode == ExamSession.Mode.FIXED else None
    return data.specialism or (fixed_form.specialism if fixed_form is not None else "")


def _check_session(bank: ItemBank, data: SessionInput) -> None:
    # refuses a level the standard lacks, and a specialism that level lacks
    blueprint_of(bank.standard, rank=data.level, specialism=data.specialism)
    if data.mode not in ExamSession.Mode.values:
        raise field_error("mode", _("Choose a fixed form or an adaptive test."))
    if data.mode == ExamSession.Mode.FIXED and (
        data.form is None or data.form.bank_id != bank.pk or data.form.level != data.level
    ):
        raise field_error("form", _("A fixed session uses an exam form of this bank and level."))
    fixed_form = data.form if data.mode == ExamSession.Mode.FIXED else None
    if fixed_form is not None and fixed_form.specialism != data.specialism:
        raise field_error("form", _("A fixed session uses an exam form of its specialism."))
    if data.mode == ExamSession.Mode.FIXED and data.form is not None:
        require_administrable(Item.objects.filter(forms=data.form).order_by("pk"))
    if not 1 <= data.duration_minutes <= MAX_DURATION_MINUTES:
        raise field_error("duration_minutes", _("A session is open for 1 minute to 30 days."))
    limit = data.time_limit_minutes
    if limit is not None and not 1 <= limit <= min(MAX_TIME_LIMIT_MINUTES, data.duration_minutes):
        raise field_error(
            "time_limit_minutes",
            _("Each candidate's time runs from 1 to 600 minutes and fits in the session."),
        )
    if not 1 <= data.max_items <= MAX_CAT_ITEMS:
        raise field_error("max_items", _("An adaptive test has 1 to 200 items."))
    if timezone.is_naive(data.starts_at):
        raise field_error("starts_at", _("Give the start time with its time zone."))
    # A start years away is a typing error, and one near year 9999 has no representable end.
    if abs(data.starts_at - timezone.now()) > SCHEDULING_WINDOW:
        raise field_error("starts_at", _("A session starts within five years of today."))


@transaction.atomic
def session_create(*, actor: User, bank: ItemBank, data: SessionInput) -> ExamSession:
    """Schedule a session of the bank's level, run by the bank's assessment body."""
    require_writer(actor, bank)
    data = replace(data, specialism=_session_specialism(data))
    _check_session(bank, data)
    fixed = data.mode == ExamSession.Mode.FIXED
    code = bank.standard.occupation.code
    session = ExamSession.objects.create(
        body_id=bank.owner_id, bank=bank, level=data.level, specialism=data.specialism,
        mode=data.mode,
        form=data.form if fixed else None, starts_at=data.starts_at,
        duration_minutes=data.duration_minutes, time_limit_minutes=data.time_limit_minutes,
        max_items=data.max_items, created_by=actor,
        title=data.title.strip()[:120]
        or f"{bank.name} · {level_with_specialism(data.level, code, data.specialism)}",
    )  # fmt: skip
    audit_record(actor=actor, action=AuditAction.EXAM_SESSION_CREATE, target=session,
                 changes={"mode": data.mode, "level": data.level,
                          "specialism": data.specialism})  # fmt: skip
    return session


@transaction.atomic
def session_open(*, actor: User, session: ExamSession) -> ExamSession:
    """Scheduled → open: registered candidates may start until the session's end. A fixed
    form opens only while all its items are reviewed or calibrated (they stay so while open)."""
    require_session_assessor(actor, session)
    if session.status != SessionStatus.SCHEDULED:
        raise ApplicationError(_("Only a scheduled session is opened."), code="not_scheduled")
    if timezone.now() >= session.ends_at:
        raise ApplicationError(
            _("The session's time is over; schedule a new session."), code="session_over"
        )
    if session.mode == ExamSession.Mode.ADAPTIVE and not cat_pool(session).ids:
        raise ApplicationError(
            _("The bank has no calibrated choice or true/false items for this level."),
            code="no_calibrated_items",
        )
    if session.form is not None:
        require_administrable(locked_form_items(session.form))
    session.status, session.opened_at = SessionStatus.OPEN, timezone.now()
    session.save(update_fields=["status", "opened_at"])
    audit_record(actor=actor, action=AuditAction.EXAM_SESSION_OPEN, target=session)
    return session


@transaction.atomic
def session_close(*, actor: User, session: ExamSession) -> ExamSession:
    """Open → closed: unfinished attempts are scored with the answers saved so far, and the
    candidates may see their results; the bank's item statistics are recomputed afterwards."""
    require_session_assessor(actor, session)
    if session.status != SessionStatus.OPEN:
        raise ApplicationError(_("Only an open session is closed."), code="not_open")
    now = timezone.now()
    for attempt in Attempt.objects.filter(registration__session=session, submitted_at=None):
        _finish(attempt, at=min(now, attempt.deadline), reason="closed")
    session.status, session.closed_at = SessionStatus.CLOSED, now
    session.save(update_fields=["status", "closed_at"])
    audit_record(actor=actor, action=AuditAction.EXAM_SESSION_CLOSE, target=session)
    item_statistics.refresh_after_commit(bank_id=session.bank_id)
    people = list(
        Registration.objects.filter(session=session, attempt__isnull=False).values_list(
            "person_id", flat=True
        )
    )
    for person_id in people:
        notify(user=User(pk=person_id), kind="assessment.results",
               params={"session": session.title}, link="/assessment/mine/")  # fmt: skip
    return session


@transaction.atomic
def registration_create(*, actor: User, session: ExamSession, person: User) -> Registration:
    """Enter a learner for the session (once)."""
    require_session_assessor(actor, session)
    if session.status == SessionStatus.CLOSED:
        raise ApplicationError(_("The session is closed."), code="closed")
    if timezone.now() >= session.ends_at:
        raise ApplicationError(
            _("The session's time is over; register the person for a later session."),
            code="session_over",
        )
    if not Membership.objects.filter(user=person, role=Role.LEARNER).exists():
        raise field_error("person", _("Only learners are registered as candidates."))
    if Registration.objects.filter(session=session, person=person).exists():
        raise field_error("person", _("This person is already registered."), "registered")
    registration = Registration.objects.create(session=session, person=person, registered_by=actor)
    audit_record(actor=actor, action=AuditAction.EXAM_SESSION_REGISTER, target=registration,
                 changes={"person": person.get_username()})  # fmt: skip
    notify(user=person, kind="assessment.registered",
           params={"session": session.title,
                   "starts_at": timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M")},
           link="/assessment/mine/")  # fmt: skip
    return registration


# The candidate's attempt


def candidate_registration(*, person: User, session_id: int) -> Registration:
    """The person's registration for the session: the access check of every attempt write."""
    registration = (
        Registration.objects.select_related("session", "session__bank", "session__form")
        .filter(session_id=session_id, person=person)
        .first()
    )
    if registration is None:
        raise NotFoundError(_("You are not registered for this session."))
    return registration


def _attempt_of(registration: Registration) -> Attempt:
    attempt = Attempt.objects.filter(registration=registration).first()
    if attempt is None:
        raise ApplicationError(_("Start the test first."), code="not_started")
    return attempt


def is_frozen(attempt: Attempt, now: datetime | None = None) -> bool:
    return attempt.submitted_at is not None or (now or timezone.now()) >= attempt.deadline


def attempt_start(*, person: User, session_id: int) -> Attempt:
    """Start the person's one attempt; a second start is refused."""
    registration = candidate_registration(person=person, session_id=session_id)
    session = registration.session
    if Attempt.objects.filter(registration=registration).exists():
        raise ApplicationError(_("You have already taken this test."), code="one_attempt")
    now = timezone.now()
    if session.status != SessionStatus.OPEN:
        raise ApplicationError(_("The session is not open."), code="not_open")
    if now >= session.ends_at:
        raise ApplicationError(_("The session's time is over."), code="session_over")
    deadline = min(now + timedelta(minutes=session.attempt_minutes), session.ends_at)
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                registration=registration, started_at=now, deadline=deadline
            )
            if session.mode == ExamSession.Mode.ADAPTIVE:
                _cat_step(attempt, session)
    except IntegrityError:  # the same start sent twice at once
        raise ApplicationError(_("You have already taken this test."), code="one_attempt") from None
    return attempt


def freeze_if_due(attempt: Attempt) -> Attempt:
    """Score an attempt whose deadline has passed (no request may have come at that moment)."""
    if attempt.submitted_at is None and timezone.now() >= attempt.deadline:
        with transaction.atomic():
            locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
            if locked.submitted_at is None:
                _finish(locked, at=locked.deadline, reason="time_up")
            return locked
    return attempt


def _writable_attempt(person: User, session_id: int) -> Registration:
    """The person's registration when their answers may still change. A late attempt is
    scored here, in its own transaction, so that the refusal that follows does not undo it;
    call this before the write's transaction and lock the attempt with ``_locked``."""
    registration = candidate_registration(person=person, session_id=session_id)
    if is_frozen(freeze_if_due(_attempt_of(registration))):
        raise _frozen()
    return registration


def _frozen() -> ApplicationError:
    return ApplicationError(
        _("Time is up or the test was handed in: answers are no longer accepted."),
        code="frozen",
    )


def _locked(registration: Registration) -> Attempt:
    attempt = Attempt.objects.select_for_update().get(registration=registration)
    if is_frozen(attempt):
        raise _frozen()
    return attempt


def clean_answer(item: Item, raw: str) -> str:
    """The answer in the item's stored form (sorted letters, T/F, text); '' for none."""
    text = raw.strip()
    if item.kind == ItemKind.SHORT_ANSWER:
        return text[:1000]
    if item.kind == ItemKind.TRUE_FALSE:
        value = text.upper()[:1]
        if value not in ("", "T", "F"):
            raise field_error("answer", _("Answer T or F."), "invalid_answer")
        return value
    letters = "".join(sorted(set(text.upper().replace(",", "").replace(" ", ""))))
    allowed = LETTERS[: len(item.options)]
    if any(letter not in allowed for letter in letters) or (
        item.kind == ItemKind.SINGLE and len(letters) > 1
    ):
        raise field_error("answer", _("Choose among the item's options."), "invalid_answer")
    return letters


def is_correct(item: Item, answer: str) -> bool:
    """Choice and true/false answers match the key exactly; a short answer matches the key
    with width, case and spaces ignored."""
    if item.kind == ItemKind.SHORT_ANSWER:
        return bool(answer) and normalised(answer) == normalised(item.answer)
    return answer == item.answer


def attempt_answer_save(*, person: User, session_id: int, item_id: int, answer: str) -> Attempt:
    """Autosave one answer of a fixed form ('' clears it)."""
    registration = _writable_attempt(person, session_id)
    with transaction.atomic():
        attempt, session = _locked(registration), registration.session
        if session.mode != ExamSession.Mode.FIXED:
            raise ApplicationError(_("Adaptive tests take one answer at a time."), code="adaptive")
        entry = ExamFormItem.objects.filter(form_id=session.form_id, item_id=item_id).first()
        if entry is None:
            raise field_error("item", _("This item is not on your exam."), "not_on_exam")
        value = clean_answer(Item.objects.get(pk=item_id), answer)
        if value:
            attempt.answers[str(item_id)] = value
        else:
            attempt.answers.pop(str(item_id), None)
        attempt.save(update_fields=["answers"])
        return attempt


def attempt_submit(*, person: User, session_id: int) -> Attempt:
    """Hand the test in: answers are frozen and scored (shown once the session closes)."""
    registration = candidate_registration(person=person, session_id=session_id)
    attempt = freeze_if_due(_attempt_of(registration))
    if attempt.submitted_at is not None:
        return attempt
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.submitted_at is None:
            _finish(locked, at=timezone.now(), reason="submitted")
        return locked


def _finish(attempt: Attempt, *, at: datetime, reason: str) -> None:
    """Freeze and score an attempt (caller holds the lock)."""
    session = attempt.registration.session
    if session.mode == ExamSession.Mode.FIXED:
        attempt.score = fixed_form_score(attempt)
    else:
        if attempt.theta is None:
            attempt.theta, attempt.se = 0.0, 1.0
        attempt.score = reported_score(attempt.theta)
        attempt.current_item = None
        attempt.stop_reason = attempt.stop_reason or reason
    attempt.passed = attempt.score >= PASS_MARK
    attempt.submitted_at = at
    attempt.save()


def fixed_form_score(attempt: Attempt) -> float:
    """Points won as a percentage of the form's points, one decimal."""
    form = attempt.registration.session.form
    assert form is not None
    items = list(Item.objects.filter(forms=form))
    if not items:
        return 0.0
    right = sum(is_correct(item, attempt.answers.get(str(item.pk), "")) for item in items)
    return round(100.0 * right / len(items), 1)


# Adaptive tests


@dataclass(frozen=True)
class CatPool:
    """The calibrated items an adaptive session draws from, in the engine's form."""

    ids: tuple[int, ...]
    bank: CatBank
    targets: dict[str, float]


def cat_pool(session: ExamSession, *, also: tuple[int, ...] = ()) -> CatPool:
    """Calibrated choice and true/false items of the session's bank and level (short answers
    cannot be scored on the spot), plus ``also`` (items this attempt already showed, should
    they have been retired since), in the parts of the session's blueprint (in its specialism:
    the common part and that direction). Content areas are the blueprint's theory parts; the
    targets are their theory points, among parts that have items."""
    blueprint = blueprint_of(
        session.bank.standard, rank=session.level, specialism=session.specialism
    )
    parts = {part.key for part in blueprint.parts}
    candidates = list(
        Item.objects.filter(bank_id=session.bank_id, level=session.level)
        .filter(Q(status=Item.Status.CALIBRATED) | Q(pk__in=also))
        .exclude(kind=ItemKind.SHORT_ANSWER)
        .exclude(discrimination=None)
        .exclude(difficulty=None)
        .order_by("pk")
    )
    items = [item for item in candidates if part_of_requirement(item.requirement) in parts]
    content = tuple(part_of_requirement(item.requirement) for item in items)
    parameters = ItemParameters(
        a=np.array([item.discrimination for item in items], dtype=np.float64),
        b=np.array([item.difficulty for item in items], dtype=np.float64),
    )
    targets = {
        part.key: float(part.theory_points)
        for part in blueprint.parts
        if part.theory_points > 0 and part.key in content
    }
    return CatPool(tuple(item.pk for item in items), CatBank(parameters, content), targets)


def _exposure(session: ExamSession, ids: tuple[int, ...]) -> tuple[np.ndarray, int]:
    """How many adaptive attempts on this bank and level showed each item, and how many such
    attempts have started (this one included): the exposure cap's figures, from the database."""
    same = Q(attempt__registration__session__bank_id=session.bank_id,
             attempt__registration__session__level=session.level,
             attempt__registration__session__mode=ExamSession.Mode.ADAPTIVE)  # fmt: skip
    shown = dict(
        AdministeredItem.objects.filter(same, item_id__in=ids)
        .values("item_id")
        .annotate(n=Count("attempt", distinct=True))
        .values_list("item_id", "n")
    )
    started = Attempt.objects.filter(
        registration__session__bank_id=session.bank_id,
        registration__session__level=session.level,
        registration__session__mode=ExamSession.Mode.ADAPTIVE,
    ).count()
    return np.array([shown.get(pk, 0) for pk in ids], dtype=np.int64), started


def _cat_step(attempt: Attempt, session: ExamSession) -> None:
    """Show the next item the CAT chooses, or end the test (caller holds the lock)."""
    rows = list(attempt.administered.filter(answered_at__isnull=False).order_by("position"))
    pool = cat_pool(session, also=tuple(row.item_id for row in rows))
    where = {pk: index for index, pk in enumerate(pool.ids)}
    counts, started = _exposure(session, pool.ids)
    rules = CatRules(blueprint=pool.targets, se_target=SE_TARGET, max_items=session.max_items,
                     max_exposure=MAX_EXPOSURE)  # fmt: skip
    step = next_item(
        pool.bank,
        [where[row.item_id] for row in rows],
        [int(bool(row.correct)) for row in rows],
        rules=rules,
        exposure_counts=counts,
        tests_started=max(started, 1),
    )
    attempt.theta, attempt.se = step.theta, step.se
    if rows:
        rows[-1].theta, rows[-1].se = step.theta, step.se
        rows[-1].save(update_fields=["theta", "se"])
    if step.item is None:
        attempt.stop_reason = str(step.stop_reason)
        _finish(attempt, at=timezone.now(), reason=attempt.stop_reason)
        return
    item_id = pool.ids[step.item]
    AdministeredItem.objects.create(attempt=attempt, item_id=item_id, position=len(rows) + 1)
    attempt.current_item_id = item_id
    attempt.save(update_fields=["theta", "se", "current_item"])


def attempt_cat_answer(*, person: User, session_id: int, item_id: int, answer: str) -> Attempt:
    """Answer the adaptive item being shown; the next one is chosen (or the test ends). Sending
    the same answer to an item again (a retry after a lost connection) changes nothing."""
    registration = _writable_attempt(person, session_id)
    with transaction.atomic():
        attempt, session = _locked(registration), registration.session
        if session.mode != ExamSession.Mode.ADAPTIVE:
            raise ApplicationError(_("This test is not adaptive."), code="not_adaptive")
        if item_id != attempt.current_item_id:
            earlier = attempt.administered.filter(item_id=item_id, answered_at__isnull=False)
            if earlier.exists():
                return attempt  # already recorded: a resent answer
            raise field_error("item", _("This is not the item being shown; reload the page."),
                               "not_current")  # fmt: skip
        row = attempt.administered.select_related("item").get(item_id=item_id)
        value = clean_answer(row.item, answer)
        if not value:
            raise field_error("answer", _("Choose an answer."), "required")
        row.answer, row.correct, row.answered_at = (
            value,
            is_correct(row.item, value),
            timezone.now(),
        )
        row.save(update_fields=["answer", "correct", "answered_at"])
        attempt.answers[str(item_id)] = value
        attempt.save(update_fields=["answers"])
        _cat_step(attempt, session)
        return attempt


def remaining_seconds(attempt: Attempt) -> int:
    """Whole seconds left before the deadline, by the server's clock."""
    if attempt.submitted_at is not None:
        return 0
    return max(0, math.floor((attempt.deadline - timezone.now()).total_seconds()))
