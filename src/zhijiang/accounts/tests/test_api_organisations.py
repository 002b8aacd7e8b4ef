"""Organisations and their staff: who sees, registers and manages them."""

from __future__ import annotations

import pytest

from zhijiang.accounts.models import Membership, Organisation, Role
from zhijiang.accounts.tests.factories import UserFactory, valid_credit_code
from zhijiang.common.models import AuditEvent

pytestmark = pytest.mark.django_db


def names(response):
    assert response.status_code == 200, response.content
    return sorted(o["name"] for o in response.json()["items"])


def employer_body(**overrides):
    body = {
        "name": "新企业",
        "kind": "employer",
        "district": "500103",
        "credit_code": valid_credit_code(3),
    }
    return {**body, **overrides}


def test_employer_staff_see_only_their_own_organisation(api, employer_hr, other_employer):
    assert names(api(employer_hr).call("get", "/organisations")) == ["渝中数智科技有限公司"]


def test_district_officer_sees_organisations_of_their_district(
    api, district_officer, employer, other_employer
):
    listed = names(api(district_officer).call("get", "/organisations"))
    assert "渝中数智科技有限公司" in listed
    assert "沙坪坝智造有限公司" not in listed


def test_bureau_officer_sees_and_filters_all_organisations(
    api, bureau_officer, employer, other_employer
):
    client = api(bureau_officer)
    assert {"渝中数智科技有限公司", "沙坪坝智造有限公司"} <= set(
        names(client.call("get", "/organisations"))
    )
    assert names(client.call("get", "/organisations?district=500106&kind=employer")) == [
        "沙坪坝智造有限公司"
    ]


def test_learner_sees_no_organisations(api, learner, employer):
    assert names(api(learner).call("get", "/organisations")) == []


def test_organisation_list_needs_a_login(api):
    assert api().call("get", "/organisations").status_code == 401


def test_employer_cannot_open_another_employer(api, employer_hr, employer, other_employer):
    assert api(employer_hr).call("get", f"/organisations/{employer.pk}").status_code == 200
    assert api(employer_hr).call("get", f"/organisations/{other_employer.pk}").status_code == 404


def test_organisation_detail_needs_a_login(api, employer):
    assert api().call("get", f"/organisations/{employer.pk}").status_code == 401


def test_bureau_officer_registers_an_organisation(api, bureau_officer):
    response = api(bureau_officer).call("post", "/organisations", employer_body())
    assert response.status_code == 201, response.content
    assert response.json()["district"] == "500103"
    assert AuditEvent.objects.filter(action="organisation.create", actor=bureau_officer).exists()


def test_district_officer_registers_only_in_their_district(api, district_officer):
    client = api(district_officer)
    assert client.call("post", "/organisations", employer_body()).status_code == 201
    response = client.call(
        "post", "/organisations", employer_body(district="500106", credit_code=None)
    )
    assert response.status_code == 403
    office = client.call(
        "post", "/organisations", employer_body(kind="district_office", credit_code=None)
    )
    assert office.status_code == 403


@pytest.mark.parametrize("persona", ["employer_hr", "learner"])
def test_non_officers_cannot_register_organisations(api, request, persona):
    response = api(request.getfixturevalue(persona)).call("post", "/organisations", employer_body())
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("overrides", "status", "field"),
    [
        ({"credit_code": "91500103MA5U1234X9"}, 400, "credit_code"),
        ({"district": None}, 400, "district"),
        ({"district": "000000"}, 400, "district"),
        ({"kind": "bank"}, 422, "kind"),
        ({"name": ""}, 422, "name"),
        ({"name": "x" * 200}, 422, "name"),
    ],
)
def test_invalid_organisation_is_refused_with_the_field(
    api, bureau_officer, overrides, status, field
):
    before = Organisation.objects.count()
    response = api(bureau_officer).call("post", "/organisations", employer_body(**overrides))
    assert response.status_code == status
    assert field in response.json()["error"]["fields"]
    assert Organisation.objects.count() == before


def test_duplicate_credit_code_is_refused(api, bureau_officer):
    client = api(bureau_officer)
    assert client.call("post", "/organisations", employer_body()).status_code == 201
    response = client.call("post", "/organisations", employer_body(name="另一家"))
    assert response.json()["error"]["code"] == "taken"


def test_district_officer_updates_an_organisation_and_it_is_audited(
    api, district_officer, employer
):
    response = api(district_officer).call(
        "patch", f"/organisations/{employer.pk}", {"address": "解放碑 1 号"}
    )
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="organisation.update")
    assert event.changes == {"address": ["", "解放碑 1 号"]}


def test_employer_staff_cannot_update_their_organisation_record(api, employer_hr, employer):
    response = api(employer_hr).call("patch", f"/organisations/{employer.pk}", {"name": "改名"})
    assert response.status_code == 403
    employer.refresh_from_db()
    assert employer.name == "渝中数智科技有限公司"


def test_update_of_an_unseen_organisation_is_not_found(api, district_officer, other_employer):
    response = api(district_officer).call(
        "patch", f"/organisations/{other_employer.pk}", {"name": "x"}
    )
    assert response.status_code == 404


def test_update_needs_a_login(api, employer):
    assert api().call("patch", f"/organisations/{employer.pk}", {"name": "x"}).status_code == 401


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"credit_code": "BAD"}, "credit_code"),
        ({"address": None}, "address"),
        ({"name": None}, "name"),
        ({"contact_phone": None}, "contact_phone"),
        ({"is_active": None}, "is_active"),
    ],
)
def test_invalid_update_is_refused(api, district_officer, employer, change, field):
    response = api(district_officer).call("patch", f"/organisations/{employer.pk}", change)
    assert response.status_code in (400, 422), response.content
    assert list(response.json()["error"]["fields"]) == [field]
    employer.refresh_from_db()
    assert employer.name == "渝中数智科技有限公司"


def test_staff_see_their_colleagues(api, employer_hr, employer):
    members = api(employer_hr).call("get", f"/organisations/{employer.pk}/members").json()
    assert [(m["username"], m["role"]) for m in members] == [("erin", "employer_staff")]


def test_staff_cannot_list_another_organisations_staff(
    api, employer_hr, other_employer_hr, other_employer
):
    response = api(employer_hr).call("get", f"/organisations/{other_employer.pk}/members")
    assert response.status_code == 404


def test_member_list_needs_a_login(api, employer):
    assert api().call("get", f"/organisations/{employer.pk}/members").status_code == 401


def test_district_officer_gives_and_removes_a_staff_role(api, district_officer, employer):
    newcomer = UserFactory(username="newhr")
    client = api(district_officer)
    response = client.call(
        "post",
        f"/organisations/{employer.pk}/members",
        {"username": "newhr", "role": "employer_staff"},
    )
    assert response.status_code == 201, response.content
    membership = Membership.objects.get(user=newcomer)
    again = client.call(
        "post",
        f"/organisations/{employer.pk}/members",
        {"username": "newhr", "role": "employer_staff"},
    )
    assert again.json()["error"]["code"] == "duplicate"
    removed = client.call("delete", f"/organisations/{employer.pk}/members/{membership.pk}")
    assert removed.status_code == 204
    assert not Membership.objects.filter(user=newcomer).exists()
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["membership.grant", "membership.revoke"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"username": "ghost", "role": "employer_staff"}, "username"),
        ({"username": "newhr", "role": "assessor"}, "organisation"),
        ({"username": "newhr", "role": "wizard"}, "role"),
    ],
)
def test_invalid_role_grant_names_the_field(api, district_officer, employer, body, field):
    UserFactory(username="newhr")
    response = api(district_officer).call("post", f"/organisations/{employer.pk}/members", body)
    assert response.status_code in (400, 422)
    assert field in response.json()["error"]["fields"]
    assert not Membership.objects.filter(user__username="newhr").exists()


def test_district_officer_cannot_make_someone_a_bureau_officer(api, district_officer, employer):
    UserFactory(username="newhr")
    response = api(district_officer).call(
        "post",
        f"/organisations/{employer.pk}/members",
        {"username": "newhr", "role": "district_officer"},
    )
    assert response.status_code in (400, 403)
    assert not Membership.objects.filter(user__username="newhr").exists()


def test_employer_staff_cannot_give_roles(api, employer_hr, employer):
    UserFactory(username="newhr")
    response = api(employer_hr).call(
        "post",
        f"/organisations/{employer.pk}/members",
        {"username": "newhr", "role": "employer_staff"},
    )
    assert response.status_code == 403


def test_employer_staff_cannot_remove_colleagues(api, employer_hr, employer):
    membership = Membership.objects.get(user=employer_hr)
    response = api(employer_hr).call(
        "delete", f"/organisations/{employer.pk}/members/{membership.pk}"
    )
    assert response.status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_role_changes_need_a_login(api, employer):
    body = {"username": "x", "role": "employer_staff"}
    assert api().call("post", f"/organisations/{employer.pk}/members", body).status_code == 401
    assert api().call("delete", f"/organisations/{employer.pk}/members/1").status_code == 401


def test_a_person_can_hold_several_roles(api, bureau_officer, employer, learner):
    response = api(bureau_officer).call(
        "post",
        f"/organisations/{employer.pk}/members",
        {"username": "alice", "role": "employer_staff"},
    )
    assert response.status_code == 201
    assert sorted(api(learner).call("get", "/me").json()["roles"]) == [
        Role.EMPLOYER_STAFF,
        Role.LEARNER,
    ]
