"""``zhijiang skills extract``: skills in texts, one text per line in, JSON Lines out."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import BinaryIO

from zhijiang.cli.io import read_lines
from zhijiang.cli.occupations import DATA


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
    output = []
    for line in lines:
        result = extract_line(extractor, line.text, with_candidates=options.candidates)
        if "error" in result:
            raise line.error(str(result["error"]))
        output.append(json.dumps(result, ensure_ascii=False))
    return output
