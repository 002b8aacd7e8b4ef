"""A person's own account: profile, password, ID number, consents, export and deletion."""

from __future__ import annotations

import pytest

from zhijiang.accounts.models import ConsentRecord, DeletionRequest, User
from zhijiang.accounts.tests.factories import valid_id_number
from zhijiang.common.models import AuditEvent

pytestmark = pytest.mark.django_db

ME_ENDPOINTS = [
    ("get", "/me", None),
    ("patch", "/me", {"name": "x"}),
    ("post", "/me/password", {"old_password": "a", "new_password": "bbbbbbbbbb"}),
    ("put", "/me/id-number", {"id_number": "11010519491231002X"}),
    ("get", "/me/export", None),
    ("get", "/me/consents", None),
    ("post", "/me/consents", {"purpose": "research"}),
    ("delete", "/me/consents/research", None),
    ("post", "/me/deletion-request", {"reason": ""}),
]


@pytest.mark.parametrize(("method", "path", "body"), ME_ENDPOINTS)
def test_own_account_endpoints_need_a_login(api, method, path, body):
    response = api().call(method, path, body)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_me_shows_masked_phone_and_roles(api, learner):
    body = api(learner).call("get", "/me").json()
    assert body["phone"] == "138****8001"
    assert body["roles"] == ["learner"]
    assert "13800138001" not in str(body)


def test_profile_update_is_saved_and_audited(api, learner):
    response = api(learner).call(
        "patch", "/me", {"name": "爱丽丝", "phone": "+86 139 0000 1111", "district": "500106"}
    )
    assert response.status_code == 200
    learner.refresh_from_db()
    assert (learner.full_name, learner.phone, learner.district.code) == (
        "爱丽丝",
        "13900001111",
        "500106",
    )
    event = AuditEvent.objects.get(action="person.update")
    assert event.changes["phone"] == ["138****8001", "139****1111"]
    assert "13900001111" not in str(event.changes)


def test_invalid_phone_is_refused_and_nothing_changes(api, learner):
    response = api(learner).call("patch", "/me", {"name": "新名字", "phone": "12345"})
    assert response.status_code == 400
    assert "phone" in response.json()["error"]["fields"]
    learner.refresh_from_db()
    assert learner.full_name != "新名字"


def test_unknown_district_is_named(api, learner):
    response = api(learner).call("patch", "/me", {"district": "999999"})
    assert response.status_code == 400
    assert "district" in response.json()["error"]["fields"]


def test_phone_of_another_account_is_refused(api, learner, other_learner):
    response = api(learner).call("patch", "/me", {"phone": other_learner.phone})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "taken"


def test_password_change(api, learner, password):
    client = api(learner)
    response = client.call(
        "post", "/me/password", {"old_password": password, "new_password": "a-much-better-one-42"}
    )
    assert response.status_code == 204
    learner.refresh_from_db()
    assert learner.check_password("a-much-better-one-42")
    assert client.call("get", "/me").status_code == 200  # the session survives


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("wrong-old-password", "a-much-better-one-42", "old_password"),
        (None, "password", "new_password"),
    ],
)
def test_password_change_refusals_name_the_field(api, learner, password, old, new, field):
    response = api(learner).call(
        "post", "/me/password", {"old_password": old or password, "new_password": new}
    )
    assert response.status_code in (400, 422)
    assert field in response.json()["error"]["fields"]
    learner.refresh_from_db()
    assert learner.check_password(password)


def test_id_number_is_kept_only_masked_and_hashed(api, learner):
    number = valid_id_number("500103", "19950607", 123)
    response = api(learner).call("put", "/me/id-number", {"id_number": number})
    assert response.status_code == 200
    assert response.json()["id_number"] == number[:3] + "*" * 11 + number[-4:]
    learner.refresh_from_db()
    stored = [str(getattr(learner, f.attname)) for f in User._meta.concrete_fields]
    assert number not in " ".join(stored)
    assert number not in str(list(AuditEvent.objects.values_list("changes", flat=True)))


def test_invalid_id_number_names_the_field(api, learner):
    number = valid_id_number("500103", "19950607", 123)
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    response = api(learner).call("put", "/me/id-number", {"id_number": wrong})
    assert response.status_code == 400
    assert "check digit" in response.json()["error"]["fields"]["id_number"]


def test_an_id_number_given_by_two_people_links_neither_account(api, learner, other_learner):
    number = valid_id_number("500103", "19950607", 7)
    assert api(learner).call("put", "/me/id-number", {"id_number": number}).status_code == 200
    response = api(other_learner).call("put", "/me/id-number", {"id_number": number})
    assert response.status_code == 200
    assert response.json()["id_number_verified"] is False
    assert User.objects.filter(id_number_hash__isnull=False).count() == 0


def test_export_holds_own_data_masked(api, learner):
    api(learner).call("post", "/me/consents", {"purpose": "outreach_sms"})
    data = api(learner).call("get", "/me/export").json()
    assert data["account"]["username"] == "alice"
    assert data["account"]["mobile"] == "138****8001"
    assert [c["purpose"] for c in data["consents"]] == ["outreach_sms"]
    assert data["roles"][0]["role"] == "learner"


def test_consent_is_given_listed_and_withdrawn(api, learner):
    client = api(learner)
    assert client.call("post", "/me/consents", {"purpose": "outreach_sms"}).status_code == 201
    assert client.call("post", "/me/consents", {"purpose": "outreach_sms"}).status_code == 201
    assert ConsentRecord.objects.filter(user=learner).count() == 1
    assert client.call("delete", "/me/consents/outreach_sms").status_code == 204
    [record] = client.call("get", "/me/consents").json()
    assert record["withdrawn_at"] is not None
    assert client.call("delete", "/me/consents/outreach_sms").status_code == 404


def test_unknown_consent_purpose_is_refused(api, learner):
    response = api(learner).call("post", "/me/consents", {"purpose": "sell_my_data"})
    assert response.status_code == 422
    assert "purpose" in response.json()["error"]["fields"]


def test_deletion_request_only_once_while_pending(api, learner):
    client = api(learner)
    assert client.call("post", "/me/deletion-request", {"reason": "moving away"}).status_code == 201
    second = client.call("post", "/me/deletion-request", {"reason": "again"})
    assert second.status_code == 400
    assert second.json()["error"]["code"] == "duplicate"
    assert DeletionRequest.objects.filter(user=learner).count() == 1


def test_error_messages_come_in_chinese_by_default(api, learner):
    response = api(learner, language="zh-hans").call("put", "/me/id-number", {"id_number": "123"})
    assert response.status_code == 400
    assert (
        response.json()["error"]["fields"]["id_number"]
        == "身份证号为 18 位：前 17 位为数字，最后一位为数字或 X。"
    )
