"""A pytest plugin that reads everything the site's log handlers write during the test suite
and fails the test whose log output carries a raw ID or mobile number (PIPL).

The root conftest loads it (``pytest_plugins``). It copies the output of every stream handler
in the logging tree, whatever filters and formatter that handler has, so a handler that
bypasses redaction (Django's own, or one added later) is caught, not only the root's.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import IO, Any

import pytest

from zhijiang.common.pii import id_number_check_character

_ID_NUMBER = re.compile(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])")
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def personal_data_in(text: str) -> list[str]:
    """The raw ID numbers (with a valid check character) and mobile numbers in ``text``."""
    ids = [
        match.group()
        for match in _ID_NUMBER.finditer(text)
        if id_number_check_character(match.group()[:17]) == match.group()[17].upper()
    ]
    return ids + _MOBILE.findall(text)


class _Tee:
    """A stream that writes to the handler's own stream and to the suite's log copy."""

    def __init__(self, stream: IO[str], copy: list[str]) -> None:
        self.stream, self.copy = stream, copy

    def write(self, text: str) -> int:
        self.copy.append(text)
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


_written: list[str] = []


def _copy_log_output() -> None:
    """Tee every stream handler of the logging tree that is not tee'd yet (pytest's own
    capturing handlers excepted: they hold records for reports, they are not logs)."""
    loggers = [logging.getLogger()] + [
        item
        for item in logging.Logger.manager.loggerDict.values()
        if isinstance(item, logging.Logger)
    ]
    for logger in loggers:
        for handler in logger.handlers:
            if (
                isinstance(handler, logging.StreamHandler)
                and not type(handler).__module__.startswith("_pytest")
                and not isinstance(handler.stream, _Tee)
            ):
                handler.setStream(_Tee(handler.stream, _written))


@pytest.fixture(autouse=True)
def _no_personal_data_in_log_output() -> Iterator[None]:
    _copy_log_output()
    start = len(_written)
    yield
    output = "".join(_written[start:])
    del _written[start:]
    found = personal_data_in(output)
    if found:
        lines = [line for line in output.splitlines() if personal_data_in(line)]
        pytest.fail(
            "The log output of this test carries raw personal data "
            f"({len(found)} ID or mobile numbers):\n" + "\n".join(lines[:10]),
            pytrace=False,
        )
