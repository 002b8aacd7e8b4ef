"""Writes for courses: generate from an approved standard, edit (every version kept), approve,
retire, open to the public, and lesson materials. Each runs in one transaction and is audited."""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import Organisation, User
from zhijiang.common.audit import AuditAction, audit_record
from zhijiang.common.errors import ApplicationError, PermissionDeniedError, field_error
from zhijiang.common.llm import model_client
from zhijiang.common.models import District
from zhijiang.occupations.documents import document_of
from zhijiang.occupations.levels import require_on_ladder
from zhijiang.occupations.models import Standard
from zhijiang.training import selectors
from zhijiang.training.demand import district_demand
from zhijiang.training.materials_context import materials_context
from zhijiang.training.models import Course, CourseRevision, LessonMaterial
from zhijiang_engine.curriculum import (
    CoursePlan,
    CurriculumError,
    PlanSchemaError,
    ReviewQuestion,
    course_enrich_with_model,
    course_plan_from_standard,
    plan_from_dict,
    plan_to_dict,
    projects_to_dict,
    textbook_outline,
    textbook_to_dict,
    training_projects,
    uncovered_requirements,
)
from zhijiang_engine.standards.levels import ladder_of
from zhijiang_engine.standards.schema import level_name

logger = logging.getLogger(__name__)

MAX_HOURS = 2000
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class CourseRequest:
    """What an officer or provider asks for: a level of a standard in so many hours, plain or
    adapted to the open positions of a district."""

    standard: Standard
    level: int
    total_hours: float
    practice_share: float = 0.6
    district: District | None = None
    title: str = ""
    use_model: bool = True
    for_vouchers: bool = False  # its runs are to take training vouchers: an officer approves it
    # Review questions a caller passes in, before those of the registered item-bank sources
    # (materials_context); else open questions are built from the requirements.
    review_questions: tuple[ReviewQuestion, ...] = ()


def _check_request(request: CourseRequest) -> None:
    if request.standard.status != Standard.Status.APPROVED:
        raise field_error(
            "standard",
            _("Courses are generated only from approved standards; this one is %(status)s.")
            % {"status": request.standard.get_status_display()},
            "standard_not_approved",
        )
    if not 0 < request.total_hours <= MAX_HOURS:
        raise field_error("total_hours", _("Total hours run from 1 to 2,000."))
    if not 0 <= request.practice_share <= 1:
        raise field_error("practice_share", _("The practice share runs from 0 to 1."))
    if len(request.title) > 120:
        raise field_error("title", _("A title has at most 120 characters."))
    require_on_ladder(request.level, request.standard.occupation)


def _plan(request: CourseRequest) -> CoursePlan:
    document = document_of(request.standard)
    if request.level not in {level.rank for level in document.levels}:
        raise field_error(
            "level", _("The standard has no requirements for this level."), "no_level"
        )
    demand = None
    if request.district is not None:
        demand = district_demand(request.district)
        if not demand:
            raise field_error(
                "district",
                _(
                    "No open positions in %(district)s ask for skills, so there is no demand "
                    "to adapt to. Generate the plain course instead."
                )
                % {"district": request.district.name},
                "empty_demand",
            )
    try:
        return course_plan_from_standard(
            document,
            rank=request.level,
            total_hours=request.total_hours,
            practice_share=request.practice_share,
            demand=demand,
        )
    except CurriculumError as error:
        raise field_error(
            "total_hours",
            _("The course cannot be generated: %(reason)s") % {"reason": error},
            "curriculum",
        ) from error


def _default_title(request: CourseRequest) -> str:
    # Stored text is in the platform's language of record, Chinese, whoever generates it.
    occupation = request.standard.occupation
    title = f"{occupation.name}（{level_name(request.level, ladder_of(occupation.code))}）"
    if request.district is not None:
        title += f" · {request.district.name}"
    return title[:120]


def _require_author(actor: User, owner: Organisation) -> None:
    if not selectors.author_organisations(user=actor).filter(pk=owner.pk).exists():
        raise PermissionDeniedError(
            _("You may generate courses only for a training provider or office you work for.")
        )


def course_generate(*, actor: User, owner: Organisation, request: CourseRequest) -> Course:
    """A draft course with its plan, textbook outline and projects; texts rewritten by the
    language model when one is configured (the offline texts when its answer is unusable).

    The model may take minutes, so it is asked outside any transaction; the course is then
    written in one short transaction that checks again that the standard is still approved."""
    _require_author(actor, owner)
    _check_request(request)
    plan = _plan(request)
    context = materials_context(
        request.standard, level=request.level, review_questions=request.review_questions
    )
    enriched = course_enrich_with_model(
        model_client() if request.use_model else None, plan=plan, context=context
    )
    if enriched.fallback_reason:
        logger.warning("course for %s used the offline texts", plan.occupation_code)
    with transaction.atomic():
        standard = Standard.objects.select_for_update().get(pk=request.standard.pk)
        _require_author(actor, owner)
        _check_request(replace(request, standard=standard))
        course = Course.objects.create(
            title=request.title.strip() or _default_title(request),
            standard=standard,
            occupation=standard.occupation,
            level=request.level,
            owner=owner,
            district=request.district,
            total_hours=Decimal(str(plan.total_hours)),
            plan=plan_to_dict(enriched.plan),
            textbook=textbook_to_dict(enriched.textbook),
            projects=projects_to_dict(enriched.projects),
            source=Course.Source.OFFLINE if enriched.source == "offline" else Course.Source.MODEL,
            for_vouchers=request.for_vouchers,
            created_by=actor,
        )
        CourseRevision.objects.create(
            course=course, number=1, plan=course.plan, note=str(_("Generated")), author=actor
        )
        audit_record(actor=actor, action=AuditAction.TRAINING_COURSE_GENERATE, target=course)
    return course


@dataclass(frozen=True)
class LessonEdit:
    """A person's change to one lesson."""

    key: str
    title: str
    theory_hours: float
    practice_hours: float
    summary: str = ""


def _edited_plan(plan: dict[str, Any], edits: list[LessonEdit]) -> dict[str, Any]:
    edited = copy.deepcopy(plan)
    by_key = {edit.key: edit for edit in edits}
    for module in edited["modules"]:
        for lesson in module["lessons"]:
            edit = by_key.pop(lesson["key"], None)
            if edit is None:
                continue
            if not edit.title.strip():
                raise field_error(
                    f"lessons.{edit.key}.title", _("A lesson needs a title."), "required"
                )
            lesson.update(
                title=edit.title.strip()[:200],
                theory_hours=edit.theory_hours,
                practice_hours=edit.practice_hours,
                summary=edit.summary.strip()[:2000],
            )
        module.pop("theory_hours", None)
        module.pop("practice_hours", None)
    if by_key:
        raise field_error("lessons", _("Unknown lesson: %(key)s") % {"key": next(iter(by_key))})
    for name in ("theory_hours", "practice_hours", "coverage"):
        edited.pop(name, None)
    return edited


def _plan_errors(error: PlanSchemaError) -> ApplicationError:
    fields: dict[str, str | Promise] = {path: reason for path, reason in error.errors[:20]}
    return ApplicationError(
        _("The edited plan is not valid: %(first)s")
        % {"first": "; ".join(f"{p}: {r}" for p, r in error.errors[:3])},
        code="invalid_plan",
        fields=fields,
    )


def _check_editable(course: Course) -> None:
    if course.status == Course.Status.RETIRED:
        raise ApplicationError(_("A retired course cannot be edited."), code="course_retired")
    if course.status == Course.Status.APPROVED and course.runs.exists():
        raise ApplicationError(
            _(
                "This course has runs, so its plan stays as approved. "
                "Generate a new course instead."
            ),
            code="course_in_use",
        )


@transaction.atomic
def course_plan_save(
    *, actor: User, course: Course, plan: dict[str, Any], note: str = ""
) -> Course:
    """Save an edited plan as a new revision. The plan must keep the course's occupation,
    level and total hours and still teach every requirement; an approved course without runs
    goes back to draft for another approval."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    selectors.require_course_editor(actor, course)
    _check_editable(course)
    try:
        parsed = plan_from_dict(plan)
    except PlanSchemaError as error:
        raise _plan_errors(error) from error
    if (parsed.occupation_code, parsed.level) != (course.occupation.code, course.level):
        raise field_error(
            "plan", _("The plan is for another occupation or level."), "plan_mismatch"
        )
    if parsed.total_hours != float(course.total_hours):
        raise field_error(
            "total_hours",
            _("The lessons must still add up to %(hours)s hours.") % {"hours": course.total_hours},
            "hours_changed",
        )
    missing = uncovered_requirements(parsed, document_of(course.standard))
    if missing:
        raise field_error(
            "plan",
            _("The plan no longer teaches these requirements: %(ids)s")
            % {"ids": ", ".join(missing[:10])},
            "requirements_uncovered",
        )
    before = course.status
    course.plan = plan_to_dict(parsed)
    context = materials_context(course.standard, level=course.level)
    course.textbook = textbook_to_dict(textbook_outline(parsed, context))
    course.projects = projects_to_dict(training_projects(parsed, context))
    course.status, course.approved_by, course.approved_at = Course.Status.DRAFT, None, None
    course.voucher_approved_by, course.voucher_approved_at = None, None
    course.save()
    number = (course.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
    CourseRevision.objects.create(
        course=course, number=number, plan=course.plan, note=note.strip()[:300], author=actor
    )
    audit_record(
        actor=actor,
        action=AuditAction.TRAINING_COURSE_EDIT,
        target=course,
        changes={"revision": [number - 1, number], "status": [before, course.status]},
    )
    return course


def course_lessons_edit(
    *, actor: User, course: Course, edits: list[LessonEdit], note: str = ""
) -> Course:
    """Change lesson titles, hours and summaries; the hours must still add up."""
    plan = _edited_plan(course.plan, edits)
    added = sum(
        float(lesson["theory_hours"]) + float(lesson["practice_hours"])
        for module in plan["modules"]
        for lesson in module["lessons"]
    )
    if abs(added - float(course.total_hours)) > 1e-9:
        raise field_error(
            "total_hours",
            _("The lessons add up to %(added)s hours; they must still add up to %(hours)s.")
            % {"added": f"{added:g}", "hours": f"{course.total_hours:g}"},
            "hours_changed",
        )
    return course_plan_save(actor=actor, course=course, plan=plan, note=note)


def _needs_officer(course: Course) -> bool:
    """A plan for voucher-funded runs (asked for, or already used by one) is an officer's to
    approve."""
    return course.for_vouchers or course.runs.filter(voucher_eligible=True).exists()


def _officer_required() -> PermissionDeniedError:
    return PermissionDeniedError(
        _(
            "This course is for voucher-funded runs, so an officer of the bureau or of the "
            "provider's district must approve it; its own provider cannot."
        ),
        code="officer_approval_required",
    )


@transaction.atomic
def course_approve(*, actor: User, course: Course) -> Course:
    """Approve a draft that still teaches every requirement. An officer's approval (never the
    owning provider's) also lets runs of it take training vouchers; an officer may give that
    approval to a course its provider has already approved."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    selectors.require_course_editor(actor, course)
    as_officer = selectors.can_approve_for_vouchers(actor, course)
    if (
        course.status == Course.Status.APPROVED
        and as_officer
        and course.voucher_approved_by_id is None
    ):
        return _approve_for_vouchers(actor, course)
    if course.status != Course.Status.DRAFT:
        raise ApplicationError(_("Only a draft course can be approved."), code="invalid_transition")
    if _needs_officer(course) and not as_officer:
        raise _officer_required()
    missing = uncovered_requirements(plan_from_dict(course.plan), document_of(course.standard))
    if missing:
        raise ApplicationError(
            _("The plan does not teach these requirements: %(ids)s")
            % {"ids": ", ".join(missing[:10])},
            code="requirements_uncovered",
        )
    now = timezone.now()
    course.status, course.approved_by, course.approved_at = Course.Status.APPROVED, actor, now
    if as_officer:
        course.voucher_approved_by, course.voucher_approved_at = actor, now
    course.save(update_fields=[
        "status", "approved_by", "approved_at", "voucher_approved_by", "voucher_approved_at"
    ])  # fmt: skip
    audit_record(
        actor=actor,
        action=AuditAction.TRAINING_COURSE_APPROVE,
        target=course,
        changes={"status": ["draft", "approved"], "vouchers": as_officer},
    )
    return course


def _approve_for_vouchers(actor: User, course: Course) -> Course:
    """An officer's approval, for voucher-funded runs, of a course its provider approved."""
    course.voucher_approved_by, course.voucher_approved_at = actor, timezone.now()
    course.save(update_fields=["voucher_approved_by", "voucher_approved_at"])
    audit_record(
        actor=actor,
        action=AuditAction.TRAINING_COURSE_APPROVE_VOUCHERS,
        target=course,
        changes={"vouchers": [course.Vouchers.WAITING if course.for_vouchers
                              else course.Vouchers.NOT_ASKED, course.Vouchers.APPROVED]},
    )  # fmt: skip
    return course


@transaction.atomic
def course_vouchers_request(*, actor: User, course: Course) -> Course:
    """Ask an officer to approve the course for voucher-funded runs; until one does, runs of
    it cannot take training vouchers and its own provider can no longer approve its plan."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    selectors.require_course_editor(actor, course)
    if course.status == Course.Status.RETIRED:
        raise ApplicationError(
            _("A retired course cannot be used for voucher-funded runs."), code="course_retired"
        )
    if course.voucher_approved_by_id is not None:
        raise ApplicationError(
            _("An officer has already approved this course for voucher-funded runs."),
            code="invalid_transition",
        )
    if not course.for_vouchers:
        course.for_vouchers = True
        course.save(update_fields=["for_vouchers"])
        audit_record(
            actor=actor, action=AuditAction.TRAINING_COURSE_VOUCHERS_REQUEST, target=course
        )
    return course


@transaction.atomic
def course_retire(*, actor: User, course: Course) -> Course:
    course = Course.objects.select_for_update().get(pk=course.pk)
    selectors.require_course_editor(actor, course)
    if course.status == Course.Status.RETIRED:
        raise ApplicationError(_("The course is already retired."), code="invalid_transition")
    before, course.status, course.is_open = course.status, Course.Status.RETIRED, False
    course.save(update_fields=["status", "is_open"])
    audit_record(
        actor=actor,
        action=AuditAction.TRAINING_COURSE_RETIRE,
        target=course,
        changes={"status": [before, course.status]},
    )
    return course


@transaction.atomic
def course_set_open(*, actor: User, course: Course, is_open: bool) -> Course:
    """Make an approved course an open course (readable without an account), or close it."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    selectors.require_course_editor(actor, course)
    if is_open and course.status != Course.Status.APPROVED:
        raise ApplicationError(
            _("Approve the course before opening it to everyone."), code="course_not_approved"
        )
    if course.is_open != is_open:
        course.is_open = is_open
        course.save(update_fields=["is_open"])
        audit_record(
            actor=actor,
            action=AuditAction.TRAINING_COURSE_OPEN
            if is_open
            else AuditAction.TRAINING_COURSE_CLOSE,
            target=course,
        )
    return course


def lesson_keys(course: Course) -> list[str]:
    return [lesson["key"] for module in course.plan["modules"] for lesson in module["lessons"]]


@transaction.atomic
def lesson_material_save(
    *,
    actor: User,
    course: Course,
    lesson_key: str,
    body: str,
    video_url: str = "",
    attachment: UploadedFile | None = None,
) -> LessonMaterial:
    """The text, video link and attachment an open course shows for one lesson."""
    selectors.require_course_editor(actor, course)
    if lesson_key not in lesson_keys(course):
        raise field_error(
            "lesson_key", _("The course has no lesson %(key)s.") % {"key": lesson_key}
        )
    if video_url and not video_url.startswith(("https://", "http://")):
        raise field_error("video_url", _("A video link starts with https:// or http://."))
    if attachment is not None and attachment.size and attachment.size > MAX_ATTACHMENT_BYTES:
        raise field_error("attachment", _("An attachment may be at most 20 MB."), "too_large")
    material, _created = LessonMaterial.objects.get_or_create(
        course=course, lesson_key=lesson_key, defaults={"updated_by": actor}
    )
    material.body, material.video_url, material.updated_by = body.strip(), video_url, actor
    if attachment is not None:
        material.attachment_name = (attachment.name or "attachment")[:200]
        material.attachment.save(attachment.name or "attachment", attachment, save=False)
    material.save()
    audit_record(actor=actor, action=AuditAction.TRAINING_MATERIAL_SAVE, target=material)
    return material
