"""The two-parameter logistic (2PL) model: item parameters, response probabilities and Fisher
information. The 1PL is the 2PL with one discrimination shared by every item."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class ItemParameters:
    """Discrimination ``a`` and difficulty ``b`` of each item: P(correct | θ) = σ(a (θ − b))."""

    a: FloatArray
    b: FloatArray

    def __post_init__(self) -> None:
        a = np.asarray(self.a, dtype=np.float64)
        b = np.asarray(self.b, dtype=np.float64)
        if a.ndim != 1 or a.shape != b.shape:
            raise ValueError("a and b must be one-dimensional arrays of the same length")
        if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
            raise ValueError("item parameters must be finite")
        a.flags.writeable = False
        b.flags.writeable = False
        object.__setattr__(self, "a", a)
        object.__setattr__(self, "b", b)

    def __len__(self) -> int:
        return int(self.a.shape[0])

    def subset(self, items: npt.ArrayLike) -> ItemParameters:
        """The parameters of the given items (indices), in that order."""
        index = np.asarray(items, dtype=np.intp)
        return ItemParameters(a=self.a[index], b=self.b[index])


def probability(theta: npt.ArrayLike, items: ItemParameters) -> FloatArray:
    """P(correct) with shape ``theta.shape + (items,)``: one row of probabilities per ability."""
    t = np.asarray(theta, dtype=np.float64)[..., None]
    return _sigmoid(items.a * (t - items.b))


def item_information(theta: npt.ArrayLike, items: ItemParameters) -> FloatArray:
    """Fisher information a²·P·(1 − P) of each item at each ability, shaped like ``probability``."""
    p = probability(theta, items)
    return np.asarray(items.a**2 * p * (1.0 - p), dtype=np.float64)


def test_information(theta: npt.ArrayLike, items: ItemParameters) -> FloatArray:
    """Information of the whole test (sum over items) at each ability; SE(θ) ≈ 1/√information."""
    return np.asarray(item_information(theta, items).sum(axis=-1), dtype=np.float64)


def _sigmoid(z: FloatArray) -> FloatArray:
    """Logistic function that neither overflows nor loses precision in the tails."""
    out = np.empty_like(z, dtype=np.float64)
    positive = z >= 0
    out[positive] = 1.0 / (1.0 + np.exp(-z[positive]))
    ez = np.exp(z[~positive])
    out[~positive] = ez / (1.0 + ez)
    return out
