from django.urls import path

from zhijiang.occupations import views

app_name = "occupations"

urlpatterns = [
    path("", views.tree_view, name="tree"),
    path("children/<str:code>/", views.children_view, name="children"),
    path("standards/review/", views.review_view, name="review"),
    path("analyse/", views.analyse_view, name="analyse"),
    path("analyse/skills/", views.confirm_skills_view, name="confirm_skills"),
    path("standards/import/", views.import_view, name="import"),
    path("standards/<int:standard_id>/", views.standard_view, name="standard"),
    path("standards/<int:standard_id>/diff/", views.diff_view, name="diff"),
    path("standards/<int:standard_id>/export/", views.export_view, name="export"),
    path(
        "standards/<int:standard_id>/requirements/<int:requirement_id>/",
        views.requirement_edit_view,
        name="requirement_edit",
    ),
    path(
        "standards/<int:standard_id>/specialisms/<str:action>/",
        views.specialisms_view,
        name="specialisms",
    ),
    path(
        "standards/<int:standard_id>/functions/<int:function_id>/",
        views.function_edit_view,
        name="function_edit",
    ),
    path("standards/<int:standard_id>/<str:action>/", views.transition_view, name="transition"),
    path("<str:code>/", views.occupation_view, name="detail"),
    path("<str:code>/draft/", views.draft_view, name="draft"),
]
