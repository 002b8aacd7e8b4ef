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
    """The indexed side, transposed for products. Jobs are ordered by how many hard
    requirements they have (none, one, several) so each filter works on a contiguous block:
    a job with one requirement is met when the seeker has that one key (a column lookup), one
    with several by a sparse product and the job's count. ``order[i]`` is the caller's row of
    our row ``i`` and ``position`` the inverse."""

    index: Stacked
    sparse_t: Any
    hard_t: Any  # the hard features of the jobs with several requirements (all, for seekers)
    first_hard: int
    first_multi: int
    single_key: IntArray  # the hard column of each job with exactly one requirement
    index_is_jobs: bool
    order: IntArray
    position: IntArray

    @classmethod
    def of(cls, index: Stacked, *, index_is_jobs: bool) -> Scorer:
        order = np.arange(index.dense.shape[0], dtype=np.int64)
        first_hard = first_multi = 0
        single_key = np.zeros(0, dtype=np.int64)
        if index_is_jobs:
            count = index.hard_count
            order = np.lexsort((count > 1, count > 0)).astype(np.int64)  # stable
            index = index.rows(order)
            first_hard = int(np.count_nonzero(index.hard_count == 0))
            first_multi = first_hard + int(np.count_nonzero(index.hard_count == 1))
            single_key = index.hard.indices[index.hard.indptr[first_hard:first_multi]]
            single_key = single_key.astype(np.int64)
        hard_t = index.hard.T.tocsr()[:, first_multi:]
        position = np.empty_like(order)
        position[order] = np.arange(order.size)
        return cls(
            index, index.sparse.T.tocsr(), hard_t, first_hard, first_multi, single_key,
            index_is_jobs, order, position,
        )  # fmt: skip

    @property
    def size(self) -> int:
        return int(self.index.dense.shape[0])

    def scores(
        self, query: Stacked, start: int = 0, stop: int | None = None, out: FloatArray | None = None
    ) -> FloatArray:
        """Scores of query rows [start, stop) against every indexed row (in our order); -inf
        where a hard requirement is unmet. ``out``, when given, is written and returned
        (reusing one buffer spares the page faults of a fresh large array per chunk)."""
        stop = query.dense.shape[0] if stop is None else stop
        out = np.matmul(query.dense[start:stop], self.index.dense.T, out=out)
        product = (query.sparse[start:stop] @ self.sparse_t).tocsr()
        if product.nnz:
            # A sparse product holds each (row, column) once (its rows are accumulated), so
            # one flat fancy-indexed add is exact; it is 2-3 times faster than 2-D indexing.
            widths = np.arange(stop - start, dtype=np.int64) * out.shape[1]
            flat = np.repeat(widths, np.diff(product.indptr)) + product.indices
            out.reshape(-1)[flat] += product.data.astype(np.float32, copy=False)
        self._filter(out, query, start, stop)
        return out

    def _filter(self, out: FloatArray, query: Stacked, start: int, stop: int) -> None:
        if self.index_is_jobs:
            hard = query.hard[start:stop]
            if self.first_multi > self.first_hard:
                has = hard.toarray() > 0.5  # gather booleans: a quarter of the bytes of floats
                unmet = ~has[:, self.single_key]
                np.copyto(out[:, self.first_hard : self.first_multi], -np.inf, where=unmet)
            if self.first_multi < self.size:
                met = (hard @ self.hard_t).toarray()
                block = out[:, self.first_multi :]
                block[met < self.index.hard_count[self.first_multi :] - 0.5] = -np.inf
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
        buffer = np.empty((min(chunk, rows), self.size), dtype=np.float32)
        for start in range(0, rows, chunk):
            stop = min(rows, start + chunk)
            if self.size == 0 or k <= 0:
                for _ in range(start, stop):
                    yield np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
                continue
            scores_of_chunk = self.scores(query, start, stop, out=buffer[: stop - start])
            for best, scores in top_k_rows(scores_of_chunk, k):
                yield self.order[best], scores


GROUPS_OF = 16  # columns per group in the fast top-k


def top_k_rows(scores: FloatArray, k: int) -> Iterator[tuple[IntArray, FloatArray]]:
    """Per row, the k largest finite scores in descending order (ties: lower index first).

    Columns are taken in strided groups (column j, j + g, j + 2g, …); each group's maximum is
    one cheap vectorised pass, and the k best groups hold the k best scores, because the k-th
    largest group maximum is at most the k-th largest score. Only those k groups are sorted.
    Rows where that is not certain (another group or the leftover columns reach the bound, or
    fewer than k groups have a finite score) take the exact path of ``_top_k_by_partition``."""
    rows, width = scores.shape
    k = min(k, width)
    groups = width // GROUPS_OF
    if groups <= k or rows == 0:
        yield from _top_k_by_partition(scores, k)
        return
    body = scores[:, : groups * GROUPS_OF].reshape(rows, GROUPS_OF, groups)
    best_of_group = body.max(axis=1)
    bound = np.partition(best_of_group, groups - k, axis=1)[:, groups - k]
    reaching = best_of_group >= bound[:, None]
    unsure = (np.count_nonzero(reaching, axis=1) != k) | ~np.isfinite(bound)
    if width > groups * GROUPS_OF:
        unsure |= (scores[:, groups * GROUPS_OF :] >= bound[:, None]).any(axis=1)
    sure = np.flatnonzero(~unsure)
    # exactly k groups reach the bound in a sure row: nonzero lists them in column order
    chosen = np.nonzero(reaching[sure])[1].reshape(sure.size, k)
    steps = np.arange(GROUPS_OF, dtype=np.int64)[None, :, None] * groups
    candidates = (chosen[:, None, :] + steps).reshape(sure.size, GROUPS_OF * k)
    flat = sure[:, None] * width + candidates
    columns = _best_first(scores.reshape(-1)[flat], candidates)[:, :k]
    values = scores[sure[:, None], columns]
    results: list[tuple[IntArray, FloatArray]] = [(columns[i], values[i]) for i in range(sure.size)]
    exact = iter(_top_k_by_partition(scores[unsure], k))
    place = dict(zip(sure.tolist(), range(sure.size), strict=True))
    for row in range(rows):
        yield results[place[row]] if row in place else next(exact)


def _best_first(values: FloatArray, columns: IntArray) -> IntArray:
    """``columns`` of each row ordered by value, highest first, ties by lower column: one sort
    of int64 keys made of the float's order (its bits, made monotonic) and the column."""
    bits = (values + np.float32(0.0)).view(np.int32).astype(np.int64)  # -0.0 sorts as 0.0
    ordered = bits ^ ((bits >> 31) & 0x7FFFFFFF)  # increases with the float's value
    keys = ((0x7FFFFFFF - ordered) << 31) | columns  # columns < 2**31
    keys.sort(axis=1)
    return keys & 0x7FFFFFFF


def _top_k_by_partition(scores: FloatArray, k: int) -> Iterator[tuple[IntArray, FloatArray]]:
    """The exact top-k for any rows: the k-th largest value per row from ``np.partition``,
    then everything at or above it sorted, which is exact with ties."""
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
