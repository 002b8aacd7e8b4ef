from django.urls import path

from zhijiang.credentials import manage_views, views

app_name = "credentials"

urlpatterns = [
    path("mine/", views.mine_view, name="mine"),
    path("verify/", views.verify_view, name="verify"),
    path("c/<uuid:certificate_id>/", views.certificate_view, name="certificate"),
    path("c/<uuid:certificate_id>.json", views.certificate_json, name="certificate_json"),
    path("c/<uuid:certificate_id>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("c/<uuid:certificate_id>/dual.json", views.dual_json, name="dual_json"),
    path("issuers/<int:organisation_id>", views.issuer_profile, name="issuer"),
    path("issuers/<int:organisation_id>/keys.json", views.issuer_keys_json, name="issuer_keys"),
    path(
        "status/<int:organisation_id>/<int:number>.json",
        views.status_list_json,
        name="status_list",
    ),
    path("manage/", manage_views.manage_view, name="manage"),
    path("manage/<int:organisation_id>/", manage_views.issued_view, name="issued"),
    path(
        "manage/<int:organisation_id>/certificates/<uuid:certificate_id>/revoke/",
        manage_views.revoke_view,
        name="revoke",
    ),
    path("manage/<int:organisation_id>/keys/", manage_views.keys_view, name="keys"),
    path(
        "manage/<int:organisation_id>/keys/rotate/",
        manage_views.key_rotate_view,
        name="key_rotate",
    ),
    path(
        "manage/<int:organisation_id>/keys/<int:number>/revoke/",
        manage_views.key_revoke_view,
        name="key_revoke",
    ),
]
