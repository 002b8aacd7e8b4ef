"""Drafting through the configured language model, against a local fake server."""

from __future__ import annotations

import json

import pytest
from tests.fake_llm import FakeLLMServer

from zhijiang.common.models import AuditEvent
from zhijiang.occupations.models import Standard
from zhijiang.occupations.tests.factories import TRAINER, document
from zhijiang_engine.llm import LLMConfig

pytestmark = pytest.mark.django_db


@pytest.fixture
def model(settings):
    with FakeLLMServer() as server:
        settings.LLM_CONFIG = LLMConfig(
            base_url=server.base_url, model="qwen-test", timeout_seconds=5
        )
        yield server


def draft(api, officer):
    return api(officer).call("post", f"/occupations/{TRAINER}/standards", {"levels": [2, 3]})


def test_a_valid_model_answer_becomes_the_draft(api, district_officer, model):
    richer = document()
    richer["levels"][0]["functions"][0]["contents"][0]["skills"][0]["text"] = (
        "能按照企业标注规范完成多模态数据标注"
    )
    model.add(json.dumps(richer, ensure_ascii=False))
    response = draft(api, district_officer)
    assert response.status_code == 201, response.content
    assert response.json()["source"] == "llm:qwen-test"
    first = response.json()["document"]["levels"][0]["functions"][0]["contents"][0]["skills"][0]
    assert first["text"] == "能按照企业标注规范完成多模态数据标注"
    [request] = model.chat_requests
    assert request.body["model"] == "qwen-test"
    assert "人工智能训练师" in request.body["messages"][-1]["content"]


@pytest.mark.parametrize(
    "answer",
    ["这不是 JSON", json.dumps({"format": "zhijiang.standard/1", "levels": []}), 500],
)
def test_a_bad_model_answer_falls_back_to_the_offline_draft(
    api, district_officer, model, answer, caplog
):
    model.add(answer, answer)
    response = draft(api, district_officer)
    assert response.status_code == 201
    assert response.json()["source"] == "offline"
    assert Standard.objects.get().levels.count() == 2
    event = AuditEvent.objects.get(action="standard.draft")
    assert event.changes["fallback"]
    assert any("offline draft" in record.getMessage() for record in caplog.records)


def test_without_a_model_nothing_is_called(api, district_officer, settings):
    settings.LLM_CONFIG = None
    response = draft(api, district_officer)
    assert response.json()["source"] == "offline"
