"""Fixed-form assembly: exam papers drawn from an item bank so that each part of the blueprint
gets its share of the items, and parallel forms that share no item and have near-equal mean
difficulty.

The caller passes only items that may be used (reviewed or calibrated); a difficulty of
``None`` (not calibrated) counts as 0, the centre of the IRT scale.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from zhijiang_engine.assessment.blueprint import Blueprint, part_of_requirement
from zhijiang_engine.curriculum.hours import largest_remainder, proportional


@dataclass(frozen=True)
class BankItem:
    id: int
    requirement: str
    difficulty: float | None = None  # IRT b when calibrated


@dataclass(frozen=True)
class Shortage:
    part: str
    needed: int
    available: int

    @property
    def missing(self) -> int:
        return self.needed - self.available


class BlueprintShortfallError(ValueError):
    """The bank has too few usable items for some parts of the blueprint."""

    def __init__(self, shortages: Sequence[Shortage]) -> None:
        self.shortages = tuple(shortages)
        text = "; ".join(
            f"part {s.part} needs {s.needed} items, the bank has {s.available} "
            f"({s.missing} missing)"
            for s in self.shortages
        )
        super().__init__(f"the bank cannot satisfy the blueprint: {text}")


class ParallelFormsError(ValueError):
    """No split into parallel forms within the difficulty tolerance was found."""

    def __init__(self, spread: float, tolerance: float) -> None:
        self.spread = spread
        self.tolerance = tolerance
        super().__init__(
            f"the closest parallel forms differ by {spread:.3f} in mean difficulty, "
            f"more than the tolerance {tolerance:.3f}"
        )


@dataclass(frozen=True)
class AssembledForm:
    items: tuple[int, ...]  # item ids in paper order: part by part
    counts: Mapping[str, int]  # items per blueprint part
    mean_difficulty: float


def difficulty_of(item: BankItem) -> float:
    return 0.0 if item.difficulty is None else float(item.difficulty)


def part_counts(blueprint: Blueprint, length: int) -> dict[str, int]:
    """Items per part for a form of ``length`` items, in proportion to the theory points."""
    weights = [part.theory_points for part in blueprint.parts]
    if sum(weights) == 0:
        raise ValueError("the blueprint gives no theory points")
    counts = largest_remainder(proportional(weights, length), length)
    return {part.key: count for part, count in zip(blueprint.parts, counts, strict=True)}


def _form_length(blueprint: Blueprint, length: int | None, points_per_item: int) -> int:
    if points_per_item < 1:
        raise ValueError("points_per_item must be at least 1")
    found = blueprint.theory_total // points_per_item if length is None else length
    if found < 1:
        raise ValueError("a form needs at least one item")
    return found


def _pools(
    items: Iterable[BankItem], blueprint: Blueprint, exclude: Collection[int]
) -> dict[str, list[BankItem]]:
    pools: dict[str, list[BankItem]] = {part.key: [] for part in blueprint.parts}
    seen: set[int] = set()
    for item in items:
        part = part_of_requirement(item.requirement)
        if item.id in exclude or item.id in seen or part not in pools:
            continue
        seen.add(item.id)
        pools[part].append(item)
    return pools


def _check(pools: Mapping[str, list[BankItem]], needed: Mapping[str, int]) -> None:
    shortages = [
        Shortage(part, count, len(pools[part]))
        for part, count in needed.items()
        if len(pools[part]) < count
    ]
    if shortages:
        raise BlueprintShortfallError(shortages)


def _spread_draw(pool: Sequence[BankItem], count: int, rng: np.random.Generator) -> list[BankItem]:
    """``count`` items drawn at random, going round the requirements so that as many
    requirements as possible are tested."""
    by_requirement: dict[str, list[BankItem]] = {}
    for index in rng.permutation(len(pool)):
        item = pool[int(index)]
        by_requirement.setdefault(item.requirement, []).append(item)
    queues = [by_requirement[key] for key in sorted(by_requirement)]
    order = [int(i) for i in rng.permutation(len(queues))]
    chosen: list[BankItem] = []
    while len(chosen) < count:
        for i in order:
            if queues[i] and len(chosen) < count:
                chosen.append(queues[i].pop())
    return chosen


def _form(items_by_part: Mapping[str, Sequence[BankItem]]) -> AssembledForm:
    ordered = [item for part in items_by_part.values() for item in part]
    mean = float(np.mean([difficulty_of(i) for i in ordered])) if ordered else 0.0
    return AssembledForm(
        items=tuple(item.id for item in ordered),
        counts={part: len(chosen) for part, chosen in items_by_part.items()},
        mean_difficulty=mean,
    )


def _generator(rng: np.random.Generator | int | None) -> np.random.Generator:
    return rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)


def assemble_form(
    items: Iterable[BankItem],
    blueprint: Blueprint,
    *,
    length: int | None = None,
    points_per_item: int = 1,
    rng: np.random.Generator | int | None = None,
    exclude: Collection[int] = (),
) -> AssembledForm:
    """One form of ``length`` items (default: the theory points over ``points_per_item``),
    each blueprint part getting items in proportion to its theory points."""
    generator = _generator(rng)
    needed = part_counts(blueprint, _form_length(blueprint, length, points_per_item))
    pools = _pools(items, blueprint, exclude)
    _check(pools, needed)
    return _form({key: _spread_draw(pools[key], n, generator) for key, n in needed.items()})


def _deal(chosen: Sequence[BankItem], k: int) -> list[list[BankItem]]:
    """Deal items sorted by difficulty to ``k`` forms in snake order (0…k-1, k-1…0, …)."""
    hands: list[list[BankItem]] = [[] for _ in range(k)]
    ranked = sorted(chosen, key=lambda item: (difficulty_of(item), item.id))
    for index, item in enumerate(ranked):
        turn, step = divmod(index, k)
        hands[step if turn % 2 == 0 else k - 1 - step].append(item)
    return hands


def _sums(forms: Sequence[Mapping[str, list[BankItem]]]) -> list[float]:
    return [sum(difficulty_of(i) for part in form.values() for i in part) for form in forms]


def _improve(forms: list[dict[str, list[BankItem]]], spare: Mapping[str, list[BankItem]]) -> None:
    """Swap items between the hardest and the easiest form (or with unused items) while that
    narrows the gap between their sums."""
    for _ in range(200 * len(forms)):
        sums = _sums(forms)
        hi, lo = int(np.argmax(sums)), int(np.argmin(sums))
        gap = sums[hi] - sums[lo]
        if gap <= 1e-12:
            return
        best: tuple[float, str, list[BankItem], int, list[BankItem], int] | None = None
        for part in forms[hi]:
            source = forms[hi][part]
            for target in (forms[lo][part], spare[part]):
                for a, x in enumerate(source):
                    for b, y in enumerate(target):
                        delta = difficulty_of(x) - difficulty_of(y)
                        # A swap with the other form moves both sums; with a spare item, one.
                        shift = 2 * delta if target is forms[lo][part] else delta
                        after = abs(gap - shift)
                        if delta > 0 and after < gap - 1e-12 and (best is None or after < best[0]):
                            best = (after, part, source, a, target, b)
        if best is None:
            return
        _after, _part, source, a, target, b = best
        source[a], target[b] = target[b], source[a]


def parallel_forms(
    items: Iterable[BankItem],
    blueprint: Blueprint,
    *,
    k: int,
    length: int | None = None,
    points_per_item: int = 1,
    rng: np.random.Generator | int | None = None,
    exclude: Collection[int] = (),
    tolerance: float = 0.1,
) -> tuple[AssembledForm, ...]:
    """``k`` forms that each follow the blueprint, share no item, and whose mean difficulties
    differ by at most ``tolerance``."""
    if k < 1:
        raise ValueError("k must be at least 1")
    generator = _generator(rng)
    size = _form_length(blueprint, length, points_per_item)
    needed = part_counts(blueprint, size)
    pools = _pools(items, blueprint, exclude)
    _check(pools, {key: n * k for key, n in needed.items()})
    forms: list[dict[str, list[BankItem]]] = [{} for _ in range(k)]
    spare: dict[str, list[BankItem]] = {}
    for key, n in needed.items():
        chosen = _spread_draw(pools[key], n * k, generator)
        taken = {item.id for item in chosen}
        spare[key] = [item for item in pools[key] if item.id not in taken]
        for form, hand in zip(forms, _deal(chosen, k), strict=True):
            form[key] = hand
    _improve(forms, spare)
    assembled = tuple(_form(form) for form in forms)
    means = [form.mean_difficulty for form in assembled]
    spread = max(means) - min(means)
    if spread > tolerance:
        raise ParallelFormsError(spread, tolerance)
    return assembled
