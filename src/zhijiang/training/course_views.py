"""Course authoring pages for provider staff and officers: the list, generation, the course
with its plan, textbook and projects, lesson edits, approval, retirement, opening, materials."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhijiang.accounts.models import User
from zhijiang.common.errors import ApplicationError, NotFoundError, PermissionDeniedError
from zhijiang.common.forms import add_service_error, flash_service_error
from zhijiang.common.requests import signed_in_user
from zhijiang.occupations.models import Skill
from zhijiang.training import selectors, services
from zhijiang.training.forms import CourseGenerateForm, LessonMaterialForm, LessonsEditForm
from zhijiang.training.models import Course, LessonMaterial
from zhijiang.training.views import PAGE_SIZE
from zhijiang_engine.curriculum import CoursePlan, plan_from_dict


def require_author(user: User) -> None:
    if not selectors.can_author(user):
        raise PermissionDeniedError(
            _("Only training providers' staff and officers work on courses.")
        )


def authored_course(user: User, course_id: int) -> Course:
    """A course the user may look at as an author (404 when it is not theirs to see)."""
    require_author(user)
    return selectors.course_for(user=user, course_id=course_id)


def _editable_course(user: User, course_id: int) -> Course:
    course = authored_course(user, course_id)
    selectors.require_course_editor(user, course)
    return course


@login_required
def courses(request: HttpRequest) -> HttpResponse:
    """Courses the user may see as an author, newest first, filtered by status, or those
    waiting for an officer's approval for voucher-funded runs."""
    user = signed_in_user(request)
    require_author(user)
    found = selectors.courses_for(user=user)
    status = request.GET.get("status", "")
    if status in Course.Status.values:
        found = found.filter(status=status)
    vouchers = request.GET.get("vouchers", "")
    vouchers = vouchers if vouchers in Course.Vouchers.values else ""
    found = selectors.courses_by_vouchers(found, vouchers)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    query = "&".join(f"{k}={v}" for k, v in (("status", status), ("vouchers", vouchers)) if v)
    context = {
        "page": page,
        "status": status,
        "vouchers": vouchers,
        "statuses": Course.Status.choices,
        "query_string": f"{query}&" if query else "",
    }
    return render(request, "training/courses.html", context)


@login_required
def course_new(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require_author(user)
    owners = selectors.author_organisations(user=user)
    initial = {"standard": request.GET.get("standard")} if request.GET.get("standard") else None
    form = CourseGenerateForm(request.POST or None, owners=owners, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            course = services.course_generate(
                actor=user, owner=form.cleaned_data["owner"], request=form.to_request()
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The course is generated. Review it, then approve it."))
            return redirect("training:course", course_id=course.pk)
    status = 400 if form.errors else 200
    return render(request, "training/course_new.html", {"form": form}, status=status)


def _skill_labels(keys: list[str]) -> dict[str, str]:
    return {skill.key: skill.label for skill in Skill.objects.filter(key__in=keys)}


def _adaptation(plan: CoursePlan) -> dict[str, Any]:
    """The demand sample and what it changed, with skill names and lesson titles."""
    lessons = {lesson.key: lesson.title for lesson in plan.lessons}
    keys = [skill for skill, _weight in plan.demand]
    keys += [skill for a in plan.adjustments for skill in a.skills]
    labels = _skill_labels(keys)
    return {
        "demand": [(labels.get(skill, skill), weight) for skill, weight in plan.demand],
        "adjustments": [
            {
                "lesson": a.lesson,
                "title": lessons.get(a.lesson, ""),
                "hours_before": a.hours_before,
                "hours_after": a.hours_after,
                "position_before": a.position_before,
                "position_after": a.position_after,
                "skills": [labels.get(skill, skill) for skill in a.skills],
                "gained": a.hours_after > a.hours_before,
            }
            for a in plan.adjustments
        ],
    }


def course_context(course: Course) -> dict[str, Any]:
    plan = plan_from_dict(course.plan)
    titles = {module.key: module.title for module in plan.modules}
    lessons = {lesson.key: lesson.title for lesson in plan.lessons}
    return {
        "course": course,
        "plan": plan,
        "level": course.level_label,
        "module_titles": titles,
        "lesson_titles": lessons,
        "coverage": [(c, lessons.get(c.lesson, "")) for c in plan.coverage],
        "textbook": course.textbook,
        "projects": course.projects.get("projects", []),
        "materials": set(course.materials.values_list("lesson_key", flat=True)),
        **_adaptation(plan),
    }


@login_required
def course_detail(request: HttpRequest, course_id: int) -> HttpResponse:
    user = signed_in_user(request)
    course = authored_course(user, course_id)
    context = {
        **course_context(course),
        "can_edit": selectors.can_edit_course(user, course),
        "can_approve_vouchers": selectors.can_approve_for_vouchers(user, course),
        "can_publish": course.status == Course.Status.APPROVED
        and selectors.provider_organisations(user=user).exists(),
        "revisions": course.revisions.select_related("author").order_by("-number"),
        "runs": course.runs.select_related("provider").order_by("-start_date")[:20],
    }
    return render(request, "training/course.html", context)


@login_required
def course_edit(request: HttpRequest, course_id: int) -> HttpResponse:
    """Lesson titles, hours and summaries; the hours must still add up to the course's."""
    user = signed_in_user(request)
    course = _editable_course(user, course_id)
    form = LessonsEditForm(request.POST or None, plan=course.plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.course_lessons_edit(
                actor=user, course=course, edits=form.edits(), note=form.cleaned_data["note"]
            )
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The plan is saved as a new revision."))
            return redirect("training:course", course_id=course.pk)
    context = {"course": course, "form": form, "hour_step": course.plan.get("hour_step", 1)}
    return render(request, "training/course_edit.html", context, status=400 if form.errors else 200)


def _course_action(
    request: HttpRequest, course_id: int, action: Callable[[User, Course], Any], done: str
) -> HttpResponse:
    user = signed_in_user(request)
    course = authored_course(user, course_id)
    try:
        action(user, course)
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        flash_service_error(request, error)
    else:
        messages.success(request, done)
    return redirect("training:course", course_id=course.pk)


@login_required
@require_POST
def course_approve(request: HttpRequest, course_id: int) -> HttpResponse:
    return _course_action(
        request,
        course_id,
        lambda user, course: services.course_approve(actor=user, course=course),
        _("The course is approved. Providers can now publish runs of it."),
    )


@login_required
@require_POST
def course_vouchers_request(request: HttpRequest, course_id: int) -> HttpResponse:
    return _course_action(
        request,
        course_id,
        lambda user, course: services.course_vouchers_request(actor=user, course=course),
        _("An officer is asked to approve the course for voucher-funded runs."),
    )


@login_required
@require_POST
def course_retire(request: HttpRequest, course_id: int) -> HttpResponse:
    return _course_action(
        request,
        course_id,
        lambda user, course: services.course_retire(actor=user, course=course),
        _("The course is retired."),
    )


@login_required
@require_POST
def course_open(request: HttpRequest, course_id: int) -> HttpResponse:
    is_open = request.POST.get("open") == "1"
    return _course_action(
        request,
        course_id,
        lambda user, course: services.course_set_open(actor=user, course=course, is_open=is_open),
        _("The course is now an open course.") if is_open else _("The course is closed again."),
    )


def _lesson_of(course: Course, lesson_key: str) -> dict[str, Any]:
    for module in course.plan["modules"]:
        for lesson in module["lessons"]:
            if lesson["key"] == lesson_key:
                return dict(lesson)
    raise NotFoundError(_("The course has no lesson %(key)s.") % {"key": lesson_key})


@login_required
def lesson_material(request: HttpRequest, course_id: int, lesson_key: str) -> HttpResponse:
    """What the open course shows for one lesson: text, a video link, an attachment."""
    user = signed_in_user(request)
    course = _editable_course(user, course_id)
    lesson = _lesson_of(course, lesson_key)
    material = LessonMaterial.objects.filter(course=course, lesson_key=lesson_key).first()
    initial = {"body": material.body, "video_url": material.video_url} if material else None
    form = LessonMaterialForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.lesson_material_save(
                actor=user,
                course=course,
                lesson_key=lesson_key,
                body=form.cleaned_data["body"],
                video_url=form.cleaned_data["video_url"].strip(),
                attachment=form.cleaned_data["attachment"],
            )
        except ApplicationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The lesson material is saved."))
            return redirect("training:lesson_material", course_id=course.pk, lesson_key=lesson_key)
    context = {"course": course, "lesson": lesson, "material": material, "form": form}
    return render(
        request, "training/lesson_material.html", context, status=400 if form.errors else 200
    )
