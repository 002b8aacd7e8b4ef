"""Shared test personas: who is who on the platform in every test that needs people.

Alice is a learner in 渝中区 (Yuzhong), Bob a learner in 沙坪坝区 (Shapingba); Olivia is
Yuzhong's district officer and Oscar Shapingba's; Bea works at the city bureau; Erin and
Eric are HR staff at two different employers; Pat trains, Ada assesses.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client

from zhijiang.accounts.models import OrganisationKind, Role, User
from zhijiang.accounts.tests.factories import (
    PASSWORD,
    OrganisationFactory,
    district,
    make_person,
    office,
)

# Fails a test whose log output carries a raw ID or mobile number.
pytest_plugins = ["zhijiang.common.testing_logs"]


def pytest_configure(config: pytest.Config) -> None:
    # Built indexes (title normalizer, jieba) go to a scratch folder, not the checkout's var/:
    # through the variable for the commands tests run, and through the setting for this
    # process, whose settings pytest-django loaded before this hook.
    os.environ.setdefault("ZHIJIANG_CACHE_DIR", tempfile.mkdtemp(prefix="zhijiang-test-cache-"))
    django_settings.CACHE_DIR = Path(os.environ["ZHIJIANG_CACHE_DIR"])


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_match_index_from_another_test() -> Any:
    """Each test builds the matcher's index from its own positions."""
    from zhijiang.common.cache import cache_dir
    from zhijiang.jobs.match_index import FOLDER, forget_built_index

    forget_built_index()
    folder = cache_dir()
    if folder is not None:
        shutil.rmtree(folder / FOLDER, ignore_errors=True)
    yield


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def learner(db: None) -> User:
    return make_person(
        role=Role.LEARNER, username="alice", district_code="500103", phone="13800138001"
    )


@pytest.fixture
def other_learner(db: None) -> User:
    return make_person(
        role=Role.LEARNER, username="bob", district_code="500106", phone="13900139002"
    )


@pytest.fixture
def yuzhong_office(db: None):
    return office("500103")


@pytest.fixture
def district_officer(yuzhong_office) -> User:
    return make_person(role=Role.DISTRICT_OFFICER, organisation=yuzhong_office, username="olivia")


@pytest.fixture
def other_district_officer(db: None) -> User:
    return make_person(
        role=Role.DISTRICT_OFFICER,
        organisation=office("500106"),
        username="oscar",
        district_code="500106",
    )


@pytest.fixture
def bureau_officer(db: None) -> User:
    bureau = OrganisationFactory(name="重庆市人社局", kind=OrganisationKind.BUREAU, district=None)
    return make_person(role=Role.BUREAU_OFFICER, organisation=bureau, username="bea")


@pytest.fixture
def employer(db: None):
    return OrganisationFactory(name="渝中数智科技有限公司", district=district("500103"))


@pytest.fixture
def other_employer(db: None):
    return OrganisationFactory(name="沙坪坝智造有限公司", district=district("500106"))


@pytest.fixture
def employer_hr(employer) -> User:
    return make_person(role=Role.EMPLOYER_STAFF, organisation=employer, username="erin")


@pytest.fixture
def other_employer_hr(other_employer) -> User:
    return make_person(
        role=Role.EMPLOYER_STAFF,
        organisation=other_employer,
        username="eric",
        district_code="500106",
    )


@pytest.fixture
def provider_staff(db: None) -> User:
    provider = OrganisationFactory(name="数字技能培训学校", kind=OrganisationKind.TRAINING_PROVIDER)
    return make_person(role=Role.PROVIDER_STAFF, organisation=provider, username="pat")


@pytest.fixture
def assessor(db: None) -> User:
    body = OrganisationFactory(name="技能评价中心", kind=OrganisationKind.ASSESSMENT_BODY)
    return make_person(role=Role.ASSESSOR, organisation=body, username="ada")


class ApiClient(Client):
    """A test client that speaks JSON to /api/v1/ and is signed in as one user (or nobody)."""

    def call(self, method: str, path: str, data: Any = None, **extra: Any) -> Any:
        body = json.dumps(data) if data is not None else None
        response = getattr(self, method)(
            "/api/v1" + path, data=body, content_type="application/json", **extra
        )
        return response


@pytest.fixture
def api() -> Any:
    """``api(user)`` gives a JSON client signed in as ``user`` (``None``: anonymous), asking for
    English messages unless ``language`` says otherwise."""

    def make(user: User | None = None, language: str = "en") -> ApiClient:
        client = ApiClient(headers={"Accept-Language": language})
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def web() -> Any:
    """``web(user)``: a browser-like client signed in as ``user`` (``None``: anonymous),
    asking for English pages unless ``language`` says otherwise."""

    def make(user: User | None = None, language: str = "en") -> Client:
        client = Client(headers={"Accept-Language": language})
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def page_cache(settings: Any) -> Any:
    """Anonymous public pages and the positions API kept for 30 s, from an empty cache."""
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 30
    cache.clear()
    yield
    cache.clear()


_position_serial = iter(range(1, 1_000_000))


@pytest.fixture
def post(employer_hr: User, employer: Any) -> Any:
    """``post(n)``: Erin posts ``n`` more positions."""
    from zhijiang.jobs.tests.factories import make_position

    def make(count: int) -> None:
        for _ in range(count):
            title = f"训练师 {next(_position_serial)}"
            make_position(actor=employer_hr, employer=employer, title=title)

    return make
