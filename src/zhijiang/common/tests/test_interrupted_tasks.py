"""A background worker killed mid-task: the task goes back on the queue and, run again from the
start by the next worker, finishes without doing anything twice."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from zhijiang.careers.models import MatchPush
from zhijiang.careers.tasks import nightly_run
from zhijiang.careers.tests.test_careers import market, seeker  # noqa: F401 (fixtures)
from zhijiang.common.models import Notification
from zhijiang.common.tasks_recovery import tasks_requeue_interrupted
from zhijiang.jobs import profiles
from zhijiang.jobs.match_index import match_index_build
from zhijiang.occupations.models import PersonSkill, Skill


class WorkerKilled(BaseException):
    """Stands for the SIGKILL: nothing after it in the task runs."""


def _killed_at_the_follow_ups(execute: Any, sql: str, params: Any, many: bool, context: Any):
    if "jobs_employmentcheck" in sql:
        raise WorkerKilled
    return execute(sql, params, many, context)


def _claimed_by_a_worker_that_dies(task_result_id: Any) -> DBTaskResult:
    """What db_worker does (claim, commit, call), killed after the pushes were sent."""
    row = DBTaskResult.objects.get(id=task_result_id)
    row.claim("worker-killed-mid-task")
    with pytest.raises(WorkerKilled), connection.execute_wrapper(_killed_at_the_follow_ups):
        nightly_run.call()
    return row


@pytest.fixture
def keen_seeker(seeker: Any) -> Any:  # noqa: F811
    """Wants the data positions and has every skill they ask for: matches above the nightly
    threshold."""
    PersonSkill.objects.create(user=seeker, skill=Skill.objects.get(key="spark"), source="cv")
    profiles.profile_update(
        user=seeker,
        data=profiles.ProfileInput(
            preferred_districts=["500103"], preferred_occupations=["2-02-38-03"], pay_min=5000
        ),
    )
    return seeker


def _matches() -> list[tuple[int, int]]:
    return sorted(MatchPush.objects.values_list("user_id", "position_id"))


# The worker closes connections it finds old, as it would between tasks: no test transaction.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_nightly_run_killed_mid_task_is_run_again_and_sends_no_push_twice(
    market: Any,  # noqa: F811
    keen_seeker: Any,
) -> None:
    queued = nightly_run.enqueue()
    row = _claimed_by_a_worker_that_dies(queued.id)
    sent_before_the_kill = _matches()
    assert sent_before_the_kill  # the kill came after the pushes, before the task was done

    call_command("requeue_interrupted_tasks", "--minutes", "0", stdout=StringIO())
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO())

    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value["pushed"] == 0
    assert _matches() == sent_before_the_kill
    assert Notification.objects.filter(user=keen_seeker, kind="match").count() == len(
        sent_before_the_kill
    )


def test_running_the_nightly_task_twice_pushes_each_match_once(
    market: Any,  # noqa: F811
    keen_seeker: Any,
) -> None:
    first = nightly_run.call()
    second = nightly_run.call()

    assert first["pushed"] >= 1 and second["pushed"] == 0
    assert Notification.objects.filter(user=keen_seeker, kind="match").count() == first["pushed"]


def test_building_the_match_index_twice_builds_it_once(market: Any) -> None:  # noqa: F811
    first = match_index_build.call()
    second = match_index_build.call()

    assert first["built"] is True and second["built"] is False
    assert first["version"] == second["version"]


def test_a_task_a_live_worker_started_recently_is_left_running(market: Any) -> None:  # noqa: F811
    queued = nightly_run.enqueue()
    DBTaskResult.objects.get(id=queued.id).claim("worker-alive")

    requeued = tasks_requeue_interrupted()
    later = tasks_requeue_interrupted(started_before=timezone.now() + datetime.timedelta(hours=1))

    assert (requeued, later) == (0, 1)
    assert DBTaskResult.objects.get(id=queued.id).status == TaskResultStatus.READY


def test_requeueing_refuses_a_negative_age(db: None) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("requeue_interrupted_tasks", "--minutes", "-1")
