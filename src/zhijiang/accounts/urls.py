from django.urls import path

from zhijiang.accounts import officer_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("sign-up/", views.sign_up_view, name="sign_up"),
    path("sign-up/confirm/", views.sign_up_confirm_view, name="sign_up_confirm"),
    path("me/", views.profile_view, name="profile"),
    path("me/edit/", views.profile_edit_view, name="profile_edit"),
    path("me/id-number/", views.id_number_view, name="id_number"),
    path("me/consents/", views.consent_view, name="consent"),
    path("me/export/", views.export_view, name="export"),
    path("me/deletion-request/", views.deletion_request_view, name="deletion_request"),
    path("me/password/", views.password_change_view, name="password_change"),
    path("people/", officer_views.people_view, name="people"),
    path("people/new/", officer_views.person_new_view, name="person_new"),
    path("people/<int:person_id>/", officer_views.person_detail_view, name="person_detail"),
    path(
        "people/<int:person_id>/id-number/verify/",
        officer_views.id_number_verify_view,
        name="id_number_verify",
    ),
    path("organisations/", officer_views.organisations_view, name="organisations"),
    path("organisations/new/", officer_views.organisation_new_view, name="organisation_new"),
    path(
        "organisations/<int:organisation_id>/",
        officer_views.organisation_detail_view,
        name="organisation_detail",
    ),
    path("audit/", officer_views.audit_view, name="audit"),
    path("deletion-requests/", officer_views.deletion_requests_view, name="deletion_requests"),
    path(
        "deletion-requests/<int:request_id>/decide/",
        officer_views.deletion_decide_view,
        name="deletion_decide",
    ),
]
