"""Generating a course asks the language model outside any database transaction (a slow model
must not hold the database's write lock), then writes in one short transaction that checks
again what may have changed meanwhile."""

from __future__ import annotations

import pytest
from django.db import connections
from tests.fake_llm import FakeLLMServer

from zhijiang.common.models import AuditEvent
from zhijiang.occupations.models import Standard
from zhijiang.training.models import Course
from zhijiang.training.tests.api_helpers import course_body, error_of
from zhijiang_engine.llm import LLMConfig

# Not inside the test's own transaction, so that a transaction the service opens is visible.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def model(settings):
    """The fake model server (answering with an error, so the offline texts are kept);
    ``model.in_transaction`` says, for each request, whether the requesting thread's database
    connection was inside a transaction at that moment."""
    caller = connections["default"]  # views run in the test's thread, on this connection
    seen: list[bool] = []
    with FakeLLMServer(on_chat=lambda _request: seen.append(caller.in_atomic_block)) as server:
        settings.LLM_CONFIG = LLMConfig(
            base_url=server.base_url, model="qwen-test", timeout_seconds=5, max_attempts=1
        )
        server.in_transaction = seen  # type: ignore[attr-defined]
        yield server


def test_the_model_writes_course_texts_while_no_transaction_is_open(
    api, provider_staff, standard, model
):
    response = api(provider_staff).call("post", "/training/courses", course_body(standard))
    assert response.status_code == 201, response.content
    assert model.in_transaction == [False]
    course = Course.objects.get(pk=response.json()["id"])
    assert AuditEvent.objects.filter(
        action="training.course.generate", object_id=str(course.pk)
    ).exists()


def test_a_standard_retired_while_the_model_writes_leaves_no_course(
    api, provider_staff, standard, model
):
    def retire_meanwhile(_request) -> None:
        Standard.objects.filter(pk=standard.pk).update(status=Standard.Status.RETIRED)
        connections.close_all()  # this thread's own connection

    model.on_chat = retire_meanwhile
    response = api(provider_staff).call("post", "/training/courses", course_body(standard))
    assert response.status_code == 400, response.content
    assert error_of(response)["code"] == "standard_not_approved"
    assert not Course.objects.exists()
