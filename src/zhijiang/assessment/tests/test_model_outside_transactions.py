"""Drafting items asks the language model outside any database transaction (a slow model must
not hold the database's write lock), then writes in one short transaction that checks again
that the assessor may still write to the bank."""

from __future__ import annotations

import json

import pytest
from django.db import connections
from tests.fake_llm import FakeLLMServer

from zhijiang.accounts.models import Membership
from zhijiang.assessment.models import Item
from zhijiang.common.models import AuditEvent
from zhijiang_engine.llm import LLMConfig

# Not inside the test's own transaction, so that a transaction the service opens is visible.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ANSWER = {
    "items": [
        {
            "requirement": "F1.C1.K1",
            "kind": "single",
            "stem": "标注规范是（  ）。",
            "options": ["统一标准", "随意", "无", "仅供参考"],
            "answer": "A",
            "explanation": "",
        }
    ]
}


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


def _draft(api, assessor, bank):
    return api(assessor).call(
        "post", f"/assessment/banks/{bank.pk}/drafts", {"level": 2, "requirements": ["F1.C1.K1"]}
    )


def test_the_model_drafts_items_while_no_transaction_is_open(api, assessor, bank, model):
    model.add(json.dumps(ANSWER, ensure_ascii=False))
    response = _draft(api, assessor, bank)
    assert response.status_code == 201, response.content
    assert [d["source"] for d in response.json()] == ["llm:qwen-test"]
    assert model.in_transaction == [False]
    assert AuditEvent.objects.filter(action="item.draft", object_id=str(bank.pk)).exists()


def test_an_assessor_who_leaves_the_body_while_the_model_writes_saves_no_items(
    api, assessor, bank, model
):
    def leave_meanwhile(_request) -> None:
        Membership.objects.filter(user=assessor).delete()
        connections.close_all()  # this thread's own connection

    model.on_chat = leave_meanwhile
    model.add(json.dumps(ANSWER, ensure_ascii=False))
    response = _draft(api, assessor, bank)
    assert response.status_code == 403, response.content
    assert not Item.objects.exists()
