"""Drafting a standard asks the language model outside any database transaction: a slow model
must not hold the database's write lock (on SQLite, every other write) while it writes."""

from __future__ import annotations

import json

import pytest
from django.db import connections
from tests.fake_llm import FakeLLMServer

from zhijiang.common.models import AuditEvent
from zhijiang.occupations.models import Standard
from zhijiang.occupations.tests.factories import TRAINER, document
from zhijiang_engine.llm import LLMConfig

# Not inside the test's own transaction, so that a transaction the service opens is visible.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def model(settings):
    """The fake model server; ``model.in_transaction`` says, for each request, whether the
    requesting thread's database connection was inside a transaction at that moment."""
    caller = connections["default"]  # views run in the test's thread, on this connection
    seen: list[bool] = []
    with FakeLLMServer(on_chat=lambda _request: seen.append(caller.in_atomic_block)) as server:
        settings.LLM_CONFIG = LLMConfig(
            base_url=server.base_url, model="qwen-test", timeout_seconds=5, max_attempts=1
        )
        server.in_transaction = seen  # type: ignore[attr-defined]
        yield server


def test_the_model_drafts_a_standard_while_no_transaction_is_open(api, district_officer, model):
    model.add(json.dumps(document(), ensure_ascii=False))
    response = api(district_officer).call(
        "post", f"/occupations/{TRAINER}/standards", {"levels": [2, 3]}
    )
    assert response.status_code == 201, response.content
    assert response.json()["source"] == "llm:qwen-test"
    assert model.in_transaction == [False]
    standard = Standard.objects.get(pk=response.json()["id"])
    assert AuditEvent.objects.filter(action="standard.draft", object_id=str(standard.pk)).exists()


def test_the_drafting_page_asks_the_model_while_no_transaction_is_open(
    web, district_officer, model
):
    model.add(json.dumps(document(), ensure_ascii=False))
    response = web(district_officer).post(
        f"/occupations/{TRAINER}/draft/", {"levels": [2, 3], "use_model": "on"}
    )
    assert response.status_code == 302, response.content
    assert model.in_transaction == [False]
    assert Standard.objects.get().source == "llm:qwen-test"
