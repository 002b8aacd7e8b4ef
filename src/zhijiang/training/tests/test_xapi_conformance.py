"""xAPI 1.0.3 conformance of the statements the platform serves: the spec's MUST rules, an
authority on every statement, and no empty object or list (which strict LRSs refuse)."""

from __future__ import annotations

import uuid

import pytest
from django.conf import settings
from django.utils import timezone

from zhijiang.training import delivery, progress
from zhijiang.training.models import XapiStatement
from zhijiang.training.tests.xapi_rules import statement_problems

pytestmark = pytest.mark.django_db

PLATFORM = {
    "objectType": "Agent",
    "name": "智匠 Zhijiang",
    "account": {"homePage": settings.PUBLIC_URL, "name": "zhijiang"},
}


def _served(api, user):
    response = api(user).call("get", "/training/xapi/statements?ascending=true")
    assert response.status_code == 200
    return response.json()["statements"]


def test_every_statement_of_a_whole_course_keeps_the_rules_and_names_the_platform(
    api, run, learner, provider_staff, bureau_officer
):
    mine = delivery.enrol(person=learner, run=run)
    items = progress.plan_items(run)
    for key in items.lessons:
        progress.attendance_sheet(actor=provider_staff, run=run, lesson_key=key,
                                  present={mine.pk})  # fmt: skip
    first, *others = items.assessments
    progress.assessment_record(actor=provider_staff, enrolment=mine, key=first, passed=False)
    for key in [first, *others]:
        progress.assessment_record(
            actor=provider_staff, enrolment=mine, key=key, passed=True, score=85
        )
    statements = _served(api, bureau_officer)
    verbs = [statement["verb"]["display"]["en-US"] for statement in statements]
    assert verbs[0] == "registered" and verbs[-1] == "completed"
    assert {"attended", "failed", "passed"} <= set(verbs)
    assert len(statements) == 1 + len(items.lessons) + 1 + len(items.assessments) + 1
    for statement in statements:
        assert statement_problems(statement) == [], statement
        assert statement["authority"] == PLATFORM
    course_level = [s for s in statements if s["verb"]["id"].endswith(("registered", "completed"))]
    assert all("contextActivities" not in s["context"] for s in course_level)
    lesson = next(s for s in statements if s["verb"]["display"]["en-US"] == "attended")
    [parent] = lesson["context"]["contextActivities"]["parent"]
    assert parent["id"] == f"{settings.PUBLIC_URL}/training/runs/{run.pk}/"


def test_a_statement_stored_with_an_empty_object_and_no_authority_is_served_without_both(
    api, run, learner
):
    """Statements recorded before the fix are immutable; the store cleans them as it serves."""
    now = timezone.now()
    legacy = XapiStatement.objects.create(
        id=uuid.uuid4(),
        person=learner,
        verb="http://adlnet.gov/expapi/verbs/registered",
        object_id=f"{settings.PUBLIC_URL}/training/runs/{run.pk}/",
        statement={
            "version": "1.0.3",
            "actor": {
                "objectType": "Agent",
                "account": {"homePage": settings.PUBLIC_URL, "name": str(learner.pk)},
            },
            "verb": {"id": "http://adlnet.gov/expapi/verbs/registered"},
            "object": {"objectType": "Activity", "id": f"{settings.PUBLIC_URL}/x/"},
            "context": {"platform": "zhijiang", "contextActivities": {}},
            "timestamp": now.isoformat(),
        },
        timestamp=now,
    )
    legacy.statement["id"] = str(legacy.pk)
    legacy.save()
    [served] = _served(api, learner)
    assert served["context"] == {"platform": "zhijiang"}
    assert served["authority"] == PLATFORM
    assert statement_problems(served) == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda s: s["context"].update(contextActivities={}),
            "$.context.contextActivities is empty",
        ),
        (lambda s: s.pop("authority"), "$.authority is missing"),
        (lambda s: s["actor"].update(mbox="mailto:a@example.org"), "$.actor has 2 inverse"),
        (lambda s: s["verb"].update(id="registered"), "$.verb.id is not an IRI"),
        (lambda s: s["object"].update(id="run 7"), "$.object.id is not an IRI"),
        (lambda s: s.update(timestamp="7 Dec 2026"), "$.timestamp is not ISO 8601"),
        (lambda s: s.update(version="2.0.0"), "$.version is not 1.0.x"),
    ],
)
def test_the_rules_find_each_kind_of_broken_statement(api, run, learner, change, problem):
    delivery.enrol(person=learner, run=run)
    [statement] = _served(api, learner)
    assert statement_problems(statement) == []
    change(statement)
    assert any(found.startswith(problem) for found in statement_problems(statement))
