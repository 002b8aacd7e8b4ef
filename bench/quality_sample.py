"""A seeded random sample of offline-generated text for a human reviewer (issue 15's acceptance
figures): standard requirements, course/textbook/project paragraphs and exam items, written to a
CSV.

Protocol: occupations of the shipped CSCO-2022 taxonomy that have skill standards (not 大类 1,
7 or 8) are drawn with a fixed seed (25 by default, so that each part covers at least 20
occupations); each is drafted offline at the levels of its ladder (五级–一级 for workers,
初级/中级/高级 for the professionals of 大类 2); requirements are drawn round-robin over the
occupations (100 by default);
for each occupation one national level is drawn, its course plan (400 hours), textbook outline
and training projects are generated, and paragraphs (lesson summaries and objectives, textbook
key points, concepts, cases and exercises, project briefs, scenarios, steps, rubric criteria and
safety notes) are drawn round-robin (100 by default); for the same level the offline item
generator writes the occupation's items (its neighbours in the same 大类 give the distractors, as
in the platform) and items are drawn round-robin (100 by default), each written as its stem,
options and key.
Each row carries the problems the linguistic check (``zhijiang_engine.standards.lint``) still
finds — zero is expected, since the generators repair or leave out what it catches — and an
empty ``verdict`` column for the reviewer (accept / borderline / reject). The share of
drafted lines the check left out over the sampled occupations is printed.

Not a timing benchmark, so ``bench/run.py`` does not run it. Run:

    .venv/bin/python bench/quality_sample.py [--seed 15] [--out var/quality_sample.csv]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from zhijiang_engine.assessment.drafting import ItemDraft
from zhijiang_engine.assessment.occupation_items import occupation_drafts
from zhijiang_engine.curriculum import (
    CourseContext,
    course_plan_from_standard,
    textbook_outline,
    training_projects,
)
from zhijiang_engine.curriculum.generate import requirement_ids
from zhijiang_engine.standards import OccupationFacts, StandardDocument, standard_draft_offline
from zhijiang_engine.standards.levels import has_skill_standard, ladder_of, level_by_rank
from zhijiang_engine.standards.lint import problems
from zhijiang_engine.taxonomy import OccupationRecord, parse_taxonomy

ROOT = Path(__file__).resolve().parents[1]
TAXONOMY = ROOT / "src/zhijiang/occupations/data/csco22.csv"
COLUMNS = ("id", "occupation_code", "occupation_name", "level", "kind", "text", "problems")
Row = tuple[int, str, str]  # rank, kind, text


def _requirements(document: StandardDocument) -> Iterator[Row]:
    for level in document.levels:
        for function in level.functions:
            for content in function.contents:
                yield from ((level.rank, "skill requirement", r.text) for r in content.skills)
                yield from (
                    (level.rank, "knowledge requirement", r.text) for r in content.knowledge
                )


def _paragraphs(document: StandardDocument, rank: int, facts: OccupationFacts) -> Iterator[Row]:
    """Every paragraph a learner reads: lessons, textbook sections (key points, concept
    explanations, the case, review questions) and projects (brief, scenario, steps, rubric,
    safety), generated with the occupation's facts as the platform generates them (the skills'
    descriptions, which only the database has, are left out here)."""
    plan = course_plan_from_standard(document, rank=rank, total_hours=400)
    context = CourseContext(facts=facts)
    for lesson in plan.lessons:
        if lesson.summary:  # a summary that would only say its title is left out
            yield rank, "lesson summary", lesson.summary
        yield from ((rank, "objective", o.text) for o in lesson.objectives)
    for chapter in textbook_outline(plan, context).chapters:
        for section in chapter.sections:
            yield from ((rank, "textbook key point", point) for point in section.key_points)
            yield from ((rank, "textbook exercise", e.text) for e in section.exercises)
            yield from ((rank, "textbook concept", c.explanation) for c in section.concepts)
            if section.case is not None:
                case = section.case
                yield rank, "textbook case", f"{case.situation}{case.action}{case.result}"
            yield from ((rank, "review question", q.text) for q in section.questions)
    for project in training_projects(plan, context):
        yield rank, "project brief", project.brief
        if project.scenario:
            yield rank, "project scenario", project.scenario
        yield from ((rank, "project step", step) for step in project.steps)
        yield from ((rank, "rubric criterion", c.full_marks or c.text) for c in project.rubric)
        yield from ((rank, "project safety note", note) for note in project.safety)


def _item_text(item: ItemDraft) -> str:
    options = " ".join(
        f"{letter}. {text}" for letter, text in zip("ABCDEF", item.options, strict=False)
    )
    return f"{item.stem} {options} 答案：{item.answer}".replace("  ", " ").strip()


def _items(
    document: StandardDocument, rank: int, facts: OccupationFacts, others: list[OccupationFacts]
) -> Iterator[Row]:
    """The offline generator's items for the level, as an assessor drafting them receives them."""
    requirements = requirement_ids(document, rank=rank)
    rng = np.random.default_rng([int(c) for c in facts.code if c.isdigit()] + [rank])
    for item in occupation_drafts(
        occupation=facts, others=others, requirements=requirements, rng=rng
    ):
        yield rank, f"item ({item.kind})", _item_text(item)


def _round_robin(pools: list[list[Row]], count: int, rng: random.Random) -> list[tuple[int, Row]]:
    """``count`` rows, one from each occupation's pool in turn (pools shuffled), so that the
    sample spreads over as many occupations as it can."""
    for pool in pools:
        rng.shuffle(pool)
    picked: list[tuple[int, Row]] = []
    depth = 0
    while len(picked) < count and any(depth < len(pool) for pool in pools):
        for index, pool in enumerate(pools):
            if depth < len(pool) and len(picked) < count:
                picked.append((index, pool[depth]))
        depth += 1
    return picked


def _facts(record: OccupationRecord) -> OccupationFacts:
    return OccupationFacts(
        record.code,
        record.name,
        record.definition,
        record.tasks,
        record.is_digital,
        record.is_green,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--occupations", type=int, default=25)
    parser.add_argument("--requirements", type=int, default=100)
    parser.add_argument("--paragraphs", type=int, default=100)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--out", type=Path, default=ROOT / "var/quality_sample.csv")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    records = [
        r
        for r in parse_taxonomy(TAXONOMY.read_bytes(), filename=TAXONOMY.name)
        if r.level == 4 and has_skill_standard(r.code)
    ]
    chosen: list[OccupationRecord] = rng.sample(records, args.occupations)
    facts = [_facts(r) for r in chosen]
    drafts = [standard_draft_offline(f) for f in facts]
    ranks = [rng.choice([level.rank for level in d.levels]) for d in drafts]
    requirements = _round_robin([list(_requirements(d)) for d in drafts], args.requirements, rng)
    paragraphs = _round_robin(
        [list(_paragraphs(d, r, f)) for d, r, f in zip(drafts, ranks, facts, strict=True)],
        args.paragraphs,
        rng,
    )
    by_group: dict[str, list[OccupationFacts]] = {}
    for record in records:
        if record.tasks:
            by_group.setdefault(record.code[:1], []).append(_facts(record))
    items = _round_robin(
        [
            list(_items(d, r, f, by_group.get(f.code[:1], [])))
            for d, r, f in zip(drafts, ranks, facts, strict=True)
        ],
        args.items,
        rng,
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    flagged = 0
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow((*COLUMNS, "verdict"))
        for number, (index, (rank, kind, text)) in enumerate(
            [*requirements, *paragraphs, *items], 1
        ):
            checked = not kind.startswith("item")
            found = "; ".join(f"{p.rule}: {p.reason}" for p in problems(text, rank=rank) if checked)
            flagged += bool(found)
            record = chosen[index]
            level = level_by_rank(rank, ladder_of(record.code)).name_zh
            writer.writerow((number, record.code, record.name, level, kind, text, found, ""))
    emitted = sum(1 for d in drafts for _ in _requirements(d))
    left_out = sum(len(d.left_out) for d in drafts)
    occupations = len({index for index, _ in requirements})
    print(
        f"{len(requirements)} requirements over {occupations} occupations and "
        f"{len(paragraphs)} paragraphs and {len(items)} items over "
        f"{len({index for index, _ in items})} occupations written to {args.out}; "
        f"{flagged} still flagged by the "
        f"check; {left_out} of {emitted + left_out} drafted lines left out "
        f"({left_out / max(1, emitted + left_out):.1%})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
