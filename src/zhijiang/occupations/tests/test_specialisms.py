"""Specialisms (专业方向) of a professional standard: an officer adds, renames and removes them
on a draft and assigns work functions to them; import, export, new versions, the printed
standard and the API carry them; a worker standard has none."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from zhijiang.common.errors import ApplicationError, PermissionDeniedError
from zhijiang.common.models import AuditEvent
from zhijiang.occupations import services, specialisms
from zhijiang.occupations.documents import document_of
from zhijiang.occupations.models import Standard, WorkFunction
from zhijiang.occupations.tests.factories import document, imported

pytestmark = pytest.mark.django_db

SOFTWARE = "2-02-10-03"  # 计算机软件工程技术人员, a professional occupation
EMBEDDED, APPLICATIONS = "嵌入式软件", "应用软件"


def professional_document(*, split: bool = True) -> dict[str, Any]:
    """初级 common to all; 中级 (when ``split``) a common function and one per direction."""
    data = document(code=SOFTWARE, name="计算机软件工程技术人员")
    if split:
        data["specialisms"] = [EMBEDDED, APPLICATIONS]
        functions = data["levels"][1]["functions"]
        functions[1]["specialism"] = EMBEDDED
        other = copy.deepcopy(functions[1])
        other.update(title="应用软件测试", specialism=APPLICATIONS)
        functions.append(other)
    return data


def function_titled(standard: Standard, title: str, rank: int = 3) -> WorkFunction:
    return WorkFunction.objects.get(level__standard=standard, level__rank=rank, title=title)


def test_an_imported_split_standard_keeps_its_specialisms_in_export_and_a_new_version(
    district_officer, api
):
    standard = imported(district_officer, professional_document())
    assert standard.specialisms == [EMBEDDED, APPLICATIONS]
    exported = api(district_officer).call("get", f"/standards/{standard.pk}/export").json()
    assert exported["specialisms"] == [EMBEDDED, APPLICATIONS]
    directions = [f.get("specialism") for f in exported["levels"][1]["functions"]]
    assert directions == [None, EMBEDDED, APPLICATIONS]
    copy_ = services.standard_new_version(actor=district_officer, standard=standard)
    assert document_of(copy_) == document_of(standard)


def test_a_standard_without_specialisms_exports_as_before(district_officer, api):
    standard = imported(district_officer, professional_document(split=False))
    exported = api(district_officer).call("get", f"/standards/{standard.pk}/export").json()
    assert "specialisms" not in exported
    assert exported == api(district_officer).call("get", f"/standards/{standard.pk}/export").json()
    assert all("specialism" not in f for lv in exported["levels"] for f in lv["functions"])


def test_the_printed_standard_shows_the_common_part_then_each_direction(district_officer, web):
    standard = imported(district_officer, professional_document())
    page = web(district_officer, language="zh-hans")
    html = page.get(f"/occupations/standards/{standard.pk}/").content.decode()
    assert re.search(r"<dt>专业方向</dt><dd[^>]*>嵌入式软件、应用软件</dd>", html)
    intermediate = html[html.index('id="level-3"') :]
    headings = re.findall(r'<th scope="colgroup" colspan="4">([^<]+)</th>', intermediate)
    assert headings == ["共同部分", "专业方向：嵌入式软件", "专业方向：应用软件"]
    junior = html[html.index('id="level-2"') : html.index('id="level-3"')]
    assert "colgroup" not in junior
    columns = re.findall(r'<th scope="col">([^<]+)</th>', html[html.index("theory-weights") :])
    assert columns[1:4] == ["初级", "中级 · 嵌入式软件", "中级 · 应用软件"]


def test_an_officer_adds_renames_and_removes_a_specialism_on_the_page(district_officer, web):
    standard = imported(district_officer, professional_document(split=False))
    client = web(district_officer)
    base = f"/occupations/standards/{standard.pk}/specialisms"
    assert client.post(f"{base}/add/", {"name": "嵌入式"}).status_code == 302
    client.post(f"{base}/add/", {"name": APPLICATIONS})
    function = function_titled(standard, "智能系统运维")
    response = client.post(
        f"/occupations/standards/{standard.pk}/functions/{function.pk}/",
        {"specialism": "嵌入式", "theory_weight": 30, "skill_weight": 40},
    )
    assert response.status_code == 302
    client.post(f"{base}/rename/", {"old": "嵌入式", "name": EMBEDDED})
    standard.refresh_from_db()
    function.refresh_from_db()
    assert (standard.specialisms, function.specialism) == ([EMBEDDED, APPLICATIONS], EMBEDDED)
    client.post(f"{base}/remove/", {"name": APPLICATIONS})
    standard.refresh_from_db()
    assert standard.specialisms == [EMBEDDED]
    edits = AuditEvent.objects.filter(action="standard.edit").count()
    assert edits == 5


def test_removing_a_specialism_still_used_is_refused_naming_its_functions(district_officer, web):
    standard = imported(district_officer, professional_document())
    with pytest.raises(ApplicationError) as refused:
        specialisms.specialism_remove(actor=district_officer, standard=standard, name=EMBEDDED)
    assert refused.value.code == "specialism_in_use"
    assert "中级 智能系统运维" in str(refused.value.message)
    client = web(district_officer)
    response = client.post(
        f"/occupations/standards/{standard.pk}/specialisms/remove/", {"name": EMBEDDED}, follow=True
    )
    assert "is still used by these work functions: 中级 智能系统运维" in response.content.decode()
    standard.refresh_from_db()
    assert standard.specialisms == [EMBEDDED, APPLICATIONS]


def test_a_worker_standard_has_no_specialisms(district_officer, api):
    standard = imported(district_officer)
    with pytest.raises(ApplicationError) as refused:
        specialisms.specialism_add(actor=district_officer, standard=standard, name="数据标注")
    assert refused.value.code == "not_professional"
    response = api(district_officer).call(
        "post", f"/standards/{standard.pk}/specialisms", {"name": "数据标注"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "not_professional"
    data = document()
    data["specialisms"] = ["数据标注"]
    response = api(district_officer).call("post", "/standards/import", data)
    assert response.status_code == 400
    assert "$.specialisms" in response.json()["error"]["fields"]


@pytest.mark.parametrize(
    ("name", "code"), [("嵌", "invalid"), (EMBEDDED, "duplicate")]
)  # fmt: skip
def test_a_specialism_name_is_2_to_40_characters_and_new(district_officer, name, code):
    standard = imported(district_officer, professional_document())
    with pytest.raises(ApplicationError) as refused:
        specialisms.specialism_add(actor=district_officer, standard=standard, name=name)
    assert refused.value.code == code and "name" in refused.value.fields


def test_only_a_draft_and_only_an_officer_change_specialisms(district_officer, learner):
    standard = imported(district_officer, professional_document())
    with pytest.raises(PermissionDeniedError):
        specialisms.specialism_add(actor=learner, standard=standard, name="数据库软件")
    services.standard_submit(actor=district_officer, standard=standard)
    with pytest.raises(ApplicationError) as refused:
        specialisms.specialism_add(actor=district_officer, standard=standard, name="数据库软件")
    assert refused.value.code == "wrong_status"


def test_a_draft_whose_direction_weights_do_not_add_up_lists_why_and_cannot_go_to_review(
    district_officer, web
):
    standard = imported(district_officer, professional_document())
    function = function_titled(standard, "应用软件测试")
    specialisms.work_function_update(
        actor=district_officer, function=function, specialism=APPLICATIONS,
        theory_weight=20, skill_weight=40,
    )  # fmt: skip
    html = web(district_officer).get(f"/occupations/standards/{standard.pk}/").content.decode()
    assert "theory weights of 中级 · 应用软件 (basic + functions) sum to 90, not 100" in html
    with pytest.raises(ApplicationError):
        services.standard_submit(actor=district_officer, standard=standard)
    specialisms.work_function_update(
        actor=district_officer, function=function, specialism=APPLICATIONS,
        theory_weight=30, skill_weight=40,
    )  # fmt: skip
    services.standard_submit(actor=district_officer, standard=standard)


def test_a_function_cannot_join_an_undeclared_specialism(district_officer, web):
    standard = imported(district_officer, professional_document())
    function = function_titled(standard, "数据采集和处理")
    response = web(district_officer).post(
        f"/occupations/standards/{standard.pk}/functions/{function.pk}/",
        {"specialism": "数据库软件", "theory_weight": 60, "skill_weight": 60},
    )
    assert response.status_code == 400
    function.refresh_from_db()
    assert function.specialism == ""


# The API: who may change specialisms, per endpoint.
def _add(standard: Standard) -> tuple[str, str, dict[str, Any] | None]:
    return "post", f"/standards/{standard.pk}/specialisms", {"name": "数据库软件"}


def _rename(standard: Standard) -> tuple[str, str, dict[str, Any] | None]:
    return "patch", f"/standards/{standard.pk}/specialisms/{EMBEDDED}", {"name": "嵌入式系统"}


def _remove(standard: Standard) -> tuple[str, str, dict[str, Any] | None]:
    return "delete", f"/standards/{standard.pk}/specialisms/{APPLICATIONS}", None


def _assign(standard: Standard) -> tuple[str, str, dict[str, Any] | None]:
    function = function_titled(standard, "数据采集和处理", rank=2)
    return "patch", f"/standards/{standard.pk}/functions/{function.pk}", {"theory_weight": 50}


ENDPOINTS = [_add, _rename, _remove, _assign]


@pytest.mark.parametrize(
    ("persona", "status"),
    [("district_officer", 200), ("bureau_officer", 200), (None, 401), ("learner", 404),
     ("employer_hr", 404)],
)  # fmt: skip
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_who_may_change_specialisms_through_the_api(
    request, api, district_officer, endpoint, persona, status
):
    standard = imported(district_officer, professional_document())
    if endpoint is _remove:  # a direction must be free before it goes
        function = function_titled(standard, "应用软件测试")
        WorkFunction.objects.filter(pk=function.pk).update(specialism=EMBEDDED)
    user = request.getfixturevalue(persona) if persona else None
    method, path, body = endpoint(standard)
    response = api(user).call(method, path, body)
    assert response.status_code == status, response.content


def test_the_api_renames_a_specialism_and_its_functions_follow(api, district_officer):
    standard = imported(district_officer, professional_document())
    method, path, body = _rename(standard)
    detail = api(district_officer).call(method, path, body).json()
    assert detail["specialisms"] == ["嵌入式系统", APPLICATIONS]
    assert detail["document"]["levels"][1]["functions"][1]["specialism"] == "嵌入式系统"
    assert [len(ids) for ids in detail["function_ids"]] == [2, 3]


def test_the_api_refuses_removing_a_used_specialism_and_an_undeclared_assignment(
    api, district_officer
):
    standard = imported(district_officer, professional_document())
    client = api(district_officer)
    response = client.call("delete", f"/standards/{standard.pk}/specialisms/{EMBEDDED}")
    assert (response.status_code, response.json()["error"]["code"]) == (400, "specialism_in_use")
    function = function_titled(standard, "数据采集和处理")
    response = client.call(
        "patch", f"/standards/{standard.pk}/functions/{function.pk}", {"specialism": "数据库"}
    )
    assert response.status_code == 400
    assert "specialism" in response.json()["error"]["fields"]
    response = client.call("post", f"/standards/{standard.pk}/specialisms", {"name": "x"})
    assert response.status_code == 422
