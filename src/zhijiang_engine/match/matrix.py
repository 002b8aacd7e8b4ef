"""Encodings stacked into matrices, and the chunked score-filter-top-k loop over them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp  # type: ignore[import-untyped]

from zhijiang_engine.match.features import Encoding, FloatArray, Key
from zhijiang_engine.match.model import FACTORS

IntArray = npt.NDArray[np.int64]
CHUNK_BYTES = 256 * 1024 * 1024  # score chunk budget: rows × columns × 16 bytes stays below
HOT_SHARE = 0.01  # a key on at least 1% of indexed rows is scored densely
HOT_MAX = 64


@dataclass(frozen=True, slots=True)
class KeySpace:
    """Column numbers of the sparse keys seen on the indexed side (others can never match).

    Keys held by many indexed rows (an occupation's 大类, a big district) are "hot": they go
    into the dense block, because sparse products are only cheap while their output is sparse.
    """

    columns: dict[Key, int]
    factor_of_column: IntArray
    hot: dict[Key, int]
    factor_of_hot: IntArray

    @classmethod
    def of(cls, encodings: Sequence[Encoding], *, hard: bool = False) -> KeySpace:
        counts: dict[Key, int] = {}
        factor_of: dict[Key, int] = {}
        for enc in encodings:
            groups = [enc.hard] if hard else list(enc.sparse)
            for factor, values in enumerate(groups):
                for key in values:
                    counts[key] = counts.get(key, 0) + 1
                    factor_of.setdefault(key, factor)
        floor = max(2, int(HOT_SHARE * len(encodings)))
        ranked = sorted((k for k, c in counts.items() if c >= floor), key=lambda k: -counts[k])
        hot_keys = [] if hard else ranked[:HOT_MAX]
        hot = {key: i for i, key in enumerate(hot_keys)}
        cold = [key for key in counts if key not in hot]
        return cls(
            {key: i for i, key in enumerate(cold)},
            np.asarray([factor_of[k] for k in cold], dtype=np.int64),
            hot,
            np.asarray([factor_of[k] for k in hot_keys], dtype=np.int64),
        )


@dataclass(frozen=True, slots=True)
class Stacked:
    """Rows of encodings: dense block, sparse factor features, hard features, hard counts."""

    dense: FloatArray
    sparse: Any  # scipy.sparse.csr_matrix, rows × len(space)
    hard: Any
    hard_count: FloatArray

    @classmethod
    def of(cls, encodings: Sequence[Encoding], space: KeySpace, hard: KeySpace) -> Stacked:
        width = sum(len(block) for block in encodings[0].dense) if encodings else 0
        dense = np.zeros((len(encodings), width + len(space.hot)), dtype=np.float32)
        merged = [{k: v for block in enc.sparse for k, v in block.items()} for enc in encodings]
        for row, enc in enumerate(encodings):
            if width:
                dense[row, :width] = np.concatenate(enc.dense)
            for key, value in merged[row].items():
                column = space.hot.get(key)
                if column is not None:
                    dense[row, width + column] = value
        return cls(
            dense=dense,
            sparse=_csr(merged, space.columns),
            hard=_csr([enc.hard for enc in encodings], hard.columns),
            hard_count=np.asarray([enc.hard_count for enc in encodings], dtype=np.float32),
        )

    def rows(self, order: IntArray) -> Stacked:
        """The same rows in another order."""
        return Stacked(
            np.ascontiguousarray(self.dense[order]),
            self.sparse[order],
            self.hard[order],
            self.hard_count[order],
        )


def _csr(rows: Sequence[dict[Key, float]], columns: dict[Key, int]) -> Any:
    indptr, indices, data = [0], [], []
    for values in rows:
        for key, value in values.items():
            column = columns.get(key)
            if column is not None:
                indices.append(column)
                data.append(value)
        indptr.append(len(indices))
    return sp.csr_matrix(
        (np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int64), indptr),
        shape=(len(rows), len(columns)),
    )


@dataclass(frozen=True, slots=True)
class Scorer:
    """The indexed side, transposed for products. Jobs with hard requirements are moved to
    the end so their filter works on one contiguous block; ``order[i]`` is the caller's row
    of our row ``i`` and ``position`` the inverse. The filter always uses the job's count."""

    index: Stacked
    sparse_t: Any
    hard_t: Any
    first_hard: int
    index_is_jobs: bool
    order: IntArray
    position: IntArray

    @classmethod
    def of(cls, index: Stacked, *, index_is_jobs: bool) -> Scorer:
        order = np.arange(index.dense.shape[0], dtype=np.int64)
        first_hard = 0
        if index_is_jobs:
            order = np.argsort(index.hard_count > 0, kind="stable").astype(np.int64)
            index = index.rows(order)
            first_hard = int(np.count_nonzero(index.hard_count == 0))
        hard_t = index.hard.T.tocsr()[:, first_hard:]
        position = np.empty_like(order)
        position[order] = np.arange(order.size)
        return cls(
            index, index.sparse.T.tocsr(), hard_t, first_hard, index_is_jobs, order, position
        )

    @property
    def size(self) -> int:
        return int(self.index.dense.shape[0])

    def scores(self, query: Stacked, start: int = 0, stop: int | None = None) -> FloatArray:
        """Scores of query rows [start, stop) against every indexed row (in our order); -inf
        where a hard requirement is unmet."""
        stop = query.dense.shape[0] if stop is None else stop
        out: FloatArray = np.matmul(query.dense[start:stop], self.index.dense.T)
        product = (query.sparse[start:stop] @ self.sparse_t).tocsr()
        if product.nnz:
            product.sum_duplicates()
            rows = np.repeat(np.arange(stop - start), np.diff(product.indptr))
            out[rows, product.indices] += product.data.astype(np.float32)
        self._filter(out, query, start, stop)
        return out

    def _filter(self, out: FloatArray, query: Stacked, start: int, stop: int) -> None:
        if self.index_is_jobs:
            if self.first_hard == self.size:
                return
            met = (query.hard[start:stop] @ self.hard_t).toarray()
            block = out[:, self.first_hard :]
            block[met < self.index.hard_count[self.first_hard :] - 0.5] = -np.inf
            return
        counts = query.hard_count[start:stop]
        if not np.any(counts > 0):
            return
        met = (query.hard[start:stop] @ self.hard_t).toarray()
        out[met < counts[:, None] - 0.5] = -np.inf

    def top_k(
        self, query: Stacked, k: int, chunk_rows: int | None = None
    ) -> Iterator[tuple[IntArray, FloatArray]]:
        """Exact top-k per query row, best first: (indices, scores) chunk by chunk; excluded
        pairs are dropped, so a row may have fewer than k."""
        rows = query.dense.shape[0]
        chunk = chunk_rows or max(1, CHUNK_BYTES // max(16 * self.size, 1))
        for start in range(0, rows, chunk):
            stop = min(rows, start + chunk)
            if self.size == 0 or k <= 0:
                for _ in range(start, stop):
                    yield np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
                continue
            for best, scores in top_k_rows(self.scores(query, start, stop), k):
                yield self.order[best], scores


def top_k_rows(scores: FloatArray, k: int) -> Iterator[tuple[IntArray, FloatArray]]:
    """Per row, the k largest finite scores in descending order (ties: lower index first).

    The k-th largest value per row comes from ``np.partition`` (several times faster than
    ``argpartition``); everything at or above it is then sorted, which is exact with ties."""
    width = scores.shape[1]
    k = min(k, width)
    threshold = np.partition(scores, width - k, axis=1)[:, width - k]
    rows, columns = np.nonzero(scores >= threshold[:, None])
    values = scores[rows, columns]
    order = np.lexsort((columns, -values, rows))
    rows, columns, values = rows[order], columns[order], values[order]
    bounds = np.searchsorted(rows, np.arange(scores.shape[0] + 1))
    for row in range(scores.shape[0]):
        picked = slice(bounds[row], min(bounds[row + 1], bounds[row] + k))
        keep = np.isfinite(values[picked])
        yield columns[picked][keep].astype(np.int64), values[picked][keep]


def contributions(
    query: Stacked, row: int, index: Stacked, column: int, space: KeySpace, widths: Sequence[int]
) -> dict[str, float]:
    """Each factor's contribution to one pair's score, from the same matrices that ranked it
    (``column`` is a row of ``index`` as stored)."""
    product = query.dense[row].astype(np.float64) * index.dense[column]
    starts = np.concatenate([[0], np.cumsum(widths)[:-1]]).astype(np.int64)
    width = int(sum(widths))
    dense = np.add.reduceat(product[:width], starts) if width else np.zeros(len(FACTORS))
    dense[np.asarray(widths) == 0] = 0.0  # reduceat gives the next element for empty blocks
    hot = np.bincount(space.factor_of_hot, weights=product[width:], minlength=len(FACTORS))
    out = {name: float(dense[f] + hot[f]) for f, name in enumerate(FACTORS)}
    mine = _row(query.sparse, row)
    for col, value in _row(index.sparse, column).items():
        if col in mine:
            out[FACTORS[int(space.factor_of_column[col])]] += mine[col] * value
    return out


def _row(matrix: Any, row: int) -> dict[int, float]:
    """One CSR row as {column: value}, without scipy's per-row object overhead."""
    start, stop = int(matrix.indptr[row]), int(matrix.indptr[row + 1])
    return dict(
        zip(matrix.indices[start:stop].tolist(), matrix.data[start:stop].tolist(), strict=True)
    )
