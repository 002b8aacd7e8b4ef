"""Reading a JSON value while collecting every problem with its JSON path instead of stopping
at the first, so a person or a language model sees all that is wrong at once. The standard
document and the course plan formats both read through it."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any


class PathErrors(ValueError):
    """A value does not follow its format; ``errors`` lists (JSON path, reason)."""

    def __init__(self, errors: Sequence[tuple[str, str]]) -> None:
        self.errors = list(errors)
        shown = "; ".join(f"{path}: {reason}" for path, reason in self.errors[:5])
        more = f" (and {len(self.errors) - 5} more)" if len(self.errors) > 5 else ""
        super().__init__(shown + more)


class JsonReader:
    """Typed reads of parts of a JSON value; each problem is recorded with its path and a
    harmless default is returned so reading can go on."""

    max_text = 500  # characters in one text field

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []

    def fail(self, path: str, reason: str) -> None:
        self.errors.append((path, reason))

    def obj(self, value: Any, path: str, keys: Sequence[str]) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            self.fail(path, "must be an object")
            return {}
        for key in keys:
            if key not in value:
                self.fail(f"{path}.{key}", "is missing")
        return value

    def text(self, value: Any, path: str, *, required: bool = True) -> str:
        if not isinstance(value, str):
            self.fail(path, "must be a string")
            return ""
        cleaned = value.strip()
        if required and not cleaned:
            self.fail(path, "must not be empty")
        if len(cleaned) > self.max_text:
            self.fail(path, f"is longer than {self.max_text} characters")
        return cleaned

    def array(
        self, value: Any, path: str, *, min_items: int = 0, max_items: int | None = None
    ) -> list[Any]:
        if not isinstance(value, list):
            self.fail(path, "must be an array")
            return []
        if len(value) < min_items:
            self.fail(path, f"needs at least {min_items} item{'s' if min_items > 1 else ''}")
        if max_items is not None and len(value) > max_items:
            self.fail(path, f"has more than {max_items} items")
        return value

    def texts(
        self, value: Any, path: str, *, min_items: int = 0, max_items: int | None = None
    ) -> tuple[str, ...]:
        items = self.array(value, path, min_items=min_items, max_items=max_items)
        return tuple(self.text(item, f"{path}[{i}]") for i, item in enumerate(items))

    def number(self, value: Any, path: str, *, minimum: float = 0.0) -> float:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            self.fail(path, "must be a number")
            return 0.0
        if value < minimum:
            self.fail(path, f"must be at least {minimum:g}")
        return float(value)

    def whole(self, value: Any, path: str, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(path, f"must be a whole number from {low} to {high}")
            return low
        return int(value)

    def choice(self, value: Any, path: str, choices: Sequence[str]) -> str:
        if value not in choices:
            self.fail(path, f"must be one of {', '.join(choices)}")
            return choices[0]
        return str(value)
