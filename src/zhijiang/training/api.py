"""API endpoints: the public catalogue and notices, learners' enrolments, courses generated from
standards (edit, approve, retire, open), providers' runs (roster, attendance, results, cancel),
and learning records as xAPI statements."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Status

from zhijiang.accounts.api import district_by_code
from zhijiang.accounts.models import Organisation
from zhijiang.common.errors import ApplicationError, NotFoundError, PermissionDeniedError
from zhijiang.common.pagination import paginated
from zhijiang.common.params import Int64
from zhijiang.common.requests import signed_in_user
from zhijiang.occupations.selectors import standard_for
from zhijiang.training import delivery, progress, selectors, services
from zhijiang.training.models import XapiStatement
from zhijiang.training.schemas import (
    AttendanceIn,
    AttendanceOut,
    CourseDetailOut,
    CourseIn,
    CourseOut,
    EnrolIn,
    EnrolmentOut,
    NoticeIn,
    NoticeOut,
    OpenIn,
    PlanIn,
    ResultIn,
    ResultOut,
    RevisionOut,
    RosterEntryOut,
    RunDetailOut,
    RunIn,
    RunOut,
    StatementQueryIn,
    StatementResultOut,
)
from zhijiang.training.xapi import VERSION as XAPI_VERSION
from zhijiang.training.xapi import statement_as_stored

router = Router(tags=["training"])

XAPI_LIMIT = 500


def _only_one(
    organisations: QuerySet[Organisation], chosen: int | None, *, field: str, code: str
) -> Organisation:
    """The organisation the caller named among ``organisations``, or the only one they have."""
    if chosen is not None:
        found = organisations.filter(pk=chosen).first()
        if found is None:
            raise NotFoundError(_("No such organisation among yours."))
        return found
    candidates = list(organisations[:2])
    if not candidates:
        raise PermissionDeniedError(
            _("Only staff of a training provider or office, or an officer, may do this.")
        )
    if len(candidates) > 1:
        message = _("You work for several organisations; say which one.")
        raise ApplicationError(message, code=code, fields={field: message})
    return candidates[0]


# The public catalogue and runs


@router.get(
    "/catalogue",
    response=list[RunOut],
    auth=None,
    operation_id="training_catalogue",
    summary="Search the catalogue of runs open for enrolment",
)
@paginated
def catalogue(
    request: HttpRequest,
    q: str = "",
    occupation: str = "",
    level: Int64 | None = None,
    district: str = "",
    online: bool = False,
    free: bool = False,
    voucher: bool = False,
) -> Any:
    """Runs open for enrolment, soonest first: search words, a CSCO code prefix, a level, a
    district code, and only online, free or voucher-eligible runs."""
    filters = selectors.CatalogueFilters(
        q=q, occupation=occupation, level=level, district=district, online=online, free=free,
        voucher=voucher,
    )  # fmt: skip
    return selectors.catalogue_runs(filters)


@router.get(
    "/runs/{run_id}",
    response=RunDetailOut,
    auth=None,
    operation_id="training_run",
    summary="Read a run with its modules and assessment points",
)
def run_detail(request: HttpRequest, run_id: Int64) -> Any:
    """A run with its course's modules, lessons and assessment points."""
    return selectors.public_run(run_id)


@router.post(
    "/runs/{run_id}/enrolments",
    response={201: EnrolmentOut},
    operation_id="training_enrol",
    summary="Enrol on a run or join its waiting list",
)
def enrol(request: HttpRequest, run_id: Int64, payload: EnrolIn) -> Any:
    """Take a place on the run, or (with ``waitlist`` when it is full) join its waiting list."""
    user = signed_in_user(request)
    enrolment = delivery.enrol(
        person=user, run=selectors.public_run(run_id), waitlist=payload.waitlist
    )
    return Status(201, selectors.enrolment_of(person=user, enrolment_id=enrolment.pk))


# Learners


@router.get(
    "/me/enrolments",
    response=list[EnrolmentOut],
    tags=["me"],
    operation_id="training_my_enrolments",
    summary="List my enrolments with my progress",
)
@paginated
def my_enrolments(request: HttpRequest, status: str = "") -> Any:
    """Your enrolments, newest first, each with where you stand against the completion rules."""
    found = selectors.enrolments_of(person=signed_in_user(request)).prefetch_related("progress")
    return found.filter(status=status) if status else found


@router.delete(
    "/me/enrolments/{enrolment_id}",
    response=EnrolmentOut,
    tags=["me"],
    operation_id="training_my_enrolment_cancel",
    summary="Cancel my enrolment",
)
def my_enrolment_cancel(request: HttpRequest, enrolment_id: Int64) -> Any:
    """Give up your place (before the run starts) or leave the waiting list."""
    user = signed_in_user(request)
    enrolment = selectors.enrolment_of(person=user, enrolment_id=enrolment_id)
    delivery.enrolment_cancel(actor=user, enrolment=enrolment)
    return selectors.enrolment_of(person=user, enrolment_id=enrolment_id)


# Courses


@router.get(
    "/courses", response=list[CourseOut], operation_id="training_courses", summary="List courses"
)
@paginated
def course_list(request: HttpRequest, status: str = "") -> Any:
    """Courses you may see: your organisations' and every approved one (officers: all)."""
    courses = selectors.courses_for(user=signed_in_user(request))
    return courses.filter(status=status) if status else courses


@router.post(
    "/courses",
    response={201: CourseDetailOut},
    operation_id="training_course_generate",
    summary="Generate a course from an approved standard",
)
def course_generate(request: HttpRequest, payload: CourseIn) -> Any:
    """Generate a draft course for a level of an approved standard, plain or adapted to the
    skills a district's open positions ask for."""
    user = signed_in_user(request)
    owner = _only_one(
        selectors.author_organisations(user=user),
        payload.owner_id,
        field="owner_id",
        code="owner_required",
    )
    course_request = services.CourseRequest(
        standard=standard_for(user=user, standard_id=payload.standard_id),
        level=payload.level,
        total_hours=payload.total_hours,
        practice_share=payload.practice_share,
        district=district_by_code(payload.district),
        title=payload.title,
        for_vouchers=payload.for_vouchers,
    )
    course = services.course_generate(actor=user, owner=owner, request=course_request)
    return Status(201, selectors.course_for(user=user, course_id=course.pk))


@router.get(
    "/courses/{course_id}",
    response=CourseDetailOut,
    operation_id="training_course",
    summary="Read a course with its plan, textbook outline and projects",
)
def course_detail(request: HttpRequest, course_id: Int64) -> Any:
    """The course with its plan, textbook outline and training projects."""
    return selectors.course_for(user=signed_in_user(request), course_id=course_id)


@router.put(
    "/courses/{course_id}/plan",
    response=CourseDetailOut,
    operation_id="training_course_plan_save",
    summary="Save an edited course plan as a new revision",
)
def course_plan_save(request: HttpRequest, course_id: Int64, payload: PlanIn) -> Any:
    """Save an edited plan as a new revision; it must keep the occupation, level and hours and
    still teach every requirement. Problems are named by JSON path in ``fields``."""
    user = signed_in_user(request)
    course = selectors.course_for(user=user, course_id=course_id)
    course = services.course_plan_save(actor=user, course=course, plan=payload.plan,
                                       note=payload.note)  # fmt: skip
    return selectors.course_for(user=user, course_id=course.pk)


@router.get(
    "/courses/{course_id}/revisions",
    response=list[RevisionOut],
    operation_id="training_course_revisions",
    summary="List the revisions of a course plan",
)
def course_revisions(request: HttpRequest, course_id: Int64) -> Any:
    """Every saved version of the plan, the generated one first."""
    course = selectors.course_for(user=signed_in_user(request), course_id=course_id)
    return course.revisions.select_related("author").order_by("number")


@router.post(
    "/courses/{course_id}/approve",
    response=CourseOut,
    operation_id="training_course_approve",
    summary="Approve a draft course",
)
def course_approve(request: HttpRequest, course_id: Int64) -> Any:
    """Approve a draft that still teaches every requirement; runs may then be published. An
    officer's approval (never the owning provider's) also lets runs take training vouchers, and
    an officer may give it to a course its provider has already approved; a course for
    voucher-funded runs can only be approved by an officer."""
    user = signed_in_user(request)
    course = selectors.course_for(user=user, course_id=course_id)
    return services.course_approve(actor=user, course=course)


@router.post(
    "/courses/{course_id}/vouchers-request",
    response=CourseOut,
    operation_id="training_course_vouchers_request",
    summary="Ask an officer to approve a course for voucher-funded runs",
)
def course_vouchers_request(request: HttpRequest, course_id: Int64) -> Any:
    """Mark the course for voucher-funded runs: it then waits for an officer of the bureau or
    of the owner's district to approve it (its own provider cannot), and until then its runs
    cannot take training vouchers."""
    user = signed_in_user(request)
    course = selectors.course_for(user=user, course_id=course_id)
    return services.course_vouchers_request(actor=user, course=course)


@router.post(
    "/courses/{course_id}/retire",
    response=CourseOut,
    operation_id="training_course_retire",
    summary="Retire a course",
)
def course_retire(request: HttpRequest, course_id: Int64) -> Any:
    """Retire a course: it leaves the catalogue and is no longer open."""
    user = signed_in_user(request)
    course = selectors.course_for(user=user, course_id=course_id)
    return services.course_retire(actor=user, course=course)


@router.post(
    "/courses/{course_id}/open",
    response=CourseOut,
    operation_id="training_course_open",
    summary="Open a course to everyone, or close it",
)
def course_open(request: HttpRequest, course_id: Int64, payload: OpenIn) -> Any:
    """Open an approved course to everyone (its lessons readable without an account), or close
    it again."""
    user = signed_in_user(request)
    course = selectors.course_for(user=user, course_id=course_id)
    return services.course_set_open(actor=user, course=course, is_open=payload.is_open)


# Providers' runs


@router.post(
    "/courses/{course_id}/runs",
    response={201: RunDetailOut},
    operation_id="training_run_publish",
    summary="Publish a run of a course",
)
def run_publish(request: HttpRequest, course_id: Int64, payload: RunIn) -> Any:
    """Publish a run of an approved course for one of your training providers."""
    user = signed_in_user(request)
    course = selectors.course_for(user=user, course_id=course_id)
    data = payload.dict()
    provider = _only_one(
        selectors.provider_organisations(user=user),
        data.pop("provider_id"),
        field="provider_id",
        code="provider_required",
    )
    run = delivery.run_publish(
        actor=user, course=course, provider=provider, data=delivery.RunInput(**data)
    )
    return Status(201, selectors.managed_run(user=user, run_id=run.pk))


@router.get(
    "/runs/{run_id}/roster",
    response=list[RosterEntryOut],
    operation_id="training_run_roster",
    summary="Read the roster of a run",
)
def run_roster(request: HttpRequest, run_id: Int64) -> Any:
    """Enrolled and completed learners, then the waiting list, with their progress."""
    run = selectors.managed_run(user=signed_in_user(request), run_id=run_id)
    return selectors.roster(run)


@router.post(
    "/runs/{run_id}/attendance",
    response=AttendanceOut,
    operation_id="training_run_attendance",
    summary="Record one lesson's attendance",
)
def run_attendance(request: HttpRequest, run_id: Int64, payload: AttendanceIn) -> Any:
    """One lesson's attendance for the whole roster: the enrolments in ``present`` attended,
    everyone else enrolled missed it."""
    user = signed_in_user(request)
    run = selectors.managed_run(user=user, run_id=run_id)
    attended = progress.attendance_sheet(
        actor=user, run=run, lesson_key=payload.lesson_key, present=set(payload.present)
    )
    return {"lesson_key": payload.lesson_key, "attended": attended}


@router.post(
    "/runs/{run_id}/results",
    response=ResultOut,
    operation_id="training_run_result",
    summary="Record an assessment result",
)
def run_result(request: HttpRequest, run_id: Int64, payload: ResultIn) -> Any:
    """Record a learner's result at one assessment point; the enrolment completes when every
    rule is met."""
    user = signed_in_user(request)
    run = selectors.managed_run(user=user, run_id=run_id)
    enrolment = selectors.roster(run).filter(pk=payload.enrolment_id).first()
    if enrolment is None:
        raise NotFoundError(_("No such learner on this run."))
    return progress.assessment_record(
        actor=user, enrolment=enrolment, key=payload.key, passed=payload.passed,
        score=payload.score,
    )  # fmt: skip


@router.post(
    "/runs/{run_id}/cancel",
    response=RunDetailOut,
    operation_id="training_run_cancel",
    summary="Cancel a run",
)
def run_cancel(request: HttpRequest, run_id: Int64) -> Any:
    """Cancel a run; everyone on it and on its waiting list is told."""
    user = signed_in_user(request)
    run = delivery.run_cancel(actor=user, run=selectors.managed_run(user=user, run_id=run_id))
    return selectors.managed_run(user=user, run_id=run.pk)


# Notices


@router.get(
    "/notices",
    response=list[NoticeOut],
    auth=None,
    operation_id="training_notices",
    summary="List training notices",
)
@paginated
def notice_list(request: HttpRequest, district: str = "") -> Any:
    """Training notices, newest first; with a district code, that district's and the city's."""
    return selectors.notices(district=district)


@router.post(
    "/notices",
    response={201: NoticeOut},
    operation_id="training_notice_publish",
    summary="Publish a training notice",
)
def notice_publish(request: HttpRequest, payload: NoticeIn) -> Any:
    """Publish a notice in the name of a provider or office you work for."""
    user = signed_in_user(request)
    organisation = selectors.author_organisations(user=user).filter(pk=payload.organisation_id)
    if not organisation.exists():
        raise NotFoundError(_("No such organisation among yours."))
    notice = delivery.notice_publish(
        actor=user,
        organisation=organisation.get(),
        title=payload.title,
        body=payload.body,
        district=district_by_code(payload.district),
        run=selectors.public_run(payload.run_id) if payload.run_id is not None else None,
    )
    return Status(201, selectors.notice(notice.pk))


# xAPI


@router.get(
    "/xapi/statements",
    response=StatementResultOut,
    tags=["xapi"],
    operation_id="training_xapi_statements",
    summary="Query learning records as xAPI statements",
)
def xapi_statements(
    request: HttpRequest,
    response: HttpResponse,
    filters: Query[StatementQueryIn],
) -> Any:
    """Learning records as an xAPI 1.0.3 StatementResult: officers read every learner's,
    a learner their own. Follow ``more`` for the next page."""
    response["X-Experience-API-Version"] = XAPI_VERSION
    since, verb, ascending = filters.since, filters.verb, filters.ascending
    scoped = selectors.statements_for(user=signed_in_user(request))
    statements = scoped
    if since is not None:
        since = since if timezone.is_aware(since) else since.replace(tzinfo=dt.UTC)
        statements = statements.filter(stored__gt=since)
    if verb:
        statements = statements.filter(verb=verb)
    statements = statements.order_by(*(("stored", "id") if ascending else ("-stored", "-id")))
    if filters.after is not None:
        statements = statements.filter(_after(scoped, filters.after, ascending=ascending))
    limit = min(filters.limit or XAPI_LIMIT, XAPI_LIMIT)
    page = list(statements[: limit + 1])
    more = ""
    if len(page) > limit:
        page = page[:limit]
        query: dict[str, str] = {"limit": str(limit), "after": str(page[-1].pk)}
        if since is not None:
            query["since"] = since.isoformat()
        if verb:
            query["verb"] = verb
        if ascending:
            query["ascending"] = "true"
        more = request.path + "?" + urlencode(query)
    return {"statements": [statement_as_stored(statement) for statement in page], "more": more}


def _after(scoped: QuerySet[XapiStatement], after: uuid.UUID, *, ascending: bool) -> Q:
    """The statements that come after ``after`` in the order asked for."""
    stored = scoped.filter(pk=after).values_list("stored", flat=True).first()
    if stored is None:
        message = _("No such statement to continue after.")
        raise ApplicationError(message, fields={"after": message})
    if ascending:
        return Q(stored__gt=stored) | Q(stored=stored, id__gt=after)
    return Q(stored__lt=stored) | Q(stored=stored, id__lt=after)
