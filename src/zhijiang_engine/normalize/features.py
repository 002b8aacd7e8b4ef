"""Candidate occupations for cleaned titles, and the features a re-ranker scores them by."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]

from zhijiang_engine.normalize.index import FloatArray, IntArray, OccupationIndex

FEATURE_NAMES = (
    "char_best",  # best character n-gram cosine between the title and a name or alias
    "char_relative",  # the same, divided by the title's best over all occupations
    "char_name",  # cosine with the occupation's own name
    "title_bm25_relative",  # BM25 of jieba words over names+aliases, relative to the best
    "title_bm25_log",
    "text_bm25_relative",  # BM25 over definition and tasks, relative to the best
    "text_bm25_log",
    "exact_name",  # the cleaned title is the occupation's official name
    "exact_alias",  # the cleaned title equals a name or alias
    "alias_in_title",  # longest name/alias inside the title, as a share of the title
    "alias_is_suffix",  # longest name/alias that ends the title (the head noun), as a share
    "title_in_alias",  # the title is part of a name or alias
    "common_suffix",  # characters shared at the end with a name or alias (up to 4), / 4
    "is_group_code",  # a code ending in -00: a 小类 or 中类 as a whole
    "is_major_or_middle",  # 大类 or 中类
    "group_char_best",  # best char_best in the occupation's 小类
    "group_bm25_relative",  # best title_bm25_relative in the occupation's 小类
    "char_rank_inverse",  # 1 / (1 + rank by char_best)
    "bm25_rank_inverse",  # 1 / (1 + rank by title BM25)
)
CHAR_POOL, TITLE_POOL, TEXT_POOL, GROUP_POOL = 30, 20, 10, 10


@dataclass(frozen=True)
class CandidateSet:
    """One title's candidate occupations (indices into the index) and their feature rows."""

    occupations: IntArray
    features: FloatArray


@dataclass(frozen=True)
class _Scores:
    char: FloatArray  # occupations
    name: FloatArray
    title: FloatArray
    text: FloatArray


def batch_scores(
    index: OccupationIndex, texts: Sequence[str], words: Sequence[Sequence[str]]
) -> list[_Scores]:
    """Retrieval scores of every occupation for each cleaned title, computed as a batch."""
    queries = index.gram_vectors(texts)
    by_string = np.asarray((queries @ index.string_grams.T).todense())
    by_occupation = np.maximum.reduceat(by_string, index.string_starts, axis=1)
    by_name = by_string[:, index.string_starts]
    word_rows = sp.vstack([index.word_vector(w) for w in words], format="csr")
    title = np.asarray((word_rows @ index.title_bm25).todense())
    text = np.asarray((word_rows @ index.text_bm25).todense())
    return [_Scores(by_occupation[i], by_name[i], title[i], text[i]) for i in range(len(texts))]


def _top(values: FloatArray, count: int) -> IntArray:
    positive = int(np.count_nonzero(values > 0))
    count = min(count, positive)
    if count == 0:
        return np.zeros(0, dtype=np.int64)
    top = np.argpartition(-values, count - 1)[:count]
    return top.astype(np.int64)


def _ranks(values: FloatArray) -> FloatArray:
    order = np.argsort(-values, kind="stable")
    ranks = np.empty(len(values))
    ranks[order] = np.arange(len(values))
    return ranks


def _group_best(index: OccupationIndex, values: FloatArray) -> FloatArray:
    best = np.zeros(len(values))
    np.maximum.at(best, index.group_of, values)
    return best[index.group_of]


def _string_features(index: OccupationIndex, occupation: int, text: str) -> list[float]:
    start = int(index.string_starts[occupation])
    stop = (
        int(index.string_starts[occupation + 1])
        if occupation + 1 < len(index.string_starts)
        else len(index.strings)
    )
    compact = text.replace(" ", "")
    exact_name = float(index.strings[start].replace(" ", "") == compact)
    exact = inside = suffix = contains = common = 0.0
    for string in index.strings[start:stop]:
        plain = string.replace(" ", "")
        exact = max(exact, float(plain == compact))
        if len(plain) >= 2 and plain in compact:
            inside = max(inside, len(plain) / len(compact))
            if compact.endswith(plain):
                suffix = max(suffix, len(plain) / len(compact))
        if len(compact) >= 2 and compact in plain:
            contains = 1.0
        shared = 0
        while shared < 4 and shared < min(len(plain), len(compact)):
            if plain[-1 - shared] != compact[-1 - shared]:
                break
            shared += 1
        common = max(common, shared / 4)
    return [exact_name, exact, inside, suffix, contains, common]


def candidate_set(
    index: OccupationIndex, text: str, scores: _Scores, extra: IntArray
) -> CandidateSet:
    """Pool the top occupations of each retriever (and their 小类) with ``extra`` ones, then
    describe each."""
    pooled = np.concatenate(
        [
            _top(scores.char, CHAR_POOL),
            _top(scores.title, TITLE_POOL),
            _top(scores.text, TEXT_POOL),
            extra,
        ]
    )
    groups = index.group_of[_top(scores.char + scores.title / 10, GROUP_POOL)]
    occupations = np.unique(np.concatenate([pooled, groups]))
    if len(occupations) == 0:
        return CandidateSet(occupations, np.zeros((0, len(FEATURE_NAMES))))
    char_max = max(float(scores.char.max()), 1e-9)
    title_max = max(float(scores.title.max()), 1e-9)
    text_max = max(float(scores.text.max()), 1e-9)
    group_char = _group_best(index, scores.char)
    group_title = _group_best(index, scores.title / title_max)
    char_ranks, title_ranks = _ranks(scores.char), _ranks(scores.title)
    rows = []
    for occupation in occupations.tolist():
        code = index.codes[occupation]
        rows.append(
            [
                scores.char[occupation],
                scores.char[occupation] / char_max,
                scores.name[occupation],
                scores.title[occupation] / title_max,
                np.log1p(scores.title[occupation]),
                scores.text[occupation] / text_max,
                np.log1p(scores.text[occupation]),
                *_string_features(index, occupation, text),
                float(code.endswith("-00")),
                float(index.levels[occupation] <= 2),
                group_char[occupation],
                group_title[occupation],
                1.0 / (1.0 + char_ranks[occupation]),
                1.0 / (1.0 + title_ranks[occupation]) if scores.title[occupation] > 0 else 0.0,
            ]
        )
    return CandidateSet(occupations, np.asarray(rows, dtype=np.float64))
