"""``zhijiang occupations normalize``: job titles to CSCO-2022 occupations, from the taxonomy
file shipped with the package (no database)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from zhijiang.cli.io import read_lines

DATA = Path(__file__).resolve().parent.parent / "occupations" / "data"


def occupations_normalize(argv: Sequence[str], stdin: BinaryIO) -> list[str]:
    """``zhijiang occupations normalize [FILE|-] [--top K]``: one job title per line in; per
    line ``{"title": …, "candidates": [{"code", "name", "score"}, …]}`` out, best first."""
    from zhijiang.common.cache import cache_dir
    from zhijiang_engine.normalize import TitleNormalizer, normalize_jsonl
    from zhijiang_engine.taxonomy import parse_taxonomy

    parser = argparse.ArgumentParser(
        prog="zhijiang occupations normalize", description=occupations_normalize.__doc__
    )
    parser.add_argument("file", nargs="?", default="-", help="input file, or - for standard input")
    parser.add_argument("--top", type=int, default=5, choices=range(1, 51), metavar="K",
                        help="candidates per title, 1 to 50 (default 5)")  # fmt: skip
    options = parser.parse_args(argv)
    titles = []
    for line in read_lines(options.file, stdin):
        if "\x00" in line.text:
            raise line.error("binary data, not text")
        titles.append(line.text)
    taxonomy = DATA / "csco22.csv"
    records = parse_taxonomy(taxonomy.read_bytes(), filename=taxonomy.name)
    normalizer = TitleNormalizer(records, cache_dir=cache_dir())
    return list(normalize_jsonl(titles, normalizer, top_k=options.top))
