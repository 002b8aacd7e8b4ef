"""Reads for courses, runs, enrolments and notices, each scoped to what the user may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import Organisation, OrganisationKind, Role
from zhijiang.accounts.selectors import (
    OFFICER_ROLES,
    is_city_officer,
    is_officer,
    officer_district_ids,
    organisation_ids_of,
)
from zhijiang.common.errors import NotFoundError, PermissionDeniedError
from zhijiang.training.models import (
    Course,
    CourseRevision,
    CourseRun,
    Enrolment,
    Mode,
    Notice,
    XapiStatement,
)

AUTHOR_ROLES = {Role.PROVIDER_STAFF} | OFFICER_ROLES


def provider_ids_of(user: Any) -> set[int]:
    """Training providers the user works for."""
    return organisation_ids_of(user, {Role.PROVIDER_STAFF})


def author_organisations(*, user: Any) -> QuerySet[Organisation]:
    """Organisations the user may generate courses and publish notices for: their training
    providers, and the bureau or district offices they are an officer of."""
    ids = organisation_ids_of(user, set(AUTHOR_ROLES))
    return Organisation.objects.filter(id__in=ids, is_active=True).exclude(
        kind__in=[OrganisationKind.EMPLOYER, OrganisationKind.ASSESSMENT_BODY]
    )


def provider_organisations(*, user: Any) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        id__in=provider_ids_of(user), kind=OrganisationKind.TRAINING_PROVIDER, is_active=True
    )


def can_author(user: Any) -> bool:
    return author_organisations(user=user).exists()


def _courses() -> QuerySet[Course]:
    return Course.objects.select_related(
        "occupation", "owner", "district", "standard", "approved_by", "voucher_approved_by"
    )


def courses_for(*, user: Any) -> QuerySet[Course]:
    """Officers see every course; provider staff their own and every approved one; everyone
    else the approved ones."""
    courses = _courses()
    if is_officer(user):
        return courses
    visible = Q(status=Course.Status.APPROVED)
    owners = organisation_ids_of(user, set(AUTHOR_ROLES))
    if owners:
        visible |= Q(owner_id__in=owners)
    return courses.filter(visible)


def course_for(*, user: Any, course_id: int) -> Course:
    course = courses_for(user=user).filter(pk=course_id).first()
    if course is None:
        raise NotFoundError(_("No such course, or it is not yours to see."))
    return course


def can_edit_course(user: Any, course: Course) -> bool:
    """Staff of the course's owner, city officers, and officers of the owner's district."""
    if is_city_officer(user):
        return True
    if course.owner_id in organisation_ids_of(user, set(AUTHOR_ROLES)):
        return True
    return course.owner.district_id in officer_district_ids(user)


def require_course_editor(user: Any, course: Course) -> None:
    if not can_edit_course(user, course):
        raise PermissionDeniedError(
            _(
                "Only staff of the organisation that generated the course, or an officer, "
                "may do this."
            )
        )


def can_approve_for_vouchers(user: Any, course: Course) -> bool:
    """City officers and officers of the owner's district, never the owning provider's staff:
    public money pays for voucher-funded runs, so a provider does not approve its own plan."""
    if course.owner_id in provider_ids_of(user):
        return False
    return is_city_officer(user) or course.owner.district_id in officer_district_ids(user)


def courses_by_vouchers(courses: QuerySet[Course], vouchers: str) -> QuerySet[Course]:
    """Courses waiting for an officer's approval for voucher-funded runs (retired ones aside),
    approved for them, or not asked; an unknown value filters nothing."""
    if vouchers == Course.Vouchers.WAITING:
        return courses.filter(for_vouchers=True, voucher_approved_by__isnull=True).exclude(
            status=Course.Status.RETIRED
        )
    if vouchers == Course.Vouchers.APPROVED:
        return courses.filter(voucher_approved_by__isnull=False)
    if vouchers == Course.Vouchers.NOT_ASKED:
        return courses.filter(for_vouchers=False, voucher_approved_by__isnull=True)
    return courses


def open_courses() -> QuerySet[Course]:
    """Open courses that anyone can read without an account."""
    return _courses().filter(status=Course.Status.APPROVED, is_open=True)


def open_course(course_id: int) -> Course:
    course = open_courses().filter(pk=course_id).first()
    if course is None:
        raise NotFoundError(_("No such open course."))
    return course


@dataclass(frozen=True)
class CatalogueFilters:
    """The open catalogue's search and filters; empty values filter nothing."""

    q: str = ""
    occupation: str = ""  # a CSCO code at any level
    level: int | None = None
    district: str = ""
    online: bool = False
    free: bool = False
    voucher: bool = False


def _runs() -> QuerySet[CourseRun]:
    return CourseRun.objects.select_related(
        "course", "course__occupation", "provider", "district"
    ).annotate(
        taken=Count("enrolments", filter=Q(enrolments__status__in=["enrolled", "completed"]))
    )


def catalogue_runs(
    filters: CatalogueFilters, *, today: dt.date | None = None
) -> QuerySet[CourseRun]:
    """Runs open for enrolment (published, approved course, not started), soonest first."""
    today = today or timezone.localdate()
    runs = _runs().filter(
        status=CourseRun.Status.PUBLISHED,
        course__status=Course.Status.APPROVED,
        start_date__gt=today,
        provider__is_active=True,
    )
    for word in filters.q.split()[:5]:
        runs = runs.filter(
            Q(course__title__icontains=word)
            | Q(course__occupation__name__icontains=word)
            | Q(provider__name__icontains=word)
        )
    if filters.occupation:
        runs = runs.filter(course__occupation__code__startswith=filters.occupation)
    if filters.level is not None:
        runs = runs.filter(course__level=filters.level)
    if filters.district:
        runs = runs.filter(district__code=filters.district)
    if filters.online:
        runs = runs.filter(mode=Mode.ONLINE)
    if filters.free:
        runs = runs.filter(fee=0)
    if filters.voucher:
        runs = runs.filter(voucher_eligible=True)
    return runs.order_by("start_date", "id")


def public_run(run_id: int) -> CourseRun:
    """A run anyone may look at: published or cancelled, of an approved course."""
    run = (
        _runs()
        .filter(pk=run_id, course__status=Course.Status.APPROVED, provider__is_active=True)
        .first()
    )
    if run is None:
        raise NotFoundError(_("No such course run."))
    return run


def runs_for_provider(*, user: Any) -> QuerySet[CourseRun]:
    """Runs the user manages: their providers' runs; officers see every run."""
    runs = _runs().order_by("-start_date", "-id")
    if is_city_officer(user):
        return runs
    mine = Q(provider_id__in=provider_ids_of(user))
    districts = officer_district_ids(user)
    if districts:  # a district officer oversees the runs held (or given) in their districts
        mine |= Q(district_id__in=districts) | Q(provider__district_id__in=districts)
    return runs.filter(mine)


def managed_run(*, user: Any, run_id: int) -> CourseRun:
    run = runs_for_provider(user=user).filter(pk=run_id).first()
    if run is None:
        raise NotFoundError(_("No such course run, or it is not yours to manage."))
    return run


def require_run_staff(user: Any, run: CourseRun) -> None:
    """Attendance, progress and cancellations are the run's provider's to record."""
    if run.provider_id not in provider_ids_of(user):
        raise PermissionDeniedError(_("Only staff of the run's training provider may do this."))


def with_waitlist_numbers(enrolments: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    """Each enrolment with ``waitlist_number`` (1 for the first person waiting on its run, None
    when not waiting), counted in the list's own query rather than once per row."""
    waiting = Enrolment.Status.WAITLISTED
    earlier = Q(created_at__lt=OuterRef("created_at")) | Q(
        created_at=OuterRef("created_at"), id__lt=OuterRef("pk")
    )
    ahead = (
        Enrolment.objects.filter(earlier, run=OuterRef("run"), status=waiting)
        .order_by()
        .values("run")
        .annotate(count=Count("pk"))
        .values("count")
    )
    number = Coalesce(Subquery(ahead, output_field=IntegerField()), 0) + 1
    return enrolments.annotate(
        waitlist_number=Case(
            When(status=waiting, then=number), default=None, output_field=IntegerField()
        )
    )


def enrolments_of(*, person: Any) -> QuerySet[Enrolment]:
    return with_waitlist_numbers(
        Enrolment.objects.filter(person=person)
        .select_related("run", "run__course", "run__provider", "run__district")
        .order_by("-created_at", "-id")
    )


def enrolment_of(*, person: Any, enrolment_id: int) -> Enrolment:
    enrolment = enrolments_of(person=person).filter(pk=enrolment_id).first()
    if enrolment is None:
        raise NotFoundError(_("No such enrolment."))
    return enrolment


def live_enrolment(*, person: Any, run: CourseRun) -> Enrolment | None:
    if not getattr(person, "is_authenticated", False):
        return None
    return (
        Enrolment.objects.filter(person=person, run=run)
        .exclude(status=Enrolment.Status.CANCELLED)
        .first()
    )


def roster(run: CourseRun) -> QuerySet[Enrolment]:
    """Enrolled and completed learners first, then the waiting list in order."""
    return with_waitlist_numbers(
        run.enrolments.exclude(status=Enrolment.Status.CANCELLED)
        .select_related("person")
        .prefetch_related("progress")
        .order_by("status", "created_at", "id")
    )


def notices(*, district: str = "") -> QuerySet[Notice]:
    published = Notice.objects.filter(published_at__lte=timezone.now()).select_related(
        "organisation", "district", "run", "run__course"
    )
    if district:
        published = published.filter(Q(district__code=district) | Q(district__isnull=True))
    return published


def notice(notice_id: int) -> Notice:
    found = notices().filter(pk=notice_id).first()
    if found is None:
        raise NotFoundError(_("No such notice."))
    return found


def statements_for(*, user: Any) -> QuerySet[XapiStatement]:
    """Officers read every learning record; a learner reads their own."""
    if is_officer(user):
        return XapiStatement.objects.all()
    if not getattr(user, "is_authenticated", False):
        return XapiStatement.objects.none()
    return XapiStatement.objects.filter(person=user)


def enrolment_counts_of(*, person: Any) -> dict[str, int]:
    """The person's own enrolments that are not cancelled: how many in all, still to finish
    (enrolled or waiting for a place), and completed."""
    counts: dict[str, int] = Enrolment.objects.filter(
        person_id=getattr(person, "pk", None), status__in=Enrolment.ACTIVE
    ).aggregate(
        total=Count("pk"),
        in_progress=Count(
            "pk", filter=Q(status__in=[Enrolment.Status.ENROLLED, Enrolment.Status.WAITLISTED])
        ),
        completed=Count("pk", filter=Q(status=Enrolment.Status.COMPLETED)),
    )
    return counts


def courses_open_for_enrolment(*, today: dt.date | None = None) -> QuerySet[Course]:
    """Courses with at least one run in the open catalogue (open for enrolment now)."""
    runs = catalogue_runs(CatalogueFilters(), today=today)
    return Course.objects.filter(pk__in=runs.values("course_id"))


def courses_with_generated_plan() -> QuerySet[Course]:
    """Every course (all are generated) with its plan as generated (revision 1) in
    ``generated_revision`` (a list of at most one) and ``edited``: whether a person changed
    the plan since, which also rebuilt its textbook and projects. For the bureau's quality
    review; not scoped to a user: the caller (analytics) lets officers only."""
    first = CourseRevision.objects.filter(number=1).only("course_id", "plan")
    edited = CourseRevision.objects.filter(course=OuterRef("pk"), number__gt=1)
    return (
        Course.objects.select_related("occupation")
        .annotate(edited=Exists(edited))
        .prefetch_related(Prefetch("revisions", queryset=first, to_attr="generated_revision"))
    )
