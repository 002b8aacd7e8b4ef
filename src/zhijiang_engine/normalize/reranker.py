"""A linear re-ranker over candidate features, fitted as a conditional logit (softmax over each
title's candidates), so that its score reads as the probability that a candidate is the answer.

Besides the lexical features it learns, from labelled titles, how often each title token (a
jieba word or a character bigram) went with each code and 小类, and how often each code was
the answer. These are counts over tokens and codes; no labelled title is stored, and a token
that is a whole title is kept only when at least two titles have it, so that no single
labelled title can be looked up.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources

import numpy as np
from scipy.optimize import minimize  # type: ignore[import-untyped]

from zhijiang_engine.normalize.classifier import (
    TitleClassifier,
    classifier_from_payload,
    empty_classifier,
)
from zhijiang_engine.normalize.cleaning import has_cjk
from zhijiang_engine.normalize.features import FEATURE_NAMES
from zhijiang_engine.normalize.index import FloatArray

WEIGHTS_FILE = "reranker_weights.json"
LEARNED_FEATURES = (
    "code_prior",  # log(0.5 + how often the code was the answer in training)
    "token_code",  # mean over the title's tokens of P(code | token) in training
    "token_group",  # the same for the code's 小类
    "token_code_max",  # the largest P(code | token) over the title's tokens
    "classifier_log",  # log(1e-4 + P(code | all the title's tokens)) from the title classifier
    "classifier_probability",  # the same probability
    "classifier_group",  # the classifier's probability of the code's 小类
)
WEIGHT_FEATURES = (*FEATURE_NAMES, *LEARNED_FEATURES)
_EXACT_NAME = FEATURE_NAMES.index("exact_name")

# Used when no trained weights are given: lexical similarity, head-noun and alias hits.
_HAND_WEIGHTS = {
    "char_best": 4.0,
    "title_bm25_relative": 2.0,
    "exact_name": 3.0,
    "exact_alias": 3.0,
    "alias_is_suffix": 2.0,
    "common_suffix": 1.0,
    "group_char_best": 1.0,
}


def title_tokens(text: str, words: Iterable[str]) -> frozenset[str]:
    """A cleaned title's tokens for the learned features: its words and the bigrams of its
    Chinese characters. Latin words count whole only: their letter pairs ("#ea", "#er") tie
    every English title to whichever codes the few English training titles had."""
    compact = text.replace(" ", "")
    bigrams = {
        "#" + compact[i : i + 2]
        for i in range(len(compact) - 1)
        if has_cjk(compact[i]) and has_cjk(compact[i + 1])
    }
    return frozenset(words) | bigrams


@dataclass(frozen=True)
class TrainingTitle:
    features: FloatArray  # candidate rows, as features.candidate_set makes them
    codes: tuple[str, ...]  # candidate codes, same order
    tokens: frozenset[str]
    answer: str  # the labelled code
    # The title classifier's P(code) from a model that did not see this title (cross-fitted).
    probabilities: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class RerankerWeights:
    feature_names: tuple[str, ...]
    coefficients: tuple[float, ...]
    note: str = ""
    code_counts: Mapping[str, int] = field(default_factory=dict)  # answers per code
    token_codes: Mapping[str, Mapping[str, int]] = field(default_factory=dict)  # token → code → n
    classifier: TitleClassifier = field(default_factory=empty_classifier)

    def learned_columns(
        self,
        features: FloatArray,
        codes: Sequence[str],
        tokens: frozenset[str],
        own: str | None = None,
        probabilities: Mapping[str, float] | None = None,
    ) -> FloatArray:
        """The feature rows plus the columns learned from labelled titles.

        ``own`` is the labelled code of a title that is itself counted in these statistics
        (while fitting): its own contribution is left out, so that the columns look as they
        will for a title never seen, and the coefficients do not learn to trust memorised
        counts. For the same reason a training title brings ``probabilities`` from a
        classifier that did not see it; otherwise the shipped classifier gives them."""
        if not codes:
            return np.zeros((0, len(WEIGHT_FEATURES)))
        answers = np.array([self.code_counts.get(c, 0) - (c == own) for c in codes], dtype=float)
        prior = np.log(0.5 + answers)
        by_code = np.zeros(len(codes))
        by_group = np.zeros(len(codes))
        largest = np.zeros(len(codes))
        known = 0
        # Sorted, so that float sums do not depend on the process's string-hash seed.
        for token in sorted(tokens):
            counts = self._counts_without(token, own)
            total = sum(counts.values())
            if total == 0:
                continue
            known += 1
            groups = _group_totals(counts)
            share = np.array([counts.get(c, 0) for c in codes]) / total
            by_code += share
            by_group += np.array([groups.get(c[:7], 0) for c in codes]) / total
            largest = np.maximum(largest, share)
        scale = 1.0 / max(known, 1)
        if probabilities is None:
            probabilities = self.classifier.probabilities(tokens)
        groups_p = _group_totals(probabilities)
        classified = np.array([probabilities.get(c, 0.0) for c in codes])
        return np.column_stack(
            [
                features,
                prior,
                by_code * scale,
                by_group * scale,
                largest,
                np.log(1e-4 + classified),
                classified,
                np.array([groups_p.get(c[:7], 0.0) for c in codes]),
            ]
        )

    def _counts_without(self, token: str, own: str | None) -> Mapping[str, int]:
        counts = self.token_codes.get(token, {})
        if own is None or own not in counts:
            return counts
        return {code: n - (code == own) for code, n in counts.items() if n - (code == own) > 0}

    def suggested_codes(self, tokens: frozenset[str], limit: int) -> list[str]:
        """Codes the title's tokens went with most often in training (extra candidates)."""
        votes: defaultdict[str, float] = defaultdict(float)
        for token in sorted(tokens):
            counts = self.token_codes.get(token)
            if counts:
                total = sum(counts.values())
                for code, n in counts.items():
                    votes[code] += n / total
        return [code for code, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))][:limit]

    def score(
        self,
        features: FloatArray,
        codes: Sequence[str],
        tokens: frozenset[str],
        probabilities: Mapping[str, float] | None = None,
    ) -> FloatArray:
        """Softmax over the rows (one title's candidates) of the linear scores;
        ``probabilities`` are the classifier's for these tokens when already computed."""
        if features.shape[0] == 0:
            return np.zeros(0)
        columns = self.learned_columns(features, codes, tokens, probabilities=probabilities)
        logits = columns @ np.asarray(self.coefficients)
        weights = np.exp(logits - logits.max())
        probability = weights / weights.sum()
        # A title that is exactly an occupation's official name means that occupation,
        # whatever the noisy labels suggest: it gets at least half the probability mass.
        exact = features[:, _EXACT_NAME] > 0
        if exact.any():
            probability = (probability + exact / exact.sum()) / 2
        return np.asarray(probability, dtype=np.float64)

    def to_json(self) -> str:
        payload = {
            "feature_names": list(self.feature_names),
            "coefficients": [round(c, 6) for c in self.coefficients],
            "note": self.note,
            "code_counts": dict(sorted(self.code_counts.items())),
            "token_codes": {
                t: dict(sorted(c.items())) for t, c in sorted(self.token_codes.items())
            },
            "classifier": self.classifier.to_payload(),
        }
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n"


def weights_from_json(text: str) -> RerankerWeights:
    payload = json.loads(text)
    names = tuple(str(n) for n in payload["feature_names"])
    if names != WEIGHT_FEATURES:
        raise ValueError("re-ranker weights were trained for other features; retrain them")
    return RerankerWeights(
        feature_names=names,
        coefficients=tuple(float(c) for c in payload["coefficients"]),
        note=str(payload.get("note", "")),
        code_counts={str(c): int(n) for c, n in payload.get("code_counts", {}).items()},
        token_codes={
            str(t): {str(c): int(n) for c, n in counts.items()}
            for t, counts in payload.get("token_codes", {}).items()
        },
        classifier=classifier_from_payload(payload.get("classifier", {})),
    )


def _group_totals(by_code: Mapping[str, float]) -> dict[str, float]:
    """Sums per 小类 (the first three code segments) of values per code."""
    totals: defaultdict[str, float] = defaultdict(float)
    for code, value in by_code.items():
        totals[code[:7]] += value
    return totals


def hand_weights() -> RerankerWeights:
    return RerankerWeights(
        WEIGHT_FEATURES, tuple(_HAND_WEIGHTS.get(name, 0.0) for name in WEIGHT_FEATURES), "hand-set"
    )


def shipped_weights() -> RerankerWeights:
    """The weights trained by bench/train_title_reranker.py, shipped in this package."""
    text = resources.files(__package__).joinpath(WEIGHTS_FILE).read_text(encoding="utf-8")
    return weights_from_json(text)


def token_statistics(
    examples: Iterable[tuple[str, frozenset[str], str]],
) -> RerankerWeights:
    """Counts (no coefficients yet) from (cleaned text, tokens, labelled code) of training
    titles."""
    codes: Counter[str] = Counter()
    token_codes: defaultdict[str, Counter[str]] = defaultdict(Counter)
    whole_titles: set[str] = set()
    for text, tokens, code in examples:
        codes[code] += 1
        compact = text.replace(" ", "")
        for token in tokens:
            token_codes[token][code] += 1
            if token.removeprefix("#") == compact:
                whole_titles.add(token)
    kept = {
        t: dict(c)
        for t, c in token_codes.items()
        if c.total() >= 2 or t not in whole_titles  # a one-title token that is the title: dropped
    }
    return RerankerWeights(WEIGHT_FEATURES, (0.0,) * len(WEIGHT_FEATURES), "", dict(codes), kept)


def fit_reranker(
    examples: Sequence[TrainingTitle], statistics: RerankerWeights, *, l2: float, note: str = ""
) -> RerankerWeights:
    """Fit coefficients maximising the softmax probability of each title's labelled code among
    its candidates; ``statistics`` (from ``token_statistics`` on the same titles) supplies the
    learned columns, each title's own counts left out. Titles whose code is not among their
    candidates are skipped."""
    kept = []
    for example in examples:
        if example.answer in example.codes and len(example.codes) > 1:
            rows = statistics.learned_columns(
                example.features,
                example.codes,
                example.tokens,
                own=example.answer,
                probabilities=example.probabilities,
            )
            kept.append((rows, example.codes.index(example.answer)))
    if not kept:
        raise ValueError("no title has its answer among the candidates")
    coefficients = _conditional_logit([r for r, _ in kept], [a for _, a in kept], l2)
    return RerankerWeights(
        WEIGHT_FEATURES,
        coefficients,
        note,
        statistics.code_counts,
        statistics.token_codes,
        statistics.classifier,
    )


def _conditional_logit(
    groups: list[FloatArray], answers: list[int], l2: float
) -> tuple[float, ...]:
    stacked = np.vstack(groups)
    bounds = np.cumsum([0, *(len(g) for g in groups)])
    answer_rows = bounds[:-1] + np.array(answers)
    segment = np.repeat(np.arange(len(groups)), [len(g) for g in groups])

    def loss(w: FloatArray) -> tuple[float, FloatArray]:
        logits = stacked @ w
        peak = np.full(len(groups), -np.inf)
        np.maximum.at(peak, segment, logits)
        exp = np.exp(logits - peak[segment])
        total = np.bincount(segment, weights=exp)
        value = float(np.sum(np.log(total) + peak) - np.sum(logits[answer_rows]))
        probability = exp / total[segment]
        expected = np.zeros((len(groups), stacked.shape[1]))
        np.add.at(expected, segment, probability[:, None] * stacked)
        gradient = expected.sum(axis=0) - stacked[answer_rows].sum(axis=0) + l2 * w
        return value + l2 * float(w @ w) / 2, gradient

    result = minimize(loss, np.zeros(stacked.shape[1]), jac=True, method="L-BFGS-B")
    return tuple(float(c) for c in result.x)
