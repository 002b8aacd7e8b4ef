"""Input for the batch tools, read in one place: a file or standard input (``-``) as numbered
UTF-8 lines, JSON Lines, or one JSON document. Every problem is a ``BatchInputError`` whose
message names the file and line, raised before the tool writes anything."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

STANDARD_INPUT = "-"


class BatchInputError(Exception):
    """Unreadable input: the message names the file and line."""


def source_name(name: str) -> str:
    """How messages name an input: its path, or "standard input" for ``-``."""
    return "standard input" if name == STANDARD_INPUT else name


@dataclass(frozen=True, slots=True)
class Line:
    """One input line, decoded, without its newline, and where it came from."""

    source: str
    number: int
    text: str

    @property
    def where(self) -> str:
        return f"{self.source}, line {self.number}"

    def error(self, reason: str) -> BatchInputError:
        """The error to raise for this line: ``FILE, line N: reason``."""
        return BatchInputError(f"{self.where}: {reason}")


def read_lines(name: str, stdin: BinaryIO) -> Iterator[Line]:
    """The lines of the file (``-``: standard input) as UTF-8 text, in order; a last empty line
    after the final newline is not a line. The file is read at once, so a missing one stops the
    run here; each line is decoded as it is taken, so the first bad line is the one reported."""
    if name == STANDARD_INPUT:
        data = stdin.read()
    else:
        try:
            data = Path(name).read_bytes()
        except OSError as error:
            raise BatchInputError(f"{name}: {error.strerror or error}") from None
    chunks = data.split(b"\n")
    if chunks and chunks[-1] == b"":
        chunks.pop()
    return _decoded(source_name(name), chunks)


def _decoded(source: str, chunks: list[bytes]) -> Iterator[Line]:
    for number, chunk in enumerate(chunks, 1):
        try:
            text = chunk.decode("utf-8")
        except UnicodeDecodeError as error:
            raise BatchInputError(
                f"{source}, line {number}: invalid UTF-8 at byte {error.start}"
            ) from None
        yield Line(source, number, text)


def read_json_lines(name: str, stdin: BinaryIO) -> Iterator[tuple[Line, dict[str, object]]]:
    """JSON Lines: each line that is not blank holds one JSON object."""
    for line in read_lines(name, stdin):
        if not line.text.strip():
            continue
        try:
            value = _parse_json(line.text)
        except _JsonError as error:
            raise line.error(error.reason) from None
        if not isinstance(value, dict):
            raise line.error("not a JSON object")
        yield line, value


def read_json_document(name: str, stdin: BinaryIO) -> object:
    """The whole file as one JSON value; errors name the line where parsing stopped."""
    lines = read_lines(name, stdin)
    try:
        return _parse_json("\n".join(line.text for line in lines))
    except _JsonError as error:
        raise BatchInputError(f"{source_name(name)}, line {error.line}: {error.reason}") from None


class _JsonError(Exception):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line, self.reason = line, reason


def _parse_json(text: str) -> object:
    """Strict JSON: NaN and Infinity (Python's extension) and absurd nesting are refused."""
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise _JsonError(error.lineno, f"invalid JSON ({error.msg})") from None
    except RecursionError:
        raise _JsonError(1, "invalid JSON (nested too deeply)") from None
    except ValueError as error:  # from _reject_constant
        raise _JsonError(1, str(error)) from None


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON value")
