"""The career planner and the nightly push of matching positions."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from zhijiang.careers.models import MatchPush
from zhijiang.careers.services import match_push
from zhijiang.common.models import District, Notification
from zhijiang.jobs import profiles, services
from zhijiang.jobs.models import Position
from zhijiang.occupations.models import Occupation, PersonSkill, Skill

TODAY = datetime.date(2026, 11, 30)


def _skill(key: str, label: str) -> Skill:
    return Skill.objects.get_or_create(
        key=key, defaults={"label_zh": label, "label_en": label, "kind": "technical"}
    )[0]


def _post(actor: Any, employer: Any, title: str, occupation: str, required: list[str],
          district: str = "500103") -> Position:  # fmt: skip
    return services.position_create(
        actor=actor,
        employer=employer,
        data=services.PositionInput(
            title=title,
            description=f"{title}：需要 {'、'.join(required)}",
            pay_min=6000,
            pay_max=9000,
            district=district,
            occupation=occupation,
            required_skills=required,
        ),
    )


@pytest.fixture
def market(db: None, employer: Any, employer_hr: Any) -> dict[str, Position]:
    for key in ("python", "mysql", "spark", "excel", "plc"):
        _skill(key, key.upper())
    return {
        "data1": _post(employer_hr, employer, "大数据开发", "2-02-38-03", ["python", "spark"]),
        "data2": _post(
            employer_hr, employer, "数据仓库工程师", "2-02-38-03", ["python", "mysql", "spark"]
        ),
        "analyst": _post(employer_hr, employer, "数据分析", "2-02-30-09", ["mysql", "excel"]),
        "plc": _post(employer_hr, employer, "电气调试", "6-31-01-03", ["plc"]),
        "far": _post(employer_hr, employer, "远方的岗位", "2-02-38-03", ["python"], "500106"),
    }


@pytest.fixture
def seeker(learner: Any) -> Any:
    profiles.profile_update(
        user=learner, data=profiles.ProfileInput(preferred_districts=["500103"], pay_min=5000)
    )
    for key in ("python", "mysql"):
        PersonSkill.objects.create(user=learner, skill=Skill.objects.get(key=key), source="cv")
    return learner


def test_plan_targets_hiring_occupations_within_reach_with_the_gap(
    api: Any, market: Any, seeker: Any
) -> None:
    plan = api(seeker).call("get", "/careers/me/career-plan").json()
    codes = [t["occupation"] for t in plan]
    assert codes[0] == "2-02-38-03"  # two positions, and the person has most of the skills
    assert set(codes) <= {"2-02-38-03", "2-02-30-09", "6-31-01-03"}
    assert 3 <= len(plan) <= 5 or len(plan) == len({p.occupation_id for p in market.values()})
    top = plan[0]
    assert top["demand"] == 2  # the position in another district does not count
    assert [g["key"] for g in top["gap"]] == ["spark"]
    assert top["gap"][0]["demand"] == 2
    assert top["level_rank"] == 2
    assert {p["position"]["id"] for p in top["positions"]} <= {
        market["data1"].pk, market["data2"].pk,
    }  # fmt: skip


def test_plan_is_for_job_seekers_only(api: Any, employer_hr: Any) -> None:
    assert api(employer_hr).call("get", "/careers/me/career-plan").status_code == 403


def test_plan_page_shows_targets(client: Any, market: Any, seeker: Any) -> None:
    client.force_login(seeker)
    page = client.get("/careers/plan/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "Spark".upper() in page.content.decode() and "plan-target" in page.content.decode()


def test_nightly_push_sends_good_matches_once_and_respects_the_daily_cap(
    market: Any, seeker: Any
) -> None:
    first = match_push(today=TODAY, threshold=0.2, daily_cap=2)
    assert first.pushed == 2 and first.capped >= 1
    assert Notification.objects.filter(user=seeker, kind="match").count() == 2
    again = match_push(today=TODAY, threshold=0.2, daily_cap=2)
    assert again.pushed == 0  # the cap for today is used up
    tomorrow = match_push(today=TODAY + datetime.timedelta(days=1), threshold=0.2, daily_cap=2)
    pairs = list(MatchPush.objects.values_list("user_id", "position_id"))
    assert len(pairs) == len(set(pairs))  # never the same position twice
    assert tomorrow.skipped_known >= 2


def test_nightly_push_skips_positions_the_person_applied_to(
    market: Any, seeker: Any, api: Any
) -> None:
    api(seeker).call("post", f"/jobs/positions/{market['data2'].pk}/applications", {})
    match_push(today=TODAY, threshold=0.0, daily_cap=10)
    pushed = set(MatchPush.objects.values_list("position_id", flat=True))
    assert market["data2"].pk not in pushed and market["data1"].pk in pushed


def test_people_not_looking_get_no_pushes(market: Any, seeker: Any) -> None:
    profiles.profile_update(user=seeker, data=profiles.ProfileInput(availability="not_looking"))
    assert match_push(today=TODAY, threshold=0.0).seekers == 0
    assert not MatchPush.objects.exists()


def test_push_figures_are_scoped_to_the_officers_district(
    api: Any, market: Any, seeker: Any, district_officer: Any, other_district_officer: Any,
    learner: Any,
) -> None:  # fmt: skip
    match_push(today=TODAY, threshold=0.0, daily_cap=10)
    mine = api(district_officer).call("get", "/careers/pushes/stats").json()
    theirs = api(other_district_officer).call("get", "/careers/pushes/stats").json()
    assert mine["pushes_total"] >= 3 and mine["people_reached"] == 1
    assert theirs["pushes_total"] == 0
    assert api(learner).call("get", "/careers/pushes/stats").status_code == 403


def test_nightly_command_pushes_and_asks_follow_ups(market: Any, seeker: Any) -> None:
    out = StringIO()
    call_command("careers", "nightly", "--threshold", "0", stdout=out)
    assert "pushed" in out.getvalue()
    assert MatchPush.objects.filter(user=seeker).exists()


def test_nightly_command_can_queue_the_task_for_the_worker(market: Any, seeker: Any) -> None:
    from django_tasks_db.models import DBTaskResult

    out = StringIO()
    call_command("careers", "nightly", "--enqueue", stdout=out)
    assert "queued" in out.getvalue()
    assert DBTaskResult.objects.count() == 1


def test_unused_fixtures_are_real(db: None) -> None:
    assert District.objects.filter(code="500103").exists()
    assert Occupation.objects.filter(code="2-02-38-03").exists()


def test_plan_lists_courses_for_the_target_starting_soon(
    api: Any, market: Any, seeker: Any, district_officer: Any, bureau_officer: Any,
    provider_staff: Any,
) -> None:  # fmt: skip
    from zhijiang.accounts.models import Organisation
    from zhijiang.occupations import services as standards
    from zhijiang.occupations.tests.factories import document
    from zhijiang.training.tests.factories import make_course, make_run

    standard = standards.standard_import(
        actor=district_officer, data=document(code="2-02-38-03", name="大数据工程技术人员")
    )
    standards.standard_submit(actor=district_officer, standard=standard)
    standards.standard_approve(actor=bureau_officer, standard=standard)
    provider = Organisation.objects.get(memberships__user=provider_staff)
    course = make_course(actor=provider_staff, owner=provider, standard=standard)
    run = make_run(actor=provider_staff, course=course, provider=provider)
    plan = api(seeker).call("get", "/careers/me/career-plan").json()
    top = plan[0]
    assert top["occupation"] == "2-02-38-03"
    assert [c["run_id"] for c in top["courses"]] == [run.pk]
    assert top["courses"][0]["voucher_eligible"] is True
    assert all(not t["courses"] for t in plan[1:])


def test_plan_never_suggests_a_skill_only_one_posting_of_many_asks_for(
    api: Any, market: Any, seeker: Any, employer: Any, employer_hr: Any
) -> None:
    _skill("french", "法语")
    for title in ("数据开发", "数据平台开发"):
        _post(employer_hr, employer, title, "2-02-38-03", ["python", "spark"])
    _post(employer_hr, employer, "外企数据开发", "2-02-38-03", ["python", "spark", "french"])
    plan = api(seeker).call("get", "/careers/me/career-plan").json()
    top = plan[0]
    assert top["occupation"] == "2-02-38-03" and top["demand"] == 5
    assert [g["key"] for g in top["gap"]] == ["spark"]  # 法语: 1 of 5 postings


def test_plan_aims_one_level_above_a_valid_platform_certificate(
    api: Any, market: Any, seeker: Any, assessor: Any
) -> None:
    from zhijiang.accounts.models import Organisation
    from zhijiang.credentials.services import certificate_issue, certificate_revoke

    body = Organisation.objects.get(memberships__user=assessor)
    certificate = certificate_issue(
        actor=assessor, issuer=body, person=seeker, level=3, evidence="理论 80 分，实操 85 分",
        occupation=Occupation.objects.get(code="2-02-38-03"),
    )  # fmt: skip
    top = api(seeker).call("get", "/careers/me/career-plan").json()[0]
    assert (top["occupation"], top["level_rank"]) == ("2-02-38-03", 4)
    certificate_revoke(actor=assessor, certificate=certificate, reason="证书信息有误")
    top = api(seeker).call("get", "/careers/me/career-plan").json()[0]
    assert top["level_rank"] == 2
