from django.templatetags.static import static
from django.urls import path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from zhijiang.web import views

app_name = "web"

# Browsers ask for /favicon.ico whatever the page says; the icon itself is a static file.
favicon_view = RedirectView.as_view(url=lazy(static, str)("zhijiang/favicon.ico"), permanent=True)

urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("healthz", views.health_view, name="health"),
    path("favicon.ico", favicon_view, name="favicon"),
]
