from django.urls import path

from zhijiang.analytics import views

app_name = "analytics"

urlpatterns = [
    path("quality/", views.quality_view, name="quality"),
    path("quality/verdicts/", views.verdict_view, name="quality_verdict"),
    path("people/me/timeline/", views.my_timeline_view, name="my_timeline"),
    path("people/<int:person_id>/timeline/", views.timeline_view, name="timeline"),
]
