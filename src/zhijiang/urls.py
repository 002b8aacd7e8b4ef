from django.contrib import admin
from django.urls import include, path, re_path

from zhijiang.api import api, unknown_endpoint

admin.site.site_header = "智匠 Zhijiang"

urlpatterns = [
    path("", include("zhijiang.web.urls")),
    path("accounts/", include("zhijiang.accounts.urls")),
    path("occupations/", include("zhijiang.occupations.urls")),
    path("training/", include("zhijiang.training.urls")),
    path("assessment/", include("zhijiang.assessment.urls")),
    path("credentials/", include("zhijiang.credentials.urls")),
    path("careers/", include("zhijiang.careers.urls")),
    path("jobs/", include("zhijiang.jobs.urls")),
    path("analytics/", include("zhijiang.analytics.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    re_path(r"^api/", unknown_endpoint),
    path("admin/", admin.site.urls),
]
