"""The batch tools behind the ``zhijiang`` command. They read files and write JSON Lines
without a database. Bad input stops the run with one line naming the file and line, and
nothing is written to standard output."""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Callable, Sequence
from typing import BinaryIO

from zhijiang.cli.io import BatchInputError

Tool = Callable[[Sequence[str], BinaryIO], list[str]]

# (command words) → "module:function"; a tool's module, and what it needs, is imported only
# when that tool runs, so `zhijiang migrate` does not pay for numpy or jieba.
COMMANDS: dict[tuple[str, ...], str] = {
    ("skills", "extract"): "zhijiang.cli.skills:skills_extract",
    ("occupations", "normalize"): "zhijiang.cli.occupations:occupations_normalize",
    ("match",): "zhijiang.cli.match:match",
    ("irt", "calibrate"): "zhijiang.cli.irt:irt_calibrate",
    ("credentials", "verify"): "zhijiang.cli.credentials:credentials_verify",
}


def tool(words: tuple[str, ...]) -> Tool:
    """The function that runs the batch tool named by ``words``."""
    module, _, function = COMMANDS[words].partition(":")
    found: Tool = getattr(importlib.import_module(module), function)
    return found


def run(argv: Sequence[str]) -> int | None:
    """Run a batch tool if ``argv`` names one and return its exit status; None when ``argv``
    is a Django command. Output is written only once the whole input has been read."""
    words = next((w for w in (tuple(argv[:2]), tuple(argv[:1])) if w in COMMANDS), None)
    if words is None:
        return None
    command = tool(words)
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
