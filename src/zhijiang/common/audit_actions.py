"""The audit log's actions: one member per kind of privileged write, ``app.object.verb``.

The values are the strings stored in ``AuditEvent.action`` since the first row, so they never
change; a new kind of write adds a member. ``audit_record`` takes only members, so every action
written is listed here, and the audit log offers them by label."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    """What a privileged write did; grouped by the app that writes it."""

    # People, organisations, roles, consent and erasure (accounts)
    TOKEN_CREATE = "token.create", _("API token created")
    TOKEN_REVOKE = "token.revoke", _("API token revoked")
    PERSON_REGISTER = "person.register", _("Person registered")
    PERSON_SIGN_UP = "person.sign_up", _("Account signed up")
    PERSON_UPDATE = "person.update", _("Personal details changed")
    PERSON_ID_NUMBER = "person.id_number", _("ID number recorded")
    PERSON_PASSWORD_CHANGE = "person.password_change", _("Password changed")
    PERSON_SKILLS = "person.skills", _("Skills added to a profile")
    ORGANISATION_CREATE = "organisation.create", _("Organisation registered")
    ORGANISATION_UPDATE = "organisation.update", _("Organisation changed")
    MEMBERSHIP_GRANT = "membership.grant", _("Role given")
    MEMBERSHIP_REVOKE = "membership.revoke", _("Role taken away")
    CONSENT_GRANT = "consent.grant", _("Consent given")
    CONSENT_WITHDRAW = "consent.withdraw", _("Consent withdrawn")
    DELETION_REQUEST = "deletion.request", _("Erasure of personal data requested")
    DELETION_APPROVE = "deletion.approve", _("Erasure of personal data approved")
    DELETION_REJECT = "deletion.reject", _("Erasure of personal data rejected")

    # Occupational standards (occupations)
    STANDARD_DRAFT = "standard.draft", _("Standard drafted")
    STANDARD_IMPORT = "standard.import", _("Standard imported")
    STANDARD_EDIT = "standard.edit", _("Standard edited")
    STANDARD_SUBMIT = "standard.submit", _("Standard submitted for review")
    STANDARD_RETURN = "standard.return", _("Standard returned to its authors")
    STANDARD_APPROVE = "standard.approve", _("Standard approved")
    STANDARD_RETIRE = "standard.retire", _("Standard retired")
    STANDARD_NEW_VERSION = "standard.new_version", _("New version of a standard started")

    # Courses, runs and notices (training)
    TRAINING_COURSE_GENERATE = "training.course.generate", _("Course generated")
    TRAINING_COURSE_EDIT = "training.course.edit", _("Course plan edited")
    TRAINING_COURSE_APPROVE = "training.course.approve", _("Course approved")
    TRAINING_COURSE_VOUCHERS_REQUEST = (
        "training.course.vouchers_request",
        _("Training vouchers requested for a course"),
    )
    TRAINING_COURSE_APPROVE_VOUCHERS = (
        "training.course.approve_vouchers",
        _("Course approved for training vouchers"),
    )
    TRAINING_COURSE_RETIRE = "training.course.retire", _("Course retired")
    TRAINING_COURSE_OPEN = "training.course.open", _("Course opened to providers")
    TRAINING_COURSE_CLOSE = "training.course.close", _("Course closed to providers")
    TRAINING_MATERIAL_SAVE = "training.material.save", _("Lesson material saved")
    TRAINING_RUN_PUBLISH = "training.run.publish", _("Training run published")
    TRAINING_RUN_CANCEL = "training.run.cancel", _("Training run cancelled")
    TRAINING_ENROLMENT_REMOVE = "training.enrolment.remove", _("Learner removed from a run")
    TRAINING_NOTICE_PUBLISH = "training.notice.publish", _("Training notice published")

    # Item banks, exams and level decisions (assessment)
    ITEM_BANK_CREATE = "item_bank.create", _("Item bank created")
    ITEM_CREATE = "item.create", _("Item written")
    ITEM_DRAFT = "item.draft", _("Items drafted by the assistant")
    ITEM_IMPORT = "item.import", _("Items imported")
    ITEM_UPDATE = "item.update", _("Item changed")
    ITEM_APPROVE = "item.approve", _("Item approved")
    ITEM_RETURN = "item.return", _("Item returned to its author")
    ITEM_CALIBRATE = "item.calibrate", _("Item calibrated")
    ITEM_RETIRE = "item.retire", _("Item retired")
    EXAM_FORM_ASSEMBLE = "exam_form.assemble", _("Exam forms assembled")
    EXAM_SESSION_CREATE = "exam_session.create", _("Exam session scheduled")
    EXAM_SESSION_OPEN = "exam_session.open", _("Exam session opened")
    EXAM_SESSION_CLOSE = "exam_session.close", _("Exam session closed")
    EXAM_SESSION_REGISTER = "exam_session.register", _("Candidate registered for a session")
    PRACTICAL_TASK_SET = "practical_task.set", _("Practical task set")
    EVIDENCE_ADD = "evidence.add", _("Practical work handed in")
    PRACTICAL_SCORE_SUBMIT = "practical_score.submit", _("Practical scores submitted")
    LEVEL_DECISION_MAKE = "level_decision.make", _("Level decided")
    LEVEL_DECISION_REVIEW = "level_decision.review", _("Level decision reviewed")
    LEVEL_DECISION_FINAL = "level_decision.final", _("Level decision made final")

    # Certificates and signing keys (credentials)
    CREDENTIALS_CERTIFICATE_ISSUE = "credentials.certificate_issue", _("Certificate issued")
    CREDENTIALS_CERTIFICATE_REVOKE = "credentials.certificate_revoke", _("Certificate revoked")
    CREDENTIALS_KEY_CREATE = "credentials.key_create", _("Signing key created")
    CREDENTIALS_KEY_ROTATE = "credentials.key_rotate", _("Signing key rotated")
    CREDENTIALS_KEY_REVOKE = "credentials.key_revoke", _("Signing key revoked")

    # Positions, applications and job profiles (jobs)
    POSITION_CREATE = "position.create", _("Position posted")
    POSITION_UPDATE = "position.update", _("Position changed")
    POSITION_STATUS = "position.status", _("Position status changed")
    APPLICATION_SUBMIT = "application.submit", _("Application sent")
    APPLICATION_MOVE = "application.move", _("Application moved to another stage")
    APPLICATION_WITHDRAW = "application.withdraw", _("Application withdrawn")
    INVITATION_CREATE = "invitation.create", _("Candidate invited to apply")
    EMPLOYMENT_CHECK_ANSWER = "employment_check.answer", _("Employment check answered")
    PROFILE_UPDATE = "profile.update", _("Job profile changed")
    PROFILE_WORK_ADD = "profile.work_add", _("Work history added")
    HELD_CERTIFICATE_CHECK = (
        "profile.certificate_check",
        _("Declared certificate checked by an officer"),
    )
