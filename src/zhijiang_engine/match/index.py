"""Prebuilt indexes for online matching in both directions, and exact batch top-k."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from zhijiang_engine.match.explain import build_factors, skill_overlap
from zhijiang_engine.match.features import (
    Encoding,
    Profiles,
    dense_sizes,
    encode_job,
    encode_seeker,
)
from zhijiang_engine.match.matrix import KeySpace, Scorer, Stacked, contributions
from zhijiang_engine.match.model import Job, Match, MatchWeights, Seeker, unknown_factors
from zhijiang_engine.match.text import TextModel


@dataclass(frozen=True, slots=True)
class _Context:
    weights: MatchWeights
    text: TextModel
    profiles: Profiles | None
    shares: dict[str, float]

    @classmethod
    def of(
        cls, weights: MatchWeights | None, text: TextModel, profiles: Profiles | None
    ) -> _Context:
        weights = weights or MatchWeights()
        return cls(weights, text, profiles, weights.factor_weights(with_profiles=bool(profiles)))

    def seekers(self, seekers: Sequence[Seeker]) -> list[Encoding]:
        return [encode_seeker(s, self.weights, self.text, self.profiles) for s in seekers]

    def jobs(self, jobs: Sequence[Job]) -> list[Encoding]:
        return [encode_job(j, self.weights, self.text, self.profiles, self.shares) for j in jobs]

    def match(self, seeker: Seeker, job: Job, parts: dict[str, float], score: float) -> Match:
        matched, missing = skill_overlap(seeker, job)
        return Match(
            seeker_id=seeker.id,
            job_id=job.id,
            score=min(1.0, max(0.0, score)),
            matched=matched,
            missing=missing,
            factors=build_factors(parts, self.shares, unknown_factors(seeker)),
        )


def _indexed(
    encodings: Sequence[Encoding], *, index_is_jobs: bool
) -> tuple[KeySpace, KeySpace, Scorer]:
    """The key spaces of the indexed side and the scorer over its stacked features."""
    space, hard = KeySpace.of(encodings), KeySpace.of(encodings, hard=True)
    stacked = Stacked.of(encodings, space, hard)
    return space, hard, Scorer.of(stacked, index_is_jobs=index_is_jobs)


@dataclass(frozen=True, slots=True)
class JobIndex:
    """All open positions, encoded once; ``top_jobs`` ranks them for one seeker (online) and
    ``top_jobs_many`` for many seekers in bounded-memory chunks (batch)."""

    jobs: tuple[Job, ...]
    context: _Context
    space: KeySpace
    hard_space: KeySpace
    scorer: Scorer

    @classmethod
    def build(
        cls,
        jobs: Iterable[Job],
        weights: MatchWeights | None = None,
        *,
        text_model: TextModel | None = None,
        profiles: Profiles | None = None,
        text_dimensions: int = 256,
    ) -> JobIndex:
        """Index ``jobs``; the text model is fitted on the job texts unless one is given."""
        listed = tuple(jobs)
        text = text_model or TextModel.fit(
            (f"{j.title}\n{j.description}" for j in listed), dimensions=text_dimensions
        )
        context = _Context.of(weights, text, profiles)
        return cls(listed, context, *_indexed(context.jobs(listed), index_is_jobs=True))

    @property
    def text_model(self) -> TextModel:
        return self.context.text

    def encode(self, seekers: Sequence[Seeker]) -> Stacked:
        """Seekers as query rows of this index (for ``scores`` and repeated batch runs)."""
        return Stacked.of(self.context.seekers(seekers), self.space, self.hard_space)

    def top_jobs(self, seeker: Seeker, k: int = 20) -> list[Match]:
        """The k best positions for one seeker, best first, explained."""
        return next(self.top_jobs_many([seeker], k))[1]

    def top_jobs_many(
        self, seekers: Sequence[Seeker], k: int = 20, *, chunk_rows: int = 1024
    ) -> Iterator[tuple[str, list[Match]]]:
        """(seeker id, k best positions) for every seeker, in input order; exact top-k."""
        widths = list(dense_sizes(self.context.text.dimensions).values())
        for start in range(0, len(seekers), chunk_rows):
            part = seekers[start : start + chunk_rows]
            query = self.encode(part)
            ranked = self.scorer.top_k(query, k)
            for row, (seeker, (best, scores)) in enumerate(zip(part, ranked, strict=True)):
                matches = []
                for column, score in zip(best, scores, strict=True):
                    stored = int(self.scorer.position[column])
                    parts = contributions(query, row, self.scorer.index, stored, self.space, widths)
                    job = self.jobs[int(column)]
                    matches.append(self.context.match(seeker, job, parts, float(score)))
                yield seeker.id, matches


@dataclass(frozen=True, slots=True)
class SeekerIndex:
    """Seekers encoded once, to rank candidates for a position. Pass the job index's
    ``text_model`` so both directions give the same score for a pair."""

    seekers: tuple[Seeker, ...]
    context: _Context
    space: KeySpace
    hard_space: KeySpace
    scorer: Scorer

    @classmethod
    def build(
        cls,
        seekers: Iterable[Seeker],
        weights: MatchWeights | None = None,
        *,
        text_model: TextModel | None = None,
        profiles: Profiles | None = None,
        text_dimensions: int = 256,
    ) -> SeekerIndex:
        listed = tuple(seekers)
        text = text_model or TextModel.fit((s.text for s in listed), dimensions=text_dimensions)
        context = _Context.of(weights, text, profiles)
        return cls(listed, context, *_indexed(context.seekers(listed), index_is_jobs=False))

    def top_seekers(self, job: Job, k: int = 20) -> list[Match]:
        """The k best candidates for one position, best first, explained."""
        query = Stacked.of(self.context.jobs([job]), self.space, self.hard_space)
        widths = list(dense_sizes(self.context.text.dimensions).values())
        best, scores = next(self.scorer.top_k(query, k))
        matches = []
        for column, score in zip(best, scores, strict=True):
            stored = int(self.scorer.position[column])
            parts = contributions(query, 0, self.scorer.index, stored, self.space, widths)
            seeker = self.seekers[int(column)]
            matches.append(self.context.match(seeker, job, parts, float(score)))
        return matches


def top_seekers(
    job: Job,
    seekers: Iterable[Seeker],
    k: int = 20,
    *,
    weights: MatchWeights | None = None,
    text_model: TextModel | None = None,
    profiles: Profiles | None = None,
) -> list[Match]:
    """Candidates for one position without keeping an index (builds one and discards it)."""
    index = SeekerIndex.build(seekers, weights, text_model=text_model, profiles=profiles)
    return index.top_seekers(job, k)


def match_batch(
    seekers: Sequence[Seeker],
    jobs: Sequence[Job],
    k: int = 20,
    *,
    weights: MatchWeights | None = None,
    text_model: TextModel | None = None,
    profiles: Profiles | None = None,
) -> Iterator[tuple[str, list[Match]]]:
    """Everyone against everything: (seeker id, exact top-k positions) per seeker, in order."""
    index = JobIndex.build(jobs, weights, text_model=text_model, profiles=profiles)
    return index.top_jobs_many(seekers, k)
