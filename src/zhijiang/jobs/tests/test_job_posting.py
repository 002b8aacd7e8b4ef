"""schema.org JobPosting on a public position page: its end date, identifier, employment type
and HTML description, set by the employer through the web form and the API; a closed or expired
position keeps its page for people but drops the markup, so search engines drop the posting."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.utils import timezone

from zhijiang.jobs.models import ADVERTISED_DAYS, EmploymentType, Position
from zhijiang.jobs.tests.factories import make_position

pytestmark = pytest.mark.django_db

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def position_body(**changes: Any) -> dict[str, Any]:
    from zhijiang.jobs.tests.test_api import position_body as body

    return body(required_skills=["python"], preferred_skills=[], **changes)


def job_posting_on(web: Any, position: Position) -> dict[str, Any] | None:
    response = web().get(f"/jobs/{position.pk}/")
    assert response.status_code == 200
    found = LD_JSON.search(response.content.decode())
    return json.loads(found.group(1)) if found else None


def end_of(day: dt.date) -> str:
    return f"{day.isoformat()}T23:59:59+08:00"


def test_a_posting_names_its_id_end_date_and_employment_type(web, position):
    data = job_posting_on(web, position)
    assert data is not None
    assert data["identifier"] == {
        "@type": "PropertyValue", "name": "智匠 Zhijiang", "value": str(position.pk),
    }  # fmt: skip
    posted = timezone.localdate(position.created_at)
    assert data["validThrough"] == end_of(posted + dt.timedelta(days=ADVERTISED_DAYS))
    assert data["employmentType"] == "FULL_TIME"


def test_the_description_is_escaped_html_with_paragraphs_and_line_breaks(
    web, employer_hr, employer, skills
):
    position = make_position(
        actor=employer_hr, employer=employer,
        description="负责 <b>标注</b> & 质检。\n熟悉 Python。\n\n每周五天。",
    )  # fmt: skip
    data = job_posting_on(web, position)
    assert data is not None
    assert data["description"] == (
        "<p>负责 &lt;b&gt;标注&lt;/b&gt; &amp; 质检。<br>熟悉 Python。</p>\n\n<p>每周五天。</p>"
    )


def test_employer_sets_employment_type_and_end_date_in_the_position_form(
    web, employer_hr, employer, skills
):
    from zhijiang.jobs.tests.test_pages import post_form

    closes = timezone.localdate() + dt.timedelta(days=30)
    client = web(employer_hr)
    form = client.get("/jobs/manage/new/").content.decode()
    assert 'name="employment_type"' in form and 'name="closes_on"' in form
    response = client.post(
        "/jobs/manage/new/", post_form(employment_type="part_time", closes_on=closes.isoformat())
    )
    assert response.status_code == 302
    position = Position.objects.get(title="数据标注员")
    assert position.employment_type == EmploymentType.PART_TIME and position.closes_on == closes
    data = job_posting_on(web, position)
    assert data is not None
    assert data["employmentType"] == "PART_TIME" and data["validThrough"] == end_of(closes)
    edit = client.get(f"/jobs/manage/{position.pk}/edit/").content.decode()
    assert '<option value="part_time" selected>' in edit and closes.isoformat() in edit
    zh = web(language="zh-hans").get(f"/jobs/{position.pk}/").content.decode()
    assert "兼职" in zh


def test_the_position_form_refuses_an_unknown_type_and_a_past_end_date(
    web, employer_hr, employer, skills
):
    from zhijiang.jobs.tests.test_pages import post_form

    client = web(employer_hr)
    unknown = client.post("/jobs/manage/new/", post_form(employment_type="gig"))
    past = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    passed = client.post("/jobs/manage/new/", post_form(closes_on=past))
    assert unknown.status_code == 400 and passed.status_code == 400
    assert "The closing date has passed." in passed.content.decode()
    assert not Position.objects.filter(title="数据标注员").exists()


def test_api_sets_and_shows_employment_type_and_end_date(api, employer, employer_hr, skills):
    closes = timezone.localdate() + dt.timedelta(days=10)
    path = f"/jobs/employers/{employer.pk}/positions"
    client = api(employer_hr)
    plain = client.call("post", path, position_body())
    assert plain.status_code == 201, plain.json()
    assert plain.json()["employment_type"] == "full_time" and plain.json()["closes_on"] is None
    body = position_body(employment_type="intern", closes_on=closes.isoformat())
    created = client.call("post", path, body)
    assert created.status_code == 201, created.json()
    assert created.json()["employment_type"] == "intern"
    assert created.json()["closes_on"] == closes.isoformat()
    position_id = created.json()["id"]
    changed = client.call(
        "put", f"/jobs/positions/{position_id}", {**body, "employment_type": "temporary"}
    )
    assert changed.status_code == 200 and changed.json()["employment_type"] == "temporary"
    assert Position.objects.get(pk=position_id).employment_type == EmploymentType.TEMPORARY


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"employment_type": "FULL_TIME"}, "employment_type"),
        ({"closes_on": "2000-01-01"}, "closes_on"),
        ({"closes_on": "9999-12-31"}, "closes_on"),
    ],
)
def test_api_refuses_an_unknown_type_or_an_end_date_out_of_range(
    api, employer, employer_hr, skills, changes, field
):
    path = f"/jobs/employers/{employer.pk}/positions"
    response = api(employer_hr).call("post", path, position_body(**changes))
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert not Position.objects.exists()


def test_a_closed_position_keeps_its_page_without_markup(web, position, employer_hr):
    response = web(employer_hr).post(f"/jobs/manage/{position.pk}/status/", {"status": "closed"})
    assert response.status_code == 302
    assert job_posting_on(web, position) is None


def test_a_position_past_its_end_date_drops_the_markup(web, position):
    Position.objects.filter(pk=position.pk).update(
        closes_on=timezone.localdate() - dt.timedelta(days=1)
    )
    assert job_posting_on(web, position) is None


def test_a_position_without_end_date_drops_the_markup_after_the_default_period(web, position):
    posted = timezone.now() - dt.timedelta(days=ADVERTISED_DAYS + 1)
    Position.objects.filter(pk=position.pk).update(created_at=posted)
    assert job_posting_on(web, position) is None
    Position.objects.filter(pk=position.pk).update(
        closes_on=timezone.localdate() + dt.timedelta(days=5)
    )
    assert job_posting_on(web, position) is not None


def test_a_position_past_its_closing_date_leaves_the_board(web, api, position):
    assert f"/jobs/{position.pk}/" in web().get("/jobs/").content.decode()
    Position.objects.filter(pk=position.pk).update(
        closes_on=timezone.localdate() - dt.timedelta(days=1)
    )
    assert f"/jobs/{position.pk}/" not in web().get("/jobs/").content.decode()
    assert api().call("get", "/jobs/positions").json()["count"] == 0
