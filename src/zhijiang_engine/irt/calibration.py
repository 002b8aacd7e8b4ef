"""Item calibration by marginal maximum likelihood (Bock–Aitkin EM over a fixed normal
quadrature). The E-step is two matrix products per chunk of persons, so it runs on BLAS and a
million persons need only their int8 codes in memory; the M-step is Newton's method on each
item's (slope, intercept) with expected counts, which is concave and cheap."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from zhijiang_engine.irt.model import FloatArray, ItemParameters
from zhijiang_engine.irt.responses import MISSING, ResponseCodes, code_responses

A_BOUNDS = (
    0.05,
    10.0,
)  # negative or vanishing discriminations stop at the floor, flagging the item
B_BOUND = 10.0
WARM_START_PERSONS = 100_000  # above twice this, start from a calibration on a subsample


class IrtModel(StrEnum):
    TWO_PL = "2pl"  # each item has its own discrimination
    ONE_PL = "1pl"  # one discrimination shared by every item


@dataclass(frozen=True, eq=False)
class Calibration:
    """Estimated item parameters with how the estimation went."""

    items: ItemParameters
    model: IrtModel
    persons: int
    converged: bool
    iterations: int
    log_likelihood: float  # marginal log-likelihood at ``items``


@dataclass(frozen=True, eq=False)
class Quadrature:
    """Nodes and log-weights of a discretised standard normal ability distribution."""

    nodes: FloatArray
    log_weights: FloatArray


def normal_quadrature(points: int = 41, bound: float = 5.0) -> Quadrature:
    """Equally spaced nodes on [−bound, bound] weighted by the N(0, 1) density, normalised."""
    nodes = np.linspace(-bound, bound, points)
    log_density = -0.5 * nodes**2
    log_weights = log_density - np.log(np.exp(log_density).sum())
    return Quadrature(nodes=nodes, log_weights=log_weights)


@dataclass(frozen=True, eq=False)
class _Counts:
    """Expected numbers of correct answers and of answers per quadrature node and item."""

    correct: FloatArray  # nodes × items
    answered: FloatArray  # nodes × items
    log_likelihood: float


def calibrate(
    responses: npt.ArrayLike,
    *,
    mask: npt.ArrayLike | None = None,
    model: IrtModel | str = IrtModel.TWO_PL,
    quadrature_points: int = 41,
    tolerance: float = 1e-4,
    max_iterations: int = 500,
    chunk_persons: int = 65_536,
) -> Calibration:
    """Calibrate items on a persons × items 0/1 matrix (missing: NaN, or ``mask`` false).

    Converged means the largest change of any a or b in one EM cycle fell below ``tolerance``.
    Raises ``ResponseDataError`` for unusable responses.
    """
    kind = IrtModel(model)
    codes = code_responses(responses, mask)
    return calibrate_codes(
        codes,
        model=kind,
        quadrature=normal_quadrature(quadrature_points),
        tolerance=tolerance,
        max_iterations=max_iterations,
        chunk_persons=chunk_persons,
    )


def calibrate_codes(
    codes: ResponseCodes,
    *,
    model: IrtModel,
    quadrature: Quadrature,
    tolerance: float,
    max_iterations: int,
    chunk_persons: int,
) -> Calibration:
    """EM on already checked int8 codes (see ``code_responses``), accelerated by SQUAREM.

    Every two EM cycles the step is extrapolated (Varadhan & Roland 2008); the jump is kept only
    when it does not lower the marginal likelihood, so the fixed point is EM's own.
    """
    complete = not bool((codes == MISSING).any())

    def expect(params: FloatArray) -> _Counts:
        return _expected_counts(codes, complete, params[0], params[1], quadrature, chunk_persons)

    def cycle(params: FloatArray, counts: _Counts) -> FloatArray:
        return np.stack(_maximise(counts, quadrature.nodes, params[0], params[1], model))

    params = _warm_start(codes, model, quadrature, tolerance, chunk_persons)
    counts = expect(params)
    iteration, converged = 0, False
    while iteration < max_iterations:
        first = cycle(params, counts)
        first_counts = expect(first)
        iteration += 1
        if _change(params, first) < tolerance or iteration >= max_iterations:
            converged = _change(params, first) < tolerance
            params, counts = first, first_counts
            break
        second = cycle(first, first_counts)
        iteration += 1
        if _change(first, second) < tolerance:
            params, counts, converged = second, expect(second), True
            break
        jump = _squarem_jump(params, first, second)
        jump_counts = expect(jump)
        if jump_counts.log_likelihood < first_counts.log_likelihood:
            jump, jump_counts = second, expect(second)
        params, counts = jump, jump_counts
    return Calibration(
        items=ItemParameters(a=params[0], b=-params[1] / params[0]),
        model=model,
        persons=int(codes.shape[0]),
        converged=converged,
        iterations=iteration,
        log_likelihood=counts.log_likelihood,
    )


def _change(before: FloatArray, after: FloatArray) -> float:
    """Largest change of any discrimination or difficulty."""
    slope = np.abs(after[0] - before[0]).max()
    difficulty = np.abs(after[1] / after[0] - before[1] / before[0]).max()
    return float(max(slope, difficulty))


def _squarem_jump(start: FloatArray, first: FloatArray, second: FloatArray) -> FloatArray:
    """SQUAREM extrapolation from two EM steps, kept inside the parameter bounds."""
    r = first - start
    v = second - first - r
    alpha = min(-float(np.linalg.norm(r)) / max(float(np.linalg.norm(v)), 1e-300), -1.0)
    jump = start - 2.0 * alpha * r + alpha**2 * v
    a = np.clip(jump[0], *A_BOUNDS)
    return np.stack([a, np.clip(jump[1], -B_BOUND * a, B_BOUND * a)])


def _warm_start(
    codes: ResponseCodes,
    model: IrtModel,
    quadrature: Quadrature,
    tolerance: float,
    chunk_persons: int,
) -> FloatArray:
    """Starting (a, c): from a calibration on every k-th person when there are many persons
    (cheap, and close enough that the full data needs only a few EM cycles), else moment-based."""
    step = codes.shape[0] // WARM_START_PERSONS
    sample = codes[::step] if step >= 2 else None
    if sample is None or not bool((sample != MISSING).any(axis=0).all()):
        return np.stack(_starting_values(codes))
    rough = calibrate_codes(
        sample,
        model=model,
        quadrature=quadrature,
        tolerance=max(tolerance, 1e-3),
        max_iterations=200,
        chunk_persons=chunk_persons,
    )
    return np.stack([rough.items.a, -rough.items.a * rough.items.b])


def _starting_values(codes: ResponseCodes) -> tuple[FloatArray, FloatArray]:
    answered = (codes != MISSING).sum(axis=0)
    correct = (codes == 1).sum(axis=0)
    share = np.clip((correct + 0.5) / (answered + 1.0), 0.01, 0.99)
    a = np.ones(codes.shape[1])
    return a, 1.2 * np.log(share / (1.0 - share))


def _expected_counts(
    codes: ResponseCodes,
    complete: bool,
    a: FloatArray,
    c: FloatArray,
    quadrature: Quadrature,
    chunk_persons: int,
) -> _Counts:
    """E-step: posterior over the nodes for each person, summed into expected counts."""
    logit = np.outer(quadrature.nodes, a) + c  # nodes × items
    log_wrong = -np.logaddexp(0.0, logit)  # log(1 − P)
    logit32 = logit.T.astype(np.float32)
    log_wrong32 = log_wrong.T.astype(np.float32)
    log_weights = quadrature.log_weights.astype(np.float32)
    nodes, items = logit.shape
    correct = np.zeros((nodes, items))
    answered = np.zeros((nodes, items))
    total = 0.0
    for start in range(0, codes.shape[0], chunk_persons):
        block = codes[start : start + chunk_persons]
        right = (block == 1).astype(np.float32)
        seen = None if complete else (block != MISSING).astype(np.float32)
        log_like = right @ logit32
        log_like += log_wrong32.sum(axis=0) if seen is None else seen @ log_wrong32
        log_like += log_weights
        peak = log_like.max(axis=1, keepdims=True)
        posterior = np.exp(log_like - peak)
        mass = posterior.sum(axis=1, keepdims=True)
        posterior /= mass
        total += float(np.sum(peak, dtype=np.float64) + np.sum(np.log(mass), dtype=np.float64))
        correct += posterior.T @ right
        if seen is None:
            answered += posterior.sum(axis=0, dtype=np.float64)[:, None]
        else:
            answered += posterior.T @ seen
    return _Counts(correct=correct, answered=answered, log_likelihood=total)


def _maximise(
    counts: _Counts, nodes: FloatArray, a: FloatArray, c: FloatArray, model: IrtModel
) -> tuple[FloatArray, FloatArray]:
    """M-step: Newton's method on the expected complete-data log-likelihood of each item."""
    for _ in range(20):
        step_a, step_c = _newton_step(counts, nodes, a, c, shared_slope=model is IrtModel.ONE_PL)
        # Damped so one step never moves a slope by more than 1 or an intercept by more than 3.
        scale = min(
            1.0, 1.0 / max(np.abs(step_a).max(), 1e-12), 3.0 / max(np.abs(step_c).max(), 1e-12)
        )
        a = np.clip(a + scale * step_a, *A_BOUNDS)
        c = np.clip(c + scale * step_c, -B_BOUND * a, B_BOUND * a)
        if max(np.abs(step_a).max(), np.abs(step_c).max()) < 1e-8:
            break
    return a, c


def _newton_step(
    counts: _Counts, nodes: FloatArray, a: FloatArray, c: FloatArray, *, shared_slope: bool
) -> tuple[FloatArray, FloatArray]:
    logit = np.outer(nodes, a) + c
    p = 1.0 / (1.0 + np.exp(-logit))
    residual = counts.correct - counts.answered * p
    weight = counts.answered * p * (1.0 - p) + 1e-12
    theta = nodes[:, None]
    g_a, g_c = (residual * theta).sum(axis=0), residual.sum(axis=0)
    h_aa, h_ac, h_cc = (weight * theta**2).sum(axis=0), (weight * theta).sum(axis=0), weight.sum(0)
    if shared_slope:
        # Schur complement of the per-item intercept block: exact Newton for (a, c_1..c_J).
        step = (g_a.sum() - (h_ac * g_c / h_cc).sum()) / (h_aa.sum() - (h_ac**2 / h_cc).sum())
        step_a = np.full_like(a, step)
        return step_a, (g_c - h_ac * step_a) / h_cc
    det = h_aa * h_cc - h_ac**2
    return (h_cc * g_a - h_ac * g_c) / det, (h_aa * g_c - h_ac * g_a) / det
