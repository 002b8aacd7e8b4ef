"""``zhijiang irt calibrate``: item parameters from a CSV of scored responses, as one JSON document.

Input: UTF-8 CSV, one person per line, one item per column, cells 1 (right), 0 (wrong) or blank
(not answered). The first line is the header of item ids. When the first header cell is empty or
names a person column (``id``, ``person``, ``person_id``, ``examinee``, ``respondent``,
``learner``; any case), the first column holds person ids and is skipped. Blank lines at the end of
the file are ignored; any other line without a single answer is an error.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Sequence
from typing import BinaryIO

import numpy as np

from zhijiang.cli.io import BatchInputError, Line, read_lines, source_name

PERSON_COLUMNS = frozenset({"", "id", "person", "person_id", "examinee", "respondent", "learner"})


def irt_calibrate(argv: Sequence[str], stdin: BinaryIO) -> list[str]:
    """``zhijiang irt calibrate --responses FILE [--model 2pl|1pl]``: persons × items CSV of
    0/1/blank in; ``{"model", "persons", "converged", "iterations", "log_likelihood", "items":
    [{"item", "a", "b"}]}`` out."""
    from zhijiang_engine.irt import IrtModel, calibrate

    parser = argparse.ArgumentParser(prog="zhijiang irt calibrate", description=__doc__)
    parser.add_argument("--responses", required=True, help="CSV file, or - for standard input")
    parser.add_argument("--model", choices=[m.value for m in IrtModel], default="2pl")
    args = parser.parse_args(list(argv))
    item_ids, responses = read_response_csv(args.responses, stdin)
    result = calibrate(responses, model=args.model)
    document = {
        "model": result.model.value,
        "persons": result.persons,
        "converged": result.converged,
        "iterations": result.iterations,
        "log_likelihood": round(result.log_likelihood, 6),
        "items": [
            {"item": item, "a": round(float(a), 6), "b": round(float(b), 6)}
            for item, a, b in zip(item_ids, result.items.a, result.items.b, strict=True)
        ],
    }
    return [json.dumps(document, ensure_ascii=False, indent=2)]


def read_response_csv(name: str, stdin: BinaryIO) -> tuple[list[str], np.ndarray]:
    """Item ids and a persons × items float matrix (NaN = blank), checked as the module says."""
    source = source_name(name)
    lines = list(read_lines(name, stdin))
    while lines and not lines[-1].text.strip():
        lines.pop()
    if not lines:
        raise BatchInputError(f"{source}, line 1: the file is empty; expected a header of item ids")
    header_line = lines[0]
    header = _cells(header_line, header_line.text.removeprefix("\ufeff"))
    skip = 1 if header[0].strip().casefold() in PERSON_COLUMNS else 0
    item_ids = [cell.strip() for cell in header[skip:]]
    _check_header(header_line, item_ids)
    rows = [_row(line, item_ids, skip) for line in lines[1:]]
    if not rows:
        raise BatchInputError(f"{source}, line 2: no persons after the header")
    responses = np.array(rows, dtype=np.float64)
    unanswered = np.flatnonzero(np.isnan(responses).all(axis=0))
    if unanswered.size:
        column = int(unanswered[0])
        raise header_line.error(
            f"item {item_ids[column]!r} (column {column + skip + 1}) has no responses"
        )
    return item_ids, responses


def _check_header(header: Line, item_ids: list[str]) -> None:
    if len(item_ids) < 2:
        raise header.error(f"need at least 2 item columns to calibrate, found {len(item_ids)}")
    seen: set[str] = set()
    for position, item in enumerate(item_ids, 1):
        if not item:
            raise header.error(f"item column {position} has no id")
        if item in seen:
            raise header.error(f"item id {item!r} appears twice")
        seen.add(item)


def _cells(line: Line, text: str) -> list[str]:
    try:
        return next(csv.reader([text.rstrip("\r")]), [""])
    except csv.Error as error:  # e.g. a field over the csv module's 128 KiB limit
        raise line.error(f"invalid CSV ({error})") from None


def _row(line: Line, item_ids: list[str], skip: int) -> list[float]:
    cells = _cells(line, line.text)
    width = len(item_ids) + skip
    if len(cells) != width:
        raise line.error(f"{len(cells)} cells, but the header has {width}")
    values: list[float] = []
    for item, cell in zip(item_ids, cells[skip:], strict=True):
        value = cell.strip()
        if value not in ("0", "1", ""):
            raise line.error(f"item {item!r} has value {value!r}; expected 0, 1 or blank")
        values.append(float(value) if value else float("nan"))
    if all(np.isnan(values)):
        raise line.error("the person has no responses")
    return values
