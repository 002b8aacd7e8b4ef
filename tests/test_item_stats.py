"""Classical item statistics: p-value and point-biserial against hand computations and scipy,
the rest score of a fixed form, pooling forms, and the review flags at their thresholds."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import pointbiserialr

from zhijiang_engine.irt import (
    FlagThresholds,
    ItemFlag,
    ItemStats,
    ResponseDataError,
    form_statistics,
    item_flags,
    item_statistics,
    parameter_flags,
)


def test_p_value_and_point_biserial_of_a_small_example_match_a_hand_computation():
    # x = 1 1 0 0, y = 3 2 1 2: deviations ±0.5 and (1, 0, −1, 0), so
    # r = Σdx·dy / √(Σdx² · Σdy²) = 1 / √(1 · 2) = 0.7071.
    stats = item_statistics([1, 1, 0, 0], [3, 2, 1, 2])
    assert stats.n == 4
    assert stats.p_value == 0.5
    assert stats.point_biserial == pytest.approx(1 / math.sqrt(2))


def test_point_biserial_equals_scipy_on_random_responses():
    rng = np.random.default_rng(11)
    theta = rng.normal(size=400)
    scores = (rng.random(400) < 1 / (1 + np.exp(-1.2 * (theta - 0.3)))).astype(int)
    expected = pointbiserialr(scores, theta)
    stats = item_statistics(scores, theta)
    assert stats.point_biserial == pytest.approx(expected.statistic, abs=1e-12)
    assert stats.p_value == pytest.approx(scores.mean())


def test_form_statistics_correlate_each_item_with_the_rest_score_not_the_total():
    scores = np.array([[1, 1, 0], [1, 0, 0], [1, 1, 1], [0, 0, 1], [1, 1, 0], [0, 1, 0]])
    stats = form_statistics(scores)
    assert [s.p_value for s in stats] == pytest.approx([4 / 6, 4 / 6, 2 / 6])
    # Item 1 (column 0): rest scores = columns 1 + 2 = 1 0 2 1 1 1.
    # x − x̄ = (1/3, 1/3, 1/3, −2/3, 1/3, −2/3); y − ȳ = (0, −1, 1, 0, 0, 0)
    # Σdx·dy = −1/3 + 1/3 = 0 → r = 0.
    assert stats[0].point_biserial == pytest.approx(0.0, abs=1e-12)
    for column, each in enumerate(stats):
        rest = scores.sum(axis=1) - scores[:, column]
        assert each.point_biserial == pytest.approx(pointbiserialr(scores[:, column], rest)[0])
    total = scores.sum(axis=1)
    assert stats[1].point_biserial != pytest.approx(pointbiserialr(scores[:, 1], total)[0])


def test_undefined_correlations_are_none_and_no_responses_give_no_p_value():
    assert item_statistics([1, 1, 1], [0, 1, 2]) == ItemStats(3, 1.0, None)  # nobody wrong
    assert item_statistics([1, 0, 1], [2, 2, 2]) == ItemStats(3, 2 / 3, None)  # flat criterion
    assert item_statistics([], []) == ItemStats(0, None, None)


def test_forms_of_different_lengths_are_pooled_on_a_standardised_rest_score():
    scores = np.array([1, 1, 0, 0, 1, 1, 0, 0])
    rest = np.array([3, 2, 1, 2, 33, 22, 11, 22])  # the second form's scores ten times larger
    forms = np.array([1, 1, 1, 1, 2, 2, 2, 2])
    pooled = item_statistics(scores, rest, groups=forms)
    assert pooled.point_biserial == pytest.approx(1 / math.sqrt(2))
    assert item_statistics(scores, rest).point_biserial != pytest.approx(1 / math.sqrt(2))


@pytest.mark.parametrize(
    ("values", "criterion"),
    [([1, 0, 2], [1, 2, 3]), ([1, 0], [1, 2, 3]), ([1, 0], [1, float("nan")])],
)
def test_bad_responses_are_refused(values, criterion):
    with pytest.raises(ResponseDataError):
        item_statistics(values, criterion)


FEW, ENOUGH = 29, 30


@pytest.mark.parametrize(
    ("stats", "flags"),
    [
        (ItemStats(ENOUGH, 0.19, 0.30), (ItemFlag.TOO_HARD,)),
        (ItemStats(ENOUGH, 0.20, 0.30), ()),
        (ItemStats(ENOUGH, 0.96, 0.30), (ItemFlag.TOO_EASY,)),
        (ItemStats(ENOUGH, 0.95, 0.30), ()),
        (ItemStats(ENOUGH, 0.60, 0.14), (ItemFlag.WEAK,)),
        (ItemStats(ENOUGH, 0.60, 0.15), ()),
        (ItemStats(ENOUGH, 0.60, -0.05), (ItemFlag.NEGATIVE,)),
        (ItemStats(ENOUGH, 0.10, -0.20), (ItemFlag.TOO_HARD, ItemFlag.NEGATIVE)),
        (ItemStats(ENOUGH, 1.0, None), (ItemFlag.TOO_EASY,)),
        (ItemStats(FEW, 0.05, -0.50), ()),
    ],
)
def test_fixed_form_statistics_flag_at_the_documented_thresholds(stats, flags):
    assert item_flags(fixed=stats) == flags


def test_adaptive_statistics_flag_only_a_negative_correlation_with_theta():
    assert item_flags(adaptive=ItemStats(ENOUGH, 0.05, 0.05)) == ()
    assert item_flags(adaptive=ItemStats(ENOUGH, 0.5, -0.1)) == (ItemFlag.NEGATIVE,)
    assert item_flags(adaptive=ItemStats(FEW, 0.5, -0.1)) == ()
    both = item_flags(fixed=ItemStats(ENOUGH, 0.5, -0.1), adaptive=ItemStats(ENOUGH, 0.5, -0.1))
    assert both == (ItemFlag.NEGATIVE,)


def test_a_calibrated_discrimination_below_0_3_is_flagged_and_thresholds_can_change():
    assert parameter_flags(0.29) == (ItemFlag.LOW_DISCRIMINATION,)
    assert parameter_flags(0.3) == ()
    assert parameter_flags(None) == ()
    stricter = FlagThresholds(min_responses=10, a_low=0.5)
    assert parameter_flags(0.4, stricter) == (ItemFlag.LOW_DISCRIMINATION,)
    assert item_flags(fixed=ItemStats(10, 0.1, 0.3), thresholds=stricter) == (ItemFlag.TOO_HARD,)
