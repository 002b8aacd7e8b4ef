"""Reproducible demo data: organisations across the districts and a user for every role.

Everything comes from a seeded random generator, so two runs on empty databases give the
same rows, and a second run on a loaded database changes nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from zhijiang.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from zhijiang.accounts.validators import credit_code_check_character
from zhijiang.common.models import District
from zhijiang.common.pii import id_number_check_character, id_number_hash, mask_id_number

DEMO_PASSWORD = "zhijiang-demo-2026"
SEED = 20261130
BUREAU_NAME = "重庆市人力资源和社会保障局"

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐"
    "许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢"
)
_GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
    "玉兰萍鹏辉玲燕飞鑫宇浩然欣怡子涵梓轩一诺雨彤俊杰思远"
)
_EMPLOYERS = [
    ("重庆数智云科技有限公司", "500112"),
    ("重庆两江智能制造有限公司", "500112"),
    ("重庆山城直播电商有限公司", "500103"),
    ("重庆渝新汽车电子有限公司", "500106"),
    ("重庆星链数据服务有限公司", "500107"),
    ("重庆巴渝工业互联网有限公司", "500113"),
    ("重庆江津智慧农业科技有限公司", "500116"),
    ("重庆万州数字物流有限公司", "500101"),
    ("重庆永川软件外包有限公司", "500118"),
    ("重庆璧山新能源电池有限公司", "500120"),
]
_PROVIDERS = [
    ("重庆数字技能职业培训学校", "500106", OrganisationKind.TRAINING_PROVIDER),
    ("渝中区智能+职业技能培训中心", "500103", OrganisationKind.TRAINING_PROVIDER),
    ("永川区数字工匠培训学院", "500118", OrganisationKind.TRAINING_PROVIDER),
    ("重庆工业机器人技能大师工作室", "500107", OrganisationKind.MASTER_STUDIO),
    ("重庆人工智能高技能人才培训基地", "500112", OrganisationKind.TRAINING_BASE),
]
_ASSESSORS = [
    ("重庆市职业技能鉴定指导中心", "500103"),
    ("重庆数字职业技能评价中心", "500106"),
]


@dataclass(frozen=True)
class DemoLogin:
    role: str
    username: str
    password: str
    note: str


def _credit_code(rng: random.Random, district_code: str, government: bool) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = ("11" if government else "91") + district_code
    body += "".join(rng.choice(alphabet) for _ in range(9))
    return body + credit_code_check_character(body)


def _id_number(rng: random.Random, district_code: str) -> str:
    born = f"{rng.randint(1975, 2006)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    body = district_code + born + f"{rng.randint(0, 999):03d}"
    return body + id_number_check_character(body)


def _phone(rng: random.Random) -> str:
    return (
        rng.choice(["138", "139", "150", "158", "177", "186", "199"])
        + f"{rng.randint(0, 99_999_999):08d}"
    )


def _name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))


def _organisation(
    rng: random.Random, name: str, kind: str, district: District | None
) -> Organisation:
    code = _credit_code(
        rng, district.code if district else "500000", kind in {"bureau", "district_office"}
    )
    return Organisation.objects.create(name=name, kind=kind, district=district, credit_code=code)


def _user(
    username: str,
    full_name: str,
    *,
    password: str,
    district: District | None = None,
    **extra: object,
) -> User:
    """A demo account; ``password`` is the hashed DEMO_PASSWORD that every demo account shares."""
    user = User(
        username=username, full_name=full_name, district=district, password=password, **extra
    )
    user.save()
    return user


def _learner(rng: random.Random, username: str, district: District, password: str) -> User:
    number = _id_number(rng, district.code)
    user = _user(
        username,
        _name(rng),
        password=password,
        district=district,
        phone=_phone(rng),
        id_number_hash=id_number_hash(number, key=settings.PII_HASH_KEY),
        id_number_masked=mask_id_number(number),
    )
    Membership.objects.create(user=user, role=Role.LEARNER)
    return user


def demo_logins() -> list[DemoLogin]:
    return [
        DemoLogin(Role.ADMIN, "admin", DEMO_PASSWORD, "platform administrator"),
        DemoLogin(Role.BUREAU_OFFICER, "bureau", DEMO_PASSWORD, BUREAU_NAME),
        DemoLogin(Role.DISTRICT_OFFICER, "officer_yuzhong", DEMO_PASSWORD, "渝中区 / Yuzhong"),
        DemoLogin(
            Role.DISTRICT_OFFICER, "officer_shapingba", DEMO_PASSWORD, "沙坪坝区 / Shapingba"
        ),
        DemoLogin(Role.EMPLOYER_STAFF, "hr_shuzhi", DEMO_PASSWORD, _EMPLOYERS[0][0]),
        DemoLogin(Role.PROVIDER_STAFF, "trainer", DEMO_PASSWORD, _PROVIDERS[0][0]),
        DemoLogin(Role.ASSESSOR, "assessor", DEMO_PASSWORD, _ASSESSORS[0][0]),
        DemoLogin(Role.LEARNER, "learner", DEMO_PASSWORD, "渝中区 / Yuzhong; also 13800138000"),
    ]


@transaction.atomic
def load_demo(*, learners_per_district: int = 2) -> bool:
    """Create the demo data; returns False (and changes nothing) if it is already there."""
    if Organisation.objects.filter(name=BUREAU_NAME, kind=OrganisationKind.BUREAU).exists():
        return False
    rng = random.Random(SEED)
    districts = {d.code: d for d in District.objects.all()}
    bureau = _organisation(rng, BUREAU_NAME, OrganisationKind.BUREAU, None)
    offices = {
        code: _organisation(
            rng, f"{d.name}人力资源和社会保障局", OrganisationKind.DISTRICT_OFFICE, d
        )
        for code, d in districts.items()
    }
    employers = [
        _organisation(rng, name, OrganisationKind.EMPLOYER, districts[code])
        for name, code in _EMPLOYERS
    ]
    providers = [_organisation(rng, name, kind, districts[code]) for name, code, kind in _PROVIDERS]
    bodies = [
        _organisation(rng, name, OrganisationKind.ASSESSMENT_BODY, districts[code])
        for name, code in _ASSESSORS
    ]

    # One hash for all: the password is the same and published, and each hash takes ~80 ms.
    password = make_password(DEMO_PASSWORD)
    admin = _user("admin", "系统管理员", password=password, is_staff=True, is_superuser=True)
    Membership.objects.create(user=admin, role=Role.ADMIN)
    staff = [
        ("bureau", "市局 李科长", Role.BUREAU_OFFICER, bureau),
        ("officer_yuzhong", "渝中 王专员", Role.DISTRICT_OFFICER, offices["500103"]),
        ("officer_shapingba", "沙坪坝 陈专员", Role.DISTRICT_OFFICER, offices["500106"]),
        ("hr_shuzhi", "数智云 HR 赵经理", Role.EMPLOYER_STAFF, employers[0]),
        ("hr_liangjiang", "两江智造 HR 孙经理", Role.EMPLOYER_STAFF, employers[1]),
        ("trainer", "培训学校 周老师", Role.PROVIDER_STAFF, providers[0]),
        ("assessor", "考评员 吴老师", Role.ASSESSOR, bodies[0]),
    ]
    for username, full_name, role, organisation in staff:
        user = _user(username, full_name, password=password, district=organisation.district)
        Membership.objects.create(user=user, role=role, organisation=organisation)

    learner = _user(
        "learner", "张小渝", password=password, district=districts["500103"], phone="13800138000"
    )
    number = _id_number(rng, "500103")
    learner.id_number_hash = id_number_hash(number, key=settings.PII_HASH_KEY)
    learner.id_number_masked = mask_id_number(number)
    learner.save(update_fields=["id_number_hash", "id_number_masked"])
    Membership.objects.create(user=learner, role=Role.LEARNER)
    for code, district in sorted(districts.items()):
        for index in range(learners_per_district):
            _learner(rng, f"learner_{code}_{index + 1}", district, password)
    return True
