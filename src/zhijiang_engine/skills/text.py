"""Offset-keeping normalisation and tokenisation shared by patterns and texts.

Text is folded with NFKC (full-width → half-width) and ``casefold``; every folded character
remembers the offset of the original character it came from, so spans always point into the
caller's text. Tokens are: runs of Latin letters/digits (with a trailing ``++``/``#`` as in
``C++``, ``C#``; a single ``+`` as in "Spring+MyBatis" is punctuation), single CJK characters,
and single punctuation marks. Whitespace, ``-``, ``_`` and ``·`` separate tokens but are not
tokens, so "Spring Boot", "Spring-Boot" and "spring  boot" are the same token sequence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

LATIN = 1
CJK = 2
PUNCT = 3

_TOKEN = re.compile(
    r"(?P<latin>[0-9a-z\u00df-\u024f]+(?:\+\+|#)?)"
    r"|(?P<cjk>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])"
    r"|(?P<skip>[\s\-_\u00b7\u30fb]+)"
    r"|(?P<punct>.)",
    re.DOTALL,
)
_VERSION = re.compile(r"^([a-z][a-z]{2,}?)[0-9]+$")


@dataclass(frozen=True, slots=True)
class Token:
    """A token of folded text; ``start``/``end`` are offsets in the ORIGINAL text."""

    text: str
    kind: int
    start: int
    end: int
    upper: bool
    """The original surface has an upper-case letter (``Go`` rather than ``go``)."""

    @property
    def unversioned(self) -> str:
        """``python3`` → ``python``, ``vue3`` → ``vue``; ``""`` when there is no version suffix."""
        if self.kind != LATIN:
            return ""
        found = _VERSION.match(self.text)
        return found.group(1) if found else ""


def fold(text: str) -> tuple[str, list[int] | None]:
    """The folded text and, when lengths differ, the original offset of every folded char.

    ``None`` means the folding kept a one-to-one alignment (the common case)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    if len(folded) == len(text):
        return folded, None
    pieces: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        piece = unicodedata.normalize("NFKC", char).casefold()
        pieces.append(piece)
        offsets.extend([index] * len(piece))
    return "".join(pieces), offsets


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` with offsets into ``text`` itself."""
    folded, offsets = fold(text)
    tokens: list[Token] = []
    for found in _TOKEN.finditer(folded):
        group = found.lastgroup
        if group == "skip":
            continue
        kind = LATIN if group == "latin" else CJK if group == "cjk" else PUNCT
        start, end = found.span()
        if offsets is not None:
            start, end = offsets[start], offsets[end - 1] + 1
        surface = text[start:end]
        tokens.append(
            Token(found.group(), kind, start, end, kind == LATIN and not surface.islower())
        )
    return tokens


def is_cjk(char: str) -> bool:
    return bool(char) and (
        "\u3400" <= char <= "\u4dbf" or "\u4e00" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"
    )
