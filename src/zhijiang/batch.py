"""The engine's batch tools behind the ``zhijiang`` command. They read files and write JSON Lines
without Django or a database. Bad input stops the run with one line naming the file and line,
and nothing is written to standard output."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

DATA = Path(__file__).resolve().parent / "occupations" / "data"


class BatchInputError(Exception):
    """Unreadable input: the message names the file and line."""


def _read_lines(name: str, stdin: BinaryIO) -> list[bytes]:
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


def skills_extract(argv: Sequence[str], stdin: BinaryIO) -> list[str]:
    """``zhijiang skills extract [FILE|-] [--candidates]``: one text per line (plain or a JSON
    string) in; per line ``{"skills": [{"id", "label", "span", "score"}]}`` out."""
    from zhijiang_engine.skills import SkillExtractor
    from zhijiang_engine.skills.cli import extract_line

    parser = argparse.ArgumentParser(
        prog="zhijiang skills extract", description=skills_extract.__doc__
    )
    parser.add_argument("file", nargs="?", default="-", help="input file, or - for standard input")
    parser.add_argument(
        "--candidates", action="store_true", help="also report unknown skill-like terms"
    )
    options = parser.parse_args(argv)
    lines = _read_lines(options.file, stdin)
    extractor = SkillExtractor.from_files(DATA / "skills.csv")
    name = "standard input" if options.file == "-" else options.file
    output = []
    for number, raw in enumerate(lines, 1):
        result = extract_line(extractor, raw, with_candidates=options.candidates)
        if "error" in result:
            raise BatchInputError(f"{name}, line {number}: {result['error']}")
        output.append(json.dumps(result, ensure_ascii=False))
    return output


COMMANDS: dict[tuple[str, str], Callable[[Sequence[str], BinaryIO], list[str]]] = {
    ("skills", "extract"): skills_extract,
}


def run(argv: Sequence[str]) -> int | None:
    """Run a batch tool if ``argv`` names one; None when it is a Django command."""
    command = COMMANDS.get(tuple(argv[:2]))  # type: ignore[arg-type]
    if command is None:
        return None
    try:
        output = command(argv[2:], sys.stdin.buffer)
    except BatchInputError as error:
        sys.stderr.write(f"zhijiang {' '.join(argv[:2])}: {error}\n")
        return 1
    if output:
        sys.stdout.write("\n".join(output) + "\n")
    return 0
