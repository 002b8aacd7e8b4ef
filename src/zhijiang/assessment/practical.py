"""The practical part (实操) of a session: its task and rubric from the standard's training
projects, candidates' evidence files, and independent scoring by two assessors (a third when
they disagree). Rules in docs/assessment.md ("Practical scoring")."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import PurePosixPath

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import User
from zhijiang.accounts.selectors import is_city_officer
from zhijiang.assessment.exams import blueprint_of
from zhijiang.assessment.models import (
    Evidence,
    ExamSession,
    LevelDecision,
    PracticalScore,
    PracticalTask,
    Registration,
)
from zhijiang.assessment.services import standard_document
from zhijiang.assessment.sessions import require_session_assessor
from zhijiang.common.audit import AuditAction, audit_record
from zhijiang.common.errors import ApplicationError, PermissionDeniedError
from zhijiang_engine.assessment import part_of_requirement
from zhijiang_engine.curriculum import (
    CurriculumError,
    Project,
    course_plan_from_standard,
    training_projects,
)

DISAGREEMENT_THRESHOLD = 10.0  # points of 100 between the first two totals that call a third
PLAN_HOURS = 120  # the course plan the projects come from; the rubric does not depend on it
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
MAX_EVIDENCE_FILES = 20
EVIDENCE_SUFFIXES = frozenset({
    ".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".pdf", ".txt", ".md", ".csv", ".json",
    ".xlsx", ".docx", ".pptx", ".zip", ".py", ".ipynb", ".sql", ".java", ".js", ".ts", ".html",
    ".css", ".c", ".cpp", ".go", ".sh", ".yaml", ".yml", ".log", ".mp4", ".mov",
})  # fmt: skip


def standard_projects(session: ExamSession) -> tuple[Project, ...]:
    """The training projects of the session's level, each with a rubric of 100 points; in a
    specialism, those whose criteria all lie in the common part or that direction."""
    document = standard_document(session.bank.standard)
    try:
        plan = course_plan_from_standard(document, rank=session.level, total_hours=PLAN_HOURS)
    except CurriculumError as error:
        raise ApplicationError(
            _("The standard gives no practical projects: %(reason)s") % {"reason": error},
            code="no_projects",
        ) from error
    projects = training_projects(plan)
    if not session.specialism:
        return projects
    blueprint = blueprint_of(
        session.bank.standard, rank=session.level, specialism=session.specialism
    )
    parts = {part.key for part in blueprint.parts}
    return tuple(
        project
        for project in projects
        if all(part_of_requirement(c.requirement) in parts for c in project.rubric)
    )


def _rubric(project: Project) -> list[dict[str, object]]:
    """The project's criteria, keyed by requirement id (made unique should two share one)."""
    rubric, seen = [], set()
    for number, criterion in enumerate(project.rubric, 1):
        key = criterion.requirement if criterion.requirement not in seen else f"C{number}"
        seen.add(key)
        rubric.append({"key": key, "requirement": criterion.requirement,
                       "text": criterion.text, "points": criterion.points})  # fmt: skip
    return rubric


@transaction.atomic
def practical_task_set(*, actor: User, session: ExamSession, project_key: str) -> PracticalTask:
    """Make one of the standard's projects the session's practical task (changeable until the
    first score is given)."""
    require_session_assessor(actor, session)
    project = next((p for p in standard_projects(session) if p.key == project_key), None)
    if project is None:
        message = _("The standard has no project %(key)s at this level.") % {"key": project_key}
        raise ApplicationError(message, code="unknown_project", fields={"project": message})
    if PracticalScore.objects.filter(registration__session=session).exists():
        raise ApplicationError(
            _("Candidates have been scored; the practical task stays as it is."), code="scored"
        )
    values = {"project_key": project.key, "title": project.title[:200], "brief": project.brief,
              "deliverables": list(project.deliverables), "rubric": _rubric(project)}  # fmt: skip
    task, _created = PracticalTask.objects.update_or_create(
        session=session, defaults=values, create_defaults={**values, "created_by": actor}
    )
    audit_record(actor=actor, action=AuditAction.PRACTICAL_TASK_SET, target=task,
                 changes={"project": project.key})  # fmt: skip
    return task


def task_of(session: ExamSession) -> PracticalTask:
    task = PracticalTask.objects.filter(session=session).first()
    if task is None:
        raise ApplicationError(_("The session has no practical task yet."), code="no_task")
    return task


@transaction.atomic
def evidence_add(*, actor: User, registration: Registration, upload: UploadedFile) -> Evidence:
    """Store a file for the candidate's practical task: by the candidate or one of the body's
    assessors, until the level is decided."""
    session = registration.session
    if actor.pk != registration.person_id:
        require_session_assessor(actor, session)
    task_of(session)
    if LevelDecision.objects.filter(registration=registration).exists():
        raise ApplicationError(_("The level is decided; no more evidence."), code="decided")
    name = PurePosixPath((upload.name or "evidence").replace("\\", "/")).name[:200]
    if PurePosixPath(name).suffix.lower() not in EVIDENCE_SUFFIXES:
        message = _("Photos, documents, code, archives and videos are accepted, not this file.")
        raise ApplicationError(message, code="file_type", fields={"file": message})
    if not upload.size or upload.size > MAX_EVIDENCE_BYTES:
        message = _("A file has 1 byte to 20 MB.")
        raise ApplicationError(message, code="too_large", fields={"file": message})
    if registration.evidence.count() >= MAX_EVIDENCE_FILES:
        message = _("A candidate hands in at most 20 files.")
        raise ApplicationError(message, code="too_many", fields={"file": message})
    evidence = Evidence(registration=registration, name=name, size=upload.size,
                        uploaded_by=actor)  # fmt: skip
    evidence.file.save(name, upload, save=False)
    evidence.save()
    audit_record(
        actor=actor, action=AuditAction.EVIDENCE_ADD, target=evidence, changes={"name": name}
    )
    return evidence


def final_practical_score(
    totals: Sequence[float], *, threshold: float = DISAGREEMENT_THRESHOLD
) -> float | None:
    """The practical score from the assessors' totals in the order given, or None while it is
    open: two totals within ``threshold`` → their mean; further apart → a third is needed,
    then the mean of the two closest of the three (on a tie, the lower pair)."""
    if len(totals) < 2:
        return None
    first, second = totals[0], totals[1]
    if abs(first - second) <= threshold:
        return round((first + second) / 2, 1)
    if len(totals) < 3:
        return None
    low, middle, high = sorted(totals[:3])
    pair = (low, middle) if middle - low <= high - middle else (middle, high)
    return round(sum(pair) / 2, 1)


def needs_third(totals: Sequence[float], *, threshold: float = DISAGREEMENT_THRESHOLD) -> bool:
    return len(totals) == 2 and abs(totals[0] - totals[1]) > threshold


def totals_of(registration: Registration) -> list[float]:
    return list(
        PracticalScore.objects.filter(registration=registration)
        .order_by("created_at", "id")
        .values_list("total", flat=True)
    )


def practical_result(registration: Registration) -> float | None:
    return final_practical_score(totals_of(registration))


def _criteria(task: PracticalTask, given: Mapping[str, float]) -> dict[str, float]:
    rubric = {str(row["key"]): float(row["points"]) for row in task.rubric}
    missing = [key for key in rubric if key not in given]
    unknown = [key for key in given if key not in rubric]
    if missing or unknown:
        message = _("Score every criterion of the rubric: %(keys)s") % {"keys": ", ".join(rubric)}
        raise ApplicationError(message, code="criteria", fields={"criteria": message})
    clean = {}
    for key, points in rubric.items():
        value = float(given[key])
        if not (math.isfinite(value) and 0 <= value <= points):
            message = _("%(key)s takes 0 to %(points)s points.") % {"key": key, "points": points}
            raise ApplicationError(message, code="criteria", fields={key: message})
        clean[key] = round(value, 1)
    return clean


@transaction.atomic
def practical_score_submit(
    *, actor: User, registration: Registration, criteria: Mapping[str, float], comment: str = ""
) -> PracticalScore:
    """One assessor's independent marks. Two assessors of the body score every candidate; a
    third only when the first two totals differ by more than the threshold. Nobody scores the
    same candidate twice, nor a candidate they are."""
    session = registration.session
    require_session_assessor(actor, session)
    if actor.pk == registration.person_id:
        raise PermissionDeniedError(_("Nobody scores their own test."))
    task = task_of(session)
    if session.status == ExamSession.Status.SCHEDULED:
        raise ApplicationError(_("The session has not opened yet."), code="not_open")
    # Lock the registration so that two assessors saving at once are counted in turn.
    Registration.objects.select_for_update().filter(pk=registration.pk).first()
    if LevelDecision.objects.filter(registration=registration).exists():
        raise ApplicationError(_("The level is decided; the scores stand."), code="decided")
    if PracticalScore.objects.filter(registration=registration, assessor=actor).exists():
        raise ApplicationError(
            _("You have scored this candidate already; another assessor scores next."),
            code="scored_twice",
        )
    totals = totals_of(registration)
    if len(totals) >= 2 and not needs_third(totals):
        raise ApplicationError(
            _("This candidate's practical score is complete."), code="scores_complete"
        )
    clean = _criteria(task, criteria)
    score = PracticalScore.objects.create(
        registration=registration, assessor=actor, criteria=clean,
        total=round(sum(clean.values()), 1), comment=comment.strip()[:2000],
    )  # fmt: skip
    audit_record(actor=actor, action=AuditAction.PRACTICAL_SCORE_SUBMIT, target=score,
                 changes={"total": score.total, "round": len(totals) + 1})  # fmt: skip
    return score


def can_see_scores(user: User, registration: Registration) -> bool:
    """Assessors see the others' scores only once they have given their own; bureau officers
    see them all."""
    if is_city_officer(user):
        return True
    return PracticalScore.objects.filter(registration=registration, assessor=user).exists()
