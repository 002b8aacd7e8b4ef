"""The quality review through the JSON API: a sample, verdicts and the rates, officers only."""

from __future__ import annotations

from typing import Any

import pytest

from zhijiang.analytics.models import ContentReview
from zhijiang.occupations.tests.factories import TRAINER
from zhijiang_engine.standards.draft import GENERATOR_VERSION as STANDARDS_VERSION

from .conftest import SECOND

pytestmark = pytest.mark.django_db

SAMPLE = "/analytics/quality/sample"
VERDICTS = "/analytics/quality/verdicts"
RATES = "/analytics/quality/rates"


def units(client: Any, **query: Any) -> list[dict[str, Any]]:
    query = {"seed": 3, **query}
    response = client.call("get", SAMPLE + "?" + "&".join(f"{k}={v}" for k, v in query.items()))
    assert response.status_code == 200, response.content
    return list(response.json()["units"])


def test_an_officer_gets_a_seeded_sample_and_the_seed_to_ask_again(api, bureau_officer, drafted):
    client = api(bureau_officer)
    response = client.call("get", SAMPLE + "?kind=requirement&size=4")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["kind"] == "requirement" and body["occupation"] is None and len(body["units"]) == 4
    assert {unit["occupation"] for unit in body["units"]} == {TRAINER, SECOND}
    again = units(client, kind="requirement", size=4, seed=body["seed"])
    assert again == body["units"]
    first = body["units"][0]
    assert first["generator"] == f"offline · {STANDARDS_VERSION}" and first["path"] == ""
    assert first["text"] and 1 <= first["level"] <= 8 and first["context"]


def test_verdicts_are_recorded_replaced_and_counted_in_the_rates(
    api, bureau_officer, district_officer, make_items
):
    make_items(2, "template")
    make_items(1, "llm:qwen2.5")
    bea, olivia = api(bureau_officer), api(district_officer)
    template = [u for u in units(bea, kind="item") if u["generator"] == "template"]
    model = [u for u in units(bea, kind="item") if u["generator"] != "template"]

    def verdict(client: Any, unit: dict[str, Any], **body: Any) -> Any:
        ref = {"kind": unit["kind"], "object_id": unit["object_id"], "path": unit["path"]}
        return client.call("post", VERDICTS, {**ref, **body})

    created = verdict(bea, template[0], verdict="accepted")
    assert created.status_code == 201, created.content
    assert created.json()["generator"] == "template" and created.json()["occupation"] == TRAINER
    assert verdict(bea, template[0], verdict="flagged", reason="garbled").status_code == 200
    assert verdict(bea, template[1], verdict="accepted").status_code == 201
    assert verdict(olivia, template[1], verdict="accepted").status_code == 201
    flag = verdict(olivia, model[0], verdict="flagged", reason="other", note="选项不唯一")
    assert flag.status_code == 201 and flag.json()["note"] == "选项不唯一"

    rates = bea.call("get", RATES + "?kind=item").json()
    assert rates["by_generator"] == [
        {"kind": "item", "generator": "llm:qwen2.5", "occupation": None, "judged": 1,
         "accepted": 0, "flagged": 1, "rate": 0.0, "reasons": {"other": 1}},
        {"kind": "item", "generator": "template", "occupation": None, "judged": 3,
         "accepted": 2, "flagged": 1, "rate": 0.6667, "reasons": {"garbled": 1}},
    ]  # fmt: skip
    assert [(r["occupation"], r["generator"], r["judged"]) for r in rates["by_occupation"]] == [
        (TRAINER, "llm:qwen2.5", 1), (TRAINER, "template", 3),
    ]  # fmt: skip
    # Each officer's sample leaves out what they judged, not what the other did.
    assert [u["object_id"] for u in units(bea, kind="item")] == [model[0]["object_id"]]
    assert [u["object_id"] for u in units(olivia, kind="item")] == [template[0]["object_id"]]


@pytest.mark.parametrize("body, field", [
    ({"verdict": "flagged"}, "reason"),
    ({"verdict": "flagged", "reason": "other"}, "note"),
    ({"verdict": "accepted", "reason": "wrong"}, "reason"),
    ({"verdict": "maybe"}, "verdict"),
    ({"verdict": "accepted", "kind": "poem"}, "kind"),
    ({"verdict": "accepted", "object_id": 0}, "object_id"),
    ({"verdict": "flagged", "reason": "other", "note": "x" * 501}, "note"),
])  # fmt: skip
def test_a_bad_verdict_names_its_field_and_records_nothing(
    api, bureau_officer, make_items, body, field
):
    (item,) = make_items(1, "template")
    payload = {"kind": "item", "object_id": item.pk, "path": "", **body}
    response = api(bureau_officer).call("post", VERDICTS, payload)
    assert response.status_code in (400, 422), response.content
    assert field in response.json()["error"]["fields"]
    assert not ContentReview.objects.exists()


def test_a_verdict_on_what_no_generator_wrote_is_not_found(api, bureau_officer, make_items, course):
    (manual,) = make_items(1, "manual")
    for reference in (
        {"kind": "item", "object_id": manual.pk},
        {"kind": "item", "object_id": manual.pk + 1000},
        {"kind": "course_text", "object_id": course.pk, "path": "lessons/M9.L9/summary"},
    ):
        response = api(bureau_officer).call("post", VERDICTS, {**reference, "verdict": "accepted"})
        assert response.status_code == 404, response.content
    assert not ContentReview.objects.exists()


def test_bad_sample_questions_are_named(api, bureau_officer, standard):
    client = api(bureau_officer)
    for query, field in (("kind=poem", "kind"), ("size=0", "size"), ("seed=-1", "seed")):
        response = client.call("get", f"{SAMPLE}?{query}")
        assert response.status_code == 422 and field in response.json()["error"]["fields"]
    assert client.call("get", f"{SAMPLE}?occupation=9-99-99-99").status_code == 404
    assert client.call("get", f"{RATES}?kind=poem").status_code == 422


@pytest.mark.parametrize("persona", ["learner", "assessor", "employer_hr", "provider_staff"])
def test_only_officers_use_the_quality_endpoints(request, api, persona, make_items):
    (item,) = make_items(1, "template")
    client = api(request.getfixturevalue(persona))
    assert client.call("get", f"{SAMPLE}?kind=item").status_code == 403
    assert client.call("get", RATES).status_code == 403
    body = {"kind": "item", "object_id": item.pk, "verdict": "accepted"}
    assert client.call("post", VERDICTS, body).status_code == 403
    assert not ContentReview.objects.exists()


def test_without_signing_in_the_endpoints_answer_401(api, make_items):
    (item,) = make_items(1, "template")
    client = api()
    assert client.call("get", f"{SAMPLE}?kind=item").status_code == 401
    assert client.call("get", RATES).status_code == 401
    body = {"kind": "item", "object_id": item.pk, "verdict": "accepted"}
    assert client.call("post", VERDICTS, body).status_code == 401
