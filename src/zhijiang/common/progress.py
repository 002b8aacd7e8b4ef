"""Progress lines for the long set-up commands (`occupations load`, `demo`): before each step
what it does, after it what came of it and how long it took, in plain words and at once (the
output often goes through a pipe, such as make's, that would otherwise hold it back)."""

from __future__ import annotations

import time

from django.core.management.base import OutputWrapper


class Progress:
    """Writes ``Doing X…`` when a step starts and ``  result (1.2 s).`` when it ends."""

    def __init__(self, out: OutputWrapper) -> None:
        self.out = out
        self.started = time.monotonic()
        self.step_started = self.started

    def _write(self, line: str) -> None:
        self.out.write(line)
        self.out.flush()

    def start(self, what: str) -> None:
        """A step begins: say what it does."""
        self.step_started = time.monotonic()
        self._write(f"{what}…")

    def note(self, text: str) -> None:
        """Something along the way (``20 of 95``), indented under its step."""
        self._write(f"  {text}")

    def done(self, result: str) -> None:
        """The step ended: what came of it, and how long it took."""
        self._write(f"  {result} ({time.monotonic() - self.step_started:.1f} s).")

    def total_seconds(self) -> float:
        return time.monotonic() - self.started


def changes(new: int, updated: int) -> str:
    """``none changed``, ``3 new``, ``2 updated`` or ``3 new, 2 updated``."""
    parts = [f"{new:,} new"] if new else []
    if updated:
        parts.append(f"{updated:,} updated")
    return ", ".join(parts) or "none changed"
