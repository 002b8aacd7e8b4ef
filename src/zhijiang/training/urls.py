from django.urls import path

from zhijiang.training import (
    course_views,
    export_views,
    notice_views,
    open_views,
    run_views,
    views,
)

app_name = "training"

urlpatterns = [
    # Public: the open catalogue, runs, notices, open courses.
    path("", views.catalogue, name="catalogue"),
    path("runs/<int:run_id>/", views.run_detail, name="run"),
    path("runs/<int:run_id>/enrol/", views.enrol, name="enrol"),
    path("notices/", notice_views.notices, name="notices"),
    path("notices/new/", notice_views.notice_new, name="notice_new"),
    path("notices/<int:notice_id>/", notice_views.notice_detail, name="notice"),
    path("open/", open_views.open_courses, name="open_courses"),
    path("open/<int:course_id>/", open_views.open_course, name="open_course"),
    path("open/<int:course_id>/<str:lesson_key>/", open_views.open_lesson, name="open_lesson"),
    path(
        "open/<int:course_id>/<str:lesson_key>/attachment/",
        open_views.attachment,
        name="attachment",
    ),
    # Learners.
    path("mine/", views.my_enrolments, name="my_enrolments"),
    path("mine/<int:enrolment_id>/cancel/", views.enrolment_cancel, name="enrolment_cancel"),
    # Providers and officers: courses.
    path("courses/", course_views.courses, name="courses"),
    path("courses/new/", course_views.course_new, name="course_new"),
    path("courses/<int:course_id>/", course_views.course_detail, name="course"),
    path("courses/<int:course_id>/edit/", course_views.course_edit, name="course_edit"),
    path("courses/<int:course_id>/approve/", course_views.course_approve, name="course_approve"),
    path(
        "courses/<int:course_id>/vouchers-request/",
        course_views.course_vouchers_request,
        name="course_vouchers_request",
    ),
    path("courses/<int:course_id>/retire/", course_views.course_retire, name="course_retire"),
    path("courses/<int:course_id>/open/", course_views.course_open, name="course_open"),
    path("courses/<int:course_id>/print/", export_views.course_print, name="course_print"),
    path("courses/<int:course_id>/export.docx", export_views.course_docx, name="course_docx"),
    path("courses/<int:course_id>/export.pdf", export_views.course_pdf, name="course_pdf"),
    path(
        "courses/<int:course_id>/lessons/<str:lesson_key>/material/",
        course_views.lesson_material,
        name="lesson_material",
    ),
    path("courses/<int:course_id>/runs/new/", run_views.run_new, name="run_new"),
    # Providers: runs.
    path("manage/", run_views.runs_manage, name="runs"),
    path("manage/<int:run_id>/", run_views.run_manage, name="run_manage"),
    path("manage/<int:run_id>/attendance/", run_views.attendance, name="attendance"),
    path("manage/<int:run_id>/results/", run_views.results, name="results"),
    path("manage/<int:run_id>/cancel/", run_views.run_cancel, name="run_cancel"),
]
