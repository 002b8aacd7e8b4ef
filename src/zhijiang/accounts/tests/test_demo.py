"""`zhijiang demo`: reproducible, idempotent, and a login that works for every role."""

from __future__ import annotations

import pytest

from zhijiang.accounts.demo import DEMO_PASSWORD, demo_logins, load_demo
from zhijiang.accounts.models import Membership, Organisation, Role, User
from zhijiang.common.models import AuditEvent
from zhijiang.common.pii import normalize_id_number

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        sorted(User.objects.values_list("username", "full_name", "phone", "id_number_hash")),
        sorted(Organisation.objects.values_list("name", "kind", "credit_code")),
        sorted(Membership.objects.values_list("user__username", "role", "organisation__name")),
    )


def run_demo() -> str:
    """The people and organisations part of the demo (the standards part has its own test)."""
    return "Demo data loaded." if load_demo() else "nothing changed"


def test_demo_prints_a_login_for_every_role_and_the_logins_work(client):
    run_demo()
    output = "\n".join(f"{login.role} {login.username}" for login in demo_logins())
    printed_roles = {login.role for login in demo_logins()}
    assert printed_roles == set(Role.values)
    for login in demo_logins():
        assert login.username in output
        assert User.objects.get(username=login.username).check_password(DEMO_PASSWORD)
        assert Membership.objects.filter(user__username=login.username, role=login.role).exists()


def test_second_run_changes_nothing():
    run_demo()
    first = snapshot()
    output = run_demo()
    assert "nothing changed" in output
    assert snapshot() == first


def test_demo_spans_every_district_and_kind_of_organisation():
    run_demo()
    learners = User.objects.filter(memberships__role=Role.LEARNER)
    assert learners.values("district").distinct().count() == 38
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert len(kinds) == 7
    assert not AuditEvent.objects.exists()


def test_demo_personal_data_is_valid():
    run_demo()
    phones = list(User.objects.exclude(phone=None).values_list("phone", flat=True))
    assert len(phones) == len(set(phones)) > 70
    assert all(len(p) == 11 and p.startswith("1") for p in phones)
    masked = User.objects.exclude(id_number_masked="").values_list("id_number_masked", flat=True)
    assert all(m[3:14] == "*" * 11 for m in masked)


def test_demo_is_reproducible_on_an_empty_database():
    run_demo()
    first = snapshot()
    Membership.objects.all().delete()
    User.objects.all().delete()
    Organisation.objects.all().delete()
    run_demo()
    assert snapshot() == first


def test_generated_id_numbers_pass_validation():
    import random

    from zhijiang.accounts.demo import _id_number

    rng = random.Random(1)
    for _ in range(50):
        number = _id_number(rng, "500103")
        assert normalize_id_number(number) == number
