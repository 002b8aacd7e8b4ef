"""The learner's home page: their path through the chain (profile → career plan → courses →
assessments → certificates → applications), the state of each step, and the one next step."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zhijiang.accounts.models import Role, User
from zhijiang.accounts.tests.factories import make_person
from zhijiang.assessment import sessions
from zhijiang.assessment.tests.factories import calibrated_items, make_bank, make_session
from zhijiang.web.path import LearnerFacts, StepState, learner_path
from zhijiang.web.tests import chain
from zhijiang.web.tests.chain import learner_panel, next_step_of, steps_of

pytestmark = pytest.mark.django_db

STEPS = ["profile", "plan", "courses", "exams", "certificates", "applications"]


@pytest.fixture
def platform(district_officer: User, bureau_officer: User) -> chain.Platform:
    return chain.platform(officer=district_officer, bureau_officer=bureau_officer)


def home(web: Any, user: User, language: str = "en") -> str:
    response = web(user, language=language).get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_learner_is_guided_to_read_a_cv_or_fill_the_profile_instead_of_empty_counts(
    web, learner
):
    page = home(web, learner)
    assert next_step_of(page) == ("profile", "/occupations/analyse/")
    assert 'href="/jobs/profile/"' in learner_panel(page)  # or fill the profile by hand
    assert "Start with your profile" in page
    assert steps_of(page) == {
        "profile": "current",
        "plan": "blocked",
        "courses": "todo",
        "exams": "todo",
        "certificates": "blocked",
        "applications": "todo",
    }
    panel = learner_panel(page)
    assert "0 / 0" not in page
    assert not re.search(r">\s*0\s*<", panel)
    assert not re.search(r"\b0 (skills|courses|assessments|certificates|applications)\b", panel)


def test_the_guidance_is_in_chinese_by_default(web, learner):
    page = home(web, learner, language="zh-hans")
    assert "下一步" in page and "先完善个人资料" in page and "读取我的简历" in page
    assert "尚不可进行" in page  # the career plan waits for the profile
    assert "0 / 0" not in page


def test_a_learner_who_did_every_step_sees_each_done_and_every_link_opens(web, learner, platform):
    chain.add_skills(learner)
    chain.complete(chain.enrol(learner, chain.run_of(platform)))
    chain.certify(platform, learner)
    chain.hire(platform, chain.apply(learner, chain.position(platform)))

    page = home(web, learner)
    assert steps_of(page) == dict.fromkeys(STEPS, StepState.DONE.value)
    panel = learner_panel(page)
    assert "1 course, 1 completed" in panel
    assert "1 certificate, verifiable anywhere" in panel
    assert "1 application, 0 still open" in panel
    assert next_step_of(page) == ("plan", "/careers/plan/")  # hired: keep growing

    links = set(re.findall(r'href="(/[^"]*)"', panel))
    expected = {
        "/jobs/profile/", "/occupations/analyse/", "/careers/plan/", "/training/mine/",
        "/training/", "/assessment/mine/", "/credentials/mine/", "/jobs/applications/",
        "/jobs/matches/",
    }  # fmt: skip
    assert expected <= links
    client = web(learner)
    for link in sorted(links):
        assert client.get(link).status_code == 200, link


def test_the_next_step_follows_the_learner_along_the_chain(web, learner, platform):
    assert next_step_of(home(web, learner))[0] == "profile"

    chain.add_skills(learner)
    page = home(web, learner)
    assert next_step_of(page) == ("plan", "/careers/plan/")
    assert steps_of(page)["profile"] == "done" and steps_of(page)["plan"] == "current"
    assert "1 skill on your profile" in page

    enrolment = chain.enrol(learner, chain.run_of(platform))
    page = home(web, learner)
    assert next_step_of(page) == ("courses", "/training/mine/")
    assert steps_of(page)["courses"] == "current" and steps_of(page)["plan"] == "done"

    chain.complete(enrolment)
    page = home(web, learner)
    assert next_step_of(page) == ("applications", "/jobs/matches/")
    assert steps_of(page)["courses"] == "done"

    application = chain.apply(learner, chain.position(platform))
    page = home(web, learner)
    assert next_step_of(page) == ("applications", "/jobs/applications/")
    assert steps_of(page)["applications"] == "current"

    chain.hire(platform, application)
    page = home(web, learner)
    assert next_step_of(page) == ("plan", "/careers/plan/")
    assert steps_of(page)["applications"] == "done"


def test_an_exam_to_take_comes_first_and_a_pass_is_waiting_for_its_certificate(
    web, learner, platform, district_officer, bureau_officer
):
    from zhijiang.assessment.tests.factories import approved_standard

    chain.add_skills(learner)
    standard = approved_standard(drafter=district_officer, approver=bureau_officer)
    bank = make_bank(actor=platform.assessor, owner=platform.body, standard=standard)
    calibrated_items(author=platform.assessor, bank=bank, count=40)
    session = make_session(actor=platform.assessor, bank=bank)
    sessions.registration_create(actor=platform.assessor, session=session, person=learner)

    page = home(web, learner)
    assert next_step_of(page) == ("exams", "/assessment/mine/")
    assert steps_of(page)["exams"] == "current"
    assert steps_of(page)["certificates"] == "blocked"
    assert "1 assessment, 0 passed" in page


def test_the_home_page_counts_only_the_learners_own_steps(web, learner, other_learner, platform):
    chain.add_skills(other_learner)
    chain.enrol(other_learner, chain.run_of(platform))
    chain.certify(platform, other_learner)
    chain.apply(other_learner, chain.position(platform))

    page = home(web, learner)
    assert next_step_of(page)[0] == "profile"
    assert set(steps_of(page).values()) <= {"current", "blocked", "todo"}


def test_the_career_plan_is_in_the_learners_navigation(web, learner, employer_hr):
    nav = home(web, learner).split('<nav aria-label="Main">')[1].split("</nav>")[0]
    assert 'href="/careers/plan/"' in nav and "My career plan" in nav
    assert 'href="/careers/plan/"' not in home(web, employer_hr)


def test_other_roles_keep_their_panels_without_a_learner_path(web, district_officer):
    page = home(web, district_officer)
    assert "Your area" in page and 'data-testid="next-step"' not in page


def _home_queries(web: Any, user: User) -> int:
    client = web(user)
    client.get("/")  # warm the session and caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_the_home_page_makes_the_same_queries_for_1_or_10_of_everything(
    web, learner, other_learner, platform, django_assert_max_num_queries
):
    def give(person: User, rows: int) -> None:
        chain.add_skills(person, ("python", "数据标注", "机器学习")[: min(rows, 3)])
        for number in range(rows):
            chain.enrol(person, chain.run_of(platform, days=10 + number))
            chain.certify(platform, person)
            chain.apply(person, chain.position(platform, title=f"岗位 {person.pk}-{number}"))

    give(learner, 1)
    give(other_learner, 10)
    one, ten = _home_queries(web, learner), _home_queries(web, other_learner)
    assert one == ten
    client = web(other_learner)
    with django_assert_max_num_queries(15):
        client.get("/")


def test_the_rules_of_the_path_on_their_own():
    empty = learner_path(LearnerFacts())
    assert empty.next_step.step == "profile"
    assert [s.state for s in empty.steps] == [
        StepState.CURRENT, StepState.BLOCKED, StepState.TODO, StepState.TODO,
        StepState.BLOCKED, StepState.TODO,
    ]  # fmt: skip
    passed = learner_path(LearnerFacts(skills=2, exams=1, exams_passed=1))
    assert passed.steps[3].state == StepState.DONE
    assert passed.steps[4].state == StepState.CURRENT  # the certificate follows the final pass
    rejected = learner_path(LearnerFacts(skills=1, applications=2))
    assert rejected.steps[5].state == StepState.TODO
    assert rejected.next_step.button.url_name == "careers:plan"
    profile_only = learner_path(LearnerFacts(job_profile=True))
    assert profile_only.steps[0].state == StepState.DONE and profile_only.steps[0].count is None


def test_a_person_with_no_learner_role_has_no_path(web, db):
    nobody = make_person(role=Role.EMPLOYER_STAFF, username="nora")
    assert 'data-testid="next-step"' not in home(web, nobody)
