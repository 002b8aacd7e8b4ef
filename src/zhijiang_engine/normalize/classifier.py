"""A softmax regression from title tokens to occupation codes, learned from labelled titles.

The word–code counts of the re-ranker say how often a token went with a code; this model
learns how much each token should count (高薪 and 急招 barely, 催收 a lot) by fitting all
tokens of a title together. Its probability of a code is one more re-ranker feature.

Stored are a weight per (token, code) pair whose size reaches ``PRUNE_BELOW`` and a bias per
code, never a title; its vocabulary is the re-ranker's token statistics, so a token that is a
whole title is only there when two or more titles have it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]
from scipy.optimize import minimize  # type: ignore[import-untyped]

from zhijiang_engine.normalize.index import FloatArray

PRUNE_BELOW = 0.05  # smaller weights are dropped from the stored model
MAX_ITERATIONS = 300


@dataclass(frozen=True)
class TitleClassifier:
    codes: tuple[str, ...]  # the classes: codes that answered at least one training title
    bias: FloatArray  # per code
    weights: Mapping[str, Mapping[int, float]]  # vocabulary token → code position → weight

    def probabilities(self, tokens: frozenset[str]) -> dict[str, float]:
        """P(code | title tokens) for every class (the softmax over codes)."""
        if not self.codes:
            return {}
        logits = self.bias.copy()
        known = [self.weights[t] for t in sorted(tokens) if t in self.weights]
        scale = 1.0 / np.sqrt(len(known)) if known else 0.0
        for row in known:
            for position, weight in row.items():
                logits[position] += weight * scale
        exp = np.exp(logits - logits.max())
        exp /= exp.sum()
        return dict(zip(self.codes, exp.tolist(), strict=True))

    def to_payload(self) -> dict[str, object]:
        return {
            "codes": list(self.codes),
            "bias": [round(float(b), 5) for b in self.bias],
            "weights": {
                token: {str(p): round(w, 4) for p, w in sorted(row.items())}
                for token, row in sorted(self.weights.items())
            },
        }


def classifier_from_payload(payload: Mapping[str, object]) -> TitleClassifier:
    codes = payload.get("codes", [])
    bias = payload.get("bias", [])
    weights = payload.get("weights", {})
    if not (isinstance(codes, list) and isinstance(bias, list) and isinstance(weights, dict)):
        raise ValueError("title classifier: codes, bias and weights must be lists and a map")
    if len(codes) != len(bias):
        raise ValueError("title classifier: one bias per code is needed")
    return TitleClassifier(
        codes=tuple(str(c) for c in codes),
        bias=np.asarray(bias, dtype=np.float64),
        weights={
            str(token): {int(p): float(w) for p, w in row.items()} for token, row in weights.items()
        },
    )


def empty_classifier() -> TitleClassifier:
    return TitleClassifier((), np.zeros(0), {})


def fit_title_classifier(
    titles: Sequence[frozenset[str]],
    answers: Sequence[str],
    vocabulary: Sequence[str],
    *,
    l2: float,
) -> TitleClassifier:
    """Fit by L-BFGS on the penalised log-likelihood; tokens outside ``vocabulary`` are ignored.
    Each title's token vector has unit length, as in ``TitleClassifier.probabilities``."""
    if not titles:
        return empty_classifier()
    codes = tuple(sorted(set(answers)))
    position = {code: i for i, code in enumerate(codes)}
    column = {token: i for i, token in enumerate(sorted(set(vocabulary)))}
    x = _token_matrix(titles, column)
    y = np.array([position[a] for a in answers])
    n_tokens, n_codes = len(column), len(codes)
    target = np.zeros((len(titles), n_codes))
    target[np.arange(len(titles)), y] = 1.0

    def loss(flat: FloatArray) -> tuple[float, FloatArray]:
        w = flat[: n_tokens * n_codes].reshape(n_tokens, n_codes)
        b = flat[n_tokens * n_codes :]
        logits = x @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        probability = exp / exp.sum(axis=1, keepdims=True)
        value = -float(np.log(probability[np.arange(len(y)), y] + 1e-12).sum())
        residual = probability - target
        gradient_w = np.asarray(x.T @ residual) + l2 * w
        value += l2 * float((w * w).sum()) / 2
        return value, np.concatenate([gradient_w.ravel(), residual.sum(axis=0)])

    result = minimize(
        loss,
        np.zeros(n_tokens * n_codes + n_codes),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": MAX_ITERATIONS},
    )
    w = result.x[: n_tokens * n_codes].reshape(n_tokens, n_codes)
    # Every vocabulary token keeps its row, even when pruned empty: it still counts in the
    # title's length normalisation, as it did while fitting.
    weights = {
        token: {int(p): float(w[row, p]) for p in np.flatnonzero(np.abs(w[row]) >= PRUNE_BELOW)}
        for token, row in column.items()
    }
    return TitleClassifier(codes, result.x[n_tokens * n_codes :].copy(), weights)


def _token_matrix(titles: Sequence[frozenset[str]], column: Mapping[str, int]) -> sp.csr_matrix:
    rows: list[int] = []
    columns: list[int] = []
    values: list[float] = []
    for i, tokens in enumerate(titles):
        known = [column[t] for t in sorted(tokens) if t in column]
        for j in known:
            rows.append(i)
            columns.append(j)
            values.append(1.0 / np.sqrt(len(known)))
    return sp.csr_matrix((values, (rows, columns)), shape=(len(titles), len(column)))


def out_of_fold_probabilities(
    titles: Sequence[frozenset[str]],
    answers: Sequence[str],
    vocabulary: Sequence[str],
    *,
    l2: float,
    folds: int = 5,
) -> list[dict[str, float]]:
    """Each title's probabilities from a classifier fitted on the other folds (titles cut in
    order, every ``folds``-th title to the same fold), for fitting the re-ranker on features
    that look like those of unseen titles."""
    fold_of = np.arange(len(titles)) % folds
    result: list[dict[str, float]] = [{} for _ in titles]
    for fold in range(folds):
        train = np.flatnonzero(fold_of != fold).tolist()
        model = fit_title_classifier(
            [titles[i] for i in train], [answers[i] for i in train], vocabulary, l2=l2
        )
        for i in np.flatnonzero(fold_of == fold).tolist():
            result[i] = model.probabilities(titles[i])
    return result
