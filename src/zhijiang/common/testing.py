"""Helpers for the apps' tests: a page's or endpoint's query count must not grow with its data.

A list that runs one query per row (an N+1) is fast with the three rows of a test and slow
with the three thousand of a city; counting queries at two sizes catches it while it is small.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

_LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+\b|%s")
_IN_LISTS = re.compile(r"IN \(\?(?:, \?)*\)")


@dataclass(frozen=True)
class Measured:
    """One request: its response and the SQL it ran."""

    response: Any
    sql: list[str]

    @property
    def queries(self) -> int:
        return len(self.sql)


def measure(fetch: Callable[[], Any], *, status: int = 200) -> Measured:
    """Run ``fetch`` twice and count the queries of the second run, so that what a first
    request fills once (the session, translations, caches) is not counted."""
    fetch()
    with CaptureQueriesContext(connection) as captured:
        response = fetch()
    assert response.status_code == status, (response.status_code, response.content[:500])
    return Measured(response, [query["sql"] for query in captured.captured_queries])


def _shape(sql: str) -> str:
    return _IN_LISTS.sub("IN (...)", _LITERALS.sub("?", sql))


def _grown(small: Measured, large: Measured) -> str:
    """The query shapes the larger request ran more often than the smaller one, most first."""
    before, after = Counter(map(_shape, small.sql)), Counter(map(_shape, large.sql))
    lines = [
        f"  {after[shape] - before[shape]:+d} x {shape[:300]}"
        for shape, _count in (after - before).most_common()
    ]
    return "\n".join(lines) or "  (no single query shape grew)"


def assert_queries_constant(
    make_rows: Callable[[int], object],
    fetch: Callable[[], Any],
    *,
    sizes: Sequence[int] = (1, 8),
    slack: int = 0,
    status: int = 200,
) -> list[Any]:
    """Grow the data through ``sizes`` and check that ``fetch`` runs no more queries at the last
    size than at the first (``slack`` allows a fixed few more, never one per row).

    ``make_rows(n)`` adds ``n`` more rows of what the page lists; it is called with the first
    size, then with each difference. Returns the responses, one per size, so that the test can
    check that the rows are really on the page (a count over an empty page proves nothing).
    """
    made = 0
    measured: list[Measured] = []
    for size in sizes:
        make_rows(size - made)
        made = size
        measured.append(measure(fetch, status=status))
    _compare(measured[0], measured[-1], sizes=(sizes[0], sizes[-1]), slack=slack)
    return [each.response for each in measured]


def assert_same_queries(
    small: Callable[[], Any],
    large: Callable[[], Any],
    *,
    sizes: tuple[int, int] = (1, 8),
    slack: int = 0,
    status: int = 200,
) -> tuple[Any, Any]:
    """Like ``assert_queries_constant`` for data that cannot grow in place (a closed session's
    results): ``small`` and ``large`` fetch the same page of a small and a large example."""
    first, last = measure(small, status=status), measure(large, status=status)
    _compare(first, last, sizes=sizes, slack=slack)
    return first.response, last.response


def _compare(first: Measured, last: Measured, *, sizes: tuple[int, int], slack: int) -> None:
    assert last.queries <= first.queries + slack, (
        f"{first.queries} queries with {sizes[0]} rows, {last.queries} with {sizes[1]}; "
        f"grown:\n{_grown(first, last)}"
    )
