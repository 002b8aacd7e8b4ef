"""The quality review page: officers judge a seeded sample of generated content (accept, or
flag with a reason) and see the acceptance rate per generator version move."""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from zhijiang.accounts.models import Role
from zhijiang.accounts.tests.factories import make_person
from zhijiang.analytics.models import ContentReview
from zhijiang.occupations.tests.factories import TRAINER
from zhijiang.training import services as course_services
from zhijiang.training.services import LessonEdit
from zhijiang_engine.curriculum.generate import GENERATOR_VERSION as COURSES_VERSION
from zhijiang_engine.standards.draft import GENERATOR_VERSION as STANDARDS_VERSION

from .conftest import SECOND

pytestmark = pytest.mark.django_db

PAGE = "/analytics/quality/"
VERDICT = "/analytics/quality/verdicts/"


def sample(client: Any, **query: Any) -> Any:
    query.setdefault("seed", 11)
    response = client.get(PAGE, query)
    assert response.status_code == 200, response.content[:500]
    return response


def texts(response: Any) -> list[str]:
    return [str(unit.text) for unit in response.context["units"]]


def judge(client: Any, unit: Any, verdict: str, htmx: bool = True, **extra: Any) -> Any:
    data = {"kind": unit.kind, "object_id": unit.object_id, "path": unit.path, "verdict": verdict}
    data.update(extra)
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(VERDICT, data, headers=headers)


def test_a_bureau_officer_sees_generated_items_and_not_those_a_person_wrote(
    web, bureau_officer, make_items
):
    make_items(2, "template")
    make_items(1, "llm:qwen2.5")
    make_items(1, "manual")

    response = sample(web(bureau_officer), kind="item")

    units = response.context["units"]
    assert sorted(unit.generator for unit in units) == ["llm:qwen2.5", "template", "template"]
    assert all(unit.occupation.code == TRAINER and unit.level == 2 for unit in units)
    page = response.content.decode()
    assert "数据标注时，标注框应当" in page and "答案：A" in page
    assert page.count('data-testid="unit"') == 3
    assert 'hx-post="/analytics/quality/verdicts/"' in page


def test_without_a_seed_the_page_moves_to_an_address_that_names_its_sample(web, bureau_officer):
    response = web(bureau_officer).get(PAGE, {"kind": "requirement"})
    assert response.status_code == 302
    query = parse_qs(urlparse(response["Location"]).query)
    assert query["kind"] == ["requirement"] and query["seed"][0].isdigit()
    shown = web(bureau_officer).get(response["Location"])
    assert html.escape(response["Location"]) in shown.content.decode()  # the address to share


def test_the_same_seed_shows_another_officer_the_same_units(
    web, bureau_officer, district_officer, drafted
):
    first = texts(sample(web(bureau_officer), kind="requirement", size=6, seed=5))
    again = texts(sample(web(district_officer), kind="requirement", size=6, seed=5))
    other = texts(sample(web(bureau_officer), kind="requirement", size=6, seed=6))
    assert len(first) == 6 and first == again and first != other


def test_a_sample_spreads_over_occupations(web, bureau_officer, drafted):
    response = sample(web(bureau_officer), kind="requirement", size=2)
    codes = sorted(unit.occupation.code for unit in response.context["units"])
    assert codes == sorted([TRAINER, SECOND])
    one = sample(web(bureau_officer), kind="requirement", size=5, occupation=SECOND)
    assert {unit.occupation.code for unit in one.context["units"]} == {SECOND}


def test_drafted_requirements_carry_the_drafters_version_and_imported_ones_are_left_out(
    web, bureau_officer, standard, drafted
):
    response = sample(web(bureau_officer), kind="requirement", size=100)
    units = response.context["units"]
    assert units and {unit.generator for unit in units} == {f"offline · {STANDARDS_VERSION}"}
    imported_texts = {"能按照标注规范完成图片、文字、语音数据的标注", "数据标注规范"}
    assert not imported_texts & set(texts(response))


def test_accept_and_flag_record_verdicts_and_the_rates_follow(web, bureau_officer, make_items):
    make_items(3, "template")
    client = web(bureau_officer)
    first, second, third = sample(client, kind="item").context["units"]

    accepted = judge(client, first, "accepted")
    flagged = judge(client, second, "flagged", reason="generic", note="适用于任何职业")

    assert accepted.status_code == flagged.status_code == 200
    assert 'data-testid="verdict"' in accepted.content.decode()
    assert 'id="quality-rates" hx-swap-oob="true"' in flagged.content.decode()
    assert "50.0 %" in flagged.content.decode()
    reviews = ContentReview.objects.order_by("pk")
    assert [(r.verdict, r.reason, r.generator, r.reviewer) for r in reviews] == [
        ("accepted", "", "template", bureau_officer),
        ("flagged", "generic", "template", bureau_officer),
    ]
    assert reviews[1].text.startswith(second.text.splitlines()[0]) and reviews[1].note
    left = sample(client, kind="item")  # what this officer judged leaves their sample
    assert [unit.object_id for unit in left.context["units"]] == [third.object_id]
    rows = left.context["rates"].by_generator
    assert [(r.kind, r.generator, r.judged, r.accepted, r.flagged) for r in rows] == [
        ("item", "template", 2, 1, 1)
    ]
    assert re.search(r'data-testid="rate">\s*50\.0 %', left.content.decode())


def test_judging_again_replaces_the_officers_earlier_verdict(web, bureau_officer, make_items):
    make_items(1, "template")
    client = web(bureau_officer)
    (unit,) = sample(client, kind="item").context["units"]
    judge(client, unit, "accepted")
    judge(client, unit, "flagged", reason="wrong")
    assert list(ContentReview.objects.values_list("verdict", "reason")) == [("flagged", "wrong")]


def test_a_flag_without_a_reason_is_refused_and_changes_nothing(web, bureau_officer, make_items):
    make_items(1, "template")
    client = web(bureau_officer)
    (unit,) = sample(client, kind="item").context["units"]

    response = judge(client, unit, "flagged")
    other = judge(client, unit, "flagged", reason="other")  # "other" needs a note

    assert "Say why the text is flagged" in response.content.decode()
    assert "Say in the note what is wrong" in other.content.decode()
    assert 'data-testid="unit"' in response.content.decode()  # the card stays, to try again
    assert not ContentReview.objects.exists()


def test_a_verdict_on_content_that_is_not_generated_is_refused(web, bureau_officer, make_items):
    (manual,) = make_items(1, "manual")
    data = {"kind": "item", "object_id": manual.pk, "verdict": "accepted"}
    response = web(bureau_officer).post(VERDICT, data, headers={"HX-Request": "true"})
    assert "No generated content of this kind" in response.content.decode()
    bad_kind = web(bureau_officer).post(VERDICT, {**data, "kind": "poem"})
    assert bad_kind.status_code == 302
    assert not ContentReview.objects.exists()


def test_a_plain_form_post_goes_back_to_the_sample_with_a_message(web, bureau_officer, make_items):
    make_items(1, "template")
    client = web(bureau_officer)
    (unit,) = sample(client, kind="item").context["units"]
    back = f"{PAGE}?kind=item&seed=11"
    response = judge(client, unit, "accepted", htmx=False, next=back)
    assert response.status_code == 302 and response["Location"] == back
    assert "Your verdict is recorded." in client.get(back).content.decode()
    evil = judge(client, unit, "accepted", htmx=False, next="https://evil.example/")
    assert evil["Location"] == PAGE


def test_course_texts_come_from_the_generated_plan_and_edited_materials_are_left_out(
    web, bureau_officer, provider_staff, course
):
    client = web(bureau_officer)
    plan_units = sample(client, kind="course_text", size=100).context["units"]
    material_units = sample(client, kind="material_text", size=100).context["units"]
    assert {u.generator for u in plan_units} == {f"offline · {COURSES_VERSION}"}
    paths = {u.path for u in plan_units}
    assert "lessons/M1.L1/summary" in paths and any("/objectives/" in p for p in paths)
    material_paths = {u.path for u in material_units}
    assert any(p.startswith("textbook/") for p in material_paths)
    assert any(p.startswith("projects/P1/steps/") for p in material_paths)
    lesson = course.plan["modules"][1]["lessons"][0]

    course_services.course_lessons_edit(
        actor=provider_staff, course=course,
        edits=[LessonEdit(key=lesson["key"], title="人改的标题", summary="人写的提要",
                          theory_hours=lesson["theory_hours"],
                          practice_hours=lesson["practice_hours"])],
    )  # fmt: skip

    after = sample(client, kind="course_text", size=100)
    assert "人写的提要" not in texts(after) and lesson["summary"] in texts(after)
    assert sample(client, kind="material_text").context["units"] == []


@pytest.mark.parametrize("query, field", [
    ({"kind": "poem", "seed": 1}, "Unknown kind of content"),
    ({"kind": "item", "occupation": "9-99-99-99", "seed": 1}, "No occupation with a standard"),
    ({"kind": "item", "seed": "abc"}, "Enter a whole number"),
    ({"kind": "item", "seed": 1, "size": 1000}, "less than or equal to 100"),
])  # fmt: skip
def test_bad_choices_are_named_on_the_page(web, bureau_officer, standard, query, field):
    response = web(bureau_officer).get(PAGE, query)
    assert response.status_code == 400
    assert field in response.content.decode()


def test_district_officers_review_too_and_see_the_menu_entry(web, district_officer, make_items):
    make_items(1, "template")
    response = sample(web(district_officer), kind="item")
    assert len(response.context["units"]) == 1
    assert 'href="/analytics/quality/"' in response.content.decode()


@pytest.mark.parametrize("persona", ["learner", "assessor", "employer_hr", "provider_staff"])
def test_other_roles_may_not_review(request, web, persona, make_items):
    (item,) = make_items(1, "template")
    user = request.getfixturevalue(persona)
    assert web(user).get(PAGE, {"kind": "item", "seed": 1}).status_code == 403
    data = {"kind": "item", "object_id": item.pk, "verdict": "accepted"}
    assert web(user).post(VERDICT, data).status_code == 403
    assert 'href="/analytics/quality/"' not in web(user).get("/").content.decode()
    assert not ContentReview.objects.exists()


def test_visitors_are_sent_to_sign_in(web, make_items):
    (item,) = make_items(1, "template")
    response = web().get(PAGE, {"kind": "item", "seed": 1})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    data = {"kind": "item", "object_id": item.pk, "verdict": "accepted"}
    assert "/accounts/login/" in web().post(VERDICT, data)["Location"]
    assert not ContentReview.objects.exists()


def test_the_page_speaks_chinese_by_default_and_english_on_request(web, bureau_officer):
    chinese = sample(web(bureau_officer, language="zh-hans"), kind="item").content.decode()
    english = sample(web(bureau_officer), kind="item").content.decode()
    assert "Quality of generated content" in english and "Acceptance rate" in english
    assert "生成内容质量" in chinese and "Acceptance rate" not in chinese


def test_an_officer_of_several_roles_is_one_reviewer(web, bureau_officer, make_items):
    """The administrator may review too (the platform's officers' rule)."""
    make_items(1, "template")
    admin = make_person(role=Role.ADMIN, username="root")
    assert len(sample(web(admin), kind="item").context["units"]) == 1
