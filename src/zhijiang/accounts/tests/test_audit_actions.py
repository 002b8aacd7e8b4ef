"""Audit actions are one enumeration: every write names a member, and the audit log page offers
the members by label and filters by exactly one."""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import pytest

from zhijiang.common.audit import AuditAction, audit_record
from zhijiang.common.models import District

SOURCE = Path(__file__).resolve().parents[2]  # src/zhijiang


def _audit_record_actions() -> list[tuple[str, ast.expr]]:
    """(where, the expression passed as ``action``) of every ``audit_record`` call outside tests."""
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name != "audit_record":
                continue
            for keyword in node.keywords:
                if keyword.arg == "action":
                    found.append((f"{path.relative_to(SOURCE)}:{node.lineno}", keyword.value))
    return found


def _names_a_member(expression: ast.expr) -> bool:
    if isinstance(expression, ast.IfExp):
        return _names_a_member(expression.body) and _names_a_member(expression.orelse)
    return (
        isinstance(expression, ast.Attribute)
        and isinstance(expression.value, ast.Name)
        and expression.value.id == "AuditAction"
        and expression.attr in AuditAction.__members__
    )


def test_every_audit_record_call_names_a_member_of_the_enumeration():
    calls = _audit_record_actions()
    assert len(calls) >= 70
    strays = [where for where, expression in calls if not _names_a_member(expression)]
    assert strays == []


def test_every_member_is_used_and_shaped_app_object_verb():
    used = {
        part.attr
        for _where, expression in _audit_record_actions()
        for part in ast.walk(expression)
        if isinstance(part, ast.Attribute)
    }
    assert set(AuditAction.__members__) - used == set()
    for value in AuditAction.values:
        assert re.fullmatch(r"[a-z_]+(\.[a-z_]+){1,2}", value), value


def test_the_stored_strings_are_the_ones_written_before_the_enumeration(learner):
    """Existing rows and filters match these values, so they must never change."""
    assert AuditAction.CREDENTIALS_CERTIFICATE_ISSUE == "credentials.certificate_issue"
    assert AuditAction.LEVEL_DECISION_MAKE == "level_decision.make"
    assert AuditAction.TRAINING_COURSE_APPROVE_VOUCHERS == "training.course.approve_vouchers"
    event = audit_record(actor=learner, action=AuditAction.POSITION_CREATE)
    event.refresh_from_db()
    assert event.action == "position.create"


@pytest.mark.django_db
def test_audit_record_refuses_a_plain_string(learner):
    with pytest.raises(TypeError, match="AuditAction"):
        audit_record(actor=learner, action="position.create")  # type: ignore[arg-type]


def _options(content: str) -> dict[str, str]:
    select = re.search(r'<select id="action" name="action".*?</select>', content, re.S)
    assert select is not None
    return {
        value: html.unescape(label)
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select[0])
    }


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_audit_page_offers_every_action_by_its_label(web, bureau_officer, language):
    from django.utils import translation

    response = web(bureau_officer, language=language).get("/accounts/audit/")
    assert response.status_code == 200
    options = _options(response.content.decode())
    with translation.override(language):
        expected = {value: str(label) for value, label in AuditAction.choices}
    assert options.pop("") != ""  # "all actions" first
    assert options == expected
    if language == "zh-hans":
        assert options["credentials.certificate_issue"] == "颁发证书"


def _two_events(learner, other_learner):
    yuzhong = District.objects.get(code="500103")
    audit_record(actor=learner, action=AuditAction.CONSENT_GRANT, district=yuzhong)
    audit_record(actor=other_learner, action=AuditAction.CONSENT_WITHDRAW, district=yuzhong)


def test_the_audit_page_filters_by_the_chosen_action_and_shows_its_label(
    web, district_officer, learner, other_learner
):
    _two_events(learner, other_learner)
    client = web(district_officer)
    content = client.get("/accounts/audit/?action=consent.withdraw").content.decode()
    assert "consent.withdraw" in content and "Consent withdrawn" in content
    assert "<code>consent.grant</code>" not in content
    assert 'value="consent.withdraw" selected' in content


def test_the_audit_page_names_an_action_that_is_not_one_and_shows_nothing(
    web, district_officer, learner, other_learner
):
    _two_events(learner, other_learner)
    content = web(district_officer).get("/accounts/audit/?action=consent.").content.decode()
    assert "Unknown action consent.; choose one from the list." in content
    assert "No events match." in content


def test_the_audit_page_needs_a_login(web):
    response = web().get("/accounts/audit/?action=consent.grant")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
