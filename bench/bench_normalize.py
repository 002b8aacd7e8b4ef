"""Title normalizer: quality on the dev titles (BM25 baseline vs ours, 5-fold CV for the learned
re-ranker) and speed (10,000-title batch, warm single-title p95, start-up cold and cached).
Quality is also printed on a hand-checked sample of 300 dev labels (bench/data/
titles_dev_audit.csv), split by whether the label itself is right, defensible or wrong.

The cross-validation refits everything learned five times (about ten minutes on 2 cores);
ZHIJIANG_BENCH_QUICK=1 skips it and prints the baseline and the speed only."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import train_title_reranker as training  # noqa: E402
from zhijiang_engine.normalize import TitleNormalizer  # noqa: E402
from zhijiang_engine.normalize.reranker import hand_weights  # noqa: E402


def _startup_seconds(cache_dir: Path) -> float:
    started = time.perf_counter()
    TitleNormalizer(training.load_taxonomy(), cache_dir=cache_dir)
    return time.perf_counter() - started


def main() -> None:
    if not training.DEV_TITLES.is_file():
        print(f"   skipped: no development titles at {training.DEV_TITLES}")
        return
    dev = training.load_dev()
    titles, gold = [t for t, _ in dev], [c for _, c in dev]
    with tempfile.TemporaryDirectory() as scratch:
        cold = _startup_seconds(Path(scratch))
        cached = _startup_seconds(Path(scratch))
    normalizer = TitleNormalizer(training.load_taxonomy(), weights=hand_weights())
    baseline = training.bm25_baseline(normalizer, titles)
    print("   " + training.quality(baseline, gold).line("BM25 names+aliases (baseline)"))
    for line in training.audited_quality(baseline, gold):
        print("   " + line)
    if os.environ.get("ZHIJIANG_BENCH_QUICK"):
        print("   ours, re-ranker 5-fold CV: skipped (ZHIJIANG_BENCH_QUICK)")
    else:
        rankings = training.cross_validated(normalizer, titles, gold)
        print("   " + training.quality(rankings, gold).line("ours, re-ranker 5-fold CV"))
        for line in training.audited_quality(rankings, gold):
            print("   " + line)

    shipped = TitleNormalizer(training.load_taxonomy())
    batch = (titles * (10_000 // len(titles) + 1))[:10_000]
    started = time.perf_counter()
    shipped.normalize_many(batch, 5)
    rate = len(batch) / (time.perf_counter() - started)
    latencies = []
    for title in titles[:1000]:
        started = time.perf_counter()
        shipped.normalize(title, 5)
        latencies.append(time.perf_counter() - started)
    p95 = float(np.percentile(latencies, 95)) * 1000
    print(f"   batch of 10,000: {rate:,.0f} titles/s   single title p95 warm: {p95:.1f} ms")
    print(f"   start-up: cold {cold:.2f} s, with cache {cached:.2f} s")


if __name__ == "__main__":
    main()
