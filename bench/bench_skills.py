"""Skill extraction on BOSS直聘 Shanghai internships: 岗位描述 text against its 关键技术 tags.

Comparison rule: a tag and a predicted skill agree when they resolve to the same id. A tag is
resolved with ``SkillExtractor.resolve``: a tag that a vocabulary label or curated alias names
completely (case-, width-, space- and version-insensitive, e.g. "SpringBoot", "mysql",
"C/C++") becomes that skill's key, any other tag becomes its ``skill_key`` (so it can only be
matched by a skill with exactly that key). Per posting, tags and predictions are sets; micro
precision/recall/F1 are summed over postings.

The baseline is a plain dictionary lookup from the same run: every vocabulary label (English
and Chinese) that occurs as a case-folded substring of the text is predicted.

The tags are a recruiter's pick from BOSS直聘's tag list, not every skill the text names: only
about 45% of them occur in the text at all, and most skills a text names are not tagged (soft
skills never are: the field is 关键技术). So two more figures are printed: "ours (tech)" keeps
only technical/knowledge skills (the field's scope), and "grounded recall" is recall over the
tags whose surface occurs literally (case/space-insensitive) in the text. The share of tags
that name a vocabulary or alias skill at all is printed too: it bounds the recall of any
extractor of the vocabulary's skills (the others are job titles, majors and the like). The
bound for any extractor that reports where each skill was found is printed as well: an oracle
that returns exactly the tags its text names (literally, or by any label, alias or variant the
extractor knows, 3 characters or more) and nothing else. As a second,
text-free check, the share of 拉勾 职业技能 tags that resolve to a vocabulary or alias skill is
printed (vocabulary coverage; the alias table was not built from those tags).

Protocol: rows with an even index are the development half (looked at while curating), rows
with an odd index the held-out half; the figures of both halves and of all rows are printed.
The data is read from ../shared/data and never needed by the tests.
"""

from __future__ import annotations

import ast
import csv
import time
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

from zhijiang_engine.skills import SkillExtractor, VocabularyEntry, load_aliases, load_vocabulary
from zhijiang_engine.skills_vocabulary import skill_key

ROOT = Path(__file__).resolve().parents[1]
VOCABULARY = ROOT / "src" / "zhijiang" / "occupations" / "data" / "skills.csv"
DATA = ROOT.parent / "shared" / "data" / "postings_zh" / "boss_shanghai_intern.csv"
LAGOU = DATA.with_name("lagou_data_analyst_2019.csv")


def _squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def load_lagou_tags(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    tags: list[str] = []
    for row in rows:
        try:
            value = ast.literal_eval(row.get("职业技能") or "[]")
        except (ValueError, SyntaxError):
            continue
        tags.extend(str(t).strip() for t in value if str(t).strip())
    return tags


def load_postings(path: Path) -> list[tuple[str, list[str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    text_col, tag_col = header.index("岗位描述"), header.index("关键技术")
    postings = []
    for row in rows[1:]:
        tags = [t.strip() for t in row[tag_col].replace("，", ",").split(",") if t.strip()]
        postings.append((row[text_col], tags))
    return postings


def baseline_predictor(entries: Iterable[VocabularyEntry]) -> Callable[[str], set[str]]:
    labels: list[tuple[str, str]] = []
    for entry in entries:
        for label in {entry.label_en.casefold(), entry.label_zh.casefold()}:
            if label:
                labels.append((label, entry.key))

    def predict(text: str) -> set[str]:
        folded = text.casefold()
        return {key for label, key in labels if label in folded}

    return predict


def skill_surfaces(extractor: SkillExtractor) -> dict[str, set[str]]:
    """Every squashed label and alias surface per skill key (3 characters or more, so that
    R or Go do not count as named by any text that has the letters)."""
    surfaces: dict[str, set[str]] = {}
    for entry in extractor.entries:
        for label in (entry.label_en, entry.label_zh):
            surfaces.setdefault(entry.key, set()).add(_squash(label))
    for alias in load_aliases():
        for surface in (*alias.surfaces, alias.label_zh, alias.label_en):
            surfaces.setdefault(alias.key, set()).add(_squash(surface))
    return {k: {s for s in v if len(s) >= 3} for k, v in surfaces.items()}


def micro(pairs: list[tuple[set[str], set[str]]]) -> tuple[float, float, float]:
    tp = sum(len(gold & pred) for gold, pred in pairs)
    n_pred = sum(len(pred) for _, pred in pairs)
    n_gold = sum(len(gold) for gold, _ in pairs)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> None:
    if not DATA.exists():
        print(f"   skipped: {DATA} not found (benchmark data lives in ../shared/data)")
        return
    started = time.perf_counter()
    extractor = SkillExtractor(load_vocabulary(VOCABULARY), load_aliases())
    print(f"   extractor built in {time.perf_counter() - started:.2f} s")
    baseline = baseline_predictor(load_vocabulary(VOCABULARY))
    postings = load_postings(DATA)
    golds = [{extractor.resolve(tag) for tag in tags} for _, tags in postings]

    extractor.extract("负责爬虫开发")  # loads jieba's dictionary outside the timings
    started = time.perf_counter()
    ours = [
        {s.id for s in extractor.extract(text, candidates=False).skills} for text, _ in postings
    ]
    ours_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for text, _ in postings:
        extractor.extract(text)
    full_seconds = time.perf_counter() - started
    started = time.perf_counter()
    base = [baseline(text) for text, _ in postings]
    base_seconds = time.perf_counter() - started

    tech = [
        {
            s.id
            for s in extractor.extract(text, candidates=False).skills
            if s.kind in {"technical", "knowledge"}
        }
        for text, _ in postings
    ]
    grounded = [
        {extractor.resolve(tag) for tag in tags if _squash(tag) in _squash(text)}
        for text, tags in postings
    ]
    surfaces = skill_surfaces(extractor)
    squashed = [_squash(text) for text, _ in postings]
    mentioned = [
        literal
        | {key for key in gold if key in found or any(s in text for s in surfaces.get(key, ()))}
        for text, gold, found, literal in zip(squashed, golds, ours, grounded, strict=True)
    ]

    n = len(postings)
    n_tags = sum(len(g) for g in golds)
    ceiling = sum(len(g) for g in grounded) / n_tags
    known = {e.key for e in extractor.entries}
    in_vocabulary = sum(len(g & known) for g in golds) / n_tags
    print(
        f"   {n} postings, {n_tags} tags, {ceiling:.3f} of them literally in"
        " the text (a rough recall ceiling for text-grounded extraction)"
    )
    print(
        f"   {in_vocabulary:.3f} of the tags name a skill of the vocabulary or alias table (the"
        " recall ceiling for any extractor of vocabulary skills: the rest are job titles such"
        " as 后端工程师, majors such as 计算机相关专业, and terms like 实习生); micro P / R / F1"
    )
    oracle = micro([(golds[i], mentioned[i]) for i in range(n)])
    print(
        f"   a perfect text-grounded extractor (exactly the tags its text names, by any label,"
        f" alias or variant, and nothing else) reaches P {oracle[0]:.3f} / R {oracle[1]:.3f} /"
        f" F1 {oracle[2]:.3f} on all rows: the bound of any extractor that reports a span per skill"
    )
    for name, rows in (
        ("dev (even rows)", range(0, n, 2)),
        ("held-out (odd)", range(1, n, 2)),
        ("all", range(n)),
    ):
        b = micro([(golds[i], base[i]) for i in rows])
        o = micro([(golds[i], ours[i]) for i in rows])
        t = micro([(golds[i], tech[i]) for i in rows])
        gb = micro([(grounded[i], base[i]) for i in rows])[1]
        go = micro([(grounded[i], ours[i]) for i in rows])[1]
        vo = micro([(golds[i] & known, ours[i]) for i in rows])[1]
        print(
            f"   {name:16} baseline {b[0]:.3f} / {b[1]:.3f} / {b[2]:.3f}"
            f" | ours {o[0]:.3f} / {o[1]:.3f} / {o[2]:.3f}"
            f" | ours (tech) {t[0]:.3f} / {t[1]:.3f} / {t[2]:.3f}"
            f" | grounded recall: baseline {gb:.3f}, ours {go:.3f}"
            f" | ours' recall of vocabulary tags {vo:.3f}"
        )
    if LAGOU.exists():
        tags = load_lagou_tags(LAGOU)
        vocab_only = {e.key for e in load_vocabulary(VOCABULARY)}
        ours_cov = sum(extractor.resolve(t) in known for t in tags) / len(tags)
        base_cov = sum(skill_key(t) in vocab_only for t in tags) / len(tags)
        print(
            f"   拉勾 职业技能 coverage ({len(tags)} tags): vocabulary keys {base_cov:.3f},"
            f" vocabulary + aliases {ours_cov:.3f}"
        )
    print(
        f"   throughput: ours {n / ours_seconds:,.0f} texts/s (skills only), "
        f"{n / full_seconds:,.0f} texts/s (with candidates); "
        f"baseline {n / base_seconds:,.0f} texts/s"
    )


if __name__ == "__main__":
    main()
