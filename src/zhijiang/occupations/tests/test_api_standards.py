"""Standards through the API: drafting, import, editing, the life cycle, export and diff."""

from __future__ import annotations

import pytest

from zhijiang.occupations.models import Standard
from zhijiang.occupations.tests.factories import TRAINER, document, imported

pytestmark = pytest.mark.django_db


def test_officer_drafts_offline_and_gets_the_document(api, district_officer):
    response = api(district_officer).call(
        "post", f"/occupations/{TRAINER}/standards", {"levels": [2, 3, 4], "use_model": False}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft" and body["source"] == "offline" and body["levels"] == [2, 3, 4]
    assert body["document"]["occupation"]["code"] == TRAINER
    assert len(body["requirement_ids"]) == 3


@pytest.mark.parametrize("persona", ["learner", "employer_hr"])
def test_non_officers_cannot_draft(api, request, persona):
    response = api(request.getfixturevalue(persona)).call(
        "post", f"/occupations/{TRAINER}/standards", {"use_model": False}
    )
    assert response.status_code == 403
    assert not Standard.objects.exists()


def test_drafting_needs_a_login_and_valid_levels(api, district_officer):
    assert api().call("post", f"/occupations/{TRAINER}/standards", {}).status_code == 401
    response = api(district_officer).call(
        "post", f"/occupations/{TRAINER}/standards", {"levels": [9]}
    )
    assert response.status_code == 422
    assert any(field.startswith("levels") for field in response.json()["error"]["fields"])


def test_groups_get_no_standard(api, district_officer):
    response = api(district_officer).call(
        "post", "/occupations/4-04-05-00/standards", {"use_model": False}
    )
    assert response.status_code == 400


def test_import_then_export_round_trips(api, district_officer):
    client = api(district_officer)
    created = client.call("post", "/standards/import", document())
    assert created.status_code == 201, created.content
    exported = client.call("get", f"/standards/{created.json()['id']}/export").json()
    original = document()
    assert exported["levels"][0]["functions"] == original["levels"][0]["functions"]
    assert exported["basic_requirements"] == original["basic_requirements"]


def test_import_of_an_invalid_document_names_the_json_path(api, district_officer):
    data = document()
    data["levels"][0]["functions"][1]["skill_weight"] = 10
    response = api(district_officer).call("post", "/standards/import", data)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_document"
    assert "$.levels[0]" in response.json()["error"]["fields"]
    assert not Standard.objects.exists()


def test_drafts_are_hidden_from_the_public_until_approved(
    api, district_officer, bureau_officer, learner
):
    standard = imported(district_officer)
    assert api().call("get", f"/standards/{standard.pk}").status_code == 404
    assert api(learner).call("get", f"/occupations/{TRAINER}/standards").json() == []
    officer = api(district_officer)
    assert officer.call("post", f"/standards/{standard.pk}/submit", {}).status_code == 200
    approved = api(bureau_officer).call(
        "post", f"/standards/{standard.pk}/approve", {"comment": "同意"}
    )
    assert approved.json()["status"] == "approved"
    assert api().call("get", f"/standards/{standard.pk}").status_code == 200
    assert [
        s["id"] for s in api(learner).call("get", f"/occupations/{TRAINER}/standards").json()
    ] == [standard.pk]


def test_editing_a_requirement_through_the_api(api, district_officer):
    standard = imported(district_officer)
    detail = api(district_officer).call("get", f"/standards/{standard.pk}").json()
    requirement_id = detail["requirement_ids"][0][0]
    response = api(district_officer).call(
        "patch", f"/standards/{standard.pk}/requirements/{requirement_id}",
        {"text": "能独立完成图片数据标注", "skills": ["数据标注"]},
    )  # fmt: skip
    assert response.status_code == 200
    first = response.json()["document"]["levels"][0]["functions"][0]["contents"][0]["skills"][0]
    assert first == {"text": "能独立完成图片数据标注", "skills": ["数据标注"]}


def test_editing_validates_and_checks_roles(api, district_officer, learner):
    standard = imported(district_officer)
    requirement_id = (
        api(district_officer)
        .call("get", f"/standards/{standard.pk}")
        .json()["requirement_ids"][0][0]
    )
    path = f"/standards/{standard.pk}/requirements/{requirement_id}"
    assert api(district_officer).call("patch", path, {"text": ""}).status_code == 422
    assert (
        api(learner).call("patch", path, {"text": "x"}).status_code == 404
    )  # a draft is not visible
    assert api().call("patch", path, {"text": "x"}).status_code == 401
    other = api(district_officer).call(
        "patch", f"/standards/{standard.pk}/requirements/999999", {"text": "x"}
    )
    assert other.status_code == 404


def test_only_bureau_officers_approve_and_not_their_own(
    api, district_officer, other_district_officer, bureau_officer
):
    standard = imported(district_officer)
    api(district_officer).call("post", f"/standards/{standard.pk}/submit", {})
    assert (
        api(other_district_officer)
        .call("post", f"/standards/{standard.pk}/approve", {})
        .status_code
        == 403
    )
    mine = imported(bureau_officer)
    api(bureau_officer).call("post", f"/standards/{mine.pk}/submit", {})
    assert api(bureau_officer).call("post", f"/standards/{mine.pk}/approve", {}).status_code == 403


def test_wrong_transitions_are_refused(api, district_officer, bureau_officer):
    standard = imported(district_officer)
    response = api(bureau_officer).call("post", f"/standards/{standard.pk}/approve", {})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "wrong_status"
    assert (
        api(district_officer).call("post", f"/standards/{standard.pk}/explode", {}).status_code
        == 404
    )


def test_diff_between_versions(api, district_officer):
    first = imported(district_officer)
    client = api(district_officer)
    second = client.call("post", f"/standards/{first.pk}/new-version", {}).json()
    detail = client.call("get", f"/standards/{second['id']}").json()
    client.call(
        "patch", f"/standards/{second['id']}/requirements/{detail['requirement_ids'][0][0]}",
        {"text": "能按照标注规范完成多模态数据标注"},
    )  # fmt: skip
    changes = client.call("get", f"/standards/{second['id']}/diff?against={first.pk}").json()
    assert len(changes) == 1 and changes[0]["kind"] == "changed"
    assert changes[0]["new"].startswith("能按照标注规范完成多模态数据标注")
