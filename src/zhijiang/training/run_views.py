"""Run management for training providers (officers may look): publish a run of an approved
course, the roster with each learner's progress, attendance sheets, assessment results."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhijiang.accounts.models import User
from zhijiang.common.errors import ApplicationError, PermissionDeniedError
from zhijiang.common.forms import add_service_error, flash_service_error
from zhijiang.common.requests import signed_in_user
from zhijiang.training import delivery, progress, selectors
from zhijiang.training.course_views import authored_course, require_author
from zhijiang.training.forms import ResultForm, RunForm
from zhijiang.training.models import CourseRun, Enrolment, ProgressRecord


@login_required
def run_new(request: HttpRequest, course_id: int) -> HttpResponse:
    """Publish a run of an approved course (provider staff only)."""
    user = signed_in_user(request)
    course = authored_course(user, course_id)
    providers = selectors.provider_organisations(user=user)
    if not providers.exists():
        raise PermissionDeniedError(_("Only staff of a training provider may publish its runs."))
    form = RunForm(request.POST or None, providers=providers)
    if request.method == "POST" and form.is_valid():
        try:
            run = delivery.run_publish(
                actor=user,
                course=course,
                provider=form.cleaned_data["provider"],
                data=form.to_input(),
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The run is published and open for enrolment."))
            return redirect("training:run_manage", run_id=run.pk)
    context = {"course": course, "form": form, "level": course.level_label}
    return render(request, "training/run_new.html", context, status=400 if form.errors else 200)


@login_required
def runs_manage(request: HttpRequest) -> HttpResponse:
    """The runs the user manages, with places taken and people waiting."""
    user = signed_in_user(request)
    require_author(user)
    waiting = Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.WAITLISTED))
    runs = list(selectors.runs_for_provider(user=user).annotate(waiting=waiting)[:200])
    return render(request, "training/runs.html", {"runs": runs})


def _roster_rows(run: CourseRun) -> list[dict[str, Any]]:
    titles = progress.plan_items(run).assessments
    rows = []
    for enrolment in selectors.roster(run):
        completion = progress.completion_of(enrolment, list(enrolment.progress.all()))
        rows.append(
            {
                "enrolment": enrolment,
                "name": str(enrolment.person),
                "completion": completion,
                "percent": round(100 * completion.attended_share),
                "passed": [(key, titles[key]) for key in completion.assessments_passed],
                "missing": [(key, titles[key]) for key in completion.assessments_missing],
                "waitlist_number": enrolment.waitlist_number,  # type: ignore[attr-defined]
                "attended": {
                    r.key
                    for r in enrolment.progress.all()
                    if r.kind == ProgressRecord.Kind.LESSON and r.attended
                },
                "recordable": enrolment.status in progress.RECORDABLE,
            }
        )
    return rows


def _learner_choices(rows: list[dict[str, Any]]) -> list[tuple[int, str]]:
    return [(row["enrolment"].pk, row["name"]) for row in rows if row["recordable"]]


def _manage_context(user: User, run: CourseRun, result_form: ResultForm | None = None) -> Any:
    items = progress.plan_items(run)
    rows = _roster_rows(run)
    can_record = run.provider_id in selectors.provider_ids_of(user)
    return {
        "run": run,
        "course": run.course,
        "level": run.course.level_label,
        "places_left": run.places_left,
        "rows": rows,
        "lessons": [(key, title, hours) for key, (title, hours) in items.lessons.items()],
        "can_record": can_record,
        "result_form": result_form
        or ResultForm(learners=_learner_choices(rows), assessments=items.assessments),
    }


@login_required
def run_manage(request: HttpRequest, run_id: int) -> HttpResponse:
    user = signed_in_user(request)
    run = selectors.managed_run(user=user, run_id=run_id)
    context = _manage_context(user, run)
    lesson = request.GET.get("lesson", "")
    context["lesson"] = lesson if lesson in dict((k, t) for k, t, _h in context["lessons"]) else ""
    return render(request, "training/run_manage.html", context)


@login_required
@require_POST
def attendance(request: HttpRequest, run_id: int) -> HttpResponse:
    """One lesson's attendance for the whole roster: ticked learners attended."""
    user = signed_in_user(request)
    run = selectors.managed_run(user=user, run_id=run_id)
    lesson_key = request.POST.get("lesson", "")
    try:
        present = {int(value) for value in request.POST.getlist("present")}
    except ValueError:
        present = {-1}  # not an enrolment: the service refuses it
    if lesson_key not in progress.plan_items(run).lessons:
        messages.error(request, _("Choose a lesson of the course."))
        return redirect("training:run_manage", run_id=run.pk)
    try:
        count = progress.attendance_sheet(
            actor=user, run=run, lesson_key=lesson_key, present=present
        )
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        flash_service_error(request, error)
    else:
        messages.success(
            request,
            _("Attendance of %(lesson)s is recorded: %(count)d present.")
            % {"lesson": lesson_key, "count": count},
        )
    target = reverse("training:run_manage", args=[run.pk])
    return redirect(f"{target}?{urlencode({'lesson': lesson_key})}#attendance")


@login_required
@require_POST
def results(request: HttpRequest, run_id: int) -> HttpResponse:
    """One learner's result at one assessment point."""
    user = signed_in_user(request)
    run = selectors.managed_run(user=user, run_id=run_id)
    rows = _roster_rows(run)
    form = ResultForm(
        request.POST,
        learners=_learner_choices(rows),
        assessments=progress.plan_items(run).assessments,
    )
    if form.is_valid():
        enrolment = next(
            row["enrolment"]
            for row in rows
            if row["enrolment"].pk == form.cleaned_data["enrolment"]
        )
        try:
            progress.assessment_record(
                actor=user,
                enrolment=enrolment,
                key=form.cleaned_data["key"],
                passed=form.cleaned_data["passed"],
                score=form.cleaned_data["score"],
            )
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s: the result of %(key)s is recorded.")
                % {"name": str(enrolment.person), "key": form.cleaned_data["key"]},
            )
            return redirect("training:run_manage", run_id=run.pk)
    context = _manage_context(user, run, result_form=form)
    context["lesson"] = ""
    return render(request, "training/run_manage.html", context, status=400)


@login_required
@require_POST
def run_cancel(request: HttpRequest, run_id: int) -> HttpResponse:
    user = signed_in_user(request)
    run = selectors.managed_run(user=user, run_id=run_id)
    try:
        delivery.run_cancel(actor=user, run=run)
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        flash_service_error(request, error)
    else:
        messages.success(request, _("The run is cancelled; its learners are told."))
    return redirect("training:run_manage", run_id=run.pk)
