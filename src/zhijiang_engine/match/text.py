"""Text similarity: Chinese segmented with jieba, English by words, TF-IDF hashed into a
fixed number of buckets so a text becomes a short dense vector (cosine = dot product)."""

from __future__ import annotations

import math
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import jieba
import numpy as np
import numpy.typing as npt

_RUN = re.compile(r"[\u4e00-\u9fff]+|[a-z0-9][a-z0-9+#]*(?:\.[a-z0-9]+)*")
_STOP = frozenset(
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in",
        "is", "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "will",
        "with", "you", "your", "we", "our", "us", "they", "their", "he", "she", "i", "my", "me",
        "not", "but", "if", "all", "any", "can", "do", "etc", "per", "who", "what", "which",
        "other", "such", "may", "more", "also", "must", "able", "well",
    }
)  # fmt: skip
_ZH_STOP = frozenset(
    {
        "的", "了", "和", "与", "及", "或", "等", "在", "是", "有", "对", "为", "并", "能", "会",
        "将", "以", "从", "中", "上", "下", "具有", "相关", "工作",
    }
)  # fmt: skip


def _stem(word: str) -> str:
    """A light English suffix strip so "developer", "developing" and "developed" meet."""
    for suffix in ("ing", "ers", "er", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def tokenize(text: str) -> list[str]:
    """Words of a Chinese/English text: jieba words for Chinese runs, stemmed English words."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    tokens: list[str] = []
    for run in _RUN.findall(folded):
        if "\u4e00" <= run[0] <= "\u9fff":
            words = jieba.lcut(run, HMM=False) if len(run) > 1 else [run]
            tokens.extend(w for w in words if w not in _ZH_STOP)
        elif run not in _STOP and not run.isdigit():
            tokens.append(_stem(run))
    return tokens


@dataclass(frozen=True, slots=True)
class TextModel:
    """Inverse document frequencies and hash buckets of the words seen when fitting; words
    never seen cannot match and are left out of both sides."""

    idf: Mapping[str, float]
    buckets: Mapping[str, int]
    dimensions: int

    @classmethod
    def fit(cls, texts: Iterable[str], *, dimensions: int = 256) -> TextModel:
        """Fit on the job texts (the documents being searched), BM25-style smoothed IDF."""
        if dimensions < 1:
            raise ValueError("dimensions must be positive")
        frequency: Counter[str] = Counter()
        count = 0
        for text in texts:
            frequency.update(set(tokenize(text)))
            count += 1
        idf = {w: math.log(1 + (count - df + 0.5) / (df + 0.5)) for w, df in frequency.items()}
        buckets = {w: zlib.crc32(w.encode()) % dimensions for w in idf}
        return cls(idf=idf, buckets=buckets, dimensions=dimensions)

    def vector(self, text: str) -> npt.NDArray[np.float32]:
        """Unit-length hashed TF-IDF vector of ``text`` (zeros if no known word)."""
        out = np.zeros(self.dimensions, dtype=np.float64)
        for word, tf in Counter(tokenize(text)).items():
            idf = self.idf.get(word)
            if idf is not None:
                out[self.buckets[word]] += (1.0 + math.log(tf)) * idf
        norm = float(np.linalg.norm(out))
        if norm > 0:
            out /= norm
        return out.astype(np.float32)
