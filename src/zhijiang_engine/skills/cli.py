"""The engine side of ``zhijiang skills extract [FILE|-]``: one text per line in, one JSON out.

Each input line is a JSON string (``"熟悉Java\\n和MySQL"``) or plain text. Each output line is
``{"skills": [{"id", "label", "span", "score"}]}`` where ``span`` is ``[start, end)`` in
characters of the decoded text (for a JSON-string line: of the string it encodes), or
``{"skills": [], "error": "..."}`` for a line that cannot be read. Documented outcomes:

* empty line, whitespace or punctuation only → ``{"skills": []}`` (no error);
* invalid UTF-8 → error ``"invalid UTF-8 at byte N"``;
* binary data (NUL or mostly control characters) → error ``"binary data, not text"``;
* more than ``MAX_CHARS`` characters → error ``"line too long: N characters (limit M)"``;
  100 KB lines are well inside the limit.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import BinaryIO, TextIO

from zhijiang_engine.skills.extractor import SkillExtractor

MAX_CHARS = 1_000_000


def _decode(raw: bytes | str) -> str:
    if isinstance(raw, bytes):
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ValueError(f"invalid UTF-8 at byte {error.start}") from None
    return raw


def read_line(raw: bytes | str) -> str:
    """The text of one input line; raises ``ValueError`` with a clear message when unusable."""
    line = _decode(raw).removesuffix("\n").removesuffix("\r").removeprefix("\ufeff")
    if len(line) > MAX_CHARS:
        raise ValueError(f"line too long: {len(line)} characters (limit {MAX_CHARS})")
    stripped = line.strip()
    if stripped.startswith('"') and stripped.endswith('"') and len(stripped) >= 2:
        try:
            decoded = json.loads(stripped)
        except ValueError:
            decoded = None
        if isinstance(decoded, str):
            line = decoded
    controls = sum(1 for c in line if c < " " and c not in "\t\n\r\f\v")
    if "\x00" in line or (line and controls > max(2, len(line) // 10)):
        raise ValueError("binary data, not text")
    return line


def extract_line(
    extractor: SkillExtractor, raw: bytes | str, *, with_candidates: bool = False
) -> dict[str, object]:
    """One output object for one input line; never raises for bad input."""
    try:
        text = read_line(raw)
    except ValueError as error:
        return {"skills": [], "error": str(error)}
    result = extractor.extract(text, candidates=with_candidates)
    return result.to_json(with_candidates=with_candidates)


def extract_lines(
    extractor: SkillExtractor, lines: Iterable[bytes | str], *, with_candidates: bool = False
) -> Iterator[str]:
    """JSON output lines (without newline) for input lines, e.g. ``sys.stdin.buffer``."""
    for raw in lines:
        yield json.dumps(
            extract_line(extractor, raw, with_candidates=with_candidates), ensure_ascii=False
        )


def extract_stream(
    extractor: SkillExtractor,
    source: BinaryIO,
    sink: TextIO,
    *,
    with_candidates: bool = False,
) -> int:
    """Read lines from a binary stream (a file opened ``"rb"`` or ``sys.stdin.buffer``), write
    one JSON object per line to ``sink``; returns how many lines had an error (for an exit code).

    Lines are read in binary so that invalid UTF-8 is reported per line, not for the stream."""
    errors = 0
    for raw in source:
        out = extract_line(extractor, raw, with_candidates=with_candidates)
        errors += "error" in out
        sink.write(json.dumps(out, ensure_ascii=False) + "\n")
    return errors
