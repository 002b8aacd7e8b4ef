"""Train the title re-ranker on the labelled development titles and measure it honestly.

Protocol: the dev titles (../shared/data/csco2022/titles_dev.csv, never shipped) are shuffled
with a fixed seed and cut into 5 folds; for each fold the re-ranker is fitted on the other 4
and scored on it, so every reported figure is on titles the weights never saw. The shipped
weights are then fitted on all titles and written to
src/zhijiang_engine/normalize/reranker_weights.json: 26 coefficients, answers per code, per
token (jieba word or character bigram; one that is a whole title only when two or more titles
have it) answers per code, and the title classifier's pruned weights per token and code. The
token statistics and the classifier are refitted inside each fold too, so no held-out title
informs its own ranking. While fitting the coefficients, each training title's own counts are
left out of its features and its classifier probabilities come from five inner folds that did
not see it, so its features look as they will for a new title.

The cross-validated figures are also printed on a hand-checked random sample of 300 dev labels
(bench/data/titles_dev_audit.csv: row, label, verdict right / defensible / wrong, better code),
so that the share of wrong labels in the figures can be seen.

Run: .venv/bin/python bench/train_title_reranker.py
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from zhijiang_engine.normalize import TitleNormalizer, clean_title
from zhijiang_engine.normalize.classifier import fit_title_classifier, out_of_fold_probabilities
from zhijiang_engine.normalize.cleaning import MAX_TITLE_CHARS
from zhijiang_engine.normalize.normalizer import TitleCandidates
from zhijiang_engine.normalize.reranker import (
    WEIGHTS_FILE,
    RerankerWeights,
    TrainingTitle,
    fit_reranker,
    hand_weights,
    token_statistics,
)
from zhijiang_engine.taxonomy import OccupationRecord, parse_taxonomy

ROOT = Path(__file__).resolve().parent.parent
TAXONOMY = ROOT / "src/zhijiang/occupations/data/csco22.csv"
DEV_TITLES = ROOT.parent / "shared/data/csco2022/titles_dev.csv"
# A hand check of 300 random dev labels (row = position among the file's data rows, 0-based):
# right, defensible (a reasonable coder could pick it) or wrong, with the better code.
AUDIT = ROOT / "bench/data/titles_dev_audit.csv"
WEIGHTS_PATH = ROOT / "src/zhijiang_engine/normalize" / WEIGHTS_FILE
CACHE_DIR = ROOT / "var/cache/normalize"
FOLDS, SEED, L2 = 5, 20261130, 1.0
CLASSIFIER_L2 = 0.1


@dataclass(frozen=True)
class Quality:
    top1: float
    recall5: float
    group_top1: float  # first three code segments (小类) of the best candidate are right

    def line(self, label: str) -> str:
        return (
            f"{label:<34} top-1 {self.top1:.3f}   recall@5 {self.recall5:.3f}   "
            f"小类 top-1 {self.group_top1:.3f}"
        )


def load_taxonomy() -> list[OccupationRecord]:
    return parse_taxonomy(TAXONOMY.read_bytes(), filename=TAXONOMY.name)


def load_dev() -> list[tuple[str, str]]:
    with DEV_TITLES.open(encoding="utf-8", newline="") as stream:
        return [(row["job_name"], row["expected_code"]) for row in csv.DictReader(stream)]


def quality(rankings: Sequence[Sequence[str]], gold: Sequence[str]) -> Quality:
    top1 = sum(bool(r) and r[0] == g for r, g in zip(rankings, gold, strict=True))
    recall = sum(g in r[:5] for r, g in zip(rankings, gold, strict=True))
    group = sum(bool(r) and r[0][:7] == g[:7] for r, g in zip(rankings, gold, strict=True))
    n = max(len(gold), 1)
    return Quality(top1 / n, recall / n, group / n)


def ranked_codes(title: TitleCandidates, weights: RerankerWeights) -> list[str]:
    probability = weights.score(title.found.features, title.codes, title.tokens)
    order = np.lexsort((title.found.occupations, -probability))[:5]
    return [title.codes[i] for i in order]


def bm25_baseline(normalizer: TitleNormalizer, titles: Sequence[str]) -> list[list[str]]:
    """The reference: BM25 over jieba words of names+aliases, nothing else."""
    index = normalizer.index
    rankings = []
    for title in titles:
        words = normalizer.words(clean_title(title)) if len(title) <= MAX_TITLE_CHARS else []
        scores = np.asarray((index.word_vector(words) @ index.title_bm25).todense()).ravel()
        top = [int(i) for i in np.argsort(-scores, kind="stable")[:5] if scores[i] > 0]
        rankings.append([index.codes[i] for i in top])
    return rankings


def fitted(
    normalizer: TitleNormalizer, titles: Sequence[str], gold: Sequence[str], note: str = ""
) -> RerankerWeights:
    """Token statistics, classifier and coefficients from these titles only."""
    found = normalizer.candidate_sets(titles, hand_weights())
    statistics = token_statistics(
        (t.text, t.tokens, code) for t, code in zip(found, gold, strict=True)
    )
    candidates = normalizer.candidate_sets(titles, statistics)
    tokens = [c.tokens for c in candidates]
    vocabulary = sorted(statistics.token_codes)
    held_out = out_of_fold_probabilities(tokens, gold, vocabulary, l2=CLASSIFIER_L2)
    classifier = fit_title_classifier(tokens, gold, vocabulary, l2=CLASSIFIER_L2)
    examples = [
        TrainingTitle(c.found.features, c.codes, c.tokens, code, probabilities)
        for c, code, probabilities in zip(candidates, gold, held_out, strict=True)
    ]
    return fit_reranker(examples, replace(statistics, classifier=classifier), l2=L2, note=note)


def cross_validated(
    normalizer: TitleNormalizer, titles: Sequence[str], gold: Sequence[str]
) -> list[list[str]]:
    """Each title's five best codes by statistics and weights fitted on the other four folds."""
    folds = np.random.default_rng(SEED).permutation(len(gold)) % FOLDS
    rankings: list[list[str]] = [[] for _ in gold]
    for fold in range(FOLDS):
        train, test = np.flatnonzero(folds != fold), np.flatnonzero(folds == fold)
        weights = fitted(normalizer, [titles[i] for i in train], [gold[i] for i in train])
        held_out = normalizer.candidate_sets([titles[i] for i in test], weights)
        for i, title in zip(test, held_out, strict=True):
            rankings[i] = ranked_codes(title, weights)
    return rankings


def load_audit() -> list[tuple[int, str]]:
    """(row of the dev file, verdict) of the hand-checked sample of dev labels."""
    with AUDIT.open(encoding="utf-8", newline="") as stream:
        return [(int(row["row"]), row["verdict"]) for row in csv.DictReader(stream)]


def audited_quality(rankings: Sequence[Sequence[str]], gold: Sequence[str]) -> list[str]:
    """Cross-validated figures on the audited sample, by how right its labels are."""
    audit = load_audit()
    groups = {
        "right": {"right"},
        "right or defensible": {"right", "defensible"},
        "wrong": {"wrong"},
        "all": {"right", "defensible", "wrong"},
    }
    lines = []
    for label, verdicts in groups.items():
        rows = [row for row, verdict in audit if verdict in verdicts]
        figures = quality([rankings[r] for r in rows], [gold[r] for r in rows])
        lines.append(figures.line(f"  audit: {label} ({len(rows)})"))
    return lines


def main() -> int:
    if not DEV_TITLES.is_file():
        print(f"No development titles at {DEV_TITLES}; nothing to train.")
        return 0
    dev = load_dev()
    titles, gold = [t for t, _ in dev], [c for _, c in dev]
    normalizer = TitleNormalizer(load_taxonomy(), weights=hand_weights(), cache_dir=CACHE_DIR)
    print(f"{len(titles)} dev titles")
    print(quality(bm25_baseline(normalizer, titles), gold).line("BM25 names+aliases (baseline)"))
    hand = [ranked_codes(t, hand_weights()) for t in normalizer.candidate_sets(titles)]
    print(quality(hand, gold).line("ours, hand-set weights"))
    rankings = cross_validated(normalizer, titles, gold)
    print(quality(rankings, gold).line(f"ours, re-ranker {FOLDS}-fold CV"))
    for line in audited_quality(rankings, gold):
        print(line)
    note = (
        f"conditional logit, L2 {L2}, fitted on {len(titles)} dev titles by {Path(__file__).name}"
    )
    WEIGHTS_PATH.write_text(fitted(normalizer, titles, gold, note).to_json(), encoding="utf-8")
    size = WEIGHTS_PATH.stat().st_size / 1024
    print(f"wrote {WEIGHTS_PATH.relative_to(ROOT)} ({size:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
