"""Lines the offline drafter leaves out (the linguistic check could not repair them) are kept
with the standard for the experts: in the API's document, on the standard page and in the
export, and an import of that export keeps them."""

from __future__ import annotations

import pytest

from zhijiang.occupations.models import Requirement, Standard
from zhijiang_engine.standards.lint import problems

pytestmark = pytest.mark.django_db

GRINDER = "6-18-01-04"  # 磨工: one task reads "操作磨床，进行…的磨削加工" (进行 twice at 初级工)


def _draft(api, officer) -> dict:
    response = api(officer).call(
        "post", f"/occupations/{GRINDER}/standards", {"levels": [2, 3], "use_model": False}
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_a_draft_lists_the_lines_it_left_out_and_emits_none_with_a_problem(api, district_officer):
    body = _draft(api, district_officer)
    left_out = body["document"]["left_out"]
    assert left_out and all(item["reasons"] and item["level"] in (2, 3) for item in left_out)
    stored = Requirement.objects.filter(content__function__level__standard_id=body["id"])
    assert stored.exists()
    for requirement in stored.select_related("content__function__level"):
        assert problems(requirement.text, rank=requirement.content.function.level.rank) == ()
    assert not {item["text"] for item in left_out} & {r.text for r in stored}


def test_the_standard_page_shows_the_left_out_lines_to_the_experts(web, district_officer, api):
    body = _draft(api, district_officer)
    page = web(district_officer).get(f"/occupations/standards/{body['id']}/").content.decode()
    assert 'data-testid="left-out"' in page
    assert body["document"]["left_out"][0]["text"] in page


def test_export_and_import_keep_the_left_out_lines(api, district_officer):
    client = api(district_officer)
    body = _draft(api, district_officer)
    exported = client.call("get", f"/standards/{body['id']}/export").json()
    assert exported["left_out"] == body["document"]["left_out"]
    assert "left_out" not in exported["overview"]
    created = client.call("post", "/standards/import", exported)
    assert created.status_code == 201, created.content
    again = client.call("get", f"/standards/{created.json()['id']}/export").json()
    assert again["left_out"] == exported["left_out"]
    assert Standard.objects.count() == 2


def test_an_import_with_a_malformed_left_out_list_is_refused_naming_the_path(api, district_officer):
    client = api(district_officer)
    exported = client.call("get", f"/standards/{_draft(api, district_officer)['id']}/export").json()
    exported["left_out"] = [{"level": 12, "text": "能进行大规模技术"}]
    response = client.call("post", "/standards/import", exported)
    assert response.status_code == 400
    assert "$.left_out[0].level" in response.content.decode()
    assert Standard.objects.count() == 1
