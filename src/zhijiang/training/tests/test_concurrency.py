"""Many learners enrolling on the same run at the same moment never take more places than it
has: the run's row is locked while places are counted. Real concurrency needs a real server,
so this runs in the PostgreSQL suite (`make test-postgres`, and CI)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from zhijiang.accounts.models import Role
from zhijiang.accounts.tests.factories import make_person
from zhijiang.common.errors import ApplicationError
from zhijiang.training import delivery
from zhijiang.training.models import Enrolment
from zhijiang.training.tests.factories import make_run

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent enrolment runs on PostgreSQL"
    ),
]

LEARNERS = 24
CAPACITY = 5


def _enrol_all_at_once(run, people, *, waitlist: bool) -> list[str]:
    start = threading.Barrier(len(people))
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(person) -> None:
        try:
            start.wait()
            enrolment = delivery.enrol(person=person, run=run, waitlist=waitlist)
            outcome = enrolment.status
        except ApplicationError as error:
            outcome = error.code
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=attempt, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def _people(prefix: str) -> list:
    return [make_person(role=Role.LEARNER, username=f"{prefix}{i}") for i in range(LEARNERS)]


def test_concurrent_enrolments_never_overbook_a_run(provider_staff, provider, course):
    run = make_run(actor=provider_staff, course=course, provider=provider, capacity=CAPACITY)
    outcomes = _enrol_all_at_once(run, _people("racer"), waitlist=False)
    assert outcomes.count("enrolled") == CAPACITY
    assert outcomes.count("run_full") == LEARNERS - CAPACITY
    assert run.enrolments.filter(status=Enrolment.Status.ENROLLED).count() == CAPACITY


def test_concurrent_enrolments_fill_the_run_then_the_waiting_list_in_order(
    provider_staff, provider, course
):
    run = make_run(actor=provider_staff, course=course, provider=provider, capacity=CAPACITY)
    outcomes = _enrol_all_at_once(run, _people("queue"), waitlist=True)
    assert sorted(set(outcomes)) == ["enrolled", "waitlisted"]
    assert outcomes.count("enrolled") == CAPACITY
    waiting = list(run.enrolments.filter(status=Enrolment.Status.WAITLISTED).order_by("created_at"))
    assert [delivery.waitlist_position(e) for e in waiting] == list(range(1, len(waiting) + 1))


def test_the_same_person_enrolling_twice_at_once_gets_one_place(provider_staff, provider, course):
    run = make_run(actor=provider_staff, course=course, provider=provider, capacity=CAPACITY)
    person = make_person(role=Role.LEARNER, username="twice")
    outcomes = _enrol_all_at_once(run, [person] * 6, waitlist=False)
    assert outcomes.count("enrolled") == 1
    assert outcomes.count("already_enrolled") == 5
    assert run.enrolments.filter(person=person).count() == 1
