"""Every foreign key to a person is either in their data download or explained here, so that a
new app or model cannot leave a person's rows out of it (PIPL art. 45)."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from zhijiang.accounts.personal_data import covered_fields, registered_sections

# Foreign keys to the user that do not make a row *about* that user: the user is the member of
# staff (or the administrator) who acted on someone or something else. Their actions are in
# their own download under "activity" (the audit log), not as these rows.
NOT_ABOUT_THE_PERSON: dict[str, str] = {
    "admin.LogEntry.user": "an administrator's edit in the Django admin",
    "accounts.DeletionRequest.decided_by": "the officer who decided another person's request",
    "occupations.Standard.created_by": "staff who drafted an occupational standard",
    "occupations.Standard.submitted_by": "staff who sent a standard to review",
    "occupations.Standard.approved_by": "the officer who approved a standard",
    "occupations.ReviewComment.author": "staff commenting on a standard under review",
    "training.Course.created_by": "provider staff who generated a course",
    "training.Course.approved_by": "staff who approved a course",
    "training.Course.voucher_approved_by": "the officer who approved a course for vouchers",
    "training.CourseRevision.author": "staff who edited a course plan",
    "training.LessonMaterial.updated_by": "staff who edited an open lesson",
    "training.CourseRun.created_by": "provider staff who published a run",
    "training.ProgressRecord.recorded_by": (
        "provider staff recording a learner's progress; the learner's rows are in their "
        "download through training.Enrolment.person"
    ),
    "training.Notice.created_by": "staff who published a training notice",
    "credentials.IssuerKey.created_by": "staff who created an issuer's signing key",
    "credentials.Certificate.issued_by": (
        "the assessor who issued someone's certificate; the holder's rows are in their "
        "download through credentials.Certificate.person"
    ),
    "assessment.ItemBank.created_by": "an assessor who made an item bank",
    "assessment.Item.author": "an assessor who wrote an item",
    "assessment.Item.reviewer": "an assessor who reviewed an item",
    "assessment.ExamForm.created_by": "an assessor who assembled an exam form",
    "assessment.ExamSession.created_by": "an assessor who scheduled a session",
    "assessment.Registration.registered_by": (
        "the assessor who entered a candidate; the candidate's rows are in their download "
        "through assessment.Registration.person"
    ),
    "assessment.PracticalTask.created_by": "an assessor who set a session's practical task",
    "assessment.Evidence.uploaded_by": (
        "who handed a file in: the candidate (their evidence is in their download through "
        "assessment.Registration.person) or an assessor for them"
    ),
    "assessment.PracticalScore.assessor": "an assessor marking a candidate",
    "assessment.LevelDecision.decided_by": "the assessor who decided a candidate's level",
    "assessment.LevelDecision.reviewed_by": "the bureau officer who reviewed a decision",
    "jobs.Position.created_by": "employer staff who posted a position",
    "analytics.ContentReview.reviewer": (
        "an officer's verdict on a unit of generated content (an item, a requirement, a course "
        "text): a judgement about the generator's text, not about a person"
    ),
    "jobs.ApplicationEvent.actor": (
        "who moved an application: employer staff, or the applicant, whose steps are in their "
        "download through jobs.Application.applicant"
    ),
    "jobs.EmploymentCheck.answered_by": (
        "who answered a follow-up: employer staff, or the hired person, whose follow-ups are "
        "in their download through jobs.Application.applicant"
    ),
    "jobs.HeldCertificate.checked_by": (
        "the officer who checked someone's declared certificate; the holder's rows are in their "
        "download through jobs.HeldCertificate.user"
    ),
    "jobs.Invitation.invited_by": (
        "employer staff who invited someone to apply; the invited person's rows are in their "
        "download through jobs.Invitation.person"
    ),
}


def _foreign_keys_to_the_user() -> set[str]:
    """``app_label.Model.field`` of every foreign key, one-to-one or many-to-many field that
    points at the user model directly."""
    user_model = get_user_model()
    found = set()
    for model in apps.get_models():
        fields = [*model._meta.local_fields, *model._meta.local_many_to_many]
        for field in fields:
            if isinstance(field, models.ForeignKey | models.ManyToManyField) and (
                field.remote_field.model is user_model
            ):
                found.add(f"{model._meta.label}.{field.name}")
    return found


def test_every_foreign_key_to_a_person_is_in_the_download_or_explained():
    foreign_keys = _foreign_keys_to_the_user()
    assert "training.Enrolment.person" in foreign_keys  # the scan finds what it should
    forgotten = sorted(foreign_keys - covered_fields() - set(NOT_ABOUT_THE_PERSON))
    assert forgotten == [], (
        "these foreign keys to the user are in no section of the personal-data download: "
        "register a section in the app's personal_data.py (see accounts/personal_data.py), or "
        "add the field to NOT_ABOUT_THE_PERSON with the reason it is not about the person"
    )


def test_the_sections_and_the_exceptions_name_only_real_foreign_keys_to_the_user():
    foreign_keys = _foreign_keys_to_the_user()
    assert sorted(covered_fields() - foreign_keys) == []
    assert sorted(set(NOT_ABOUT_THE_PERSON) - foreign_keys) == []
    assert sorted(covered_fields() & set(NOT_ABOUT_THE_PERSON)) == []


def test_each_app_that_holds_personal_data_registers_its_sections_once():
    sections = registered_sections()
    keys = [section.key for section in sections]
    assert len(keys) == len(set(keys))
    assert {section.app for section in sections} == {
        "accounts",
        "occupations",
        "training",
        "credentials",
        "assessment",
        "jobs",
        "careers",
    }
    # The first download's keys stay where readers of format 1 find them.
    assert keys[:5] == ["account", "roles", "consents", "deletion_requests", "activity"]
