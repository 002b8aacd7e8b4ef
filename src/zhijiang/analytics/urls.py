from django.urls import path

from zhijiang.analytics import views

app_name = "analytics"

urlpatterns = [
    path("quality/", views.quality_view, name="quality"),
    path("quality/verdicts/", views.verdict_view, name="quality_verdict"),
]
