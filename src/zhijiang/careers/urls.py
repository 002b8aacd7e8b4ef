from django.urls import path

from zhijiang.careers import views

app_name = "careers"

urlpatterns = [
    path("plan/", views.plan_view, name="plan"),
]
