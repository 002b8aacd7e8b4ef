"""Fixtures for the jobs pages: a skills vocabulary, a posted position, web clients."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from zhijiang.jobs.models import Position
from zhijiang.jobs.tests.factories import make_position, vocabulary


@pytest.fixture
def skills(db: None) -> Any:
    return vocabulary()


@pytest.fixture
def position(employer_hr: Any, employer: Any, skills: Any) -> Position:
    """Erin's open 人工智能训练师 position in 渝中区."""
    return make_position(actor=employer_hr, employer=employer)


@pytest.fixture
def web() -> Callable[..., Client]:
    """``web(user)``: a browser-like client signed in as ``user`` (``None``: anonymous),
    asking for English pages unless ``language`` says otherwise."""

    def make(user: Any = None, language: str = "en") -> Client:
        client = Client(headers={"Accept-Language": language})
        if user is not None:
            client.force_login(user)
        return client

    return make
