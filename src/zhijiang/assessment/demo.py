"""Demo assessment data: the demo assessment body's item banks for 人工智能训练师 and
计算机程序设计员 (中级工), reviewed by a second assessor, calibrated, and an adaptive session held
two weeks ago with level decisions and signed certificates, next to an open session that a person
can take in the browser.

The items are **written by hand**, not generated: ``data/demo_items/<occupation code>.json``,
whose header says so. The offline generator can only restate the standard's requirement texts,
and the items it made asked where the standard files a requirement rather than about the work (a
reviewer accepted none); a certification bank needs items a subject expert would accept.
``demo_items`` attaches each item to the requirement of the approved standard that its topic
and stem match best, so that every part of the level's blueprint has items. An occupation whose
standard is missing, or for which no file is shipped, gets no bank.

What is simulated, and says so here: the **pretest** that calibrates the items. 600 simulees
with θ ~ N(0, 1) answer every item under a 2PL whose "true" parameters are drawn once
(a ~ lognormal(0.2, 0.25), b ~ N(0, 1)); the platform's estimator (``zhijiang_engine.irt.
calibrate``) estimates a and b from those answers, and the *estimates* are stored, so the CAT
works with calibrated items as it would after a real pretest. The candidates' answers in the
closed session are simulated too, from each candidate's θ against the stored parameters, and
the practical marks from a practical ability per candidate; the demo learner 张小渝 answers
every item right and passes.

Everything goes through the services as assessors and candidates would do it. Two ORM
updates stand in where a service has no way: the session is held now and then moved back in
time (the banks too), since the services refuse to open a session that is over; and the open
session's two-week window is set after scheduling, since a session lasts at most 600 minutes.
Seeded generators make it reproducible; a second run on a loaded database changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from zhijiang.accounts.demo import DEMO_PASSWORD
from zhijiang.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from zhijiang.assessment import demo_items, outcomes, practical, services, sessions
from zhijiang.assessment.models import (
    AdministeredItem,
    Attempt,
    ExamSession,
    Item,
    ItemBank,
    ItemKind,
    PracticalScore,
    PracticalTask,
    Registration,
)
from zhijiang.common.models import Notification
from zhijiang.occupations.models import Standard
from zhijiang_engine.assessment import LETTERS
from zhijiang_engine.irt import ItemParameters, calibrate, probability
from zhijiang_engine.standards.levels import level_by_rank

SEED = 20261203
LEVEL = 3
LEVEL_NAME = level_by_rank(LEVEL).name_zh  # 中级工: item texts are Chinese whatever the locale
OCCUPATIONS = ("4-04-05-05", "4-04-05-01")  # 人工智能训练师, 计算机程序设计员
PRETEST_PERSONS = 600
HELD_DAYS_AGO = 14
BANKS_BUILT_DAYS_AGO = 30
OPEN_DAYS = 14
CLOSED_CANDIDATES = 8  # besides the demo learner
OPEN_CANDIDATES = 3  # besides the demo learner
# The CAT shows an item to at most 25 % of the bank's tests, so the AI trainer's 71 hand-written
# items carry nine candidates at eight items each and leave enough little-shown items for the
# open session; each bank has at least 60 items for that reason.
CLOSED_MAX_ITEMS = 8
OPEN_MAX_ITEMS = 15


@dataclass
class _Cast:
    body: Organisation
    author: User  # writes the items, runs the sessions
    reviewer: User  # reviews the items: four eyes
    third: User  # the third practical assessor when the first two disagree
    learner: User
    others: list[User]


def _assessor(body: Organisation, username: str, full_name: str) -> User:
    assessor = User.objects.filter(username=username).first()
    if assessor is not None:
        return assessor
    assessor = User(username=username, full_name=full_name, district=body.district)
    assessor.set_password(DEMO_PASSWORD)
    assessor.save()
    Membership.objects.create(user=assessor, role=Role.ASSESSOR, organisation=body)
    return assessor


def _body() -> Organisation:
    """The demo assessor's body (重庆市职业技能鉴定指导中心)."""
    return Organisation.objects.get(
        kind=OrganisationKind.ASSESSMENT_BODY,
        memberships__user__username="assessor",
        memberships__role=Role.ASSESSOR,
    )


def _cast(body: Organisation) -> _Cast:
    learners = User.objects.filter(memberships__role=Role.LEARNER).order_by("username").distinct()
    return _Cast(
        body=body,
        author=User.objects.get(username="assessor"),
        reviewer=_assessor(body, "assessor_2", "考评员 郑老师"),
        third=_assessor(body, "assessor_3", "考评员 冯老师"),
        learner=User.objects.get(username="learner"),
        others=[person for person in learners if person.username != "learner"],
    )


# Items written by hand (see the module's docstring)


def _standards() -> list[tuple[Standard, demo_items.ItemFile]]:
    """The approved standards with a 中级工 level of the demo's occupations, each with its
    hand-written items; an occupation lacking either is left out."""
    found = []
    for code in OCCUPATIONS:
        written = demo_items.item_file(code)
        standard = (
            Standard.objects.filter(
                status=Standard.Status.APPROVED, occupation__code=code, levels__rank=LEVEL
            )
            .select_related("occupation")
            .order_by("-version")
            .first()
        )
        if written is not None and standard is not None and written.level == LEVEL:
            found.append((standard, written))
    return found


def _bank(cast: _Cast, standard: Standard, written: demo_items.ItemFile) -> ItemBank:
    """The body's bank for the standard: the hand-written items entered by one assessor and
    approved by another."""
    bank = services.bank_create(
        actor=cast.author, owner=cast.body, standard=standard,
        name=f"{standard.occupation.name} 职业技能等级认定题库",
    )  # fmt: skip
    for data in demo_items.item_inputs(written, services.standard_document(standard)):
        item = services.item_create(actor=cast.author, bank=bank, data=data, source="demo")
        services.item_review(actor=cast.reviewer, item=item, approve=True)
    return bank


def _calibrate(cast: _Cast, bank: ItemBank, gen: np.random.Generator) -> None:
    """The simulated pretest (see the module's docstring), estimated by the real estimator;
    the estimates, not the simulation's truth, are stored on the items."""
    items = list(bank.items.filter(status=Item.Status.REVIEWED).order_by("pk"))
    truth = ItemParameters(a=gen.lognormal(0.2, 0.25, len(items)), b=gen.normal(0, 1, len(items)))
    theta = gen.normal(0, 1, PRETEST_PERSONS)
    responses = (gen.random((PRETEST_PERSONS, len(items))) < probability(theta, truth)).astype(
        np.int8
    )
    estimates = calibrate(responses).items
    # The service takes a in (0, 10] and b in [-6, 6]; the estimator's bounds are wider.
    a = np.clip(estimates.a, 0.05, 10.0)
    b = np.clip(estimates.b, -6.0, 6.0)
    for item, discrimination, difficulty in zip(items, a, b, strict=True):
        services.item_calibrate(actor=cast.author, item=item,
                                discrimination=round(float(discrimination), 4),
                                difficulty=round(float(difficulty), 4))  # fmt: skip


# Sessions


def _session(cast: _Cast, bank: ItemBank, *, title: str, minutes: int,
             max_items: int, people: list[User],
             time_limit: int | None = None) -> ExamSession:  # fmt: skip
    """An adaptive session scheduled from now, the people registered, opened, with the level's
    first practical project as its task."""
    data = sessions.SessionInput(
        level=LEVEL, mode=ExamSession.Mode.ADAPTIVE, starts_at=timezone.now(),
        duration_minutes=minutes, time_limit_minutes=time_limit, max_items=max_items,
        title=title,
    )  # fmt: skip
    session = sessions.session_create(actor=cast.author, bank=bank, data=data)
    for person in people:
        sessions.registration_create(actor=cast.author, session=session, person=person)
    sessions.session_open(actor=cast.author, session=session)
    project = practical.standard_projects(session)[0].key  # P1
    practical.practical_task_set(actor=cast.author, session=session, project_key=project)
    return session


def _answer(item: Item, theta: float | None, gen: np.random.Generator) -> str:
    """A simulated answer: right with the 2PL probability at θ under the stored parameters
    (always right when θ is None), else a wrong option."""
    if theta is not None:
        assert item.discrimination is not None and item.difficulty is not None
        stored = ItemParameters(a=np.array([item.discrimination]), b=np.array([item.difficulty]))
        if gen.random() >= float(probability(theta, stored)[0]):
            if item.kind == ItemKind.TRUE_FALSE:
                return "F" if item.answer == "T" else "T"
            wrong = [letter for letter in LETTERS[: len(item.options)] if letter != item.answer]
            return wrong[int(gen.integers(len(wrong)))]
    return item.answer


def _sit(session: ExamSession, abilities: dict[User, float | None],
         gen: np.random.Generator) -> None:  # fmt: skip
    """Everyone starts at the bell, then the candidates answer in turn until their CAT ends."""
    items = {item.pk: item for item in Item.objects.filter(bank_id=session.bank_id)}
    waiting = {
        person: sessions.attempt_start(person=person, session_id=session.pk) for person in abilities
    }
    while waiting:
        for person, attempt in list(waiting.items()):
            if attempt.submitted_at is not None or attempt.current_item_id is None:
                del waiting[person]
                continue
            item = items[attempt.current_item_id]
            waiting[person] = sessions.attempt_cat_answer(
                person=person, session_id=session.pk, item_id=item.pk,
                answer=_answer(item, abilities[person], gen),
            )  # fmt: skip


def _marks(task: PracticalTask, share: float, gen: np.random.Generator) -> dict[str, float]:
    """Half-point marks per criterion around ``share`` of its points."""
    marks = {}
    for row in task.rubric:
        points = float(row["points"])
        value = points * (share + gen.normal(0, 0.04))
        marks[str(row["key"])] = float(np.clip(round(value * 2) / 2, 0, points))
    return marks


def _mark_practical(cast: _Cast, session: ExamSession, shares: dict[User, float],
                    gen: np.random.Generator) -> None:  # fmt: skip
    """Two assessors mark each candidate independently; for two candidates the second is much
    harsher, which calls the third assessor."""
    task = practical.task_of(session)
    registrations = list(session.registrations.select_related("person").order_by("pk"))
    harsh = {registration.pk for registration in registrations[1:3]}  # not the demo learner
    for registration in registrations:
        share = shares[registration.person]
        second = share - 0.2 if registration.pk in harsh else share
        for assessor, given in ((cast.author, share), (cast.reviewer, second)):
            practical.practical_score_submit(actor=assessor, registration=registration,
                                             criteria=_marks(task, given, gen))  # fmt: skip
        if practical.needs_third(practical.totals_of(registration)):
            practical.practical_score_submit(
                actor=cast.third, registration=registration,
                criteria=_marks(task, share - 0.03, gen), comment="第三名考评员复评。",
            )  # fmt: skip


def _move_banks_back(banks: list[ItemBank], days: int) -> None:
    """The banks were built, reviewed and calibrated before the session that used them."""
    by = dt.timedelta(days=days)
    ItemBank.objects.filter(pk__in=[bank.pk for bank in banks]).update(
        created_at=F("created_at") - by
    )
    Item.objects.filter(bank__in=banks).update(
        created_at=F("created_at") - by, updated_at=F("updated_at") - by,
        reviewed_at=F("reviewed_at") - by,
    )  # fmt: skip


def _move_back(session: ExamSession, days: int) -> None:
    """Move a session held just now, with everything in it, back by ``days``: the services
    refuse to schedule or open a session in the past, rightly for real ones. Audit rows keep
    the moment the demo ran."""
    by = dt.timedelta(days=days)
    in_session = {"registration__session": session}
    # Closed at the scheduled end of the sitting rather than a moment after the last answer.
    ExamSession.objects.filter(pk=session.pk).update(
        created_at=F("created_at") - by, starts_at=F("starts_at") - by,
        opened_at=F("opened_at") - by, closed_at=F("starts_at") - by
        + dt.timedelta(minutes=session.duration_minutes),
    )  # fmt: skip
    Registration.objects.filter(session=session).update(created_at=F("created_at") - by)
    PracticalTask.objects.filter(session=session).update(created_at=F("created_at") - by)
    PracticalScore.objects.filter(**in_session).update(created_at=F("created_at") - by)
    Attempt.objects.filter(**in_session).update(
        started_at=F("started_at") - by, deadline=F("deadline") - by,
        submitted_at=F("submitted_at") - by,
    )  # fmt: skip
    AdministeredItem.objects.filter(attempt__registration__session=session).update(
        shown_at=F("shown_at") - by, answered_at=F("answered_at") - by
    )
    _move_notifications_back(session, by)


def _move_notifications_back(session: ExamSession, by: dt.timedelta) -> None:
    """What the candidates were told moves with the session: the start time they were given
    and the moment they were told it."""
    session.refresh_from_db()
    starts_at = timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M")
    told = Notification.objects.filter(
        user__exam_registrations__session=session,
        kind__in=["assessment.registered", "assessment.results"],
        params__session=session.title,
    )
    for notification in told:
        if "starts_at" in notification.params:
            notification.params = {**notification.params, "starts_at": starts_at}
        notification.created_at -= by
        notification.save(update_fields=["params", "created_at"])


def _held_session(cast: _Cast, bank: ItemBank, gen: np.random.Generator) -> int:
    """The session held two weeks ago: tests taken, practical marked, closed, levels decided.
    Returns the certificates issued."""
    rng = random.Random(SEED)
    people = [cast.learner, *rng.sample(cast.others, CLOSED_CANDIDATES)]
    name = f"{bank.standard.occupation.name}（{LEVEL_NAME}）"
    session = _session(cast, bank, title=f"{name}认定考试 · 第一批", minutes=90,
                       max_items=CLOSED_MAX_ITEMS, people=people)  # fmt: skip
    # Candidates come after training, so somewhat above the calibration sample's average;
    # the demo learner knows every answer (None: always right).
    abilities: dict[User, float | None] = {cast.learner: None}
    abilities.update({person: float(gen.normal(0.5, 0.8)) for person in people[1:]})
    _sit(session, abilities, gen)
    shares = {person: float(np.clip(gen.normal(0.72, 0.1), 0.4, 0.95)) for person in people}
    shares[cast.learner] = 0.86
    _mark_practical(cast, session, shares, gen)
    sessions.session_close(actor=cast.author, session=session)
    _move_back(session, HELD_DAYS_AGO)
    session.refresh_from_db()
    decisions = outcomes.decisions_make(actor=cast.author, session=session)
    return sum(decision.certificate_id is not None for decision in decisions)


def _open_session(cast: _Cast, bank: ItemBank) -> ExamSession:
    """A session open for two weeks, nobody has started: the demo learner takes it in the
    browser, with an hour from her start."""
    rng = random.Random(SEED + 1)
    people = [cast.learner, *rng.sample(cast.others, OPEN_CANDIDATES)]
    name = f"{bank.standard.occupation.name}（{LEVEL_NAME}）"
    session = _session(cast, bank, title=f"{name}认定考试 · 线上考场",
                       minutes=OPEN_DAYS * 24 * 60, time_limit=60,
                       max_items=OPEN_MAX_ITEMS, people=people)  # fmt: skip
    return session


@transaction.atomic
def load_demo_assessment() -> int:
    """Build, review and calibrate the demo banks, hold one session and open another; returns
    how many certificates were issued (0, changing nothing, when already loaded)."""
    body = _body()
    if ItemBank.objects.filter(owner=body).exists():
        return 0
    cast = _cast(body)
    gen = np.random.default_rng(SEED)
    banks = [_bank(cast, standard, written) for standard, written in _standards()]
    if not banks:
        return 0  # neither occupation has an approved standard with a 中级工 level
    for bank in banks:
        _calibrate(cast, bank, gen)
    _move_banks_back(banks, BANKS_BUILT_DAYS_AGO)
    certificates = _held_session(cast, banks[0], gen)
    _open_session(cast, banks[0])
    return certificates
