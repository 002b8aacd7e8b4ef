"""The practical part and level decisions: the task from the standard's projects, evidence,
two independent assessors (a third when they disagree), and the level rule with the bureau's
review of levels 7 and 8."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zhijiang.accounts.models import Role
from zhijiang.accounts.tests.factories import make_person
from zhijiang.assessment import outcomes, practical, sessions
from zhijiang.assessment.models import Evidence, LevelDecision, PracticalScore
from zhijiang.assessment.tests.factories import (
    calibrated_items,
    fixed_form,
    make_bank,
    make_session,
    senior_standard,
)
from zhijiang.common.models import AuditEvent
from zhijiang.credentials.models import Certificate
from zhijiang.credentials.verification import verify_document

pytestmark = pytest.mark.django_db


def marks(total):
    """Criterion scores of the level-2 project P1 (two criteria of 50 points) adding to total."""
    return {"F1.C1.S1": total / 2, "F1.C1.S2": total / 2}


def sitting(*, assessor, bank, person, answers="AAAA", level=2, close=True):
    """A fixed four-item session with practical task P1; ``person`` answers and hands in.
    Every item's key is A, so ``answers`` sets the theory score (AAAB: 75)."""
    items = calibrated_items(author=assessor, bank=bank, count=4, level=level, seed=level * 11)
    form = fixed_form(actor=assessor, bank=bank, items=items)
    session = make_session(actor=assessor, bank=bank, mode="fixed", form=form, level=level)
    practical.practical_task_set(actor=assessor, session=session, project_key="P1")
    registration = sessions.registration_create(actor=assessor, session=session, person=person)
    sessions.attempt_start(person=person, session_id=session.pk)
    for item, answer in zip(items, answers, strict=True):
        sessions.attempt_answer_save(person=person, session_id=session.pk, item_id=item.pk,
                                     answer=answer)  # fmt: skip
    sessions.attempt_submit(person=person, session_id=session.pk)
    if close:
        sessions.session_close(actor=assessor, session=session)
    registration.refresh_from_db()
    return registration


def score(assessor, registration, total):
    return practical.practical_score_submit(
        actor=assessor, registration=registration, criteria=marks(total)
    )


@pytest.fixture
def registration(assessor, bank, learner):
    return sitting(assessor=assessor, bank=bank, person=learner, answers="AAAB")


def scores_path(registration):
    return f"/assessment/registrations/{registration.pk}/practical-scores"


# The task


def test_the_practical_task_comes_from_the_standards_projects(api, assessor, registration):
    path = f"/assessment/sessions/{registration.session_id}/practical-task"
    task = api(assessor).call("get", path).json()
    assert task["project_key"] == "P1"
    assert [row["key"] for row in task["rubric"]] == ["F1.C1.S1", "F1.C1.S2"]
    assert sum(row["points"] for row in task["rubric"]) == 100
    changed = api(assessor).call("put", path, {"project": "P2"})
    assert changed.json()["rubric"][0]["requirement"] == "F2.C1.S1"
    unknown = api(assessor).call("put", path, {"project": "P9"})
    assert unknown.json()["error"]["code"] == "unknown_project"


def test_the_task_stays_once_candidates_are_scored(api, assessor, other_assessor, registration):
    score(assessor, registration, 80)
    path = f"/assessment/sessions/{registration.session_id}/practical-task"
    assert api(assessor).call("put", path, {"project": "P2"}).json()["error"]["code"] == "scored"
    assert api(other_assessor).call("put", path, {"project": "P1"}).status_code == 404


# Two assessors, and a third


def test_two_assessors_who_agree_give_their_mean_and_score_blind(
    api, assessor, second_assessor, registration
):
    first = api(assessor).call("post", scores_path(registration), {"criteria": marks(80)})
    assert first.status_code == 201 and first.json()["total"] == 80
    blind = api(second_assessor).call("get", scores_path(registration)).json()
    assert (blind["count"], blind["scores"], blind["final"]) == (1, [], None)
    api(second_assessor).call("post", scores_path(registration), {"criteria": marks(86)})
    seen = api(second_assessor).call("get", scores_path(registration)).json()
    assert [row["total"] for row in seen["scores"]] == [80, 86]
    assert (seen["final"], seen["needs_third"]) == (83.0, False)


def test_assessors_who_disagree_call_a_third_and_the_closest_two_count(
    api, assessor, second_assessor, third_assessor, body, registration
):
    score(assessor, registration, 60)
    score(second_assessor, registration, 80)
    status = api(assessor).call("get", scores_path(registration)).json()
    assert (status["needs_third"], status["final"]) == (True, None)
    queue = api(third_assessor).call("get", "/assessment/practical/third-queue").json()
    assert [row["id"] for row in queue] == [registration.pk]
    assert api(assessor).call("get", "/assessment/practical/third-queue").json() == []
    api(third_assessor).call("post", scores_path(registration), {"criteria": marks(74)})
    assert practical.practical_result(registration) == 77.0  # mean of 74 and 80
    fourth = make_person(role=Role.ASSESSOR, organisation=body, username="ari")
    late = api(fourth).call("post", scores_path(registration), {"criteria": marks(90)})
    assert late.json()["error"]["code"] == "scores_complete"


def test_a_third_score_is_refused_when_the_two_agree(
    api, assessor, second_assessor, third_assessor, registration
):
    score(assessor, registration, 70)
    score(second_assessor, registration, 80)  # exactly the threshold apart: they agree
    response = api(third_assessor).call("post", scores_path(registration), {"criteria": marks(50)})
    assert response.json()["error"]["code"] == "scores_complete"
    assert practical.practical_result(registration) == 75.0


@pytest.mark.parametrize(
    ("totals", "final"),
    [
        ([], None),
        ([70], None),
        ([70, 80], 75.0),
        ([70, 80.5], None),
        ([60, 80, 74], 77.0),
        ([60, 80, 66], 63.0),
        ([60, 80, 70], 65.0),  # a tie: the lower pair
        ([90, 40, 41], 40.5),
    ],
)
def test_the_final_practical_score_rule(totals, final):
    assert practical.final_practical_score(totals) == final


def test_an_assessor_scores_a_candidate_once(api, assessor, registration):
    score(assessor, registration, 80)
    again = api(assessor).call("post", scores_path(registration), {"criteria": marks(82)})
    assert again.status_code == 400 and again.json()["error"]["code"] == "scored_twice"
    assert PracticalScore.objects.count() == 1


def test_assessors_of_another_body_and_learners_cannot_score(
    api, other_assessor, learner, other_learner, registration
):
    for person in (other_assessor, learner, other_learner):
        response = api(person).call("post", scores_path(registration), {"criteria": marks(80)})
        assert response.status_code == 404
    assert api().call("post", scores_path(registration), {"criteria": marks(80)}).status_code == 401
    assert not PracticalScore.objects.exists()


@pytest.mark.parametrize(
    ("criteria", "field"),
    [
        ({"F1.C1.S1": 51, "F1.C1.S2": 10}, "F1.C1.S1"),
        ({"F1.C1.S1": -1, "F1.C1.S2": 10}, "F1.C1.S1"),
        ({"F1.C1.S1": 40}, "criteria"),
        ({"F1.C1.S1": 40, "F1.C1.S2": 40, "F9.C1.S1": 1}, "criteria"),
    ],
)
def test_criterion_scores_stay_within_the_rubric(api, assessor, registration, criteria, field):
    response = api(assessor).call("post", scores_path(registration), {"criteria": criteria})
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


# Evidence


def test_candidates_and_assessors_hand_in_evidence_that_only_they_see(
    web, settings, tmp_path, assessor, learner, other_learner, other_assessor, registration
):
    settings.MEDIA_ROOT = tmp_path
    upload = f"/assessment/registrations/{registration.pk}/evidence/"
    photo = SimpleUploadedFile("标注结果.png", b"\x89PNG fake image", content_type="image/png")
    assert web(learner).post(upload, {"file": photo})["Location"] == "/assessment/mine/"
    code = SimpleUploadedFile("clean.py", b"print('ok')\n")
    web(assessor).post(upload, {"file": code})
    names = sorted(Evidence.objects.values_list("name", flat=True))
    assert names == ["clean.py", "标注结果.png"]
    evidence = Evidence.objects.get(name="clean.py")
    assert web(assessor).get(f"/assessment/evidence/{evidence.pk}/").status_code == 200
    assert web(learner).get(f"/assessment/evidence/{evidence.pk}/").status_code == 200
    assert web(other_learner).get(f"/assessment/evidence/{evidence.pk}/").status_code == 404
    assert web(other_assessor).get(f"/assessment/evidence/{evidence.pk}/").status_code == 404
    page = web(assessor).get(f"/assessment/registrations/{registration.pk}/practical/")
    assert page.content.decode().count('data-testid="evidence"') == 2


def test_evidence_of_the_wrong_kind_or_size_is_refused(
    settings, tmp_path, monkeypatch, learner, registration
):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(practical.ApplicationError) as wrong:
        practical.evidence_add(actor=learner, registration=registration,
                               upload=SimpleUploadedFile("setup.exe", b"MZ"))  # fmt: skip
    assert wrong.value.code == "file_type"
    monkeypatch.setattr(practical, "MAX_EVIDENCE_BYTES", 10)
    with pytest.raises(practical.ApplicationError) as big:
        practical.evidence_add(actor=learner, registration=registration,
                               upload=SimpleUploadedFile("report.pdf", b"%PDF" * 10))  # fmt: skip
    assert big.value.code == "too_large"
    assert not Evidence.objects.exists()


def test_the_scoring_page_hides_other_scores_until_yours_is_given(
    web, assessor, second_assessor, registration
):
    score(assessor, registration, 80)
    before = web(second_assessor).get(f"/assessment/registrations/{registration.pk}/practical/")
    assert 'data-testid="score-form"' in before.content.decode()
    assert 'data-testid="score"' not in before.content.decode()
    response = web(second_assessor).post(
        f"/assessment/registrations/{registration.pk}/practical/",
        {"c_F1.C1.S1": "45", "c_F1.C1.S2": "40", "comment": "流程规范"},
    )
    assert response.status_code == 302
    after = web(second_assessor).get(f"/assessment/registrations/{registration.pk}/practical/")
    assert after.content.decode().count('data-testid="score"') == 2
    assert 'data-testid="final-score"' in after.content.decode()


# Level decisions


def decisions_path(session_id):
    return f"/assessment/sessions/{session_id}/decisions"


def test_both_parts_at_60_or_more_reach_the_level(api, assessor, second_assessor, registration):
    score(assessor, registration, 70)
    score(second_assessor, registration, 74)
    made = api(assessor).call("post", decisions_path(registration.session_id)).json()
    assert [(d["theory_score"], d["practical_score"], d["passed"]) for d in made] == [
        (75.0, 72.0, True)
    ]
    assert (made[0]["review"], made[0]["final"], made[0]["level"]) == ("not_needed", True, 2)
    assert AuditEvent.objects.filter(action="level_decision.final").count() == 1
    certificate = LevelDecision.objects.get().certificate
    assert (certificate.person, certificate.issuer, certificate.level) == (
        registration.person, registration.session.body, 2,
    )  # fmt: skip
    assert verify_document(certificate.credential).valid
    assert "操作技能考核 72 分" in certificate.evidence


def test_a_part_below_60_fails(api, assessor, second_assessor, bank, other_learner):
    weak = sitting(assessor=assessor, bank=bank, person=other_learner, answers="ABBB")
    score(assessor, weak, 90)
    score(second_assessor, weak, 95)
    decision = outcomes.decision_make(actor=assessor, registration=weak)
    assert (decision.theory_score, decision.practical_score) == (25.0, 92.5)
    assert decision.passed is False and decision.is_final
    assert decision.certificate is None and not Certificate.objects.exists()


def test_a_practical_score_below_60_fails_too(assessor, second_assessor, registration):
    score(assessor, registration, 56)
    score(second_assessor, registration, 58)
    decision = outcomes.decision_make(actor=assessor, registration=registration)
    assert (decision.theory_score, decision.practical_score, decision.passed) == (75.0, 57.0, False)
    assert outcomes.level_passed(60, 60) and not outcomes.level_passed(59.9, 100)


def test_decisions_wait_for_the_close_and_a_final_practical_score(
    api, assessor, second_assessor, bank, learner
):
    registration = sitting(assessor=assessor, bank=bank, person=learner, close=False)
    score(assessor, registration, 80)
    score(second_assessor, registration, 80)
    path = f"/assessment/registrations/{registration.pk}/decision"
    assert api(assessor).call("post", path).json()["error"]["code"] == "not_closed"
    sessions.session_close(actor=assessor, session=registration.session)
    PracticalScore.objects.filter(assessor=second_assessor).delete()
    assert api(assessor).call("post", path).json()["error"]["code"] == "practical_pending"
    score(second_assessor, registration, 84)
    assert api(assessor).call("post", path).status_code == 201
    assert api(assessor).call("post", path).json()["error"]["code"] == "decided"


def test_levels_7_and_8_wait_for_a_bureau_officers_review(
    api, assessor, second_assessor, district_officer, bureau_officer, body, learner
):
    standard = senior_standard(drafter=district_officer, approver=bureau_officer)
    senior_bank = make_bank(actor=assessor, owner=body, standard=standard)
    registration = sitting(assessor=assessor, bank=senior_bank, person=learner, level=7)
    score(assessor, registration, 88)
    score(second_assessor, registration, 90)
    decision = outcomes.decision_make(actor=assessor, registration=registration)
    assert (decision.passed, decision.needs_review, decision.review) == (True, True, "pending")
    assert not decision.is_final and decision.certificate is None
    assert api(assessor).call("get", "/assessment/decisions/review-queue").status_code == 403
    queue = api(bureau_officer).call("get", "/assessment/decisions/review-queue").json()
    assert [row["id"] for row in queue] == [decision.pk]
    path = f"/assessment/decisions/{decision.pk}/review"
    assert api(assessor).call("post", path, {"approve": True}).status_code == 403
    returned = api(bureau_officer).call("post", path, {"approve": False})
    assert returned.json()["error"]["code"] == "required"
    returned = api(bureau_officer).call("post", path, {"approve": False, "comment": "复核实操证据"})
    assert returned.json()["review"] == "returned" and returned.json()["final"] is False
    again = outcomes.decision_make(actor=assessor, registration=registration)
    assert again.review == "pending"
    approved = api(bureau_officer).call("post", path, {"approve": True}).json()
    assert (approved["review"], approved["final"]) == ("approved", True)
    assert LevelDecision.objects.get().reviewed_by == bureau_officer
    assert LevelDecision.objects.get().certificate.level == 7


def test_decision_pages_for_assessors_and_the_bureau(
    web, assessor, second_assessor, bureau_officer, learner, registration
):
    score(assessor, registration, 70)
    score(second_assessor, registration, 70)
    client = web(assessor)
    client.post(f"/assessment/sessions/{registration.session_id}/decisions/")
    page = client.get(f"/assessment/sessions/{registration.session_id}/decisions/")
    assert page.content.decode().count('data-testid="decision-row"') == 1
    assert LevelDecision.objects.get().passed is True
    assert web(bureau_officer).get("/assessment/decisions/review/").status_code == 200
    assert web(assessor).get("/assessment/decisions/review/").status_code == 403
    decisions = f"/assessment/sessions/{registration.session_id}/decisions/"
    assert web(learner).get(decisions).status_code == 404
    mine = web(learner).get("/assessment/mine/").content.decode()
    assert 'data-testid="my-result"' in mine and 'data-testid="my-decision"' in mine
