"""Open courses (公开课): approved courses anyone may read without an account, lesson by
lesson, with the texts, video links and attachments their authors added."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from zhijiang.common.errors import NotFoundError
from zhijiang.common.page_cache import public_page
from zhijiang.training import selectors
from zhijiang.training.models import Course, LessonMaterial
from zhijiang.training.views import PAGE_SIZE, course_outline


@public_page
def open_courses(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.open_courses(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/open_courses.html", {"page": page, "query_string": ""})


def open_course(request: HttpRequest, course_id: int) -> HttpResponse:
    course = selectors.open_course(course_id)
    context = {
        "course": course,
        "level": course.level_label,
        "modules": course_outline(course.plan),
        "materials": set(course.materials.values_list("lesson_key", flat=True)),
    }
    return render(request, "training/open_course.html", context)


def _open_lesson(course: Course, lesson_key: str) -> tuple[dict[str, Any], dict[str, Any]]:
    for module in course.plan["modules"]:
        for lesson in module["lessons"]:
            if lesson["key"] == lesson_key:
                return module, lesson
    raise NotFoundError(_("The course has no lesson %(key)s.") % {"key": lesson_key})


def _neighbours(course: Course, lesson_key: str) -> tuple[Any, Any]:
    lessons = [lesson for module in course.plan["modules"] for lesson in module["lessons"]]
    index = next(i for i, lesson in enumerate(lessons) if lesson["key"] == lesson_key)
    before = lessons[index - 1] if index > 0 else None
    after = lessons[index + 1] if index + 1 < len(lessons) else None
    return before, after


def is_direct_video(url: str) -> bool:
    """A link to an .mp4 file plays in the page; any other link is shown as a link."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and parts.path.lower().endswith(".mp4")


def open_lesson(request: HttpRequest, course_id: int, lesson_key: str) -> HttpResponse:
    course = selectors.open_course(course_id)
    module, lesson = _open_lesson(course, lesson_key)
    material = LessonMaterial.objects.filter(course=course, lesson_key=lesson_key).first()
    before, after = _neighbours(course, lesson_key)
    context = {
        "course": course,
        "module": module,
        "lesson": lesson,
        "material": material,
        "video_inline": bool(material and is_direct_video(material.video_url)),
        "previous": before,
        "next": after,
    }
    return render(request, "training/open_lesson.html", context)


def attachment(request: HttpRequest, course_id: int, lesson_key: str) -> FileResponse:
    course = selectors.open_course(course_id)
    material = LessonMaterial.objects.filter(course=course, lesson_key=lesson_key).first()
    if material is None or not material.attachment:
        raise NotFoundError(_("This lesson has no attachment."))
    return FileResponse(
        material.attachment.open("rb"),
        as_attachment=True,
        filename=material.attachment_name or material.attachment.name.rsplit("/", 1)[-1],
    )
