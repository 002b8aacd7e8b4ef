"""Which occupations list a task, or one nearly the same, in the national classification.

A task that several occupations list is a duty of many ("维护客户关系", "编写有关生产的技术资料，
组织技术培训", "进行新工艺、新技术、新材料、新器件的试验和应用"): offered as a wrong answer for
yet another occupation it may well be right, so it is never a distractor. A task that many list
("维护保养设备，处理故障，记录生产数据") says nothing about the occupation, so it is never a key.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from zhijiang_engine.assessment.knowledge_items import char_pairs
from zhijiang_engine.standards.draft import OccupationFacts

SAME_TASK = 0.6  # two tasks are the same when they share this share of the shorter one's pairs


class TaskOwners:
    """The tasks of a set of occupations (each counted once), indexed by their character
    pairs, answering which occupations list a given task."""

    def __init__(self, occupations: Sequence[OccupationFacts]) -> None:
        codes: list[str] = []
        sizes: list[int] = []
        postings: dict[str, list[int]] = defaultdict(list)
        for occupation in {o.code: o for o in occupations}.values():
            for task in dict.fromkeys(occupation.tasks):
                pairs = char_pairs(task)
                for pair in pairs:
                    postings[pair].append(len(codes))
                codes.append(occupation.code)
                sizes.append(len(pairs))
        self._codes = codes
        self._sizes = np.array(sizes, dtype=np.int64)
        self._postings = {pair: np.array(tasks, dtype=np.int64) for pair, tasks in postings.items()}
        self._known: dict[str, frozenset[str]] = {}

    def owners(self, task: str) -> frozenset[str]:
        """The codes of the occupations that list ``task`` or one nearly the same."""
        if task not in self._known:
            self._known[task] = self._owners(task)
        return self._known[task]

    def _owners(self, task: str) -> frozenset[str]:
        hits = [self._postings[pair] for pair in char_pairs(task) if pair in self._postings]
        if not hits:
            return frozenset()
        shared = np.bincount(np.concatenate(hits), minlength=len(self._codes))
        needed = SAME_TASK * np.minimum(len(char_pairs(task)), self._sizes)
        same = np.flatnonzero((shared > 0) & (shared >= needed))
        return frozenset(self._codes[int(index)] for index in same)


@lru_cache(maxsize=4)
def task_owners(occupations: tuple[OccupationFacts, ...]) -> TaskOwners:
    """The index of ``occupations``' tasks, built once for the batches drafted against the
    same neighbours."""
    return TaskOwners(occupations)
