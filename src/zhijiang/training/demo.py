"""Demo training data: courses generated and approved from the approved standards of digital
occupations (the ones employers ask for first), some adapted to the demand of two districts,
runs by the demo providers, enrolments with a waiting list, progress on runs under way,
training notices and open courses.

Everything goes through the services as people would do it; runs "under way" are published in
the future and then moved back in time, since a provider cannot publish a run in the past.
A seeded generator makes it reproducible; a second run on a loaded database changes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone

from zhijiang.accounts.demo import DEMO_PASSWORD
from zhijiang.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from zhijiang.common.models import District, Notification
from zhijiang.occupations.documents import document_of
from zhijiang.occupations.models import Standard
from zhijiang.training import delivery, progress, services
from zhijiang.training.demand import district_demand
from zhijiang.training.models import Course, CourseRun, Enrolment, Mode
from zhijiang_engine.curriculum import course_plan_from_standard

SEED = 20261202
COURSES = 24  # digital occupations with a course
ADAPTED = 6  # of which adapted to each of two districts
HOURS_BY_LEVEL = {1: 64, 2: 96, 3: 128, 4: 160, 5: 192}


@dataclass
class _Cast:
    bureau: User
    bureau_org: Organisation
    providers: list[tuple[Organisation, User]]
    learners: list[User]


def _provider_staff(provider: Organisation, index: int) -> User:
    staff = User.objects.filter(
        memberships__organisation=provider, memberships__role=Role.PROVIDER_STAFF
    ).first()
    if staff is not None:
        return staff
    staff = User(
        username=f"trainer_{index}",
        full_name=f"{provider.name[:6]} 教务",
        district=provider.district,
    )
    staff.set_password(DEMO_PASSWORD)
    staff.save()
    Membership.objects.create(user=staff, role=Role.PROVIDER_STAFF, organisation=provider)
    return staff


def _cast() -> _Cast:
    bureau = User.objects.get(username="bureau")
    providers = Organisation.objects.filter(kind=OrganisationKind.TRAINING_PROVIDER).order_by("id")
    return _Cast(
        bureau=bureau,
        bureau_org=Organisation.objects.get(
            memberships__user=bureau, memberships__role=Role.BUREAU_OFFICER
        ),
        providers=[(p, _provider_staff(p, i)) for i, p in enumerate(providers, 1)],
        learners=list(
            User.objects.filter(memberships__role=Role.LEARNER).order_by("id").distinct()
        ),
    )


def _standards() -> list[Standard]:
    """Approved standards of digital occupations, those with the most open positions first."""
    return list(
        Standard.objects.filter(status=Standard.Status.APPROVED, occupation__is_digital=True)
        .select_related("occupation")
        .annotate(
            openings=Count("occupation__positions", filter=Q(occupation__positions__status="open"))
        )
        .order_by("-openings", "occupation__code")[:COURSES]
    )


ADAPTED_DISTRICTS = ("500103", "500106")  # 渝中区 and 沙坪坝区, whose officers sign in to the demo


def _adapted_hours(standard: Standard, district: District) -> list[tuple[str, float]]:
    """Each lesson's hours once adapted to the district; empty when demand changed nothing."""
    plan = course_plan_from_standard(
        document_of(standard),
        rank=_level(standard),
        total_hours=HOURS_BY_LEVEL.get(_level(standard), 128),
        demand=district_demand(district),
    )
    return [(lesson.key, lesson.hours) for lesson in plan.lessons] if plan.adjustments else []


def _contrasting(standards: list[Standard], districts: list[District]) -> list[Standard]:
    """Standards whose courses both districts' demand changes, each differently."""
    if len(districts) < 2 or not all(district_demand(d) for d in districts):
        return []
    chosen = []
    for standard in standards:
        first, second = (_adapted_hours(standard, d) for d in districts[:2])
        if first and second and first != second:
            chosen.append(standard)
    return chosen[:ADAPTED]


def _level(standard: Standard) -> int:
    ranks = sorted(standard.levels.values_list("rank", flat=True))
    return 3 if 3 in ranks else ranks[0]


def _generate(cast: _Cast, standard: Standard, district: District | None = None) -> Course:
    level = _level(standard)
    owner, actor = cast.bureau_org, cast.bureau
    if district is not None:
        officer_office = Organisation.objects.filter(
            kind=OrganisationKind.DISTRICT_OFFICE, district=district
        ).first()
        officer = User.objects.filter(
            memberships__organisation=officer_office, memberships__role=Role.DISTRICT_OFFICER
        ).first()
        if officer_office is not None and officer is not None:
            owner, actor = officer_office, officer
    request = services.CourseRequest(
        standard=standard,
        level=level,
        total_hours=HOURS_BY_LEVEL.get(level, 128),
        district=district,
        use_model=False,
    )
    course = services.course_generate(actor=actor, owner=owner, request=request)
    return services.course_approve(actor=cast.bureau, course=course)


def _publish(rng: random.Random, course: Course, provider: Organisation, staff: User,
             start: dt.date) -> CourseRun:  # fmt: skip
    mode = rng.choice([Mode.IN_PERSON, Mode.IN_PERSON, Mode.BLENDED, Mode.ONLINE])
    online = mode == Mode.ONLINE
    data = delivery.RunInput(
        start_date=start,
        end_date=start + dt.timedelta(days=7 * rng.randint(3, 8)),
        mode=mode,
        capacity=rng.choice([20, 30, 40]),
        district="" if online else provider.district.code if provider.district else "",
        place="" if online else f"{provider.name} {rng.randint(1, 6)} 楼培训教室",
        fee=rng.choice([0, 0, 800, 1200, 2400]),
        voucher_eligible=rng.random() < 0.6,
    )
    return delivery.run_publish(actor=staff, course=course, provider=provider, data=data)


def _under_way(run: CourseRun, started_days_ago: int, ends_in_days: int) -> None:
    """Move a run published for the future back in time: it started ``started_days_ago`` and
    ends ``ends_in_days`` from today (negative: it has ended). Its enrolments and the
    notifications its learners were sent move with it, so that what they were told (the start
    date) matches the run they see under My courses."""
    today = timezone.localdate()
    start = today - dt.timedelta(days=started_days_ago)
    shift = run.start_date - start
    CourseRun.objects.filter(pk=run.pk).update(
        start_date=start, end_date=today + dt.timedelta(days=ends_in_days)
    )
    run.enrolments.update(created_at=F("created_at") - shift)
    link = reverse("training:run", args=[run.pk])
    for notification in Notification.objects.filter(link=link, kind__startswith="training."):
        notification.params = {**notification.params, "start": start.isoformat()}
        notification.created_at -= shift
        notification.save(update_fields=["params", "created_at"])
    run.refresh_from_db()


def _record_progress(rng: random.Random, run: CourseRun, staff: User, share: float) -> None:
    items = progress.plan_items(run)
    enrolled = list(run.enrolments.filter(status=Enrolment.Status.ENROLLED))
    lessons = list(items.lessons)[: max(1, round(len(items.lessons) * share))]
    for key in lessons:
        present = {e.pk for e in enrolled if rng.random() < 0.9}
        progress.attendance_sheet(actor=staff, run=run, lesson_key=key, present=present)
    done_modules = {key.split(".")[0] for key in lessons}
    for assessment in run.course.plan["assessments"]:
        if assessment["after"] in done_modules and assessment["kind"] == "module":
            for enrolment in enrolled:
                score = rng.randint(55, 98)
                progress.assessment_record(actor=staff, enrolment=enrolment,
                                           key=assessment["key"], passed=score >= 60,
                                           score=score)  # fmt: skip


def _finish(rng: random.Random, run: CourseRun, staff: User) -> None:
    """Every lesson held and every assessment point taken: most learners complete."""
    _record_progress(rng, run, staff, 1.0)
    for enrolment in run.enrolments.filter(status=Enrolment.Status.ENROLLED):
        key = run.course.plan["assessments"][-1]["key"]
        score = rng.randint(58, 96)
        progress.assessment_record(actor=staff, enrolment=enrolment, key=key,
                                   passed=score >= 60, score=score)  # fmt: skip


def _enrol(rng: random.Random, run: CourseRun, people: list[User], count: int) -> None:
    for person in rng.sample(people, min(count, len(people))):
        delivery.enrol(person=person, run=run, waitlist=True)


def _demo_enrolments(rng: random.Random, cast: _Cast, runs: list[tuple[CourseRun, User]]) -> None:
    """Two runs under way (one half done, one finished), one small run with a waiting list,
    and learners on the upcoming runs; the demo learner is on three of them."""
    me = next(person for person in cast.learners if person.username == "learner")
    others = [person for person in cast.learners if person != me]
    (half, half_staff), (done, done_staff), (small, _small_staff) = runs[:3]
    # Half done: started four weeks ago, two to go. Finished: ten weeks ago, ended two ago.
    for run, count, days_ago, ends_in in ((half, 12, 28, 14), (done, 10, 70, -14)):
        delivery.enrol(person=me, run=run)
        _enrol(rng, run, others, count)
        _under_way(run, days_ago, ends_in)
    _record_progress(rng, half, half_staff, 0.5)
    _finish(rng, done, done_staff)
    CourseRun.objects.filter(pk=small.pk).update(capacity=4)
    small.refresh_from_db()
    delivery.enrol(person=me, run=small)
    _enrol(rng, small, others, 5)
    for run, _staff in runs[3:]:
        _enrol(rng, run, others, rng.randint(0, 8))


def _demo_notices(cast: _Cast, runs: list[CourseRun]) -> None:
    delivery.notice_publish(
        actor=cast.bureau,
        organisation=cast.bureau_org,
        title="关于开展2027年数字技能职业培训的通知",
        body=(
            "为加快数字技能人才培养，市人力社保局依据已审定的职业标准生成数字职业培训课程，"
            "各培训机构可在平台发布开班计划。\n"
            "符合条件的劳动者可持电子社保卡培训券报名标注“可用培训券”的班次，"
            "培训合格后参加相应等级的职业技能评价。"
        ),
    )
    for run in runs[3:8]:
        staff = User.objects.filter(
            memberships__organisation=run.provider, memberships__role=Role.PROVIDER_STAFF
        ).first()
        if staff is None:
            continue
        delivery.notice_publish(
            actor=staff,
            organisation=run.provider,
            title=f"{run.course.title}开班通知",
            body=(
                f"{run.provider.name}将于{run.start_date:%Y年%m月%d日}开设"
                f"{run.course.title}培训班，共{run.course.hours_text}学时，"
                f"名额{run.capacity}人。欢迎在平台报名。"
            ),
            run=run,
        )


def _demo_open_courses(cast: _Cast, courses: list[Course]) -> None:
    """Open the first courses to everyone, with each lesson's objectives as its text."""
    for course in courses:
        services.course_set_open(actor=cast.bureau, course=course, is_open=True)
        for module in course.plan["modules"]:
            for lesson in module["lessons"]:
                lines = [lesson.get("summary", "")]
                lines += [f"· {objective['text']}" for objective in lesson["objectives"]]
                services.lesson_material_save(
                    actor=cast.bureau,
                    course=course,
                    lesson_key=lesson["key"],
                    body="\n".join(line for line in lines if line),
                )


@transaction.atomic
def load_demo_training() -> int:
    """Generate, approve and run the demo courses; returns how many courses were made."""
    if Course.objects.exists():
        return 0
    rng = random.Random(SEED)
    cast = _cast()
    courses = [_generate(cast, standard) for standard in _standards()]
    districts = list(District.objects.filter(code__in=ADAPTED_DISTRICTS).order_by("code"))
    for standard in _contrasting(_standards(), districts):
        courses += [_generate(cast, standard, district) for district in districts]
    today = timezone.localdate()
    runs: list[tuple[CourseRun, User]] = []
    for index, course in enumerate(courses):
        provider, staff = cast.providers[index % len(cast.providers)]
        start = today + dt.timedelta(days=rng.randint(10, 60))
        runs.append((_publish(rng, course, provider, staff, start), staff))
    _demo_enrolments(rng, cast, runs)
    _demo_notices(cast, [run for run, _staff in runs])
    _demo_open_courses(cast, courses[:5])
    return len(courses)
