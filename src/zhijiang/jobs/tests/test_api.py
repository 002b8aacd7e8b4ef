"""The jobs API: positions, the board, applications through their states, profiles, matches."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from zhijiang.accounts.models import ConsentPurpose, ConsentRecord
from zhijiang.common.models import AuditEvent, Notification
from zhijiang.jobs.models import Application, EmploymentCheck, Position
from zhijiang.occupations.models import PersonSkill, Skill

SKILLS = {
    "python": ("Python", "Python"),
    "mysql": ("MySQL", "MySQL"),
    "data-analysis": ("数据分析", "data analysis"),
    "excel": ("Excel", "Excel"),
}


@pytest.fixture
def skills(db: None) -> dict[str, Skill]:
    return {
        key: Skill.objects.get_or_create(
            key=key, defaults={"label_zh": zh, "label_en": en, "kind": "technical"}
        )[0]
        for key, (zh, en) in SKILLS.items()
    }


def position_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "数据分析师",
        "description": "负责业务数据分析，熟练使用 Python 和 MySQL。",
        "pay_min": 8000,
        "pay_max": 12000,
        "district": "500103",
        "occupation": "2-02-30-09",
        "required_skills": ["python", "mysql"],
        "preferred_skills": ["excel"],
        "headcount": 1,
    }
    body.update(changes)
    return body


@pytest.fixture
def position(api: Any, employer: Any, employer_hr: Any, skills: Any) -> dict[str, Any]:
    response = api(employer_hr).call("post", f"/jobs/employers/{employer.pk}/positions",
                                     position_body())  # fmt: skip
    assert response.status_code == 201, response.json()
    return response.json()


def test_employer_posts_a_position_with_required_and_preferred_skills(position: Any) -> None:
    skills = {s["key"]: s["required"] for s in position["skills"]}
    assert skills == {"python": True, "mysql": True, "excel": False}
    assert position["status"] == "open"
    assert AuditEvent.objects.filter(action="position.create").count() == 1


def test_pay_minimum_above_maximum_is_refused_and_nothing_is_saved(
    api: Any, employer: Any, employer_hr: Any, skills: Any
) -> None:
    response = api(employer_hr).call(
        "post", f"/jobs/employers/{employer.pk}/positions", position_body(pay_min=15000)
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "pay_range_inverted"
    assert "pay_min" in response.json()["error"]["fields"]
    assert not Position.objects.exists()


def test_unknown_skill_is_named_in_the_error(
    api: Any, employer: Any, employer_hr: Any, skills: Any
) -> None:
    response = api(employer_hr).call(
        "post",
        f"/jobs/employers/{employer.pk}/positions",
        position_body(required_skills=["python", "cobol-on-mars"]),
    )
    assert response.status_code == 400
    assert "cobol-on-mars" in response.json()["error"]["fields"]["required_skills"]


def test_staff_of_another_employer_cannot_post_for_it(
    api: Any, employer: Any, other_employer_hr: Any, skills: Any
) -> None:
    response = api(other_employer_hr).call(
        "post", f"/jobs/employers/{employer.pk}/positions", position_body()
    )
    assert response.status_code == 404


def test_posting_needs_a_sign_in(api: Any, employer: Any, skills: Any) -> None:
    response = api().call("post", f"/jobs/employers/{employer.pk}/positions", position_body())
    assert response.status_code == 401


def test_board_lists_open_positions_and_filters_them(api: Any, position: Any) -> None:
    client = api()
    assert [p["id"] for p in client.call("get", "/jobs/positions").json()["items"]] == [
        position["id"]
    ]
    assert client.call("get", "/jobs/positions?district=500106").json()["items"] == []
    assert client.call("get", "/jobs/positions?occupation=2-02").json()["count"] == 1
    assert client.call("get", "/jobs/positions?pay_from=20000").json()["count"] == 0
    assert client.call("get", "/jobs/positions?q=数据").json()["count"] == 1


def test_paused_position_leaves_the_board_and_a_closed_one_cannot_reopen(
    api: Any, position: Any, employer_hr: Any
) -> None:
    client = api(employer_hr)
    pid = position["id"]
    assert (
        client.call("post", f"/jobs/positions/{pid}/status", {"status": "paused"}).status_code
        == 200
    )
    assert api().call("get", "/jobs/positions").json()["count"] == 0
    assert api().call("get", f"/jobs/positions/{pid}").status_code == 404
    assert (
        client.call("post", f"/jobs/positions/{pid}/status", {"status": "closed"}).status_code
        == 200
    )
    again = client.call("post", f"/jobs/positions/{pid}/status", {"status": "open"})
    assert again.status_code == 400 and again.json()["error"]["code"] == "closed"


def test_other_employer_cannot_edit_or_see_candidates(
    api: Any, position: Any, other_employer_hr: Any
) -> None:
    client = api(other_employer_hr)
    pid = position["id"]
    assert client.call("put", f"/jobs/positions/{pid}", position_body()).status_code == 404
    assert client.call("get", f"/jobs/positions/{pid}/candidates").status_code == 404
    assert client.call("get", f"/jobs/positions/{pid}/applications").status_code == 404


def test_district_officer_oversees_positions_of_the_district_but_cannot_edit(
    api: Any, position: Any, district_officer: Any, other_district_officer: Any
) -> None:
    pid = position["id"]
    assert api(district_officer).call("get", "/jobs/manage/positions").json()["count"] == 1
    assert api(other_district_officer).call("get", "/jobs/manage/positions").json()["count"] == 0
    edit = api(district_officer).call("put", f"/jobs/positions/{pid}", position_body())
    assert edit.status_code == 403


def _apply(api: Any, learner: Any, position: Any) -> dict[str, Any]:
    response = api(learner).call("post", f"/jobs/positions/{position['id']}/applications",
                                 {"note": "我熟悉 Python"})  # fmt: skip
    assert response.status_code == 201, response.json()
    return response.json()


def _move(api: Any, user: Any, application: Any, status: str, **extra: Any) -> Any:
    return api(user).call(
        "post", f"/jobs/applications/{application['id']}/move", {"status": status, **extra}
    )


def test_application_goes_from_applied_to_hired_with_follow_ups(
    api: Any, position: Any, learner: Any, employer_hr: Any
) -> None:
    application = _apply(api, learner, position)
    assert application["status"] == "applied"
    for status in ("shortlisted", "interviewing", "offered"):
        assert _move(api, employer_hr, application, status).json()["status"] == status
    hired = _move(api, employer_hr, application, "hired", started_on="2026-12-01")
    assert hired.status_code == 200
    assert [e["to_status"] for e in hired.json()["events"]] == [
        "applied", "shortlisted", "interviewing", "offered", "hired",
    ]  # fmt: skip
    checks = EmploymentCheck.objects.order_by("months")
    assert [(c.months, c.due_on) for c in checks] == [
        (3, datetime.date(2027, 3, 1)),
        (6, datetime.date(2027, 6, 1)),
    ]
    # One opening, one hire: the position closes itself.
    assert Position.objects.get().status == Position.Status.CLOSED
    kinds = set(Notification.objects.filter(user=learner).values_list("kind", flat=True))
    assert {"application.shortlisted", "application.hired"} <= kinds


def test_an_application_cannot_jump_states(
    api: Any, position: Any, learner: Any, employer_hr: Any
) -> None:
    application = _apply(api, learner, position)
    response = _move(api, employer_hr, application, "hired", started_on="2026-12-01")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_transition"
    assert Application.objects.get().status == "applied"


def test_rejection_needs_a_reason_and_hiring_a_start_date(
    api: Any, position: Any, learner: Any, employer_hr: Any
) -> None:
    application = _apply(api, learner, position)
    response = _move(api, employer_hr, application, "rejected")
    assert response.status_code == 400 and "reason" in response.json()["error"]["fields"]
    for status in ("shortlisted", "interviewing", "offered"):
        _move(api, employer_hr, application, status)
    response = _move(api, employer_hr, application, "hired")
    assert response.status_code == 400 and "started_on" in response.json()["error"]["fields"]


def test_the_wrong_employer_cannot_move_an_application(
    api: Any, position: Any, learner: Any, other_employer_hr: Any
) -> None:
    application = _apply(api, learner, position)
    assert _move(api, other_employer_hr, application, "shortlisted").status_code == 404


def test_applicant_cannot_move_their_own_application(api: Any, position: Any, learner: Any) -> None:
    application = _apply(api, learner, position)
    assert _move(api, learner, application, "shortlisted").status_code == 403


def test_applying_twice_is_refused(api: Any, position: Any, learner: Any) -> None:
    _apply(api, learner, position)
    again = api(learner).call("post", f"/jobs/positions/{position['id']}/applications", {})
    assert again.status_code == 400 and again.json()["error"]["code"] == "duplicate"


def test_only_job_seekers_apply(api: Any, position: Any, employer_hr: Any) -> None:
    response = api(employer_hr).call("post", f"/jobs/positions/{position['id']}/applications", {})
    assert response.status_code == 403


def test_applicant_withdraws_but_not_after_the_end(
    api: Any, position: Any, learner: Any, other_learner: Any
) -> None:
    application = _apply(api, learner, position)
    path = f"/jobs/applications/{application['id']}/withdraw"
    assert api(other_learner).call("post", path, {}).status_code == 404
    assert api(learner).call("post", path, {"reason": "已找到工作"}).json()["status"] == "withdrawn"
    assert api(learner).call("post", path, {}).status_code == 400


def test_seeker_profile_skills_and_matches(
    api: Any, position: Any, learner: Any, skills: Any
) -> None:
    client = api(learner)
    profile = client.call(
        "put",
        "/jobs/me/job-profile",
        {"education": "bachelor", "preferred_districts": ["500103"], "pay_min": 7000},
    )
    assert profile.status_code == 200 and profile.json()["education"] == "bachelor"
    work = client.call(
        "post",
        "/jobs/me/job-profile/work",
        {"title": "数据专员", "started_on": "2022-01-01", "ended_on": "2024-01-01",
         "occupation": "2-02-30-09"},
    )  # fmt: skip
    assert work.status_code == 201
    PersonSkill.objects.create(user=learner, skill=skills["python"], source="self")
    matches = client.call("get", "/jobs/me/matches").json()
    assert [m["position"]["id"] for m in matches] == [position["id"]]
    match = matches[0]["match"]
    assert match["matched"] == ["python"] and match["missing"] == ["mysql", "excel"]
    assert 0 < match["score"] <= 1
    assert {f["name"] for f in match["factors"]} >= {"skills", "pay", "district"}
    assert client.call("get", "/jobs/me/job-profile").json()["experience_years"] == 2.0


def test_a_verified_skill_ranks_a_candidate_above_a_declared_one(
    api: Any, position: Any, learner: Any, other_learner: Any, employer_hr: Any, skills: Any
) -> None:
    for person, source in ((learner, "self"), (other_learner, "assessment")):
        ConsentRecord.objects.create(user=person, purpose=ConsentPurpose.SHARE_WITH_EMPLOYERS)
        PersonSkill.objects.create(user=person, skill=skills["python"], source=source)
    ranked = api(employer_hr).call("get", f"/jobs/positions/{position['id']}/candidates").json()
    assert [c["name"] for c in ranked][:2] == [other_learner.full_name, learner.full_name]
    assert ranked[0]["match"]["matched"] == ["python"]


def test_seekers_without_consent_are_not_shown_to_employers_unless_they_applied(
    api: Any, position: Any, learner: Any, employer_hr: Any
) -> None:
    path = f"/jobs/positions/{position['id']}/candidates"
    assert api(employer_hr).call("get", path).json() == []
    _apply(api, learner, position)
    assert [c["applied"] for c in api(employer_hr).call("get", path).json()] == [True]


def test_bad_profile_input_names_the_field(api: Any, learner: Any) -> None:
    response = api(learner).call("put", "/jobs/me/job-profile", {"preferred_districts": ["999999"]})
    assert response.status_code == 400
    assert "999999" in response.json()["error"]["fields"]["preferred_districts"]
    work = api(learner).call(
        "post",
        "/jobs/me/job-profile/work",
        {"title": "x", "started_on": "2024-01-01", "ended_on": "2023-01-01"},
    )
    assert work.status_code == 400 and "ended_on" in work.json()["error"]["fields"]


def test_employers_have_no_job_profile(api: Any, employer_hr: Any) -> None:
    assert api(employer_hr).call("get", "/jobs/me/job-profile").status_code == 403
