"""Reading a course plan's JSON with every problem collected with its JSON path (the reader the
standard document uses, with longer texts and hour checks)."""

from __future__ import annotations

from typing import Any

from zhijiang_engine.json_reader import JsonReader, PathErrors

MAX_TEXT = 2000


class PlanSchemaError(PathErrors):
    """The value does not follow the format; ``errors`` lists (JSON path, reason)."""


class Reader(JsonReader):
    """Reads plan parts; texts may be longer than a standard's."""

    max_text = MAX_TEXT

    def hours(self, value: Any, path: str, step: float) -> float:
        hours = self.number(value, path)
        if step > 0 and not float(hours / step).is_integer():
            self.fail(path, f"must be a multiple of {step:g} h")
        return hours
