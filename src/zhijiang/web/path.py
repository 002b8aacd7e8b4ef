"""A learner's path through the chain (profile → career plan → courses → exams → certificates →
applications): where they are on each step, and the one step to take next.

``learner_facts`` reads what the path needs through each app's selectors (a fixed handful of
counting queries, whatever the person has done); ``learner_path`` turns those facts into steps
without touching the database, so the rules are read, and tested, in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy

from zhijiang.accounts.models import User
from zhijiang.assessment import session_selectors as assessment_selectors
from zhijiang.credentials import selectors as credential_selectors
from zhijiang.jobs import selectors as job_selectors
from zhijiang.occupations import selectors as occupation_selectors
from zhijiang.training import selectors as training_selectors


class StepState(models.TextChoices):
    DONE = "done", pgettext_lazy("path step", "Done")
    CURRENT = "current", pgettext_lazy("path step", "In progress")
    TODO = "todo", pgettext_lazy("path step", "To do")
    BLOCKED = "blocked", pgettext_lazy("path step", "Not yet possible")


@dataclass(frozen=True)
class LearnerFacts:
    """Counts of what the person has done so far on each step."""

    skills: int = 0
    job_profile: bool = False
    courses: int = 0
    courses_in_progress: int = 0
    courses_completed: int = 0
    exams: int = 0
    exams_upcoming: int = 0
    exams_passed: int = 0
    certificates: int = 0
    applications: int = 0
    applications_live: int = 0
    hired: int = 0
    account_complete: bool = False

    @property
    def profile_done(self) -> bool:
        return self.skills > 0 or self.job_profile


@dataclass(frozen=True)
class Link:
    url_name: str
    label: Any


@dataclass(frozen=True)
class Step:
    key: str
    title: Any
    state: StepState
    summary: Any  # one line: the count, or what the step is for
    link: Link
    more: list[Link] = field(default_factory=list)
    count: int | None = None  # shown only where something was done


@dataclass(frozen=True)
class NextStep:
    step: str  # the key of the step it belongs to
    title: Any
    text: Any
    button: Link
    alternative: Link | None = None


@dataclass(frozen=True)
class LearnerPath:
    steps: list[Step]
    next_step: NextStep
    facts: LearnerFacts


def learner_facts(user: User) -> LearnerFacts:
    """What the person has done, read through each app's own (person-scoped) selectors."""
    courses = training_selectors.enrolment_counts_of(person=user)
    exams = assessment_selectors.registration_counts_of(user=user)
    applications = job_selectors.application_counts_of(user=user)
    return LearnerFacts(
        skills=occupation_selectors.skill_count_of(user=user),
        job_profile=job_selectors.job_profile_filled(user=user),
        courses=courses["total"],
        courses_in_progress=courses["in_progress"],
        courses_completed=courses["completed"],
        exams=exams["total"],
        exams_upcoming=exams["upcoming"],
        exams_passed=exams["passed"],
        certificates=credential_selectors.valid_certificates(person_ids=[user.pk]).count(),
        applications=applications["total"],
        applications_live=applications["live"],
        hired=applications["hired"],
        account_complete=bool(user.full_name and user.phone and user.id_number_masked),
    )


def _progress(
    *, done: int | bool, under_way: int | bool, under_way_first: bool = False
) -> StepState:
    """Done, under way (the current step) or still to do."""
    if under_way and (under_way_first or not done):
        return StepState.CURRENT
    return StepState.DONE if done else StepState.TODO


def _profile_step(facts: LearnerFacts) -> Step:
    summary: Any
    if facts.skills:
        summary = ngettext_lazy(
            "%(count)d skill on your profile", "%(count)d skills on your profile", "count"
        ) % {"count": facts.skills}
    elif facts.job_profile:
        summary = _("Your job profile is filled in; read your CV to add your skills.")
    else:
        summary = _("Let us read your CV, or fill in your job profile yourself.")
    return Step(
        key="profile",
        title=_("Your profile and skills"),
        state=StepState.DONE if facts.profile_done else StepState.CURRENT,
        summary=summary,
        link=Link("jobs:profile", _("My job profile")),
        more=[Link("occupations:analyse", _("Read my CV"))],
        count=facts.skills or None,
    )


def _plan_step(facts: LearnerFacts) -> Step:
    summary: Any
    acted = facts.courses or facts.applications or facts.certificates
    if not facts.profile_done:
        state, summary = StepState.BLOCKED, _("Ready once your profile says what you can do.")
    else:
        state = StepState.DONE if acted else StepState.CURRENT
        summary = _("Occupations within your reach, the gap to each, and courses that close it.")
    return Step(
        key="plan",
        title=_("Your career plan"),
        state=state,
        summary=summary,
        link=Link("careers:plan", _("My career plan")),
    )


def _courses_step(facts: LearnerFacts) -> Step:
    summary: Any
    state = _progress(done=facts.courses_completed, under_way=facts.courses_in_progress)
    if facts.courses:
        summary = ngettext_lazy(
            "%(count)d course, %(completed)d completed",
            "%(count)d courses, %(completed)d completed",
            "count",
        ) % {"count": facts.courses, "completed": facts.courses_completed}
    else:
        summary = _("Courses that teach what your plan asks for, many paid by a voucher.")
    return Step(
        key="courses",
        title=_("Your courses"),
        state=state,
        summary=summary,
        link=Link("training:my_enrolments", _("My courses")),
        more=[Link("training:catalogue", _("Find a course"))],
        count=facts.courses or None,
    )


def _exams_step(facts: LearnerFacts) -> Step:
    summary: Any
    # One still to sit is where the person is, whatever came before; a certificate is a pass.
    state = _progress(
        done=facts.exams_passed or facts.certificates,
        under_way=facts.exams_upcoming,
        under_way_first=True,
    )
    if facts.exams:
        summary = ngettext_lazy(
            "%(count)d assessment, %(passed)d passed",
            "%(count)d assessments, %(passed)d passed",
            "count",
        ) % {"count": facts.exams, "passed": facts.exams_passed}
    elif facts.certificates:
        summary = _("Your level certificate shows a passed assessment.")
    else:
        summary = _(
            "An assessment body registers you for a skill assessment, often after a course."
        )
    return Step(
        key="exams",
        title=_("Your skill assessments"),
        state=state,
        summary=summary,
        link=Link("assessment:mine", _("My assessments")),
        count=facts.exams or None,
    )


def _certificates_step(facts: LearnerFacts) -> Step:
    summary: Any
    if facts.certificates:
        state = StepState.DONE
        summary = ngettext_lazy(
            "%(count)d certificate, verifiable anywhere",
            "%(count)d certificates, verifiable anywhere",
            "count",
        ) % {"count": facts.certificates}
    elif facts.exams_passed:
        state, summary = StepState.CURRENT, _("Your certificate is issued once the pass is final.")
    else:
        state, summary = StepState.BLOCKED, _("A level certificate comes with a passed assessment.")
    return Step(
        key="certificates",
        title=_("Your certificates"),
        state=state,
        summary=summary,
        link=Link("credentials:mine", _("My certificates")),
        count=facts.certificates or None,
    )


def _applications_step(facts: LearnerFacts) -> Step:
    summary: Any
    state = _progress(done=facts.hired, under_way=facts.applications_live)
    if facts.applications:
        summary = ngettext_lazy(
            "%(count)d application, %(live)d still open",
            "%(count)d applications, %(live)d still open",
            "count",
        ) % {"count": facts.applications, "live": facts.applications_live}
    else:
        summary = _("Positions ranked for you, with the reasons for each.")
    return Step(
        key="applications",
        title=_("Your applications"),
        state=state,
        summary=summary,
        link=Link("jobs:applications", _("My applications")),
        more=[Link("jobs:matches", _("Positions for me"))],
        count=facts.applications or None,
    )


PLAN = Link("careers:plan", _("See my career plan"))
MATCHES = Link("jobs:matches", _("See positions for me"))


def _under_way(facts: LearnerFacts) -> NextStep | None:
    """What the person already started and should carry on with: an exam (it has a date),
    then a course, then applications."""
    if facts.exams_upcoming:
        return NextStep(
            "exams",
            _("Take your skill assessment"),
            _("You are registered for an assessment. See when it starts and take it."),
            Link("assessment:mine", _("Go to my assessments")),
        )
    if facts.courses_in_progress:
        return NextStep(
            "courses",
            _("Continue your course"),
            _("Follow your lessons to the end to complete the course."),
            Link("training:my_enrolments", _("Go to my courses")),
        )
    if facts.applications_live:
        return NextStep(
            "applications",
            _("Follow your applications"),
            _("Employers are looking at your applications. See where each one stands."),
            Link("jobs:applications", _("Go to my applications")),
            MATCHES,
        )
    return None


def _next_step(facts: LearnerFacts) -> NextStep:
    """The one thing to do now, first match wins: the profile the rest depends on, then what
    is already under way, then what to start."""
    if not facts.profile_done:
        return NextStep(
            "profile",
            _("Start with your profile"),
            _(
                "Upload or paste your CV and we read your skills from it, or fill in your job "
                "profile yourself. Then you see a career plan made for you."
            ),
            Link("occupations:analyse", _("Read my CV")),
            Link("jobs:profile", _("Fill in my job profile")),
        )
    under_way = _under_way(facts)
    if under_way is not None:
        return under_way
    if facts.hired:
        return NextStep(
            "plan",
            _("Keep growing"),
            _("You are hired. Your career plan shows the next level to aim for."),
            PLAN,
        )
    if facts.courses_completed or facts.certificates:
        return NextStep(
            "applications",
            _("Apply for positions that fit you"),
            _("Your training counts now: see the open positions ranked for you and apply."),
            MATCHES,
            PLAN,
        )
    return NextStep(
        "plan",
        _("See your career plan"),
        _("The occupations within reach of your skills, the gap to each, and courses to enrol."),
        PLAN,
        MATCHES,
    )


def learner_path(facts: LearnerFacts) -> LearnerPath:
    """The six steps with their states, and the next step, for these facts."""
    steps = [
        _profile_step(facts),
        _plan_step(facts),
        _courses_step(facts),
        _exams_step(facts),
        _certificates_step(facts),
        _applications_step(facts),
    ]
    return LearnerPath(steps=steps, next_step=_next_step(facts), facts=facts)
