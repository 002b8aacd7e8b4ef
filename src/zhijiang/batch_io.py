"""Input for the batch tools: whole files or standard input read as lines, and the one error
type whose message names the file and line."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO


class BatchInputError(Exception):
    """Unreadable input: the message names the file and line."""


def read_lines(name: str, stdin: BinaryIO) -> list[bytes]:
    if name == "-":
        data = stdin.read()
    else:
        try:
            data = Path(name).read_bytes()
        except OSError as error:
            raise BatchInputError(f"{name}: {error.strerror or error}") from None
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return lines
