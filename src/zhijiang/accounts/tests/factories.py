"""factory_boy factories for people and organisations."""

from __future__ import annotations

import itertools
import random

import factory
from django.conf import settings

from zhijiang.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from zhijiang.accounts.validators import credit_code_check_character
from zhijiang.common.districts import load_districts
from zhijiang.common.models import District
from zhijiang.common.pii import id_number_check_character, id_number_hash, mask_id_number

PASSWORD = "correct-horse-battery"
_serial = itertools.count(1)


def district(code: str = "500103") -> District:
    """A district by code; reloads the shipped list if a transactional test flushed it."""
    if not District.objects.exists():
        load_districts(District)
    return District.objects.get(code=code)


def valid_id_number(
    district_code: str = "500103", born: str = "19900101", serial: int | None = None
) -> str:
    body = district_code + born + f"{(serial if serial is not None else next(_serial)) % 1000:03d}"
    return body + id_number_check_character(body)


def valid_credit_code(seed: int | None = None) -> str:
    rng = random.Random(seed if seed is not None else next(_serial))
    body = "91500103" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
    return body + credit_code_check_character(body)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"测试企业{n}有限公司")
    kind = OrganisationKind.EMPLOYER
    district = factory.LazyFunction(lambda: district("500103"))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    district = factory.LazyFunction(lambda: district("500103"))
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def make_person(
    *,
    role: str,
    organisation: Organisation | None = None,
    district_code: str = "500103",
    username: str | None = None,
    phone: str | None = None,
    id_number: str | None = None,
) -> User:
    kwargs: dict[str, object] = {"district": district(district_code)}
    if username:
        kwargs["username"] = username
    if phone:
        kwargs["phone"] = phone
    if id_number:
        kwargs["id_number_hash"] = id_number_hash(id_number, key=settings.PII_HASH_KEY)
        kwargs["id_number_masked"] = mask_id_number(id_number)
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, role=role, organisation=organisation)
    return user


def office(district_code: str) -> Organisation:
    return OrganisationFactory(
        name=f"{district(district_code).name}人社局",
        kind=OrganisationKind.DISTRICT_OFFICE,
        district=district(district_code),
    )


__all__ = ["PASSWORD", "OrganisationFactory", "Role", "UserFactory", "make_person", "office"]
