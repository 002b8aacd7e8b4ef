"""The web pages: signing in and out, the profile, officers' pages, and who may open what."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from zhijiang.accounts.models import ConsentRecord, Organisation, User
from zhijiang.accounts.tests.factories import valid_id_number

pytestmark = pytest.mark.django_db


def client_for(user=None, language="en", **kwargs):
    client = Client(headers={"Accept-Language": language}, **kwargs)
    if user is not None:
        client.force_login(user)
    return client


def test_sign_in_by_mobile_number_lands_on_the_dashboard(learner, password):
    response = client_for().post(
        "/accounts/login/", {"identifier": "13800138001", "password": password}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/"
    assert b"My path" in response.content


def test_wrong_password_and_unknown_user_look_the_same(learner):
    wrong = client_for().post("/accounts/login/", {"identifier": "alice", "password": "x-wrong"})
    unknown = client_for().post("/accounts/login/", {"identifier": "zed", "password": "x-wrong"})
    assert wrong.status_code == unknown.status_code == 400
    message = b"The account name or password is not correct."
    assert message in wrong.content and message in unknown.content


def test_sign_in_pauses_after_repeated_failures(learner, password, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    client = client_for()
    for _ in range(2):
        client.post("/accounts/login/", {"identifier": "alice", "password": "x-wrong"})
    response = client.post("/accounts/login/", {"identifier": "alice", "password": password})
    assert b"Too many failed sign-ins" in response.content
    assert "_auth_user_id" not in client.session


def test_sign_in_does_not_redirect_to_another_site(learner, password):
    response = client_for().post(
        "/accounts/login/",
        {"identifier": "alice", "password": password, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_forms_need_the_csrf_token(learner, password):
    client = client_for(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"identifier": "alice", "password": password})
    assert response.status_code == 403


def test_sign_out_is_a_post(learner):
    client = client_for(learner)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/accounts/me/").status_code == 302


def test_pages_need_a_login():
    for path in [
        "/accounts/me/",
        "/accounts/people/",
        "/accounts/audit/",
        "/accounts/me/export/",
    ]:
        response = client_for().get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/login/")


def test_the_interface_is_chinese_by_default_and_english_on_request(learner):
    chinese = client_for(learner, language="zh-hans").get("/")
    assert '<html lang="zh-Hans">' in chinese.content.decode()
    assert "工作台" in chinese.content.decode()
    english = client_for(learner).get("/")
    assert "Dashboard" in english.content.decode()


def test_language_switch_is_remembered(learner):
    client = client_for(learner, language="zh-hans")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Dashboard" in client.get("/").content.decode()


def test_profile_shows_masked_personal_data(learner):
    page = client_for(learner).get("/accounts/me/").content.decode()
    assert "138****8001" in page
    assert "13800138001" not in page


def test_profile_edit_with_bad_phone_shows_the_error_by_the_field(learner):
    response = client_for(learner).post(
        "/accounts/me/edit/", {"full_name": "新名字", "phone": "12345", "email": ""}
    )
    assert response.status_code == 400
    assert 'id="id_phone_error"' in response.content.decode()
    learner.refresh_from_db()
    assert learner.full_name != "新名字"


def test_id_number_form_records_a_masked_number(learner):
    number = valid_id_number("500103", "19991212", 42)
    response = client_for(learner).post("/accounts/me/id-number/", {"id_number": number})
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.id_number_masked == number[:3] + "*" * 11 + number[-4:]


def test_consent_toggle_returns_the_partial_for_htmx(learner):
    response = client_for(learner).post(
        "/accounts/me/consents/", {"purpose": "outreach_sms", "give": "1"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response.content.decode().startswith('<div id="consents">')
    assert ConsentRecord.objects.filter(user=learner, withdrawn_at__isnull=True).count() == 1


def test_export_is_a_json_download_of_own_data(learner):
    response = client_for(learner).get("/accounts/me/export/")
    assert response["Content-Disposition"].startswith("attachment;")
    assert json.loads(response.content)["account"]["username"] == "alice"


def test_deletion_request_from_the_profile(learner):
    response = client_for(learner).post("/accounts/me/deletion-request/", {"reason": "不再需要"})
    assert response.status_code == 302
    assert learner.deletion_requests.count() == 1


def test_password_change_page(learner, password):
    client = client_for(learner)
    mismatch = client.post(
        "/accounts/me/password/",
        {
            "old_password": password,
            "new_password": "brand-new-pass-1",
            "new_password_again": "other",
        },
    )
    assert mismatch.status_code == 400
    ok = client.post(
        "/accounts/me/password/",
        {
            "old_password": password,
            "new_password": "brand-new-pass-1",
            "new_password_again": "brand-new-pass-1",
        },
    )
    assert ok.status_code == 302
    learner.refresh_from_db()
    assert learner.check_password("brand-new-pass-1")


def test_district_officer_people_page_lists_only_their_district(
    district_officer, learner, other_learner
):
    page = client_for(district_officer).get("/accounts/people/").content.decode()
    assert "alice" in page
    assert "bob" not in page


def test_people_search_returns_only_the_table_for_htmx(bureau_officer, learner, other_learner):
    response = client_for(bureau_officer).get("/accounts/people/?q=bob", HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert page.startswith('<div id="results">')
    assert "bob" in page and "alice" not in page


@pytest.mark.parametrize(
    "path", ["/accounts/people/", "/accounts/audit/", "/accounts/deletion-requests/"]
)
def test_officer_pages_refuse_learners_and_employers(learner, employer_hr, path):
    for user in (learner, employer_hr):
        assert client_for(user).get(path).status_code == 403


def test_officer_cannot_open_a_person_of_another_district(district_officer, other_learner):
    assert (
        client_for(district_officer).get(f"/accounts/people/{other_learner.pk}/").status_code == 404
    )


def test_officer_registers_a_person_through_the_form(district_officer):
    response = client_for(district_officer).post(
        "/accounts/people/new/",
        {
            "username": "carol",
            "full_name": "卡罗尔",
            "district": "",
            "phone": "13612345678",
            "id_number": "",
            "password": "long-enough-pass",
        },
    )
    assert response.status_code == 400  # no district chosen
    district_id = district_officer.memberships.get().organisation.district_id
    response = client_for(district_officer).post(
        "/accounts/people/new/",
        {
            "username": "carol",
            "full_name": "卡罗尔",
            "district": district_id,
            "phone": "13612345678",
            "id_number": "",
            "password": "long-enough-pass",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(username="carol").phone == "13612345678"


def test_employer_sees_own_organisation_page_but_not_another(employer_hr, employer, other_employer):
    client = client_for(employer_hr)
    assert client.get(f"/accounts/organisations/{employer.pk}/").status_code == 200
    assert client.get(f"/accounts/organisations/{other_employer.pk}/").status_code == 404
    assert (
        client.post(
            f"/accounts/organisations/{employer.pk}/", {"username": "x", "role": "employer_staff"}
        ).status_code
        == 403
    )


def test_officer_registers_an_organisation_with_a_bad_code_and_sees_why(district_officer):
    district_id = district_officer.memberships.get().organisation.district_id
    response = client_for(district_officer).post(
        "/accounts/organisations/new/",
        {"name": "某公司", "kind": "employer", "district": district_id, "credit_code": "BAD"},
    )
    assert response.status_code == 400
    assert 'id="id_credit_code_error"' in response.content.decode()
    assert not Organisation.objects.filter(name="某公司").exists()


def test_audit_page_and_deletion_review(district_officer, learner):
    client_for(learner).post("/accounts/me/deletion-request/", {"reason": ""})
    client = client_for(district_officer)
    request_id = learner.deletion_requests.get().pk
    assert "deletion.request" in client.get("/accounts/audit/").content.decode()
    response = client.post(
        f"/accounts/deletion-requests/{request_id}/decide/", {"approve": "0", "note": "x"}
    )
    assert response.status_code == 302
    assert learner.deletion_requests.get().status == "rejected"


@pytest.mark.parametrize(
    "persona",
    ["learner", "employer_hr", "provider_staff", "assessor", "district_officer", "bureau_officer"],
)
def test_every_role_has_a_dashboard(request, persona):
    response = client_for(request.getfixturevalue(persona)).get("/")
    assert response.status_code == 200
    assert b"Sign out" in response.content


def test_health_check(db):
    assert client_for().get("/healthz").json() == {"status": "ok"}


def test_a_job_seeker_opens_their_own_account_and_is_signed_in(db):
    client = client_for()
    response = client.post(
        "/accounts/sign-up/",
        {
            "username": "dana",
            "full_name": "丹娜",
            "phone": "137 0000 2222",
            "district": "",
            "password": "dana-long-password",
            "accept_privacy": "on",
        },
    )
    assert response.status_code == 400  # no district
    assert not User.objects.filter(username="dana").exists()
    from zhijiang.accounts.tests.factories import district

    response = client.post(
        "/accounts/sign-up/",
        {
            "username": "dana",
            "full_name": "丹娜",
            "phone": "137 0000 2222",
            "district": district("500112").pk,
            "password": "dana-long-password",
            "accept_privacy": "on",
        },
    )
    assert response["Location"] == "/accounts/sign-up/confirm/"
    assert not User.objects.filter(username="dana").exists()
    from zhijiang.common.sms import outbox

    code = outbox[-1].params["code"]
    response = client.post("/accounts/sign-up/confirm/", {"code": code}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    dana = User.objects.get(username="dana")
    assert dana.phone == "13700002222"
    assert dana.memberships.get().role == "learner"


def test_sign_up_needs_the_privacy_notice_accepted(db):
    from zhijiang.accounts.tests.factories import district

    response = client_for().post(
        "/accounts/sign-up/",
        {
            "username": "dana",
            "full_name": "丹娜",
            "phone": "13700002222",
            "district": district("500112").pk,
            "password": "dana-long-password",
        },
    )
    assert response.status_code == 400
    assert 'id="id_accept_privacy_error"' in response.content.decode()
    assert not User.objects.filter(username="dana").exists()
