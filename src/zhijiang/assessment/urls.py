from django.urls import path

from zhijiang.assessment import session_views as sv
from zhijiang.assessment import views

app_name = "assessment"

urlpatterns = [
    path("", views.banks_view, name="banks"),
    path("banks/<int:bank_id>/", views.bank_view, name="bank"),
    path("banks/<int:bank_id>/items/new/", views.item_new_view, name="item_new"),
    path("banks/<int:bank_id>/import/", views.import_view, name="import"),
    path("banks/<int:bank_id>/export/", views.export_view, name="export"),
    path("banks/<int:bank_id>/drafts/", views.drafts_view, name="drafts"),
    path("banks/<int:bank_id>/statistics/", views.statistics_view, name="statistics"),
    path("banks/<int:bank_id>/forms/new/", views.assemble_view, name="assemble"),
    path("items/<int:item_id>/", views.item_edit_view, name="item"),
    path("items/<int:item_id>/review/", views.review_view, name="review"),
    path("items/<int:item_id>/retire/", views.retire_view, name="retire"),
    path("review/", views.review_queue_view, name="review_queue"),
    path("forms/<int:form_id>/", views.form_view, name="form"),
    path(
        "standards/<int:standard_id>/blueprint/<int:level>/",
        views.blueprint_view,
        name="blueprint",
    ),
    # Exam sessions (session_views)
    path("sessions/", sv.sessions_view, name="sessions"),
    path("sessions/new/", sv.session_new_view, name="session_new"),
    path("sessions/<int:session_id>/", sv.session_view, name="session"),
    path("sessions/<int:session_id>/open/", sv.session_open_view, name="session_open"),
    path("sessions/<int:session_id>/close/", sv.session_close_view, name="session_close"),
    path("sessions/<int:session_id>/learners/", sv.learner_search_view, name="session_learners"),
    path("sessions/<int:session_id>/register/", sv.register_view, name="session_register"),
    path("sessions/<int:session_id>/practical/", sv.practical_task_view, name="practical_task"),
    path("sessions/<int:session_id>/results/", sv.results_view, name="session_results"),
    path("sessions/<int:session_id>/decisions/", sv.decisions_view, name="decisions"),
    path("sessions/<int:session_id>/take/", sv.take_view, name="take"),
    path("sessions/<int:session_id>/take/start/", sv.take_start_view, name="take_start"),
    path("sessions/<int:session_id>/take/next/", sv.take_next_view, name="take_next"),
    path("sessions/<int:session_id>/take/submit/", sv.take_submit_view, name="take_submit"),
    path(
        "registrations/<int:registration_id>/practical/",
        sv.scoring_view,
        name="practical_score",
    ),
    path(
        "registrations/<int:registration_id>/evidence/",
        sv.evidence_upload_view,
        name="evidence_upload",
    ),
    path("evidence/<int:evidence_id>/", sv.evidence_download_view, name="evidence"),
    path("practical/queue/", sv.third_queue_view, name="practical_queue"),
    path("decisions/review/", sv.decision_review_queue_view, name="decision_review_queue"),
    path("decisions/<int:decision_id>/review/", sv.decision_review_view, name="decision_review"),
    path("mine/", sv.mine_view, name="mine"),
]
