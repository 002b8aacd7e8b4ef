"""Computerised adaptive testing: maximum-information item selection at the current EAP ability,
within the content area furthest behind its blueprint share, among items under the exposure
cap, stopping at a target standard error or a maximum length.

Exposure rule (a running cap): with T tests started (the current one included) an item shown in
n of them may be shown again only if n + 1 ≤ max(cap · T, 1). So no item's exposure rate
n / T exceeds the cap once T ≥ 1 / cap, whatever order the simulees come in. ``randomesque``
> 1 picks at random among that many most informative eligible items, spreading exposure more.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from zhijiang_engine.irt.ability import eap_single
from zhijiang_engine.irt.model import FloatArray, ItemParameters, item_information, probability

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class ItemBank:
    """Calibrated items with the content area (e.g. a work function) of each."""

    items: ItemParameters
    content: tuple[str, ...]

    def __post_init__(self) -> None:
        if len(self.content) != len(self.items):
            raise ValueError(f"{len(self.content)} content areas for {len(self.items)} items")


@dataclass(frozen=True, eq=False)
class CatRules:
    """Stopping, balancing and exposure settings; ``blueprint`` maps content area → share."""

    blueprint: Mapping[str, float] = field(default_factory=dict)
    se_target: float = 0.3
    max_items: int = 30
    min_items: int = 1
    max_exposure: float = 0.25
    randomesque: int = 1


class StopReason(StrEnum):
    PRECISION = "se_target"  # SE ≤ rules.se_target
    MAX_LENGTH = "max_items"  # rules.max_items answered
    BANK_EXHAUSTED = "bank_exhausted"  # no item is left that the blueprint and exposure cap allow


@dataclass(frozen=True)
class CatStep:
    """The next item to show (an index into the bank), or why the test stops; θ and SE so far."""

    item: int | None
    theta: float
    se: float
    stop_reason: StopReason | None


def next_item(
    bank: ItemBank,
    administered: Sequence[int],
    answers: Sequence[int],
    *,
    rules: CatRules,
    exposure_counts: npt.ArrayLike,
    tests_started: int,
    rng: np.random.Generator | None = None,
) -> CatStep:
    """One stateless CAT step for a web app.

    ``administered``/``answers``: item indices shown so far in this test and their 0/1 answers.
    ``exposure_counts[i]``: tests (this one included) that have shown item i; ``tests_started``:
    tests started, this one included. ``rng`` is needed only when ``rules.randomesque`` > 1.
    """
    if len(administered) != len(answers):
        raise ValueError("administered and answers must have the same length")
    shown = np.asarray(administered, dtype=np.intp)
    theta, se = eap_single(bank.items.subset(shown), answers)
    if len(shown) >= rules.min_items and se <= rules.se_target:
        return CatStep(item=None, theta=theta, se=se, stop_reason=StopReason.PRECISION)
    if len(shown) >= rules.max_items:
        return CatStep(item=None, theta=theta, se=se, stop_reason=StopReason.MAX_LENGTH)
    counts = np.asarray(exposure_counts, dtype=np.float64)
    eligible = counts + 1 <= max(rules.max_exposure * tests_started, 1.0)
    eligible[shown] = False
    choice = _select(bank, rules, eligible, shown, theta, rng)
    if choice is None:
        return CatStep(item=None, theta=theta, se=se, stop_reason=StopReason.BANK_EXHAUSTED)
    return CatStep(item=choice, theta=theta, se=se, stop_reason=None)


def _select(
    bank: ItemBank,
    rules: CatRules,
    eligible: npt.NDArray[np.bool_],
    shown: npt.NDArray[np.intp],
    theta: float,
    rng: np.random.Generator | None,
) -> int | None:
    """Most informative eligible item in the area furthest behind its blueprint share."""
    content = np.asarray(bank.content)
    if rules.blueprint:
        area = _area_behind(rules.blueprint, content, eligible, content[shown])
        if area is None:
            return None
        eligible = eligible & (content == area)
    candidates = np.flatnonzero(eligible)
    if candidates.size == 0:
        return None
    information = item_information(theta, bank.items.subset(candidates))
    top = candidates[np.argsort(-information, kind="stable")[: max(rules.randomesque, 1)]]
    if top.size == 1:
        return int(top[0])
    if rng is None:
        raise ValueError("rules.randomesque > 1 needs an rng")
    return int(rng.choice(top))


def _area_behind(
    blueprint: Mapping[str, float],
    content: npt.NDArray[np.str_],
    eligible: npt.NDArray[np.bool_],
    shown_areas: npt.NDArray[np.str_],
) -> str | None:
    """Content area with the largest shortfall target·(n + 1) − shown, among areas with items."""
    total = sum(blueprint.values())
    best, best_gap = None, -np.inf
    for area, share in blueprint.items():
        if not (eligible & (content == area)).any():
            continue
        gap = share / total * (len(shown_areas) + 1) - float((shown_areas == area).sum())
        if gap > best_gap + 1e-12:
            best, best_gap = area, gap
    return best


def check_blueprint(bank: ItemBank, blueprint: Mapping[str, float]) -> None:
    """Raise ValueError unless every share is positive and every area has items in the bank."""
    areas = set(bank.content)
    for area, share in blueprint.items():
        if not share > 0:
            raise ValueError(f"blueprint share of {area!r} must be positive, got {share}")
        if area not in areas:
            raise ValueError(f"blueprint area {area!r} has no items in the bank")


@dataclass(frozen=True, eq=False)
class CatSimulation:
    """Outcome of simulated CATs: per simulee θ̂, SE, length and stop reason; per item exposure."""

    theta: FloatArray
    se: FloatArray
    lengths: IntArray
    stop_reasons: tuple[StopReason, ...]
    administered: tuple[tuple[int, ...], ...]
    exposure: FloatArray  # share of simulees who saw each item


def simulate_cat(
    bank: ItemBank, true_theta: npt.ArrayLike, *, rules: CatRules, rng: np.random.Generator
) -> CatSimulation:
    """Run one CAT per simulee in turn, drawing answers from the 2PL at the true ability."""
    check_blueprint(bank, rules.blueprint)
    truth = np.asarray(true_theta, dtype=np.float64)
    counts = np.zeros(len(bank.items), dtype=np.int64)
    theta, se = np.empty(truth.size), np.empty(truth.size)
    lengths = np.empty(truth.size, dtype=np.int64)
    reasons: list[StopReason] = []
    administered: list[tuple[int, ...]] = []
    for person, ability in enumerate(truth):
        shown: list[int] = []
        answers: list[int] = []
        while True:
            step = next_item(
                bank,
                shown,
                answers,
                rules=rules,
                exposure_counts=counts,
                tests_started=person + 1,
                rng=rng,
            )
            if step.item is None:
                break
            counts[step.item] += 1
            shown.append(step.item)
            p = probability(ability, bank.items.subset([step.item]))[0]
            answers.append(int(rng.random() < p))
        theta[person], se[person], lengths[person] = step.theta, step.se, len(shown)
        reasons.append(step.stop_reason or StopReason.MAX_LENGTH)
        administered.append(tuple(shown))
    return CatSimulation(
        theta=theta,
        se=se,
        lengths=lengths,
        stop_reasons=tuple(reasons),
        administered=tuple(administered),
        exposure=counts / max(truth.size, 1),
    )
