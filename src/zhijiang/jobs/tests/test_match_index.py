"""The matcher's index of open positions: built once and shared through a versioned file,
never rebuilt by a request after a change (the changed positions are scored beside it), and
replaced by the background task."""

from __future__ import annotations

from typing import Any

import pytest

from zhijiang.common.cache import cache_dir
from zhijiang.jobs import match_index, services
from zhijiang.jobs.tests.factories import make_position
from zhijiang.occupations.models import PersonSkill

pytestmark = pytest.mark.django_db


def _files() -> list[str]:
    folder = cache_dir()
    assert folder is not None
    return sorted(p.stem for p in (folder / match_index.FOLDER).glob("*.pickle"))


def _ranked(api: Any, person: Any) -> list[int]:
    return [m["position"]["id"] for m in api(person).call("get", "/jobs/me/matches").json()]


def test_a_request_after_a_change_uses_the_build_and_scores_the_changes_beside_it(
    api, learner, employer_hr, employer, skills
):
    PersonSkill.objects.create(user=learner, skill=skills[0], source=PersonSkill.Source.CV)
    first = make_position(actor=employer_hr, employer=employer)
    assert _ranked(api, learner) == [first.pk]
    (version,) = _files()  # built once, because there was none

    second = make_position(actor=employer_hr, employer=employer, title="数据标注员")
    assert set(_ranked(api, learner)) == {first.pk, second.pk}
    assert _files() == [version]  # the request did not rebuild it

    services.position_set_status(actor=employer_hr, position=first, status="closed")
    assert _ranked(api, learner) == [second.pk]
    assert _files() == [version]


def test_the_background_task_builds_the_current_version_once(
    api, learner, employer_hr, employer, skills
):
    PersonSkill.objects.create(user=learner, skill=skills[0], source=PersonSkill.Source.CV)
    make_position(actor=employer_hr, employer=employer)
    first = match_index.match_index_build.call()
    assert first["built"] is True and first["positions"] == 1
    assert match_index.match_index_build.call()["built"] is False  # already current
    make_position(actor=employer_hr, employer=employer, title="数据标注员")
    second = match_index.match_index_build.call()
    assert second["built"] is True and second["positions"] == 2
    assert second["version"] in _files() and len(_files()) <= match_index.KEEP_FILES


def test_another_process_reads_the_build_from_the_cache_folder(employer_hr, employer, skills):
    make_position(actor=employer_hr, employer=employer)
    built = match_index.match_index_refresh()
    match_index.forget_built_index()  # as a fresh server process
    found = match_index.current_open_positions()
    assert found.built.version == built.version and found.delta is None
    assert [job.id for job in found.index.jobs] == [job.id for job in built.index.jobs]


def test_positions_posted_in_a_row_queue_one_build_for_the_worker(
    employer_hr, employer, skills, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    for title in ("数据标注员", "训练师", "质检员"):
        with django_capture_on_commit_callbacks(execute=True):
            make_position(actor=employer_hr, employer=employer, title=title)
    waiting = DBTaskResult.objects.ready().filter(
        task_path=match_index.match_index_build.module_path
    )
    assert waiting.count() == 1
