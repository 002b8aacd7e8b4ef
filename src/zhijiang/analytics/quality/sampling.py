"""A seeded sample spread over occupations, stable while content and reviews come and go.

Each unit gets a rank from a hash of the seed and its reference, so the order of the others
never depends on which units exist: two reviewers with the same seed see the same units
(less those each has judged), and a unit judged drops out without reshuffling the rest.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

# (occupation id, object id, path inside the object)
Key = tuple[int, int, str]


def _rank(seed: int, salt: str, value: object) -> bytes:
    return hashlib.blake2b(f"{seed}|{salt}|{value}".encode(), digest_size=8).digest()


def spread_sample(keys: Sequence[Key], *, size: int, seed: int, salt: str = "") -> list[Key]:
    """Up to ``size`` keys: occupations in a seeded order, one unit of each in turn (each
    occupation's units in a seeded order), so that a sample covers as many occupations as it
    can before it takes a second unit of any."""
    groups: dict[int, list[Key]] = {}
    for key in keys:
        groups.setdefault(key[0], []).append(key)
    for group in groups.values():
        group.sort(key=lambda k: _rank(seed, salt, (k[1], k[2])))
    order = sorted(groups, key=lambda occupation: _rank(seed, salt + "#occupation", occupation))
    picked: list[Key] = []
    depth = 0
    while len(picked) < size:
        row = [groups[occupation][depth] for occupation in order if depth < len(groups[occupation])]
        if not row:
            break
        picked.extend(row[: size - len(picked)])
        depth += 1
    return picked
