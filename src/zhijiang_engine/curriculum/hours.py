"""Dividing a whole number of hour units among parts in proportion, exactly and reproducibly.

Hours are counted in units of the plan's hour step (1 h or 0.5 h), so every share is an integer
and the shares always add up to the total: largest-remainder (Hamilton) rounding, with ties going
to the earlier part so that the same input always gives the same plan.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

_EPSILON = 1e-9


def proportional(weights: Sequence[float], total: float) -> list[float]:
    """``total`` split in proportion to ``weights`` (equally when they are all zero)."""
    if not weights:
        return []
    mass = sum(weights)
    if mass <= 0:
        return [total / len(weights)] * len(weights)
    return [total * weight / mass for weight in weights]


def largest_remainder(targets: Sequence[float], total: int) -> list[int]:
    """Integers close to ``targets`` that sum to ``total`` (the targets should sum to it)."""
    counts = [max(0, math.floor(target + _EPSILON)) for target in targets]
    left = total - sum(counts)
    order = sorted(range(len(targets)), key=lambda i: (-(targets[i] - counts[i]), i))
    for i in order[: max(0, left)]:
        counts[i] += 1
    return counts


def with_minimum(targets: Sequence[float], total: float, minimum: float) -> list[float]:
    """``targets`` rescaled to sum to ``total`` with none below ``minimum``: parts under it are
    raised to it and the others shrink in proportion (repeated until none falls under)."""
    fixed: set[int] = set()
    while True:
        free = [i for i in range(len(targets)) if i not in fixed]
        room = total - minimum * len(fixed)
        shares = proportional([targets[i] for i in free], room)
        result = [minimum] * len(targets)
        for i, share in zip(free, shares, strict=True):
            result[i] = share
        under = {i for i in free if result[i] < minimum - _EPSILON}
        if not under:
            return result
        fixed |= under


def bounded_round(
    targets: Sequence[float], lower: Sequence[int], upper: Sequence[int], total: int
) -> list[int]:
    """Integers within ``[lower, upper]`` that sum to ``total``, as close to ``targets`` as
    largest-remainder rounding gets (the bounds must leave room for the total)."""
    counts = [
        min(high, max(low, math.floor(target + _EPSILON)))
        for target, low, high in zip(targets, lower, upper, strict=True)
    ]
    left = total - sum(counts)
    while left != 0:
        step = 1 if left > 0 else -1
        movable = [
            i
            for i in range(len(counts))
            if (counts[i] < upper[i] if step > 0 else counts[i] > lower[i])
        ]
        if not movable:
            raise ValueError("the bounds leave no room for the total")
        # Add where the target is furthest above the count; take where it is furthest below.
        i = min(movable, key=lambda k: (-step * (targets[k] - counts[k]), k))
        counts[i] += step
        left -= step
    return counts
