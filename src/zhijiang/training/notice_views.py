"""Training notices (通知公告): the public list and a notice, and publishing one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from zhijiang.common.errors import ApplicationError
from zhijiang.common.forms import add_service_error
from zhijiang.common.requests import signed_in_user
from zhijiang.training import delivery, selectors
from zhijiang.training.course_views import require_author
from zhijiang.training.forms import NoticeFilterForm, NoticeForm
from zhijiang.training.models import Course, CourseRun
from zhijiang.training.views import PAGE_SIZE


def notices(request: HttpRequest) -> HttpResponse:
    form = NoticeFilterForm(request.GET or None)
    form.is_valid()
    district = getattr(form, "cleaned_data", {}).get("district")
    found = selectors.notices(district=district.code if district else "")
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "query_string": f"district={district.code}&" if district else "",
        "can_publish": request.user.is_authenticated and selectors.can_author(request.user),
    }
    return render(request, "training/notices.html", context)


def notice_detail(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = selectors.notice(notice_id)
    run_visible = notice.run is not None and notice.run.course.status == Course.Status.APPROVED
    return render(request, "training/notice.html", {"notice": notice, "run_visible": run_visible})


@login_required
def notice_new(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require_author(user)
    organisations = selectors.author_organisations(user=user)
    runs = (
        selectors.runs_for_provider(user=user)
        # A notice announces a run still to come or under way, never one that has finished.
        .filter(status=CourseRun.Status.PUBLISHED, end_date__gte=timezone.localdate())
        .order_by("start_date", "id")
    )
    form = NoticeForm(request.POST or None, organisations=organisations, runs=runs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            notice = delivery.notice_publish(
                actor=user,
                organisation=data["organisation"],
                title=data["title"],
                body=data["body"],
                district=data["district"],
                run=data["run"],
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The notice is published."))
            return redirect("training:notice", notice_id=notice.pk)
    status = 400 if form.errors else 200
    return render(request, "training/notice_new.html", {"form": form}, status=status)
