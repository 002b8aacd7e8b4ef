"""The seeded sample: spread over occupations, and stable when units come and go; the
generator labels the rates are grouped by."""

from __future__ import annotations

from zhijiang.analytics.quality.sampling import spread_sample
from zhijiang.analytics.quality.units import generator_label


def keys(occupations: int, each: int) -> list[tuple[int, int, str]]:
    return [(o, o * 100 + n, "") for o in range(1, occupations + 1) for n in range(each)]


def test_a_sample_takes_one_unit_of_every_occupation_before_a_second_of_any():
    sample = spread_sample(keys(5, 4), size=7, seed=3)
    assert len(sample) == 7
    assert sorted({key[0] for key in sample[:5]}) == [1, 2, 3, 4, 5]
    assert len({key[0] for key in sample[5:]}) == 2


def test_the_same_seed_gives_the_same_sample_whatever_order_the_units_come_in():
    units = keys(4, 6)
    assert spread_sample(units, size=10, seed=42) == spread_sample(units[::-1], size=10, seed=42)
    assert spread_sample(units, size=10, seed=42) != spread_sample(units, size=10, seed=43)


def by_occupation(sample: list[tuple[int, int, str]]) -> dict[int, list[tuple[int, int, str]]]:
    groups: dict[int, list[tuple[int, int, str]]] = {}
    for key in sample:
        groups.setdefault(key[0], []).append(key)
    return groups


def test_a_unit_left_out_does_not_reshuffle_the_others():
    units = keys(3, 5)
    before = spread_sample(units, size=15, seed=7)
    judged = before[4]
    after = spread_sample([key for key in units if key != judged], size=15, seed=7)
    assert list(by_occupation(after)) == list(by_occupation(before))  # occupations' order
    for occupation, group in by_occupation(before).items():
        assert by_occupation(after)[occupation] == [key for key in group if key != judged]


def test_a_sample_is_never_larger_than_what_there_is():
    assert len(spread_sample(keys(2, 3), size=20, seed=1)) == 6
    assert spread_sample([], size=5, seed=1) == []


def test_a_source_that_names_its_version_keeps_it_and_others_get_the_engines():
    assert generator_label("occupation-facts/1", "items/9") == "occupation-facts/1"
    assert generator_label("offline", "standards/2") == "offline · standards/2"
    assert generator_label("llm:Qwen/Qwen2.5-7B", "courses/1") == "llm:Qwen/Qwen2.5-7B · courses/1"
    assert generator_label("llm:org/2", "courses/1") == "llm:org/2 · courses/1"
