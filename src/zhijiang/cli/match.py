"""`zhijiang match`: every seeker against every job from JSON Lines files, exact top-k each.

Output: one line per seeker, in input order,
``{"seeker": id, "jobs": [{"id", "score", "matched", "missing"}]}``. An empty jobs file gives
``"jobs": []`` for everyone. Unknown skill ids are accepted; they simply match nothing. Any bad
line stops the run before anything is written (the caller prints the returned lines).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from typing import BinaryIO, TypeVar

from zhijiang.cli.io import read_json_lines
from zhijiang_engine.match import (
    Job,
    JobIndex,
    RecordError,
    Seeker,
    job_from_record,
    seeker_from_record,
)

T = TypeVar("T", Seeker, Job)


def read_records(
    name: str, stdin: BinaryIO, build: Callable[[dict[str, object]], T]
) -> tuple[list[T], dict[str, object]]:
    """Parsed records of one JSON Lines file and their original ids; blank lines are skipped."""
    out: list[T] = []
    original: dict[str, object] = {}
    for line, value in read_json_lines(name, stdin):
        try:
            record = build(value)
        except RecordError as error:
            raise line.error(str(error)) from None
        if record.id in original:
            raise line.error(f'duplicate id "{record.id}"')
        original[record.id] = value["id"]
        out.append(record)
    return out, original


def match(argv: Sequence[str], stdin: BinaryIO) -> list[str]:
    """Run `zhijiang match --seekers F --jobs F --top K` and return the output lines."""
    parser = argparse.ArgumentParser(
        prog="zhijiang match",
        description="Rank positions for every seeker (JSON Lines in, JSON Lines out).",
    )
    parser.add_argument("--seekers", required=True, help="seekers JSON Lines file, - for stdin")
    parser.add_argument("--jobs", required=True, help="jobs JSON Lines file, - for stdin")
    parser.add_argument("--top", type=int, default=20, help="positions per seeker (default 20)")
    args = parser.parse_args(list(argv))
    if args.top < 1:
        parser.error("--top must be at least 1")
    if args.seekers == "-" and args.jobs == "-":
        parser.error("only one of --seekers and --jobs can be standard input")
    seekers, seeker_ids = read_records(args.seekers, stdin, seeker_from_record)
    jobs, job_ids = read_records(args.jobs, stdin, job_from_record)
    if not jobs:
        return [json.dumps({"seeker": seeker_ids[s.id], "jobs": []}, ensure_ascii=False)
                for s in seekers]  # fmt: skip
    index = JobIndex.build(jobs)
    lines = []
    for seeker_id, matches in index.top_jobs_many(seekers, args.top):
        found = [
            {
                "id": job_ids[m.job_id],
                "score": round(m.score, 4),
                "matched": list(m.matched),
                "missing": list(m.missing),
            }
            for m in matches
        ]
        lines.append(
            json.dumps({"seeker": seeker_ids[seeker_id], "jobs": found}, ensure_ascii=False)
        )
    return lines
