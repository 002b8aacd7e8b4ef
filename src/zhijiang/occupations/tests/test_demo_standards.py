"""`zhijiang demo` gives every digital occupation an approved standard, once."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from zhijiang.occupations.models import Occupation, Skill, Standard

pytestmark = pytest.mark.django_db


def test_demo_approves_a_standard_for_every_digital_occupation_and_is_idempotent():
    out = io.StringIO()
    call_command("demo", stdout=out)
    digital = Occupation.objects.filter(is_digital=True, level=4)
    assert digital.count() == 95
    approved = Standard.objects.filter(status=Standard.Status.APPROVED, occupation__in=digital)
    assert approved.count() == 95
    assert set(approved.values_list("approved_by__username", flat=True)) == {"bureau"}
    assert set(approved.values_list("submitted_by__username", flat=True)) == {"officer_yuzhong"}
    assert Skill.objects.count() > 10000  # the vocabulary was loaded for linking
    before = Standard.objects.count()
    again = io.StringIO()
    call_command("demo", stdout=again)
    assert Standard.objects.count() == before
    assert "nothing changed" in again.getvalue()
