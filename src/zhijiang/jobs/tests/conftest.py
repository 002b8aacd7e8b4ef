"""Fixtures for the jobs pages: a skills vocabulary and a posted position."""

from __future__ import annotations

from typing import Any

import pytest

from zhijiang.jobs.models import Position
from zhijiang.jobs.tests.factories import make_position, vocabulary


@pytest.fixture
def skills(db: None) -> Any:
    return vocabulary()


@pytest.fixture
def position(employer_hr: Any, employer: Any, skills: Any) -> Position:
    """Erin's open 人工智能训练师 position in 渝中区."""
    return make_position(actor=employer_hr, employer=employer)
