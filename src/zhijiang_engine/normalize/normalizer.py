"""Ranking CSCO-2022 occupations for a job title: clean, retrieve, describe, re-rank."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from zhijiang_engine.normalize._english import translate_english
from zhijiang_engine.normalize.cache import load_index, save_index
from zhijiang_engine.normalize.cleaning import MAX_TITLE_CHARS, clean_title
from zhijiang_engine.normalize.features import (
    FEATURE_NAMES,
    CandidateSet,
    batch_scores,
    candidate_set,
)
from zhijiang_engine.normalize.index import OccupationIndex, build_index, taxonomy_fingerprint
from zhijiang_engine.normalize.reasons import Reason, ReasonKind
from zhijiang_engine.normalize.reranker import RerankerWeights, shipped_weights, title_tokens
from zhijiang_engine.normalize.segmenter import WordSegmenter
from zhijiang_engine.taxonomy import OccupationRecord

_BATCH = 256  # titles scored together: large enough for fast sparse products, small in memory


SUGGESTED_POOL = 10  # extra candidates from the learned token statistics
LEARNED_REASON = 0.25  # a classifier probability from which "like labelled titles" is a reason


@dataclass(frozen=True)
class TitleCandidates:
    """One title's cleaned text, learned-feature tokens and candidates with features."""

    text: str
    tokens: frozenset[str]
    found: CandidateSet
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Candidate:
    code: str
    name: str
    score: float  # re-ranker probability among this title's candidates, 0–1
    # str() of each: e.g. "alias: 数据分析师", "words: 数据, 分析师", "like labelled titles: 0.83"
    reasons: tuple[Reason, ...]


class TitleNormalizer:
    """Ranks occupations of a taxonomy (any level) for raw job titles.

    ``weights`` defaults to the re-ranker shipped with the package; ``cache_dir`` (optional)
    holds the built index, keyed by a hash of the taxonomy and the index version.
    """

    def __init__(
        self,
        records: Sequence[OccupationRecord],
        *,
        weights: RerankerWeights | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self._segmenter = WordSegmenter(cache_dir)
        self._weights = weights if weights is not None else shipped_weights()
        self._index = _cached_index(records, self._segmenter, cache_dir)
        self._position = {code: i for i, code in enumerate(self._index.codes)}

    @property
    def index(self) -> OccupationIndex:
        return self._index

    def words(self, text: str) -> list[str]:
        """The jieba words of a cleaned text, as the index segments them."""
        return self._segmenter.words(text)

    def normalize(self, title: str, top_k: int = 5) -> list[Candidate]:
        """The ``top_k`` best occupations for one title; ``[]`` when it has no usable words."""
        return self.normalize_many([title], top_k)[0]

    def normalize_many(self, titles: Sequence[str], top_k: int = 5) -> list[list[Candidate]]:
        ranked: list[list[Candidate]] = []
        for start in range(0, len(titles), _BATCH):
            for title in self.candidate_sets(titles[start : start + _BATCH]):
                ranked.append(self._rank(title, top_k))
        return ranked

    def candidate_sets(
        self, titles: Sequence[str], weights: RerankerWeights | None = None
    ) -> list[TitleCandidates]:
        """Candidates with features per title (also for training and evaluation, where
        ``weights`` holds the token statistics of the training folds)."""
        weights = weights if weights is not None else self._weights
        texts = [_query_text(title) for title in titles]
        words = [self._segmenter.words(text) for text in texts]
        tokens = [title_tokens(t, w) for t, w in zip(texts, words, strict=True)]
        empty = CandidateSet(np.zeros(0, dtype=np.int64), np.zeros((0, len(FEATURE_NAMES))))
        found = [empty for _ in texts]
        live = [i for i, text in enumerate(texts) if text]
        if live:
            scores = batch_scores(self._index, [texts[i] for i in live], [words[i] for i in live])
            for i, score in zip(live, scores, strict=True):
                extra = [
                    self._position[code]
                    for code in weights.suggested_codes(tokens[i], SUGGESTED_POOL)
                    if code in self._position
                ]
                extra_array = np.array(extra, dtype=np.int64)
                found[i] = candidate_set(self._index, texts[i], score, extra_array)
        return [
            TitleCandidates(text, toks, f, tuple(self._index.codes[j] for j in f.occupations))
            for text, toks, f in zip(texts, tokens, found, strict=True)
        ]

    def _rank(self, title: TitleCandidates, top_k: int) -> list[Candidate]:
        found = title.found
        if top_k <= 0 or len(found.occupations) == 0:
            return []
        learned = self._weights.classifier.probabilities(title.tokens)
        probability = self._weights.score(found.features, title.codes, title.tokens, learned)
        order = np.lexsort((found.occupations, -probability))[:top_k]
        words = set(self._segmenter.words(title.text))
        return [
            self._candidate(
                int(found.occupations[i]),
                float(probability[i]),
                title.text,
                words,
                learned.get(title.codes[i], 0.0),
            )
            for i in order
        ]

    def _candidate(
        self, occupation: int, score: float, text: str, words: set[str], learned: float
    ) -> Candidate:
        index = self._index
        code = index.codes[occupation]
        reasons: list[Reason] = []
        start = int(index.string_starts[occupation])
        stop = (
            int(index.string_starts[occupation + 1])
            if occupation + 1 < len(index.codes)
            else len(index.strings)
        )
        compact = text.replace(" ", "")
        hits = [
            s for s in index.strings[start:stop] if len(s) >= 2 and s.replace(" ", "") in compact
        ]
        if hits:
            reasons.append(Reason(ReasonKind.ALIAS, max(hits, key=len)))
        matched = sorted(
            w
            for w in words
            if w in index.word_vocabulary
            and index.title_bm25[index.word_vocabulary[w], occupation] > 0
        )
        if matched:
            reasons.append(Reason(ReasonKind.WORDS, ", ".join(matched)))
        if learned >= LEARNED_REASON:
            reasons.append(Reason(ReasonKind.LABELLED_TITLES, f"{learned:.2f}"))
        if code.endswith("-00"):
            reasons.append(Reason(ReasonKind.WHOLE_GROUP))
        elif int(index.group_of[occupation]) != occupation:
            group = index.names[int(index.group_of[occupation])]
            reasons.append(Reason(ReasonKind.NEIGHBOURS, group))
        return Candidate(code, index.names[occupation], round(score, 4), tuple(reasons))


def _query_text(title: str) -> str:
    if not isinstance(title, str) or len(title) > MAX_TITLE_CHARS:
        return ""
    cleaned = clean_title(title)
    return translate_english(cleaned) if cleaned else ""


def _cached_index(
    records: Sequence[OccupationRecord], segmenter: WordSegmenter, cache_dir: Path | None
) -> OccupationIndex:
    fingerprint = taxonomy_fingerprint(records)
    if cache_dir is not None:
        cached = load_index(cache_dir, fingerprint)
        if cached is not None:
            return cached
    index = build_index(records, segmenter.words)
    if cache_dir is not None:
        save_index(index, cache_dir)
    return index
