"""Public training pages (the catalogue and a run) and the learner's own: enrol, my courses.

Course authoring is in ``course_views`` and ``export_views``, run management in ``run_views``,
notices in ``notice_views`` and open courses in ``open_views``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhijiang.accounts.models import Role
from zhijiang.accounts.selectors import roles_of
from zhijiang.common.errors import ApplicationError, PermissionDeniedError
from zhijiang.common.forms import flash_service_error
from zhijiang.common.requests import signed_in_user
from zhijiang.training import delivery, selectors
from zhijiang.training.forms import CatalogueForm
from zhijiang.training.models import CourseRun, Enrolment, RunPhase
from zhijiang.training.progress import Completion, completion_of, plan_items

PAGE_SIZE = 20


def catalogue(request: HttpRequest) -> HttpResponse:
    """Runs open for enrolment, searched and filtered; htmx gets only the results."""
    form = CatalogueForm(request.GET or None)
    form.is_valid()  # a bad filter is shown at its field; the valid ones still apply
    runs = selectors.catalogue_runs(form.filters())
    page = Paginator(runs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query_string": query.urlencode() + "&" if query else "",
    }
    # A history restore asks for the whole page again, though it comes through htmx.
    partial = request.headers.get("HX-Request") and not request.headers.get(
        "HX-History-Restore-Request"
    )
    template = "training/_catalogue_results.html" if partial else "training/catalogue.html"
    return render(request, template, context)


def course_outline(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """The plan's modules with their hours and lessons, for the public pages."""
    modules = []
    for module in plan["modules"]:
        theory = sum(float(lesson["theory_hours"]) for lesson in module["lessons"])
        practice = sum(float(lesson["practice_hours"]) for lesson in module["lessons"])
        modules.append(
            {
                "key": module["key"],
                "title": module["title"],
                "theory_hours": theory,
                "practice_hours": practice,
                "hours": theory + practice,
                "lessons": module["lessons"],
            }
        )
    return modules


def _learner_context(request: HttpRequest, run: CourseRun) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {"is_learner": False}
    enrolment = selectors.live_enrolment(person=user, run=run)
    return {
        "is_learner": Role.LEARNER in roles_of(user),
        "enrolment": enrolment,
        "waitlist_number": delivery.waitlist_position(enrolment) if enrolment else None,
    }


def _run_context(request: HttpRequest, run: CourseRun) -> dict[str, Any]:
    today = timezone.localdate()
    open_for_enrolment = run.phase_on(today) == RunPhase.ENROLLING
    return {
        "run": run,
        "course": run.course,
        "level": run.course.level_label,
        "modules": course_outline(run.course.plan),
        "assessments": run.course.plan["assessments"],
        "places_left": run.places_left,
        "open_for_enrolment": open_for_enrolment,
        "can_cancel_place": run.start_date > today,
        "enrol_error": None,
        **_learner_context(request, run),
    }


def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    run = selectors.public_run(run_id)
    return render(request, "training/run.html", _run_context(request, run))


@login_required
@require_POST
def enrol(request: HttpRequest, run_id: int) -> HttpResponse:
    """A place on the run, or on its waiting list; a refusal is shown on the run's page."""
    run = selectors.public_run(run_id)
    waitlist = request.POST.get("waitlist") == "1"
    try:
        enrolment = delivery.enrol(person=signed_in_user(request), run=run, waitlist=waitlist)
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        context = {**_run_context(request, selectors.public_run(run_id)), "enrol_error": error}
        return render(request, "training/run.html", context, status=400)
    if enrolment.status == Enrolment.Status.WAITLISTED:
        messages.success(request, _("You are on the waiting list."))
    else:
        messages.success(request, _("You are enrolled. See you on the first day."))
    return redirect("training:run", run_id=run.pk)


@dataclass(frozen=True)
class EnrolmentRow:
    enrolment: Enrolment
    completion: Completion
    waitlist_number: int | None
    passed: list[str]
    missing: list[str]
    can_cancel: bool

    @property
    def needed_hours(self) -> float:
        return self.completion.needed_share * self.completion.total_hours

    @property
    def percent(self) -> int:
        """Attended hours as a share of the hours needed, for the progress bar."""
        if not self.needed_hours:
            return 100
        return min(100, round(100 * self.completion.attended_hours / self.needed_hours))


def _enrolment_row(enrolment: Enrolment, today: Any) -> EnrolmentRow:
    titles = plan_items(enrolment.run).assessments
    completion = completion_of(enrolment)
    live = enrolment.status in (Enrolment.Status.ENROLLED, Enrolment.Status.WAITLISTED)
    return EnrolmentRow(
        enrolment=enrolment,
        completion=completion,
        waitlist_number=enrolment.waitlist_number,  # type: ignore[attr-defined]
        passed=[titles[key] for key in completion.assessments_passed],
        missing=[titles[key] for key in completion.assessments_missing],
        can_cancel=live
        and (enrolment.status == Enrolment.Status.WAITLISTED or enrolment.run.start_date > today),
    )


@login_required
def my_enrolments(request: HttpRequest) -> HttpResponse:
    """The learner's runs: where they stand against the completion rules of each."""
    enrolments = selectors.enrolments_of(person=signed_in_user(request)).prefetch_related(
        "progress"
    )
    today = timezone.localdate()
    rows = [_enrolment_row(enrolment, today) for enrolment in enrolments[:100]]
    return render(request, "training/my_enrolments.html", {"rows": rows})


@login_required
@require_POST
def enrolment_cancel(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    """The learner gives up their place (or their place on the waiting list)."""
    user = signed_in_user(request)
    enrolment = selectors.enrolment_of(person=user, enrolment_id=enrolment_id)
    try:
        delivery.enrolment_cancel(actor=user, enrolment=enrolment)
    except ApplicationError as error:
        flash_service_error(request, error)
    else:
        messages.success(request, _("Your enrolment is cancelled."))
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("training:my_enrolments")
