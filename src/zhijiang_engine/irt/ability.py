"""Ability estimates for given item parameters: EAP (posterior mean under a N(0, 1) prior, with
the posterior SD as its SE; finite for every pattern) and MLE (likelihood maximum, with SE from
the test information; infinite when every answer is right or every answer is wrong)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from zhijiang_engine.irt.calibration import normal_quadrature
from zhijiang_engine.irt.model import FloatArray, ItemParameters, probability
from zhijiang_engine.irt.responses import MISSING, ResponseCodes, code_responses


@dataclass(frozen=True, eq=False)
class AbilityEstimates:
    """One ability estimate and its standard error per person."""

    theta: FloatArray
    se: FloatArray


def eap(
    responses: npt.ArrayLike,
    items: ItemParameters,
    *,
    mask: npt.ArrayLike | None = None,
    quadrature_points: int = 81,
    chunk_persons: int = 65_536,
) -> AbilityEstimates:
    """Expected a posteriori abilities under a standard normal prior (81 nodes on [−5, 5])."""
    codes = _codes(responses, items, mask)
    quadrature = normal_quadrature(quadrature_points)
    logit = np.outer(quadrature.nodes, items.a * 1.0) - items.a * items.b  # nodes × items
    log_wrong = -np.logaddexp(0.0, logit)
    theta = np.empty(codes.shape[0])
    se = np.empty(codes.shape[0])
    for start in range(0, codes.shape[0], chunk_persons):
        block = codes[start : start + chunk_persons]
        right = (block == 1).astype(np.float64)
        seen = (block != MISSING).astype(np.float64)
        log_post = right @ logit.T + seen @ log_wrong.T + quadrature.log_weights
        posterior = np.exp(log_post - log_post.max(axis=1, keepdims=True))
        posterior /= posterior.sum(axis=1, keepdims=True)
        mean = posterior @ quadrature.nodes
        theta[start : start + len(block)] = mean
        variance = posterior @ quadrature.nodes**2 - mean**2
        se[start : start + len(block)] = np.sqrt(np.maximum(variance, 0.0))
    return AbilityEstimates(theta=theta, se=se)


def mle(
    responses: npt.ArrayLike,
    items: ItemParameters,
    *,
    mask: npt.ArrayLike | None = None,
    tolerance: float = 1e-8,
    max_iterations: int = 100,
) -> AbilityEstimates:
    """Maximum likelihood abilities by Newton's method from the best point of a coarse grid.

    The 2PL log-likelihood is concave in θ, so the start only saves iterations. All-right
    patterns give +inf, all-wrong −inf, no answers NaN; their SE is inf.
    """
    codes = _codes(responses, items, mask)
    right = (codes == 1).astype(np.float64)
    seen = (codes != MISSING).astype(np.float64)
    grid = np.linspace(-6.0, 6.0, 49)
    logit = np.outer(grid, items.a) - items.a * items.b
    grid_log_like = right @ logit.T - seen @ np.logaddexp(0.0, logit).T
    theta = grid[np.argmax(grid_log_like, axis=1)]
    for _ in range(max_iterations):
        p = probability(theta, items)
        gradient = ((right - seen * p) * items.a).sum(axis=1)
        information = (seen * p * (1.0 - p) * items.a**2).sum(axis=1)
        step = np.clip(gradient / np.maximum(information, 1e-12), -1.0, 1.0)
        theta = theta + step
        if np.abs(step).max(initial=0.0) < tolerance:
            break
    information = (seen * _information_rows(theta, items)).sum(axis=1)
    se = 1.0 / np.sqrt(np.maximum(information, 1e-300))
    n_right, n_seen = right.sum(axis=1), seen.sum(axis=1)
    theta[n_right == n_seen] = np.inf
    theta[n_right == 0] = -np.inf
    theta[n_seen == 0] = np.nan
    se[~np.isfinite(theta)] = np.inf
    return AbilityEstimates(theta=theta, se=se)


def _information_rows(theta: FloatArray, items: ItemParameters) -> FloatArray:
    """Information of every item at each person's own ability: persons × items."""
    p = probability(theta, items)
    return np.asarray(items.a**2 * p * (1.0 - p), dtype=np.float64)


def eap_single(
    items: ItemParameters, answers: npt.ArrayLike, quadrature_points: int = 81
) -> tuple[float, float]:
    """EAP θ and posterior SD for one person who answered ``items`` (in order) with ``answers``."""
    if len(items) == 0:
        return 0.0, 1.0
    row = np.asarray(answers, dtype=np.float64)[None, :]
    result = eap(row, items, quadrature_points=quadrature_points)
    return float(result.theta[0]), float(result.se[0])


def _codes(
    responses: npt.ArrayLike, items: ItemParameters, mask: npt.ArrayLike | None
) -> ResponseCodes:
    codes = code_responses(responses, mask, min_items=1, allow_empty=True)
    if codes.shape[1] != len(items):
        raise ValueError(f"responses have {codes.shape[1]} items, parameters {len(items)}")
    return codes
