from django.urls import path

from zhijiang.jobs import candidate_views, certificate_views, manage_views, seeker_views, views

app_name = "jobs"

urlpatterns = [
    path("", views.board_view, name="board"),
    path("<int:position_id>/", views.position_view, name="position"),
    path("<int:position_id>/apply/", views.apply_view, name="apply"),
    path("notifications/", views.notifications_view, name="notifications"),
    path("checks/<int:check_id>/", views.check_view, name="check"),
    path("manage/", manage_views.manage_view, name="manage"),
    path("manage/new/", manage_views.position_new_view, name="position_new"),
    path("manage/suggest/", manage_views.suggest_view, name="suggest"),
    path("manage/<int:position_id>/", manage_views.manage_position_view, name="manage_position"),
    path("manage/<int:position_id>/edit/", manage_views.position_edit_view, name="position_edit"),
    path(
        "manage/<int:position_id>/status/",
        manage_views.position_status_view,
        name="position_status",
    ),
    path(
        "manage/<int:position_id>/candidates/<int:person_id>/",
        candidate_views.candidate_view,
        name="candidate",
    ),
    path(
        "manage/<int:position_id>/candidates/<int:person_id>/invite/",
        candidate_views.candidate_invite_view,
        name="candidate_invite",
    ),
    path(
        "manage/applications/<int:application_id>/move/",
        manage_views.application_move_view,
        name="application_move",
    ),
    path("certificates/", certificate_views.certificates_view, name="certificates"),
    path(
        "certificates/<int:certificate_id>/check/",
        certificate_views.certificate_check_view,
        name="certificate_check",
    ),
    path("applications/", seeker_views.applications_view, name="applications"),
    path(
        "applications/<int:application_id>/withdraw/",
        seeker_views.withdraw_view,
        name="withdraw",
    ),
    path("matches/", seeker_views.matches_view, name="matches"),
    path("profile/", seeker_views.profile_view, name="profile"),
    path("profile/work/", seeker_views.work_add_view, name="work_add"),
    path("profile/work/<int:job_id>/delete/", seeker_views.work_delete_view, name="work_delete"),
    path("profile/certificates/", seeker_views.certificate_add_view, name="certificate_add"),
    path("profile/suggest/", seeker_views.suggest_occupation_view, name="suggest_occupation"),
]
