"""IRT: calibration accuracy and speed against girth, ECPE agreement and held-out log-loss, and
CAT efficiency/exposure against a fixed 30-item form and catsim, all measured in the same run.

The girth speed comparison runs at 100,000 × 100, the size the target names (girth needs about
two minutes there on a quiet machine); ZHIJIANG_BENCH_QUICK=1 runs it at 20,000 × 100. girth
and catsim are bench-only references (``pip install girth==0.8.0 catsim==0.21.0``, which run
with numpy 2.4 / scipy 1.17); without them their lines print "reference skipped".
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np

from zhijiang_engine.irt import (
    CatRules,
    ItemBank,
    ItemParameters,
    calibrate,
    eap,
    probability,
    simulate_cat,
)

ECPE = Path(__file__).resolve().parents[2] / "shared" / "data" / "irt" / "ecpe"
SKIPPED = "reference skipped: pip install girth==0.8.0 catsim==0.21.0"

try:
    import girth
except ImportError:
    girth = None
try:
    import catsim
except ImportError:
    catsim = None


def _simulate(rng, a, b, persons):
    theta = rng.normal(size=persons)
    p = 1.0 / (1.0 + np.exp(-a * (theta[:, None] - b)))
    return (rng.random(p.shape, dtype=np.float32) < p).astype(np.uint8)


def _girth(responses):
    """girth's 2PL MML (items × persons, missing tagged as girth.INVALID_RESPONSE)."""
    data = responses.T.astype(float)
    data[np.isnan(data)] = girth.INVALID_RESPONSE
    started = time.perf_counter()
    result = girth.twopl_mml(data.astype(int))
    return result["Discrimination"], result["Difficulty"], time.perf_counter() - started


def accuracy(rng):
    a, b = rng.lognormal(0.15, 0.3, 50), rng.normal(size=50)
    x = _simulate(rng, a, b, 5000).astype(float)
    started = time.perf_counter()
    ours = calibrate(x)
    took = time.perf_counter() - started
    r_a, r_b = np.corrcoef(a, ours.items.a)[0, 1], np.corrcoef(b, ours.items.b)[0, 1]
    print(
        f"   2PL 5,000 x 50: ours r(a)={r_a:.4f} r(b)={r_b:.4f} {took:.2f} s"
        f" ({ours.iterations} EM cycles)   targets r(a)>=0.95 r(b)>=0.98"
    )
    if girth is None:
        print("   " + SKIPPED)
        return
    ga, gb, gt = _girth(x)
    print(
        f"   girth 0.8 twopl_mml:   r(a)={np.corrcoef(a, ga)[0, 1]:.4f}"
        f" r(b)={np.corrcoef(b, gb)[0, 1]:.4f} {gt:.2f} s"
    )


def _log_loss(items, train, held, truth_cells):
    theta = eap(train, items).theta
    rows, cols = held
    p = np.clip(probability(theta, items)[rows, cols], 1e-9, 1 - 1e-9)
    y = truth_cells
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def ecpe(rng):
    path = ECPE / "data-raw_ecpe_items_ecpe.txt"
    if not path.is_file():
        print(f"   ECPE skipped: no data at {path}")
        return
    x = np.loadtxt(path, dtype=float)
    ours = calibrate(x)
    print(
        f"   ECPE {x.shape[0]:,} x {x.shape[1]}: ours converged={ours.converged}"
        f" in {ours.iterations} cycles, logL={ours.log_likelihood:.1f}"
    )
    held = rng.random(x.shape) < 0.10
    train = x.copy()
    train[held] = np.nan
    cells = np.nonzero(held)
    ours_items = calibrate(train).items
    ours_loss = _log_loss(ours_items, train, cells, x[held])
    if girth is None:
        print(f"   held-out 10% log-loss: ours {ours_loss:.4f}   {SKIPPED}")
        return
    ga, gb, _ = _girth(x)
    print(
        f"   r(b ours, b girth)={np.corrcoef(ours.items.b, gb)[0, 1]:.4f}"
        f" r(a ours, a girth)={np.corrcoef(ours.items.a, ga)[0, 1]:.4f}   target r(b)>=0.98"
    )
    ta, tb, _ = _girth(train)
    girth_loss = _log_loss(ItemParameters(a=ta, b=tb), train, cells, x[held])
    print(
        f"   held-out 10% log-loss (EAP abilities): ours {ours_loss:.6f}"
        f"  girth {girth_loss:.6f}   target ours <= girth"
    )


def speed(rng):
    persons = 20_000 if os.environ.get("ZHIJIANG_BENCH_QUICK") else 100_000
    a, b = rng.lognormal(0.15, 0.3, 100), rng.normal(size=100)
    x = _simulate(rng, a, b, persons)
    started = time.perf_counter()
    ours = calibrate(x)
    took = time.perf_counter() - started
    line = f"   {persons:,} x 100: ours {took:.1f} s ({ours.iterations} cycles)"
    if girth is None:
        print(line + "   " + SKIPPED)
    else:
        _, _, gt = _girth(x.astype(float))
        print(line + f"  girth {gt:.1f} s  speed-up {gt / took:.1f}x (target >= 5x)")
    a, b = rng.lognormal(0.15, 0.3, 200), rng.normal(size=200)
    x = np.concatenate([_simulate(rng, a, b, 100_000) for _ in range(10)])
    started = time.perf_counter()
    big = calibrate(x)
    took = time.perf_counter() - started
    r_a, r_b = np.corrcoef(a, big.items.a)[0, 1], np.corrcoef(b, big.items.b)[0, 1]
    print(
        f"   1,000,000 x 200 (defaults: 41 nodes, tol 1e-4): {took:.1f} s, {big.iterations} cycles,"
        f" converged={big.converged}, r(a)={r_a:.4f} r(b)={r_b:.4f}   target < 60 s"
    )


def _fixed_form(bank, theta, rng, blueprint):
    form = np.concatenate(
        [
            rng.choice(np.flatnonzero(np.asarray(bank.content) == area), round(30 * share), False)
            for area, share in blueprint.items()
        ]
    )
    items = bank.items.subset(form)
    x = (rng.random((theta.size, form.size)) < probability(theta, items)).astype(float)
    return eap(x, items).theta


def cat(rng):
    sigma = 0.5  # log-SD of a; mean exp(mu + sigma²/2) = 1.3
    a = rng.lognormal(np.log(1.3) - sigma**2 / 2, sigma, 300)
    b = rng.normal(size=300)
    content = tuple("ABC"[i % 3] for i in range(300))
    bank = ItemBank(ItemParameters(a=a, b=b), content)
    blueprint = {"A": 0.5, "B": 0.3, "C": 0.2}
    theta = rng.normal(size=1000)
    run = simulate_cat(bank, theta, rules=CatRules(blueprint=blueprint), rng=rng)
    rmse = float(np.sqrt(np.mean((run.theta - theta) ** 2)))
    fixed = float(np.sqrt(np.mean((_fixed_form(bank, theta, rng, blueprint) - theta) ** 2)))
    print(
        f"   CAT 300 items (a lognormal mean {a.mean():.2f}), 1,000 simulees, SE<=0.3 or 30:"
        f" median {np.median(run.lengths):.0f}, p90 {np.percentile(run.lengths, 90):.0f} items,"
        f" RMSE {rmse:.3f}, max exposure {run.exposure.max():.1%}"
    )
    print(
        f"   fixed 30-item blueprint form: RMSE {fixed:.3f}"
        "   targets median<=12 p90<=20 RMSE<=fixed exposure<=25%"
    )
    if catsim is None:
        print("   " + SKIPPED)
    else:
        _catsim(bank, theta)
    _narrow_bank(rng, blueprint)


def _narrow_bank(rng, blueprint):
    """Sensitivity: the same rules on a bank with less spread in a (log-SD 0.3, not 0.5)."""
    a = rng.lognormal(np.log(1.3) - 0.045, 0.3, 300)
    bank = ItemBank(
        ItemParameters(a=a, b=rng.normal(size=300)), tuple("ABC"[i % 3] for i in range(300))
    )
    theta = rng.normal(size=300)
    run = simulate_cat(bank, theta, rules=CatRules(blueprint=blueprint), rng=rng)
    rmse = float(np.sqrt(np.mean((run.theta - theta) ** 2)))
    print(
        f"   sensitivity, a log-SD 0.3 (300 simulees): median {np.median(run.lengths):.0f},"
        f" p90 {np.percentile(run.lengths, 90):.0f}, RMSE {rmse:.3f},"
        f" max exposure {run.exposure.max():.1%}"
    )


def _catsim(bank, theta):
    from catsim.estimation import NumericalSearchEstimator
    from catsim.initialization import FixedPointInitializer
    from catsim.selection import MaxInfoSelector
    from catsim.simulation import Simulator
    from catsim.stopping import MinErrorStopper

    items = np.column_stack([bank.items.a, bank.items.b, np.zeros(300), np.ones(300)])
    sim = Simulator(
        items,
        theta,
        FixedPointInitializer(0.0),
        MaxInfoSelector(),
        NumericalSearchEstimator(),
        MinErrorStopper(0.3, max_items=30),
    )
    started = time.perf_counter()
    sim.simulate()
    lengths = np.array([len(x) for x in sim.administered_items])
    shown = np.bincount(np.concatenate(sim.administered_items).astype(int), minlength=300)
    estimate = np.asarray(sim.latest_estimations)
    rmse = float(np.sqrt(np.mean((estimate - theta) ** 2)))
    print(
        f"   catsim 0.21 (max info, ML estimate, no balancing, no exposure control):"
        f" median {np.median(lengths):.0f}, p90 {np.percentile(lengths, 90):.0f},"
        f" RMSE {rmse:.3f}, max exposure {shown.max() / theta.size:.1%}"
        f" ({time.perf_counter() - started:.1f} s)"
    )


def main() -> None:
    rng = np.random.default_rng(20261130)
    print(f"   load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    for part in (accuracy, ecpe, speed, cat):
        started = time.perf_counter()
        try:
            part(rng)
        except Exception as error:  # a reference failing must not hide our figures
            print(f"   {part.__name__} failed: {type(error).__name__}: {error}")
        print(f"   [{part.__name__}: {time.perf_counter() - started:.1f} s]")


if __name__ == "__main__":
    main()
