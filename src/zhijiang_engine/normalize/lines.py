"""The CLI's line protocol: one title per line in, one JSON object per line out.

Every input line gives exactly one output line, so outputs can be zipped with inputs:
``{"title": "…", "candidates": [{"code": "…", "name": "…", "score": 0.93}, …]}``. A line with
no usable words (empty, punctuation only, longer than ``MAX_TITLE_CHARS``) has
``"candidates": []``; a line that is not UTF-8 or too long also has an ``"error"``, and a
too-long title is echoed only up to ``MAX_TITLE_CHARS``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from zhijiang_engine.normalize.cleaning import MAX_TITLE_CHARS
from zhijiang_engine.normalize.normalizer import TitleNormalizer

_BATCH = 512


def _decoded(line: str | bytes) -> tuple[str, str | None]:
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError:
            return "", "not UTF-8 text"
    title = line.rstrip("\r\n")
    if len(title) > MAX_TITLE_CHARS:
        return title[:MAX_TITLE_CHARS], f"longer than {MAX_TITLE_CHARS} characters"
    return title, None


def normalize_jsonl(
    lines: Iterable[str | bytes], normalizer: TitleNormalizer, *, top_k: int = 5
) -> Iterator[str]:
    """JSON lines for titles, in input order, batched for speed."""
    batch: list[tuple[str, str | None]] = []
    for line in lines:
        batch.append(_decoded(line))
        if len(batch) == _BATCH:
            yield from _answer(batch, normalizer, top_k)
            batch = []
    yield from _answer(batch, normalizer, top_k)


def _answer(
    batch: list[tuple[str, str | None]], normalizer: TitleNormalizer, top_k: int
) -> Iterator[str]:
    titles = [title if error is None else "" for title, error in batch]
    ranked = normalizer.normalize_many(titles, top_k)
    for (title, error), candidates in zip(batch, ranked, strict=True):
        payload: dict[str, object] = {
            "title": title,
            "candidates": [{"code": c.code, "name": c.name, "score": c.score} for c in candidates],
        }
        if error is not None:
            payload["error"] = error
        yield json.dumps(payload, ensure_ascii=False)
