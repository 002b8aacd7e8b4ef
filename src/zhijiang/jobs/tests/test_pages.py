"""The jobs pages: board, position, posting, applications, profile, notifications."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.utils import timezone

from zhijiang.accounts.models import Membership, Role
from zhijiang.jobs import applications
from zhijiang.jobs.models import Application, EmploymentCheck, Position, WorkExperience
from zhijiang.jobs.tests.factories import TRAINER, make_position
from zhijiang.occupations.models import PersonSkill

pytestmark = pytest.mark.django_db


def json_ld_of(page: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert found, "no JSON-LD on the page"
    return json.loads(found.group(1))


def post_form(**overrides):
    data = {
        "title": "数据标注员",
        "description": "标注图片和文字数据。\n检查质量。",
        "occupation": TRAINER,
        "required_skills": "Python、data annotation",
        "preferred_skills": "机器学习",
        "level_min": "2",
        "education_min": "",
        "experience_years": "1",
        "pay_min": "5000",
        "pay_max": "7000",
        "district": "500103",
        "address": "",
        "headcount": "1",
        "employment_type": "full_time",
        "closes_on": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def applied(position, learner):
    return applications.application_submit(applicant=learner, position=position, note="你好")


def test_board_lists_open_positions_to_anyone_and_filters_them(
    web, position, employer_hr, employer
):
    make_position(
        actor=employer_hr, employer=employer, title="焊工", description="焊接钢结构。",
        occupation="", district="500106", pay_min=4000, pay_max=5000, level_min=5,
        required_skills=[], preferred_skills=[],
    )  # fmt: skip
    client = web()
    assert client.get("/jobs/").content.decode().count('data-testid="position-card"') == 2
    assert "焊工" not in client.get("/jobs/?q=训练师").content.decode()
    by_district = client.get("/jobs/?district=500106").content.decode()
    assert "焊工" in by_district and "人工智能训练师" not in by_district
    by_pay = client.get("/jobs/?pay_from=8000").content.decode()
    assert "人工智能训练师" in by_pay and "焊工" not in by_pay
    by_occupation = client.get("/jobs/?occupation=4-04").content.decode()
    assert "人工智能训练师" in by_occupation and "焊工" not in by_occupation
    by_level = client.get("/jobs/?level=3").content.decode()
    assert "人工智能训练师" in by_level and "焊工" not in by_level


def test_board_card_shows_employer_district_pay_occupation_and_date(web, position):
    page = web(language="zh-hans").get("/jobs/").content.decode()
    assert "渝中数智科技有限公司" in page and "渝中区" in page and "6000" in page
    assert TRAINER in page and timezone.localdate(position.created_at).isoformat() in page


def test_board_htmx_request_gets_only_the_results(web, position):
    page = web().get("/jobs/?q=训练师", HTTP_HX_REQUEST="true").content.decode()
    assert page.startswith('<div id="results">') and "<html" not in page


def test_paused_position_leaves_the_board_and_its_public_page(web, position, employer_hr):
    response = web(employer_hr).post(
        f"/jobs/manage/{position.pk}/status/", {"status": "paused"}, follow=True
    )
    assert "Paused" in response.content.decode()
    assert 'data-testid="position-card"' not in web().get("/jobs/").content.decode()
    assert web().get(f"/jobs/{position.pk}/").status_code == 404


def test_position_page_shows_what_a_seeker_needs_and_json_ld(web, position):
    page = web(language="zh-hans").get(f"/jobs/{position.pk}/").content.decode()
    assert "负责数据标注与质检。<br>需要熟悉 Python。" in page
    assert "中级工" in page and "解放碑大厦 12 楼" in page
    data = json_ld_of(page)
    assert data["@type"] == "JobPosting" and data["title"] == "人工智能训练师"
    assert data["datePosted"] == timezone.localdate(position.created_at).isoformat()
    assert data["employmentType"] == "FULL_TIME"
    assert data["hiringOrganization"]["name"] == "渝中数智科技有限公司"
    address = data["jobLocation"]["address"]
    assert address["addressLocality"] == "渝中区" and address["addressRegion"] == "重庆市"
    assert address["addressCountry"] == "CN"
    salary = data["baseSalary"]
    assert salary["currency"] == "CNY"
    assert salary["value"] == {
        "@type": "QuantitativeValue", "minValue": 6000, "maxValue": 9000, "unitText": "MONTH",
    }  # fmt: skip
    assert data["occupationalCategory"].startswith(TRAINER)
    assert "数据标注" in data["skills"] and data["totalJobOpenings"] == 2


def test_json_ld_cannot_end_its_script_element(web, employer_hr, employer, skills):
    position = make_position(
        actor=employer_hr, employer=employer, title="</script><b>x", description="a & b"
    )
    page = web().get(f"/jobs/{position.pk}/").content.decode()
    assert "</script><b>" not in page
    assert json_ld_of(page)["title"] == "</script><b>x"


def test_employer_posts_a_position_with_skills_given_as_labels(web, employer_hr, skills):
    response = web(employer_hr).post("/jobs/manage/new/", post_form())
    position = Position.objects.get(title="数据标注员")
    assert response.status_code == 302
    assert response["Location"] == f"/jobs/manage/{position.pk}/"
    required = set(position.skill_links.filter(required=True).values_list("skill__key", flat=True))
    assert required == {"python", "数据标注"}
    assert position.skill_links.get(required=False).skill.key == "机器学习"


def test_pay_min_above_pay_max_shows_the_message_and_creates_nothing(web, employer_hr, skills):
    response = web(employer_hr).post("/jobs/manage/new/", post_form(pay_min="9000"))
    assert response.status_code == 400
    assert "The lowest pay exceeds the highest pay." in response.content.decode()
    assert not Position.objects.exists()


def test_an_unknown_skill_is_a_field_error_naming_it(web, employer_hr, skills):
    response = web(employer_hr).post(
        "/jobs/manage/new/", post_form(required_skills="Python、驾驶挖掘机")
    )
    assert response.status_code == 400
    assert "Unknown skill: 驾驶挖掘机" in response.content.decode()
    assert not Position.objects.exists()


def test_employer_edits_a_position(web, employer_hr, position):
    client = web(employer_hr)
    form = client.get(f"/jobs/manage/{position.pk}/edit/").content.decode()
    assert "Python、data annotation" in form  # labels in the reader's language, not keys
    response = client.post(f"/jobs/manage/{position.pk}/edit/", post_form(title="高级训练师"))
    assert response.status_code == 302
    position.refresh_from_db()
    assert position.title == "高级训练师" and position.pay_max == 7000


def test_a_learner_cannot_post_a_position(web, learner):
    assert web(learner).get("/jobs/manage/new/").status_code == 403


def test_another_employer_gets_404_on_the_manage_page(web, position, other_employer_hr):
    client = web(other_employer_hr)
    assert client.get(f"/jobs/manage/{position.pk}/").status_code == 404
    assert client.get(f"/jobs/manage/{position.pk}/edit/").status_code == 404
    assert 'data-testid="managed-position"' not in client.get("/jobs/manage/").content.decode()


def test_manage_list_shows_status_and_application_counts(web, employer_hr, applied):
    page = web(employer_hr).get("/jobs/manage/").content.decode()
    assert page.count('data-testid="managed-position"') == 1
    assert "1 (1 in progress)" in page and "Post a position" in page


def test_district_officer_oversees_the_position_but_cannot_move_applications(
    web, district_officer, applied
):
    page = web(district_officer).get(f"/jobs/manage/{applied.position_id}/").content.decode()
    assert 'data-testid="application"' in page and 'data-testid="step-' not in page


def test_seeker_sees_the_match_and_applies(web, learner, position):
    client = web(learner)
    page = client.get(f"/jobs/{position.pk}/").content.decode()
    assert 'data-testid="match"' in page and 'data-testid="apply"' in page
    response = client.post(
        f"/jobs/{position.pk}/apply/", {"note": "我做过两年数据标注"}, follow=True
    )
    application = Application.objects.get(applicant=learner, position=position)
    assert application.note == "我做过两年数据标注" and application.match_score is not None
    assert 'data-testid="applied"' in response.content.decode()
    assert 'data-testid="apply"' not in response.content.decode()


def test_applying_twice_shows_the_message(web, learner, applied):
    response = web(learner).post(f"/jobs/{applied.position_id}/apply/", {"note": ""})
    assert response.status_code == 400
    assert "You have already applied to this position." in response.content.decode()


def test_employer_moves_an_application_to_hired_with_a_start_date(web, employer_hr, applied):
    client = web(employer_hr)
    page = client.get(f"/jobs/manage/{applied.position_id}/").content.decode()
    assert 'data-testid="candidate"' in page and 'data-testid="step-shortlisted"' in page
    for step in ("shortlisted", "interviewing", "offered"):
        client.post(f"/jobs/manage/applications/{applied.pk}/move/", {"to": step, "reason": ""})
    response = client.post(
        f"/jobs/manage/applications/{applied.pk}/move/",
        {"to": "hired", "reason": "", "started_on": "2026-03-02"},
        follow=True,
    )
    applied.refresh_from_db()
    assert applied.status == Application.Status.HIRED
    assert applied.hire.started_on == datetime.date(2026, 3, 2)
    assert response.content.decode().count('data-testid="event"') == 5


def test_hiring_without_a_start_date_shows_the_message(web, employer_hr, applied):
    client = web(employer_hr)
    applied.status = Application.Status.OFFERED
    applied.save()
    response = client.post(
        f"/jobs/manage/applications/{applied.pk}/move/", {"to": "hired"}, follow=True
    )
    assert "Give the start date." in response.content.decode()
    applied.refresh_from_db()
    assert applied.status == Application.Status.OFFERED


def test_reject_without_a_reason_shows_the_message(web, employer_hr, applied):
    response = web(employer_hr).post(
        f"/jobs/manage/applications/{applied.pk}/move/", {"to": "rejected", "reason": " "},
        follow=True,
    )  # fmt: skip
    assert "Say why the application is rejected." in response.content.decode()
    applied.refresh_from_db()
    assert applied.status == Application.Status.APPLIED


def test_seeker_withdraws_an_application(web, learner, applied):
    client = web(learner)
    page = client.get("/jobs/applications/").content.decode()
    assert 'data-testid="my-application"' in page and "Applied" in page
    response = client.post(f"/jobs/applications/{applied.pk}/withdraw/", {"reason": "找到了"})
    assert response.status_code == 302
    applied.refresh_from_db()
    assert applied.status == Application.Status.WITHDRAWN
    page = client.get("/jobs/applications/").content.decode()
    assert "Withdrawn" in page and 'data-testid="withdraw"' not in page


def test_someone_else_cannot_withdraw_an_application(web, other_learner, applied):
    assert web(other_learner).post(f"/jobs/applications/{applied.pk}/withdraw/").status_code == 404


def test_notifications_page_lists_the_application_notice_and_marks_all_read(
    web, employer_hr, applied
):
    client = web(employer_hr)
    page = client.get("/jobs/notifications/").content.decode()
    assert "New application for 人工智能训练师" in page and 'data-testid="mark-all-read"' in page
    client.post("/jobs/notifications/")
    assert 'data-testid="mark-all-read"' not in client.get("/jobs/notifications/").content.decode()


def test_seeker_pages_need_a_sign_in(web):
    for path in ("/jobs/applications/", "/jobs/matches/", "/jobs/profile/", "/jobs/manage/"):
        response = web().get(path)
        assert response.status_code == 302 and "login" in response["Location"]


def test_a_non_seeker_gets_403_on_seeker_pages(web, employer_hr):
    client = web(employer_hr)
    for path in ("/jobs/applications/", "/jobs/matches/", "/jobs/profile/"):
        assert client.get(path).status_code == 403


def test_matches_rank_open_positions_with_skills_and_reasons(web, learner, position, skills):
    page = web(learner).get("/jobs/matches/").content.decode()
    assert 'data-testid="matched-position"' not in page  # none of the required skills yet
    PersonSkill.objects.create(user=learner, skill=skills[0], source=PersonSkill.Source.CV)
    page = web(learner).get("/jobs/matches/").content.decode()
    assert 'data-testid="matched-position"' in page and "人工智能训练师" in page


def test_seeker_updates_the_job_profile(web, learner):
    client = web(learner)
    response = client.post(
        "/jobs/profile/",
        {
            "education": "associate",
            "major": "计算机",
            "summary": "",
            "preferred_districts": ["500103", "500106"],
            "preferred_occupations": f"{TRAINER}, 2-02-38-01",
            "pay_min": "6000",
            "availability": "now",
        },
    )
    assert response.status_code == 302
    profile = learner.seeker_profile
    assert profile.education == "associate" and profile.pay_min == 6000
    assert profile.preferred_districts.count() == 2
    assert profile.preferred_occupations.count() == 2


def test_an_unknown_occupation_code_in_the_profile_is_shown_at_its_field(web, learner):
    response = web(learner).post(
        "/jobs/profile/", {"preferred_occupations": "9-99-99-99", "availability": "now"}
    )
    assert response.status_code == 400
    assert "Unknown code: 9-99-99-99" in response.content.decode()


def test_seeker_adds_and_deletes_a_job_held(web, learner):
    client = web(learner)
    response = client.post(
        "/jobs/profile/work/",
        {"work-title": "数据标注员", "work-occupation": TRAINER, "work-started_on": "2022-01-01"},
    )
    assert response.status_code == 302
    job = WorkExperience.objects.get(user=learner)
    assert job.occupation.code == TRAINER
    assert "数据标注员" in client.get("/jobs/profile/").content.decode()
    client.post(f"/jobs/profile/work/{job.pk}/delete/")
    assert not WorkExperience.objects.filter(user=learner).exists()


def test_a_job_that_ends_before_it_starts_is_refused_at_the_end_date(web, learner):
    response = web(learner).post(
        "/jobs/profile/work/",
        {"work-title": "焊工", "work-started_on": "2022-01-01", "work-ended_on": "2021-01-01"},
    )
    assert response.status_code == 400
    assert "The end comes before the start." in response.content.decode()


def test_seeker_declares_a_certificate(web, learner):
    response = web(learner).post(
        "/jobs/profile/certificates/", {"cert-occupation": TRAINER, "cert-level": "3"}
    )
    assert response.status_code == 302
    page = web(learner, language="zh-hans").get("/jobs/profile/").content.decode()
    assert 'data-testid="certificate"' in page and "中级工" in page


def test_suggest_occupation_for_a_job_title_returns_a_fragment(web, learner):
    page = web(learner).post("/jobs/profile/suggest/", {"work-title": "人工智能训练师"})
    assert TRAINER in page.content.decode() and "<html" not in page.content.decode()


def test_suggest_occupation_and_skills_for_a_position_text(web, employer_hr, skills):
    response = web(employer_hr).post(
        "/jobs/manage/suggest/",
        {"title": "人工智能训练师", "description": "会用 Python 做数据标注"},
    )
    page = response.content.decode()
    assert 'data-testid="suggestions"' in page and TRAINER in page


def test_hired_person_answers_the_employment_follow_up(web, employer_hr, learner, applied):
    applied.status = Application.Status.OFFERED
    applied.save()
    applications.application_move(
        actor=employer_hr, application=applied, to="hired", started_on=datetime.date(2024, 1, 2)
    )
    check = EmploymentCheck.objects.get(hire__application=applied, months=3)
    client = web(learner)
    assert client.get(f"/jobs/checks/{check.pk}/").status_code == 200
    response = client.post(f"/jobs/checks/{check.pk}/", {"answer": "employed"})
    assert response.status_code == 302
    check.refresh_from_db()
    assert check.answer == EmploymentCheck.Answer.EMPLOYED and check.answered_by == learner


def test_someone_who_cannot_see_the_application_gets_404_on_its_follow_up(
    web, employer_hr, other_learner, applied
):
    applied.status = Application.Status.OFFERED
    applied.save()
    applications.application_move(
        actor=employer_hr, application=applied, to="hired", started_on=datetime.date(2024, 1, 2)
    )
    check = EmploymentCheck.objects.get(hire__application=applied, months=3)
    assert web(other_learner).get(f"/jobs/checks/{check.pk}/").status_code == 404


def test_navigation_offers_jobs_to_anyone_and_seeker_pages_to_seekers(web, learner):
    assert 'href="/jobs/"' in web().get("/jobs/").content.decode()
    page = web(learner).get("/jobs/").content.decode()
    for path in ("/jobs/matches/", "/jobs/applications/", "/jobs/profile/", "/jobs/notifications/"):
        assert f'href="{path}"' in page


def test_an_employer_cannot_apply(web, employer_hr, position):
    assert web(employer_hr).post(f"/jobs/{position.pk}/apply/", {"note": ""}).status_code == 403
    assert not Application.objects.exists()


def test_a_bad_board_filter_is_shown_and_the_others_still_apply(web, position):
    page = web().get("/jobs/?pay_from=abc&district=500106").content.decode()
    assert "Enter a whole number." in page and 'data-testid="position-card"' not in page


def test_staff_of_two_employers_choose_which_one_posts(web, employer_hr, other_employer, skills):
    Membership.objects.create(
        user=employer_hr, role=Role.EMPLOYER_STAFF, organisation=other_employer
    )
    client = web(employer_hr)
    assert 'name="employer"' in client.get("/jobs/manage/new/").content.decode()
    response = client.post("/jobs/manage/new/", post_form(employer=str(other_employer.pk)))
    assert response.status_code == 302
    assert Position.objects.get().employer == other_employer
