"""The normalised key under which skills from different sources are merged."""

from __future__ import annotations

import re
import unicodedata

_QUALIFIER = re.compile(r"\s*[(（][^)）]*[)）]\s*$")
_PUNCT = re.compile(r"[^\w\s+#.]")
_SPACE = re.compile(r"\s+")


def skill_key(label: str) -> str:
    """``"Python (computer programming)"`` and ``"python"`` share the key ``"python"``;
    ``C++``, ``C#`` and ``.NET`` survive; full-width forms are folded."""
    text = unicodedata.normalize("NFKC", label).casefold().strip()
    text = _QUALIFIER.sub("", text)
    text = _PUNCT.sub(" ", text)
    return _SPACE.sub(" ", text).strip()
