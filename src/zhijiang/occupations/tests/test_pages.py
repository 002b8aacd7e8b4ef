"""Occupation and standard pages."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from zhijiang.occupations import services
from zhijiang.occupations.models import Requirement, Standard
from zhijiang.occupations.tests.factories import TRAINER, document, imported

pytestmark = pytest.mark.django_db


def client_for(user=None, language="en"):
    client = Client(headers={"Accept-Language": language})
    if user is not None:
        client.force_login(user)
    return client


def test_tree_shows_the_major_groups_to_anyone():
    page = client_for(language="zh-hans").get("/occupations/").content.decode()
    assert page.count('role="treeitem"') == 8
    assert "社会生产服务和生活服务人员" in page


def test_opening_a_group_loads_its_children():
    page = client_for().get("/occupations/children/4-04-05-00/").content.decode()
    assert "人工智能训练师" in page and "4-04-05-05" in page


def test_search_ranks_and_htmx_gets_only_the_results():
    response = client_for().get("/occupations/?q=人工智能", HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert page.startswith('<div id="occupation-results">')
    # "人工智能" is an alias of 2-02-38-01: an exact alias beats a name that merely starts so
    assert page.index("2-02-38-01") < page.index("4-04-05-05")


@pytest.mark.parametrize(
    ("language", "reason"),
    [("en", "name or alias: 数据分析师"), ("zh-hans", "名称或别名：数据分析师")],
)
def test_a_job_title_search_says_why_in_the_readers_language(language, reason):
    client = client_for(language=language)
    page = client.get("/occupations/?q=高级数据分析师（急招）").content.decode()
    assert 'data-testid="title-suggestion"' in page
    assert reason in page and "alias: " not in page.replace("name or alias: ", "")


def test_digital_filter_lists_all_95():
    page = client_for().get("/occupations/?digital=1").content.decode()
    assert "95 occupations found" in page


def test_occupation_page_shows_definition_tasks_and_flags():
    page = client_for(language="zh-hans").get(f"/occupations/{TRAINER}/").content.decode()
    assert "使用智能训练软件" in page and "标注和加工图片" in page and "数字" in page


def test_draft_button_only_for_officers(learner, district_officer):
    assert (
        b'data-testid="draft-standard"'
        not in client_for(learner).get(f"/occupations/{TRAINER}/").content
    )
    assert (
        b'data-testid="draft-standard"'
        in client_for(district_officer).get(f"/occupations/{TRAINER}/").content
    )
    response = client_for(learner).post(f"/occupations/{TRAINER}/draft/", {"levels": ["2"]})
    assert response.status_code == 403
    assert not Standard.objects.exists()


def test_officer_drafts_from_the_page(district_officer):
    response = client_for(district_officer).post(
        f"/occupations/{TRAINER}/draft/", {"levels": ["2", "3", "4", "5", "6"]}
    )
    standard = Standard.objects.get()
    assert response["Location"] == f"/occupations/standards/{standard.pk}/"
    page = client_for(district_officer, "zh-hans").get(response["Location"]).content.decode()
    for heading in ("职业概况", "基本要求", "工作要求", "权重表", "初级工", "高级技师"):
        assert heading in page


def test_printable_standard_shows_weight_tables(district_officer):
    standard = imported(district_officer)
    page = (
        client_for(district_officer).get(f"/occupations/standards/{standard.pk}/").content.decode()
    )
    assert 'data-testid="theory-weights"' in page
    assert "数据采集和处理" in page and "能按照标注规范完成图片" in page


def test_inline_requirement_edit(district_officer):
    standard = imported(district_officer)
    requirement = (
        Requirement.objects.filter(content__function__level__standard=standard)
        .order_by("id")
        .first()
    )
    url = f"/occupations/standards/{standard.pk}/requirements/{requirement.pk}/"
    client = client_for(district_officer)
    assert b"<form" in client.get(url, HTTP_HX_REQUEST="true").content
    response = client.post(url, {"text": "能独立完成语音数据标注", "skills": "数据标注、语音识别"})
    assert "能独立完成语音数据标注" in response.content.decode()
    requirement.refresh_from_db()
    assert requirement.text == "能独立完成语音数据标注"
    assert requirement.skills.count() == 2
    empty = client.post(url, {"text": "", "skills": ""})
    assert empty.status_code == 400


def test_review_flow_on_the_pages(district_officer, bureau_officer):
    standard = imported(district_officer)
    client_for(district_officer).post(f"/occupations/standards/{standard.pk}/submit/")
    queue = client_for(bureau_officer).get("/occupations/standards/review/").content.decode()
    assert "人工智能训练师" in queue
    client_for(bureau_officer).post(
        f"/occupations/standards/{standard.pk}/approve/", {"comment": "通过"}
    )
    standard.refresh_from_db()
    assert standard.status == "approved"


def test_review_queue_is_for_bureau_officers(district_officer):
    assert client_for(district_officer).get("/occupations/standards/review/").status_code == 403


def test_export_and_import_files(district_officer):
    standard = imported(district_officer)
    exported = client_for(district_officer).get(f"/occupations/standards/{standard.pk}/export/")
    assert exported["Content-Disposition"].endswith(f'standard-{TRAINER}-v1.json"')
    upload = SimpleUploadedFile("s.json", exported.content, content_type="application/json")
    response = client_for(district_officer).post("/occupations/standards/import/", {"file": upload})
    assert response.status_code == 302
    assert Standard.objects.count() == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{", "not UTF-8 JSON"),
        (json.dumps(document()).encode("utf-16"), "not UTF-8 JSON"),
        (json.dumps({**document(), "levels": []}).encode(), "$.levels"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
)
def test_bad_import_files_say_why_and_save_nothing(district_officer, content, message):
    upload = SimpleUploadedFile("bad.json", content, content_type="application/json")
    response = client_for(district_officer).post("/occupations/standards/import/", {"file": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Standard.objects.exists()


def test_diff_page(district_officer):
    first = imported(district_officer)
    second = services.standard_new_version(actor=district_officer, standard=first)
    page = (
        client_for(district_officer)
        .get(f"/occupations/standards/{second.pk}/diff/")
        .content.decode()
    )
    assert "The two versions are the same." in page


def test_search_suggests_occupations_for_a_job_board_title():
    page = (
        client_for()
        .get("/occupations/?q=急招Java开发工程师", HTTP_HX_REQUEST="true")
        .content.decode()
    )
    assert 'data-testid="title-suggestion"' in page
    assert page.index("2-02-10-03") < page.index("count")


def test_an_oversized_import_file_is_refused(district_officer):
    upload = SimpleUploadedFile(
        "big.json", b" " * (2 * 1024 * 1024 + 1), content_type="application/json"
    )
    response = client_for(district_officer).post("/occupations/standards/import/", {"file": upload})
    assert response.status_code == 400
    assert "larger than 2 MB" in response.content.decode()


def test_occupation_page_lists_the_skills_of_its_approved_standard(
    district_officer, bureau_officer
):
    standard = imported(district_officer)
    services.standard_submit(actor=district_officer, standard=standard)
    services.standard_approve(actor=bureau_officer, standard=standard)
    page = client_for(language="zh-hans").get(f"/occupations/{TRAINER}/").content.decode()
    assert 'data-testid="standard-skills"' in page
    assert page.index("数据标注", page.index("standard-skills")) > 0
