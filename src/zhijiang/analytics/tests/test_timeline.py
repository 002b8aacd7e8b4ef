"""The person's path: one timeline from the records the apps write through their services,
each step with its date, record and link, the gaps where the path stalls, and a query count
that does not grow with the steps."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from zhijiang.accounts.models import User
from zhijiang.analytics.tests import timeline_chain as build
from zhijiang.analytics.tests.timeline_chain import Platform, chain
from zhijiang.analytics.timeline.build import timeline_for
from zhijiang.analytics.timeline.gaps import (
    CHECK_UNANSWERED_AFTER_DAYS,
    NO_ANSWER_AFTER_DAYS,
    NO_APPLICATION_AFTER_DAYS,
    NOT_ASSESSED_AFTER_DAYS,
    NOT_COMPLETED_AFTER_DAYS,
    GapKind,
)
from zhijiang.analytics.timeline.sources import (
    register_step_source,
    registered_sources,
    unregister_step_source,
)
from zhijiang.analytics.timeline.steps import Stage, Step, StepState
from zhijiang.common.testing import measure
from zhijiang.jobs import applications
from zhijiang.jobs.models import EmploymentCheck
from zhijiang.occupations.levels import level_label

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def platform(district_officer: User, bureau_officer: User) -> Platform:
    return chain.platform(officer=district_officer, bureau_officer=bureau_officer)


@pytest.fixture
def alice_path(platform: Platform, learner: User) -> dict[str, Any]:
    """Alice completes a course, reaches level 2, is pushed positions, invited, applies,
    is interviewed and hired 210 days back: her 3-month check answered, her 6-month due."""
    enrolment = build.complete_course(platform, learner)
    decision = build.pass_level_2(platform, learner)
    position = chain.position(platform)
    invited = chain.position(platform, title="数据质检员")
    pushed = build.push_positions(learner)
    build.invite(platform, learner, invited)
    application = build.interview(platform.employer_hr, chain.apply(learner, position))
    build.hire_and_follow_up(platform.employer_hr, application, days_ago=210)
    return {
        "enrolment": enrolment,
        "certificate": decision.certificate,
        "application": application,
        "pushed": pushed,
    }


def kinds(user: User, person: User) -> list[str]:
    timeline = timeline_for(user=user, person_id=person.pk)
    return [entry.step.kind for entry in timeline.entries]


def step(timeline: Any, kind: str) -> Any:
    (found,) = [entry for entry in timeline.entries if entry.step.kind == kind]
    return found


def test_the_path_holds_every_step_the_apps_recorded_in_the_order_of_the_chain(learner, alice_path):
    with translation.override("en"):
        timeline = timeline_for(user=learner, person_id=learner.pk)
    chain_steps = [e.step.kind for e in timeline.entries if e.step.kind != "employed"]
    assert chain_steps == [
        "signed_up", "enrolled", "attended", "completed", "theory", "practical",
        "level_decided", "certified", *["pushed"] * alice_path["pushed"], "invited",
        "applied", "shortlisted", "interviewed", "offered", "hired",
    ]  # fmt: skip
    assert alice_path["pushed"] == 2
    assert [e.step.kind for e in timeline.not_recorded] == ["career_plan"]
    assert timeline.not_recorded[0].url == "/careers/plan/"
    seconds = [e.step.at.replace(microsecond=0) for e in timeline.entries]
    assert seconds == sorted(seconds)


def test_each_step_names_its_record_and_links_to_its_page(learner, alice_path):
    with translation.override("en"):
        timeline = timeline_for(user=learner, person_id=learner.pk)
    enrolled = step(timeline, "enrolled")
    assert enrolled.step.record == f"training.enrolment:{alice_path['enrolment'].pk}"
    assert enrolled.url == "/training/mine/"
    assert "voucher" in enrolled.step.detail
    certified = step(timeline, "certified")
    certificate = alice_path["certificate"]
    assert certified.url == f"/credentials/c/{certificate.uuid}/"
    with translation.override("en"):
        level = level_label(2, certificate.occupation.code)
    assert certified.step.label == f"Certified: {certificate.occupation.name}, {level}"
    assert "100.0 of 100, passed" in step(timeline, "theory").step.detail
    assert "82.0 of 100, passed" in step(timeline, "practical").step.detail
    assert step(timeline, "attended").step.label.startswith("Attended ")
    assert step(timeline, "applied").url == "/jobs/applications/"


def test_the_3_month_check_shows_still_employed_and_the_6_month_check_is_due(learner, alice_path):
    with translation.override("en"):
        timeline = timeline_for(user=learner, person_id=learner.pk)
    checks = {e.step.label: e for e in timeline.entries if e.step.kind == "employed"}
    employed = checks.pop("Still employed at 3 months")
    assert employed.step.state == StepState.DONE
    ((label, due),) = checks.items()
    assert label.startswith("Employment at 6 months: due on ")
    assert due.step.state == StepState.DUE
    check = EmploymentCheck.objects.get(months=6)
    assert due.url == f"/jobs/checks/{check.pk}/"


def test_the_theory_result_is_withheld_until_the_session_closes(platform, learner):
    from zhijiang.assessment import sessions
    from zhijiang.assessment.tests.factories import calibrated_items, make_bank, make_session

    standard = platform.course.standard
    bank = make_bank(actor=platform.assessor, owner=platform.body, standard=standard)
    calibrated_items(author=platform.assessor, bank=bank, count=40)
    session = make_session(actor=platform.assessor, bank=bank)
    sessions.registration_create(actor=platform.assessor, session=session, person=learner)
    sessions.attempt_start(person=learner, session_id=session.pk)
    sessions.attempt_submit(person=learner, session_id=session.pk)
    with translation.override("en"):
        theory = step(timeline_for(user=learner, person_id=learner.pk), "theory")
    assert theory.step.detail == "The result shows once the session is closed."


def later(days: int) -> dt.date:
    return TODAY() + dt.timedelta(days=days)


def gaps(person: User, days: int) -> dict[str, Any]:
    timeline = timeline_for(user=person, person_id=person.pk, today=later(days))
    return {gap.kind: gap for gap in timeline.gaps}


def test_a_course_completed_two_months_ago_and_not_assessed_is_a_gap(platform, learner):
    build.complete_course(platform, learner)
    assert GapKind.NOT_ASSESSED not in gaps(learner, NOT_ASSESSED_AFTER_DAYS - 1)
    gap = gaps(learner, NOT_ASSESSED_AFTER_DAYS)[GapKind.NOT_ASSESSED]
    with translation.override("en"):
        assert gap.message == "Completed a course 2 months ago, not yet assessed."
    with translation.override("zh-hans"):
        assert gap.message != "Completed a course 2 months ago, not yet assessed."
    build.pass_level_2(platform, learner)
    assert GapKind.NOT_ASSESSED not in gaps(learner, NOT_ASSESSED_AFTER_DAYS)


def test_a_run_over_for_a_month_without_completion_is_a_gap(platform, learner):
    course_run = build.run(platform)
    chain.enrol(learner, course_run)
    over = (course_run.end_date - TODAY()).days
    assert GapKind.NOT_COMPLETED not in gaps(learner, over + NOT_COMPLETED_AFTER_DAYS - 1)
    gap = gaps(learner, over + NOT_COMPLETED_AFTER_DAYS)[GapKind.NOT_COMPLETED]
    assert gap.days == NOT_COMPLETED_AFTER_DAYS and gap.since == course_run.end_date


def test_a_certificate_without_an_application_is_a_gap_until_the_person_applies(platform, learner):
    build.pass_level_2(platform, learner)
    assert GapKind.NO_APPLICATION not in gaps(learner, NO_APPLICATION_AFTER_DAYS - 1)
    gap = gaps(learner, NO_APPLICATION_AFTER_DAYS)[GapKind.NO_APPLICATION]
    with translation.override("en"):
        assert gap.message == "Certified 30 days ago, no application yet."
    chain.apply(learner, chain.position(platform))
    assert GapKind.NO_APPLICATION not in gaps(learner, NO_APPLICATION_AFTER_DAYS)


def test_an_application_without_an_answer_for_30_days_is_a_gap_until_the_employer_moves_it(
    platform, learner
):
    application = chain.apply(learner, chain.position(platform))
    assert GapKind.NO_ANSWER not in gaps(learner, NO_ANSWER_AFTER_DAYS - 1)
    gap = gaps(learner, NO_ANSWER_AFTER_DAYS)[GapKind.NO_ANSWER]
    with translation.override("en"):
        assert gap.message == "Applied 30 days ago, no answer from the employer."
    assert gap.step.record == f"jobs.application:{application.pk}"
    applications.application_move(
        actor=platform.employer_hr, application=application, to="shortlisted"
    )
    assert GapKind.NO_ANSWER not in gaps(learner, NO_ANSWER_AFTER_DAYS)


def test_a_due_employment_check_left_unanswered_is_a_gap_until_it_is_answered(platform, learner):
    position = chain.position(platform)
    application = build.interview(platform.employer_hr, chain.apply(learner, position))
    build.hire_and_follow_up(platform.employer_hr, application, days_ago=210)
    check = EmploymentCheck.objects.get(months=6)
    to_due = (check.due_on - TODAY()).days
    assert GapKind.CHECK_UNANSWERED not in gaps(learner, to_due + CHECK_UNANSWERED_AFTER_DAYS - 1)
    gap = gaps(learner, to_due + CHECK_UNANSWERED_AFTER_DAYS)[GapKind.CHECK_UNANSWERED]
    assert gap.since == check.due_on
    assert gap.step.record == f"jobs.employmentcheck:{check.pk}"
    applications.employment_check_answer(actor=learner, check=check, answer="left")
    assert GapKind.CHECK_UNANSWERED not in gaps(learner, 0)
    with translation.override("en"):
        timeline = timeline_for(user=learner, person_id=learner.pk)
    labels = [e.step.label for e in timeline.entries if e.step.kind == "employed"]
    assert labels == ["Still employed at 3 months", "No longer employed at 6 months"]


def test_a_source_registered_later_adds_its_steps_without_touching_the_timeline(learner):
    def vouchers(person: User) -> list[Step]:
        return [
            Step(kind="voucher_issued", stage=Stage.VOUCHER, label="Voucher issued",
                 at=person.date_joined + dt.timedelta(seconds=1), record="vouchers.voucher:7",
                 record_name="voucher")
        ]  # fmt: skip

    before = set(registered_sources())
    register_step_source("vouchers.issued", vouchers)
    try:
        assert kinds(learner, learner) == ["signed_up", "voucher_issued"]
    finally:
        unregister_step_source("vouchers.issued")
    assert set(registered_sources()) == before
    assert kinds(learner, learner) == ["signed_up"]


# One or two queries per source (the rows, then what they prefetch), whatever the steps.
MOST_QUERIES = 12


def queries_of(person: User) -> int:
    with CaptureQueriesContext(connection) as captured:
        timeline_for(user=person, person_id=person.pk)
    return len(captured)


def test_the_query_count_does_not_grow_with_the_steps(
    platform, learner, web, api, django_assert_max_num_queries
):
    """One record of each kind, then many: the same queries, for the timeline, its page and
    its endpoint."""
    build.complete_course(platform, learner)
    build.pass_level_2(platform, learner)
    application = build.interview(
        platform.employer_hr, chain.apply(learner, chain.position(platform))
    )
    build.hire_and_follow_up(platform.employer_hr, application, days_ago=100)
    queries_of(learner)  # what a first call fills once (translations, caches)
    one_of_each = queries_of(learner)
    assert one_of_each <= MOST_QUERIES

    def page() -> Any:
        return web(learner).get("/analytics/people/me/timeline/")

    def endpoint() -> Any:
        return api(learner).call("get", f"/analytics/people/{learner.pk}/timeline")

    page_before, endpoint_before = measure(page).queries, measure(endpoint).queries
    for _ in range(3):
        build.complete_course(platform, learner)
    build.pass_level_2(platform, learner)
    build.push_positions(learner)
    for title in ("标注员", "质检员", "训练师"):
        build.interview(
            platform.employer_hr, chain.apply(learner, chain.position(platform, title=title))
        )
    assert len(timeline_for(user=learner, person_id=learner.pk).entries) >= 35
    with django_assert_max_num_queries(one_of_each):
        timeline_for(user=learner, person_id=learner.pk)
    assert measure(page).queries <= page_before
    assert measure(endpoint).queries <= endpoint_before
