"""The course as a printable page, a Word document and a PDF.

The exports take engine values; the textbook outline and projects are stored in their JSON
forms (possibly with texts rewritten by the language model) and read back with the engine's
readers; a stored form that does not read is rebuilt from the plan.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from zhijiang.common.forms import flash_service_error
from zhijiang.common.pdf import PdfFontMissing
from zhijiang.common.requests import signed_in_user
from zhijiang.training import exports
from zhijiang.training.course_views import authored_course, course_context
from zhijiang.training.materials_context import materials_context
from zhijiang.training.models import Course
from zhijiang_engine.curriculum import (
    CoursePlan,
    plan_from_dict,
    projects_from_dict,
    textbook_from_dict,
    textbook_outline,
    training_projects,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def course_values(course: Course) -> dict[str, Any]:
    """What the exports take: title, provider, plan, textbook and projects as engine values."""
    plan: CoursePlan = plan_from_dict(course.plan)
    try:
        textbook = textbook_from_dict(course.textbook)
    except (KeyError, TypeError, ValueError):
        textbook = textbook_outline(plan, materials_context(course.standard, level=course.level))
    try:
        projects = projects_from_dict(course.projects)
    except (KeyError, TypeError, ValueError):
        projects = training_projects(plan, materials_context(course.standard, level=course.level))
    return {
        "title": course.title,
        "provider": course.owner.name,
        "plan": plan,
        "textbook": textbook,
        "projects": projects,
    }


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    return response


def _filename(course: Course, extension: str) -> str:
    # Characters that file systems refuse become underscores; Chinese stays.
    safe = "".join("_" if c in '\\/:*?"<>|' or ord(c) < 32 else c for c in course.title)
    return f"{safe.strip() or 'course'}.{extension}"


@login_required
def course_print(request: HttpRequest, course_id: int) -> HttpResponse:
    """The plan, textbook and projects as one clean page to print."""
    user = signed_in_user(request)
    course = authored_course(user, course_id)
    return render(request, "training/course_print.html", course_context(course))


@login_required
def course_docx(request: HttpRequest, course_id: int) -> HttpResponse:
    course = authored_course(signed_in_user(request), course_id)
    content = exports.course_docx(**course_values(course))
    return _download(content, DOCX, _filename(course, "docx"))


@login_required
def course_pdf(request: HttpRequest, course_id: int) -> HttpResponse:
    course = authored_course(signed_in_user(request), course_id)
    try:
        content = exports.course_pdf(**course_values(course))
    except PdfFontMissing as error:
        flash_service_error(request, error)
        return redirect("training:course", course_id=course.pk)
    return _download(content, "application/pdf", _filename(course, "pdf"))
