"""The lexical index of a taxonomy: character n-gram TF-IDF over names and aliases, and BM25
over jieba words of names+aliases and of definitions+tasks. Built once, cached on disk.

Arrays only (no pickles), so a cache file can be read back without trusting code in it.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp  # type: ignore[import-untyped]

from zhijiang_engine.normalize.cleaning import clean_title, to_simplified
from zhijiang_engine.taxonomy import OccupationRecord

INDEX_VERSION = "normalize-index-4"
NGRAM_SIZES = (1, 2, 3)
BM25_K1, BM25_B = 1.2, 0.75
_WORD = re.compile(r"[a-z0-9+#.]+|[\u4e00-\u9fff]+")

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def char_ngrams(text: str) -> list[str]:
    """Character 1–3-grams of each space-separated part (n-grams never span a separator)."""
    grams: list[str] = []
    for part in text.split():
        for size in NGRAM_SIZES:
            grams.extend(part[i : i + size] for i in range(len(part) - size + 1))
    return grams


def taxonomy_fingerprint(records: Sequence[OccupationRecord]) -> str:
    """A hash of everything the index reads from the taxonomy, plus the index version."""
    digest = hashlib.sha256(INDEX_VERSION.encode())
    for record in records:
        fields = [record.code, record.name, record.definition, *record.tasks, "|", *record.aliases]
        digest.update("\x1f".join(fields).encode("utf-8") + b"\x1e")
    return digest.hexdigest()[:24]


def match_strings(record: OccupationRecord) -> list[str]:
    """The cleaned name and aliases of an occupation, plus the parts of ``"经理/主管"`` aliases."""
    found: list[str] = []
    for raw in (record.name, *record.aliases):
        for text in (raw, *raw.split("/")):
            cleaned = clean_title(text)
            if cleaned and cleaned not in found:
                found.append(cleaned)
    return found or [record.name]


@dataclass(frozen=True)
class OccupationIndex:
    fingerprint: str
    codes: tuple[str, ...]
    names: tuple[str, ...]
    levels: IntArray  # 1–4 per occupation
    group_of: IntArray  # index of the occupation's 小类 (code X-XX-XX-00), itself if none
    strings: tuple[str, ...]  # names and aliases, grouped by owner in occupation order
    string_starts: IntArray  # first string of each occupation (for np.maximum.reduceat)
    gram_vocabulary: dict[str, int]
    gram_idf: FloatArray
    string_grams: sp.csr_matrix  # strings × grams, TF-IDF rows of unit length
    word_vocabulary: dict[str, int]
    title_bm25: sp.csr_matrix  # words × occupations, BM25 weight of names+aliases
    text_bm25: sp.csr_matrix  # words × occupations, BM25 weight of definition+tasks

    def gram_vectors(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Unit-length TF-IDF rows for cleaned texts (unknown n-grams are ignored)."""
        return _tfidf_rows(
            [char_ngrams(text) for text in texts], self.gram_vocabulary, self.gram_idf
        )

    def word_vector(self, words: Iterable[str]) -> sp.csr_matrix:
        columns = sorted({self.word_vocabulary[w] for w in words if w in self.word_vocabulary})
        data = np.ones(len(columns))
        return sp.csr_matrix(
            (data, (np.zeros(len(columns), dtype=np.int64), columns)),
            shape=(1, len(self.word_vocabulary)),
        )


def _tfidf_rows(
    documents: Sequence[Sequence[str]], vocabulary: dict[str, int], idf: FloatArray
) -> sp.csr_matrix:
    rows: list[int] = []
    columns: list[int] = []
    values: list[float] = []
    for row, grams in enumerate(documents):
        counts = Counter(vocabulary[g] for g in grams if g in vocabulary)
        for column, count in counts.items():
            rows.append(row)
            columns.append(column)
            values.append((1.0 + math.log(count)) * float(idf[column]))
    matrix = sp.csr_matrix((values, (rows, columns)), shape=(len(documents), len(vocabulary)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ matrix)


def _bm25(documents: Sequence[Sequence[str]], vocabulary: dict[str, int]) -> sp.csr_matrix:
    """Words × documents matrix of BM25 term weights; a query's score is a column sum."""
    lengths = np.array([len(doc) for doc in documents], dtype=np.float64)
    average = float(lengths.mean()) or 1.0
    frequency = Counter(word for doc in documents for word in set(doc))
    n_docs = len(documents)
    rows, columns, values = [], [], []
    for column, doc in enumerate(documents):
        norm = BM25_K1 * (1 - BM25_B + BM25_B * lengths[column] / average)
        for word, count in Counter(doc).items():
            idf = math.log(1 + (n_docs - frequency[word] + 0.5) / (frequency[word] + 0.5))
            rows.append(vocabulary[word])
            columns.append(column)
            values.append(idf * count * (BM25_K1 + 1) / (count + norm))
    return sp.csr_matrix((values, (rows, columns)), shape=(len(vocabulary), n_docs))


def build_index(
    records: Sequence[OccupationRecord], words_of: Callable[[str], list[str]]
) -> OccupationIndex:
    """Index a taxonomy; ``words_of`` segments cleaned text into words (jieba in practice)."""
    codes = tuple(r.code for r in records)
    position = {code: i for i, code in enumerate(codes)}
    group_of = np.array(
        [position.get(code[:7] + "-00", i) for i, code in enumerate(codes)], dtype=np.int64
    )
    owner_strings = [match_strings(r) for r in records]
    strings = tuple(s for group in owner_strings for s in group)
    starts = np.cumsum([0, *(len(group) for group in owner_strings[:-1])]).astype(np.int64)

    string_grams = [char_ngrams(s) for s in strings]
    gram_vocabulary = {g: i for i, g in enumerate(sorted({g for gs in string_grams for g in gs}))}
    document_frequency = np.zeros(len(gram_vocabulary))
    for grams in string_grams:
        for g in set(grams):
            document_frequency[gram_vocabulary[g]] += 1
    gram_idf = np.log((1 + len(strings)) / (1 + document_frequency)) + 1.0

    title_docs = [[w for s in group for w in words_of(s)] for group in owner_strings]
    text_docs = [words_of(to_simplified(" ".join((r.definition, *r.tasks)))) for r in records]
    words = sorted({w for doc in (*title_docs, *text_docs) for w in doc})
    word_vocabulary = {w: i for i, w in enumerate(words)}
    return OccupationIndex(
        fingerprint=taxonomy_fingerprint(records),
        codes=codes,
        names=tuple(r.name for r in records),
        levels=np.array([r.level for r in records], dtype=np.int64),
        group_of=group_of,
        strings=strings,
        string_starts=starts,
        gram_vocabulary=gram_vocabulary,
        gram_idf=gram_idf,
        string_grams=_tfidf_rows(string_grams, gram_vocabulary, gram_idf),
        word_vocabulary=word_vocabulary,
        title_bm25=_bm25(title_docs, word_vocabulary),
        text_bm25=_bm25(text_docs, word_vocabulary),
    )


def words_in(text: str) -> list[str]:
    """Runs of Latin letters/digits and of CJK characters (before word segmentation)."""
    return _WORD.findall(text)
