"""The engine's batch tools behind the ``zhijiang`` command. They read files and write JSON Lines
without Django or a database. Bad input stops the run with one line naming the file and line,
and nothing is written to standard output."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

from zhijiang.batch_io import BatchInputError, read_lines

DATA = Path(__file__).resolve().parent / "occupations" / "data"


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
    lines = read_lines(options.file, stdin)
    extractor = SkillExtractor.from_files(DATA / "skills.csv")
    name = "standard input" if options.file == "-" else options.file
    output = []
    for number, raw in enumerate(lines, 1):
        result = extract_line(extractor, raw, with_candidates=options.candidates)
        if "error" in result:
            raise BatchInputError(f"{name}, line {number}: {result['error']}")
        output.append(json.dumps(result, ensure_ascii=False))
    return output


def cache_dir() -> Path | None:
    """Where built indexes are kept between runs: $ZHIJIANG_CACHE_DIR, else var/cache."""
    configured = os.environ.get("ZHIJIANG_CACHE_DIR") or os.environ.get("ZHIJIANG_VAR_DIR")
    base = Path(configured) if configured else Path(__file__).resolve().parents[2] / "var"
    folder = base if os.environ.get("ZHIJIANG_CACHE_DIR") else base / "cache"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


def occupations_normalize(argv: Sequence[str], stdin: BinaryIO) -> list[str]:
    """``zhijiang occupations normalize [FILE|-] [--top K]``: one job title per line in; per
    line ``{"title": …, "candidates": [{"code", "name", "score"}, …]}`` out, best first."""
    from zhijiang_engine.normalize import TitleNormalizer, normalize_jsonl
    from zhijiang_engine.taxonomy import parse_taxonomy

    parser = argparse.ArgumentParser(
        prog="zhijiang occupations normalize", description=occupations_normalize.__doc__
    )
    parser.add_argument("file", nargs="?", default="-", help="input file, or - for standard input")
    parser.add_argument("--top", type=int, default=5, choices=range(1, 51), metavar="K",
                        help="candidates per title, 1 to 50 (default 5)")  # fmt: skip
    options = parser.parse_args(argv)
    lines = read_lines(options.file, stdin)
    name = "standard input" if options.file == "-" else options.file
    titles = []
    for number, raw in enumerate(lines, 1):
        try:
            title = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise BatchInputError(
                f"{name}, line {number}: invalid UTF-8 at byte {error.start}"
            ) from None
        if "\x00" in title:
            raise BatchInputError(f"{name}, line {number}: binary data, not text")
        titles.append(title)
    taxonomy = DATA / "csco22.csv"
    records = parse_taxonomy(taxonomy.read_bytes(), filename=taxonomy.name)
    normalizer = TitleNormalizer(records, cache_dir=cache_dir())
    return list(normalize_jsonl(titles, normalizer, top_k=options.top))


def _match(argv: Sequence[str], stdin: BinaryIO) -> list[str]:
    from zhijiang.batch_match import match

    return match(argv, stdin)


def _irt_calibrate(argv: Sequence[str], stdin: BinaryIO) -> list[str]:
    from zhijiang.batch_irt import irt_calibrate

    return irt_calibrate(argv, stdin)


def _credentials_verify(argv: Sequence[str], stdin: BinaryIO) -> list[str]:
    from zhijiang.batch_credentials import credentials_verify

    return credentials_verify(argv, stdin)


# (command words) → tool; the tools import what they need only when run.
COMMANDS: dict[tuple[str, ...], Callable[[Sequence[str], BinaryIO], list[str]]] = {
    ("skills", "extract"): skills_extract,
    ("occupations", "normalize"): occupations_normalize,
    ("match",): _match,
    ("irt", "calibrate"): _irt_calibrate,
    ("credentials", "verify"): _credentials_verify,
}


def run(argv: Sequence[str]) -> int | None:
    """Run a batch tool if ``argv`` names one; None when it is a Django command."""
    words = next((w for w in (tuple(argv[:2]), tuple(argv[:1])) if w in COMMANDS), None)
    if words is None:
        return None
    command = COMMANDS[words]
    import jieba

    jieba.setLogLevel(logging.WARNING)  # jieba sets DEBUG on import: keep its chatter off stderr
    try:
        output = command(argv[len(words) :], sys.stdin.buffer)
    except BatchInputError as error:
        sys.stderr.write(f"zhijiang {' '.join(words)}: {error}\n")
        return 1
    if output:
        sys.stdout.write("\n".join(output) + "\n")
    return 0
