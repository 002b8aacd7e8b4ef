"""Pages of exam sessions: assessors schedule, register, open, close, score the practical part
and decide levels; candidates take their test and see results; bureau officers review
level 7–8 decisions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhijiang.accounts.models import User
from zhijiang.accounts.selectors import is_city_officer
from zhijiang.assessment import outcomes, practical, selectors, sessions
from zhijiang.assessment import session_selectors as reads
from zhijiang.assessment.models import ExamSession, LevelDecision, PracticalTask
from zhijiang.assessment.session_forms import (
    DecisionReviewForm,
    EvidenceForm,
    PracticalScoreForm,
    PracticalTaskForm,
    SessionForm,
)
from zhijiang.common.errors import ApplicationError, NotFoundError, PermissionDeniedError
from zhijiang.common.forms import add_service_error, flash_service_error
from zhijiang.common.requests import signed_in_user


def _assessor_session(request: HttpRequest, session_id: int) -> ExamSession:
    session = reads.session_for(user=signed_in_user(request), session_id=session_id)
    if not reads.can_run(signed_in_user(request), session):
        raise PermissionDeniedError(_("Only assessors of the session's assessment body do this."))
    return session


def _done(request: HttpRequest, call: Any, success: str) -> bool:
    """Run a service call; show its refusal or the success message."""
    try:
        call()
    except ApplicationError as error:
        flash_service_error(request, error)
        return False
    messages.success(request, success)
    return True


# Assessors


@login_required
def sessions_view(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not selectors.can_see_banks(user):
        raise PermissionDeniedError(_("Exam sessions are for assessors and bureau officers."))
    context = {
        "sessions": reads.sessions_for(user=user)[:200],
        "can_create": bool(selectors.assessment_body_ids(user)),
    }
    return render(request, "assessment/session_list.html", context)


@login_required
def session_new_view(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    bodies = selectors.assessment_body_ids(user)
    if not bodies:
        raise PermissionDeniedError(_("Assessors of an assessment body schedule sessions."))
    form = SessionForm(
        request.POST or None,
        banks=selectors.banks_for(user=user).filter(owner_id__in=bodies),
        exam_forms=selectors.forms_for(user=user).filter(bank__owner_id__in=bodies),
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = sessions.session_create(
                actor=user, bank=form.cleaned_data["bank"], data=form.to_input()
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The session is scheduled."))
            return redirect("assessment:session", session_id=session.pk)
    status = 400 if form.errors else 200
    return render(request, "assessment/session_form.html", {"form": form}, status=status)


@login_required
def session_view(request: HttpRequest, session_id: int) -> HttpResponse:
    """A session: its state, candidates, practical task; actions for its assessors."""
    user = signed_in_user(request)
    session = reads.session_for(user=user, session_id=session_id)
    can_run = reads.can_run(user, session)
    task = PracticalTask.objects.filter(session=session).first()
    task_form = None
    if can_run and session.status != ExamSession.Status.CLOSED:
        try:
            projects = practical.standard_projects(session)
        except ApplicationError:
            projects = ()
        task_form = PracticalTaskForm(
            projects=[(p.key, f"{p.key} · {p.title}") for p in projects],
            initial={"project": task.project_key if task else None},
        )
    context = {
        "session": session,
        "level_name": session.level_name,
        "can_run": can_run,
        "registrations": reads.registrations_of_session(session),
        "task": task,
        "task_form": task_form,
        **_learner_matches(session, request.GET.get("q", "")),
    }
    return render(request, "assessment/session_detail.html", context)


def _learner_matches(session: ExamSession, q: str) -> dict[str, Any]:
    registered = set(session.registrations.values_list("person_id", flat=True))
    return {"q": q[:60], "people": reads.learners_matching(q=q[:60]), "registered": registered}


@login_required
@require_POST
def session_open_view(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _assessor_session(request, session_id)
    _done(request, lambda: sessions.session_open(actor=signed_in_user(request), session=session),
          _("The session is open: candidates may start."))  # fmt: skip
    return redirect("assessment:session", session_id=session.pk)


@login_required
@require_POST
def session_close_view(request: HttpRequest, session_id: int) -> HttpResponse:
    session, user = _assessor_session(request, session_id), signed_in_user(request)
    closed = _done(request, lambda: sessions.session_close(actor=user, session=session),
                   _("The session is closed; candidates see their results."))  # fmt: skip
    if closed:
        return redirect("assessment:session_results", session_id=session.pk)
    return redirect("assessment:session", session_id=session.pk)


@login_required
def learner_search_view(request: HttpRequest, session_id: int) -> HttpResponse:
    """Learners matching the words, for registering (htmx gets the list only)."""
    session = _assessor_session(request, session_id)
    context = {"session": session, **_learner_matches(session, request.GET.get("q", ""))}
    return render(request, "assessment/session_learners.html", context)


@login_required
@require_POST
def register_view(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _assessor_session(request, session_id)
    person = User.objects.filter(pk=request.POST.get("person") or 0).first()
    if person is None:
        messages.error(request, _("Choose a learner from the search results."))
    else:
        _done(request, lambda: sessions.registration_create(
            actor=signed_in_user(request), session=session, person=person),
            _("%(name)s is registered.") % {"name": person})  # fmt: skip
    return redirect("assessment:session", session_id=session.pk)


@login_required
@require_POST
def practical_task_view(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _assessor_session(request, session_id)
    user = signed_in_user(request)
    _done(request, lambda: practical.practical_task_set(
        actor=user, session=session, project_key=request.POST.get("project", "")),
        _("The practical task is set."))  # fmt: skip
    return redirect("assessment:session", session_id=session.pk)


@login_required
def results_view(request: HttpRequest, session_id: int) -> HttpResponse:
    """Every candidate's scores, once the session is closed."""
    session = reads.session_for(user=signed_in_user(request), session_id=session_id)
    if not reads.results_released(session):
        raise ApplicationError(_("Results are shown once the session is closed."))
    rows = reads.results_of_session(session)
    context = {
        "session": session,
        "rows": rows,
        "can_run": reads.can_run(signed_in_user(request), session),
    }
    return render(request, "assessment/session_results.html", context)


@login_required
def scoring_view(request: HttpRequest, registration_id: int) -> HttpResponse:
    """The practical scoring form of one candidate, with their evidence; the others' scores
    appear once you have given yours."""
    user = signed_in_user(request)
    registration = reads.registration_for_assessor(user=user, registration_id=registration_id)
    task = practical.task_of(registration.session)
    form = PracticalScoreForm(request.POST or None, task=task)
    if request.method == "POST" and form.is_valid():
        try:
            practical.practical_score_submit(actor=user, registration=registration,
                                             criteria=form.criteria(),
                                             comment=form.cleaned_data["comment"])  # fmt: skip
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your scores are saved."))
            return redirect("assessment:practical_score", registration_id=registration.pk)
    status = reads.practical_status(user=user, registration=registration)
    context = {
        "registration": registration, "session": registration.session, "task": task,
        "form": form, "status": status, "evidence": reads.evidence_of(registration),
        "evidence_form": EvidenceForm(),
        "may_score": reads.can_run(user, registration.session) and not status.scored_by_user
        and (status.count < 2 or status.needs_third),
    }  # fmt: skip
    return render(request, "assessment/practical_score.html", context,
                  status=400 if form.errors else 200)  # fmt: skip


@login_required
@require_POST
def evidence_upload_view(request: HttpRequest, registration_id: int) -> HttpResponse:
    """A file for the practical task, from the candidate or an assessor of the body."""
    user = signed_in_user(request)
    mine = reads.registrations_of_person(user=user).filter(pk=registration_id).first()
    registration = mine or reads.registration_for_assessor(
        user=user, registration_id=registration_id
    )
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file."))
    else:
        _done(request, lambda: practical.evidence_add(
            actor=user, registration=registration, upload=form.cleaned_data["file"]),
            _("The file is handed in."))  # fmt: skip
    if mine is not None:
        return redirect("assessment:mine")
    return redirect("assessment:practical_score", registration_id=registration.pk)


@login_required
def evidence_download_view(request: HttpRequest, evidence_id: int) -> FileResponse:
    evidence = reads.evidence_for(user=signed_in_user(request), evidence_id=evidence_id)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)


@login_required
def third_queue_view(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not selectors.assessment_body_ids(user):
        raise PermissionDeniedError(_("The third-assessor queue is for assessors."))
    queue = reads.third_assessor_queue(user=user)
    return render(request, "assessment/practical_queue.html", {"queue": queue})


@login_required
def decisions_view(request: HttpRequest, session_id: int) -> HttpResponse:
    """The session's level decisions; its assessors decide every candidate who is ready."""
    user = signed_in_user(request)
    session = reads.session_for(user=user, session_id=session_id)
    if request.method == "POST":
        if not reads.can_run(user, session):
            raise PermissionDeniedError(
                _("Only assessors of the session's assessment body do this.")
            )
        try:
            made = outcomes.decisions_make(actor=user, session=session)
        except ApplicationError as error:
            flash_service_error(request, error)
        else:
            messages.success(request, _("%(count)s decisions made.") % {"count": len(made)})
        return redirect("assessment:decisions", session_id=session.pk)
    decided = {d.registration_id: d for d in reads.decisions_of_session(session)}
    rows = [
        (registration, outcomes.theory_result(registration), practical_score,
         decided.get(registration.pk))
        for registration, practical_score in reads.results_of_session(session)
    ]  # fmt: skip
    context = {"session": session, "rows": rows, "can_run": reads.can_run(user, session),
               "level_name": session.level_name}  # fmt: skip
    return render(request, "assessment/decision_list.html", context)


# Bureau officers


@login_required
def decision_review_queue_view(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not is_city_officer(user):
        raise PermissionDeniedError(_("Bureau officers review level 7 and 8 decisions."))
    decisions = [
        (decision, DecisionReviewForm(auto_id=f"id_{decision.pk}_%s"))
        for decision in reads.review_queue(user=user)[:200]
    ]
    context = {"decisions": decisions}
    return render(request, "assessment/decision_review.html", context)


@login_required
@require_POST
def decision_review_view(request: HttpRequest, decision_id: int) -> HttpResponse:
    user = signed_in_user(request)
    if not is_city_officer(user):
        raise PermissionDeniedError(_("Bureau officers review level 7 and 8 decisions."))
    decision: LevelDecision = reads.decision_for_review(user=user, decision_id=decision_id)
    form = DecisionReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or return."))
    else:
        _done(request, lambda: outcomes.decision_review(
            actor=user, decision=decision, approve=form.cleaned_data["decision"] == "approve",
            comment=form.cleaned_data["comment"]), _("Your review is recorded."))  # fmt: skip
    return redirect("assessment:decision_review_queue")


# Candidates


@login_required
def mine_view(request: HttpRequest) -> HttpResponse:
    """My assessments: upcoming and open sessions, and results once a session is closed."""
    registrations = list(reads.registrations_of_person(user=signed_in_user(request)))
    tasks = {
        task.session_id: task
        for task in PracticalTask.objects.filter(
            session_id__in=[registration.session_id for registration in registrations]
        )
    }
    rows = [(registration, tasks.get(registration.session_id)) for registration in registrations]
    context = {"rows": rows, "evidence_form": EvidenceForm()}
    return render(request, "assessment/take_mine.html", context)


@login_required
def take_view(request: HttpRequest, session_id: int) -> HttpResponse:
    """The test: a start page, then the items with saved answers and the server's clock."""
    registration = reads.registration_of_person(user=signed_in_user(request), session_id=session_id)
    session = registration.session
    attempt = getattr(registration, "attempt", None)
    context: dict[str, Any] = {"session": session, "registration": registration,
                               "level_name": session.level_name}  # fmt: skip
    if attempt is None:
        return render(request, "assessment/take_start.html", context)
    sessions.freeze_if_due(attempt)
    state = reads.attempt_state(registration)
    answers = state["answers"]
    items = [(item, answers.get(str(item["id"]), "")) for item in state["items"]]
    context.update(state=state, attempt=attempt, items=items, script_messages=_script_messages())
    return render(request, "assessment/take.html", context)


def _script_messages() -> dict[str, str]:
    return {
        "saving": _("Saving…"),
        "saved": _("All answers are saved."),
        "unsent": _("Some answers are not sent yet; they are kept on this device and sent "
                    "when the connection is back."),
        "offline": _("No connection: your answers are kept on this device and sent when the "
                     "connection is back."),
        "time_up": _("Time is up: answers are no longer accepted."),
        "choose": _("Choose an answer."),
        "error": _("The answer was not accepted."),
        "hand_in_unsent": _("Some answers could not be sent yet. Hand in anyway?"),
    }  # fmt: skip


@login_required
@require_POST
def take_start_view(request: HttpRequest, session_id: int) -> HttpResponse:
    try:
        sessions.attempt_start(person=signed_in_user(request), session_id=session_id)
    except NotFoundError:
        raise
    except ApplicationError as error:
        flash_service_error(request, error)
    return redirect("assessment:take", session_id=session_id)


@login_required
@require_POST
def take_next_view(request: HttpRequest, session_id: int) -> HttpResponse:
    """Adaptive: the answer to the item shown (the page's script uses the API instead)."""
    try:
        sessions.attempt_cat_answer(person=signed_in_user(request), session_id=session_id,
                                    item_id=int(request.POST.get("item") or 0),
                                    answer="".join(request.POST.getlist("answer")))  # fmt: skip
    except NotFoundError:
        raise
    except ApplicationError as error:
        flash_service_error(request, error)
    return redirect("assessment:take", session_id=session_id)


@login_required
@require_POST
def take_submit_view(request: HttpRequest, session_id: int) -> HttpResponse:
    _save_posted_answers(request, session_id)
    handed_in = _("Your test is handed in. Results are shown once the session is closed.")
    submit = lambda: sessions.attempt_submit(person=signed_in_user(request), session_id=session_id)  # noqa: E731
    if _done(request, submit, handed_in):
        return redirect("assessment:mine")
    return redirect("assessment:take", session_id=session_id)


def _save_posted_answers(request: HttpRequest, session_id: int) -> None:
    """Without the page's script, a fixed form's answers arrive with the hand-in."""
    for name in request.POST:
        if not name.startswith("answer-") or not name[7:].isdigit():
            continue
        try:
            sessions.attempt_answer_save(person=signed_in_user(request), session_id=session_id,
                                         item_id=int(name[7:]),
                                         answer="".join(request.POST.getlist(name)))  # fmt: skip
        except NotFoundError:
            raise
        except ApplicationError:
            return  # frozen or not a fixed form: the hand-in below says what stands
