"""The audit log (read-only, scoped) and requests to erase personal data."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction

from zhijiang.accounts.models import DeletionRequest
from zhijiang.common.audit import AuditAction, audit_record
from zhijiang.common.models import AuditEvent, District

pytestmark = pytest.mark.django_db


def actions(response):
    assert response.status_code == 200, response.content
    return [event["action"] for event in response.json()["items"]]


@pytest.fixture
def events(learner, other_learner):
    audit_record(
        actor=learner,
        action=AuditAction.CONSENT_GRANT,
        district=District.objects.get(code="500103"),
    )
    audit_record(
        actor=other_learner,
        action=AuditAction.CONSENT_WITHDRAW,
        district=District.objects.get(code="500106"),
    )


def test_bureau_officer_reads_the_whole_audit_log(api, bureau_officer, events):
    assert sorted(actions(api(bureau_officer).call("get", "/audit-events"))) == [
        "consent.grant",
        "consent.withdraw",
    ]


def test_district_officer_reads_only_their_districts_events(api, district_officer, events):
    assert actions(api(district_officer).call("get", "/audit-events")) == ["consent.grant"]


def test_audit_log_filters_by_action_and_actor(api, bureau_officer, events):
    client = api(bureau_officer)
    assert actions(client.call("get", "/audit-events?action=consent.withdraw")) == [
        "consent.withdraw"
    ]
    assert actions(client.call("get", "/audit-events?actor=alice")) == ["consent.grant"]


def test_audit_log_refuses_an_action_that_is_not_one_naming_the_parameter(
    api, bureau_officer, events
):
    response = api(bureau_officer).call("get", "/audit-events?action=consent.")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"action"}


@pytest.mark.parametrize("persona", ["learner", "employer_hr", "assessor"])
def test_audit_log_is_for_officers_only(api, request, persona):
    assert api(request.getfixturevalue(persona)).call("get", "/audit-events").status_code == 403


def test_audit_log_needs_a_login(api):
    assert api().call("get", "/audit-events").status_code == 401


def test_audit_events_cannot_be_changed_even_in_the_database(learner):
    event = audit_record(actor=learner, action=AuditAction.PERSON_UPDATE)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="test.forged")
    event.refresh_from_db()
    assert event.action == "person.update"


def test_the_api_offers_no_way_to_change_the_audit_log(api, bureau_officer, events):
    event = AuditEvent.objects.first()
    client = api(bureau_officer)
    assert client.call("delete", f"/audit-events/{event.pk}").status_code in (404, 405)
    assert client.call("patch", f"/audit-events/{event.pk}", {"action": "x"}).status_code in (
        404,
        405,
    )


@pytest.fixture
def pending(api, learner):
    api(learner).call("post", "/me/deletion-request", {"reason": "请删除"})
    return DeletionRequest.objects.get(user=learner)


def test_district_officer_approves_and_the_person_is_erased(
    api, district_officer, learner, pending, password
):
    response = api(district_officer).call(
        "post", f"/deletion-requests/{pending.pk}/decision", {"approve": True, "note": "ok"}
    )
    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    learner.refresh_from_db()
    assert learner.username == f"erased-{learner.pk}"
    assert (learner.full_name, learner.phone, learner.id_number_hash, learner.is_active) == (
        "",
        None,
        None,
        False,
    )
    failed = api().call("post", "/auth/tokens", {"username": "alice", "password": password})
    assert failed.status_code == 400
    assert AuditEvent.objects.filter(action="deletion.approve", actor=district_officer).exists()


def test_rejected_request_keeps_the_data(api, bureau_officer, learner, pending):
    response = api(bureau_officer).call(
        "post", f"/deletion-requests/{pending.pk}/decision", {"approve": False, "note": "open case"}
    )
    assert response.json()["status"] == "rejected"
    learner.refresh_from_db()
    assert learner.username == "alice"


def test_a_decided_request_cannot_be_decided_again(api, bureau_officer, pending):
    client = api(bureau_officer)
    client.call("post", f"/deletion-requests/{pending.pk}/decision", {"approve": False})
    again = client.call("post", f"/deletion-requests/{pending.pk}/decision", {"approve": True})
    assert again.status_code == 400
    assert again.json()["error"]["code"] == "decided"


def test_officer_of_another_district_cannot_see_or_decide(api, other_district_officer, pending):
    client = api(other_district_officer)
    assert client.call("get", "/deletion-requests").json()["items"] == []
    response = client.call("post", f"/deletion-requests/{pending.pk}/decision", {"approve": True})
    assert response.status_code == 404


def test_officer_lists_pending_requests_of_their_district(api, district_officer, pending):
    items = api(district_officer).call("get", "/deletion-requests?status=pending").json()["items"]
    assert [item["id"] for item in items] == [pending.pk]


@pytest.mark.parametrize("persona", ["learner", "employer_hr"])
def test_deletion_requests_are_for_officers_only(api, request, persona, pending):
    client = api(request.getfixturevalue(persona))
    assert client.call("get", "/deletion-requests").status_code == 403
    response = client.call("post", f"/deletion-requests/{pending.pk}/decision", {"approve": True})
    assert response.status_code == 403


def test_decision_needs_a_valid_body_and_a_login(api, district_officer, pending):
    response = api(district_officer).call(
        "post", f"/deletion-requests/{pending.pk}/decision", {"note": 1}
    )
    assert response.status_code == 422
    assert "approve" in response.json()["error"]["fields"]
    assert api().call("get", "/deletion-requests").status_code == 401
