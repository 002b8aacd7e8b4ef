"""Where industry demand for skills comes from, without training depending on the jobs app.

Apps above training (jobs) register a source when Django starts; training asks for a district's
demand (skill key → weight) and gets an empty sample when no source knows of any demand.
"""

from __future__ import annotations

from collections.abc import Callable

from zhijiang.common.models import District

DemandSource = Callable[[District], dict[str, float]]
_sources: list[DemandSource] = []


def register_source(source: DemandSource) -> None:
    if source not in _sources:
        _sources.append(source)


def district_demand(district: District) -> dict[str, float]:
    """The weight of each skill asked for in the district, summed over every source."""
    total: dict[str, float] = {}
    for source in _sources:
        for key, weight in source(district).items():
            total[key] = total.get(key, 0.0) + weight
    return total
