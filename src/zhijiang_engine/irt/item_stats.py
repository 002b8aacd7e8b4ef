"""Classical item statistics from real responses and the review flags they raise.

An item's p-value is the share of correct responses; its point-biserial correlation is the
Pearson correlation between the 0/1 item score and a criterion: on a fixed form the rest score
(the candidate's total minus this item, so the item does not correlate with itself), in an
adaptive test the candidate's ability estimate θ (everyone answers different items, so there
is no common total). The thresholds are described in docs/assessment.md ("Item statistics").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from zhijiang_engine.irt.responses import ResponseDataError


class ItemFlag(StrEnum):
    """Why an item is flagged for review."""

    TOO_HARD = "too_hard"  # p below p_low
    TOO_EASY = "too_easy"  # p above p_high
    WEAK = "weak"  # 0 ≤ r_pb < r_weak: the item barely separates strong and weak candidates
    NEGATIVE = "negative"  # r_pb < 0: strong candidates fail it more often (miskeyed?)
    LOW_DISCRIMINATION = "low_discrimination"  # calibrated a below a_low


@dataclass(frozen=True)
class FlagThresholds:
    """When statistics flag an item; the response-based flags wait for ``min_responses``."""

    min_responses: int = 30
    p_low: float = 0.20
    p_high: float = 0.95
    r_weak: float = 0.15
    a_low: float = 0.3


@dataclass(frozen=True)
class ItemStats:
    """``n`` responses, the p-value and the point-biserial correlation with the criterion;
    None where undefined (no responses; no spread in the item scores or the criterion)."""

    n: int
    p_value: float | None
    point_biserial: float | None


def item_statistics(
    scores: npt.ArrayLike,
    criterion: npt.ArrayLike,
    *,
    groups: npt.ArrayLike | None = None,
) -> ItemStats:
    """Statistics of one item from each response's 0/1 ``scores`` and the responding
    candidate's ``criterion`` (rest score or θ). With ``groups`` (a label per response, e.g.
    the exam form), the criterion is standardised within each group first, so that rest scores
    of forms of different lengths are pooled on one scale; within one group this changes
    nothing, as a correlation ignores a linear change of scale."""
    x = np.asarray(scores, dtype=np.float64)
    y = np.asarray(criterion, dtype=np.float64)
    if x.ndim != 1 or x.shape != y.shape:
        raise ResponseDataError(
            f"scores and criterion must be vectors of one length, got {x.shape} and {y.shape}"
        )
    if not np.all((x == 0) | (x == 1)):
        raise ResponseDataError("item scores must be 0 or 1")
    if not np.all(np.isfinite(y)):
        raise ResponseDataError("the criterion must be finite numbers")
    if x.size == 0:
        return ItemStats(0, None, None)
    if groups is not None:
        y = _standardised_within(y, np.asarray(groups))
    return ItemStats(int(x.size), float(x.mean()), _correlation(x, y))


def form_statistics(scores: npt.ArrayLike) -> tuple[ItemStats, ...]:
    """Statistics of every item of a fixed form from its persons × items 0/1 score matrix,
    each item against the rest score."""
    matrix = np.asarray(scores, dtype=np.float64)
    if matrix.ndim != 2:
        raise ResponseDataError(f"scores must be a persons × items matrix, got {matrix.ndim}-d")
    totals = matrix.sum(axis=1)
    return tuple(
        item_statistics(matrix[:, column], totals - matrix[:, column])
        for column in range(matrix.shape[1])
    )


def item_flags(
    *,
    fixed: ItemStats | None = None,
    adaptive: ItemStats | None = None,
    thresholds: FlagThresholds | None = None,
) -> tuple[ItemFlag, ...]:
    """The response-based flags. Fixed-form statistics raise every flag. Adaptive ones raise
    only a negative correlation with θ: the CAT gives each item to candidates near its
    difficulty, so its p-value gathers near one half by design and its correlations are
    attenuated by the narrow range of θ."""
    rules = thresholds or FlagThresholds()
    flags: list[ItemFlag] = []
    if fixed is not None and fixed.n >= rules.min_responses:
        if fixed.p_value is not None and fixed.p_value < rules.p_low:
            flags.append(ItemFlag.TOO_HARD)
        if fixed.p_value is not None and fixed.p_value > rules.p_high:
            flags.append(ItemFlag.TOO_EASY)
        if fixed.point_biserial is not None and fixed.point_biserial < 0:
            flags.append(ItemFlag.NEGATIVE)
        elif fixed.point_biserial is not None and fixed.point_biserial < rules.r_weak:
            flags.append(ItemFlag.WEAK)
    if (
        adaptive is not None
        and adaptive.n >= rules.min_responses
        and adaptive.point_biserial is not None
        and adaptive.point_biserial < 0
        and ItemFlag.NEGATIVE not in flags
    ):
        flags.append(ItemFlag.NEGATIVE)
    return tuple(flags)


def parameter_flags(
    discrimination: float | None, thresholds: FlagThresholds | None = None
) -> tuple[ItemFlag, ...]:
    """The flag of a calibrated item's IRT discrimination a (None: not calibrated)."""
    rules = thresholds or FlagThresholds()
    if discrimination is not None and discrimination < rules.a_low:
        return (ItemFlag.LOW_DISCRIMINATION,)
    return ()


def _correlation(x: npt.NDArray[np.float64], y: npt.NDArray[np.float64]) -> float | None:
    dx, dy = x - x.mean(), y - y.mean()
    spread = float(np.sqrt((dx @ dx) * (dy @ dy)))
    if spread <= 1e-12:
        return None
    return float(np.clip((dx @ dy) / spread, -1.0, 1.0))


def _standardised_within(
    values: npt.NDArray[np.float64], groups: npt.NDArray[np.generic]
) -> npt.NDArray[np.float64]:
    if groups.shape != values.shape:
        raise ResponseDataError(f"groups have shape {groups.shape}, responses {values.shape}")
    result = np.zeros_like(values)
    for label in np.unique(groups):
        members = groups == label
        part = values[members]
        deviation = float(part.std())
        result[members] = (part - part.mean()) / deviation if deviation > 1e-12 else 0.0
    return result
