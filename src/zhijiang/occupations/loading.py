"""Loading reference data into the database: the taxonomy, international links, the skills.

The functions take the model classes as arguments so that migrations can call them with their
historical models. Each load runs inside the caller's transaction: a bad file changes nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from zhijiang_engine.skills_vocabulary import skill_key
from zhijiang_engine.taxonomy import OccupationRecord, parse_taxonomy

DATA = Path(__file__).resolve().parent / "data"
TAXONOMY_FILE = DATA / "csco22.csv"
ALIGNMENT_FILE = DATA / "csco_esco_alignment.csv"
SKILLS_FILE = DATA / "skills.csv"

_OCCUPATION_FIELDS = [
    "level", "parent", "name", "definition", "tasks", "aliases", "search_text", "is_digital",
    "is_green",
]  # fmt: skip


def search_text(code: str, name: str, aliases: Iterable[str]) -> str:
    return " ".join([code, name, *aliases]).casefold()


def read_taxonomy(path: Path = TAXONOMY_FILE) -> list[OccupationRecord]:
    return parse_taxonomy(path.read_bytes(), filename=path.name)


def taxonomy_sync(records: Sequence[OccupationRecord], occupation_model: Any) -> dict[str, int]:
    """Create or update every occupation of ``records`` (parents first). Occupations missing
    from the file are kept, since positions and standards may refer to them."""
    by_code = {o.code: o for o in occupation_model.objects.all()}
    created = updated = 0
    for generation in _generations(records):
        new, changed = [], []
        for record in generation:
            values = {
                "level": record.level,
                "parent": by_code[record.parent_code] if record.parent_code else None,
                "name": record.name,
                "definition": record.definition,
                "tasks": list(record.tasks),
                "aliases": list(record.aliases),
                "search_text": search_text(record.code, record.name, record.aliases),
                "is_digital": record.is_digital,
                "is_green": record.is_green,
            }
            current = by_code.get(record.code)
            if current is None:
                new.append(occupation_model(code=record.code, **values))
            elif any(getattr(current, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(current, key, value)
                changed.append(current)
        for occupation in occupation_model.objects.bulk_create(new, batch_size=500):
            by_code[occupation.code] = occupation
        occupation_model.objects.bulk_update(changed, _OCCUPATION_FIELDS, batch_size=500)
        created, updated = created + len(new), updated + len(changed)
    return {"created": created, "updated": updated, "total": len(records)}


def _generations(records: Sequence[OccupationRecord]) -> list[list[OccupationRecord]]:
    """Records grouped by depth in the tree, so that every parent is saved before its children
    (an occupation may hang under another node of level 4, e.g. 6-20-03-01 under 6-20-03-00)."""
    parents = {r.code: r.parent_code for r in records}
    depth: dict[str, int] = {}
    for record in records:
        code, steps = record.code, 0
        while parents.get(code):
            code, steps = parents[code] or "", steps + 1
        depth[record.code] = steps
    deepest = max(depth.values(), default=0)
    return [[r for r in records if depth[r.code] == d] for d in range(deepest + 1)]


def _csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def links_sync(path: Path, occupation_model: Any, link_model: Any) -> int:
    """Replace the ISCO-08 and ESCO links with those of the alignment file."""
    if not path.exists():
        return 0
    ids = dict(occupation_model.objects.values_list("code", "id"))
    links = []
    for row in _csv_rows(path):
        occupation_id = ids.get(row["csco_code"])
        if occupation_id is None:
            continue
        common = {"occupation_id": occupation_id, "method": row["method"]}
        confidence = float(row["confidence"])
        links.append(
            link_model(
                scheme="esco", code=row["esco_code"], label=row["esco_label"],
                uri=row["esco_uri"], confidence=confidence, **common,
            )
        )  # fmt: skip
        if row.get("isco_code"):
            links.append(
                link_model(
                    scheme="isco08", code=row["isco_code"], label=row["isco_label"],
                    uri=f"http://data.europa.eu/esco/isco/C{row['isco_code']}",
                    confidence=confidence, **{**common, "method": row["method"] + " via ESCO"},
                )
            )  # fmt: skip
    link_model.objects.all().delete()
    link_model.objects.bulk_create(links, batch_size=1000)
    return len(links)


def aliases_sync(skill_model: Any) -> dict[str, int]:
    """Bring the curated alias table of the skill extractor into the vocabulary: Chinese labels
    for skills that lack one, and the skills only the table defines (source ``alias``)."""
    from zhijiang_engine.skills import load_aliases

    existing = {s.key: s for s in skill_model.objects.all()}
    new, labelled = [], []
    for alias in load_aliases():
        if alias.key == "-":
            continue
        current = existing.get(alias.key)
        if current is None:
            existing[alias.key] = skill_model(
                key=alias.key, label_zh=alias.label_zh, label_en=alias.label_en,
                kind=alias.kind, sources=["alias"],
            )  # fmt: skip
            new.append(existing[alias.key])
        elif alias.label_zh and not current.label_zh:
            current.label_zh = alias.label_zh
            labelled.append(current)
    skill_model.objects.bulk_create(new, batch_size=1000)
    skill_model.objects.bulk_update(labelled, ["label_zh"], batch_size=1000)
    return {"created": len(new), "labelled": len(labelled)}


def skills_sync(path: Path, skill_model: Any) -> dict[str, int]:
    """Create or update the vocabulary from skills.csv (O*NET and ESCO, merged by key).
    Skills that only standards introduced are kept."""
    existing = {s.key: s for s in skill_model.objects.all()}
    new, changed = [], []
    fields = ["label_zh", "label_en", "kind", "description", "is_hot", "is_in_demand",
              "sources", "esco_uri", "onet_commodity"]  # fmt: skip
    for row in _csv_rows(path):
        values = {
            "label_zh": row["label_zh"],
            "label_en": row["label_en"],
            "kind": row["kind"],
            "description": row["description"],
            "is_hot": row["hot"] == "1",
            "is_in_demand": row["in_demand"] == "1",
            "sources": sorted(set(row["sources"].split(";"))),
            "esco_uri": row["esco_uri"],
            "onet_commodity": row["onet_commodity"],
        }
        key = row["key"] or skill_key(row["label_en"])
        current = existing.get(key)
        if current is None:
            new.append(skill_model(key=key, **values))
            existing[key] = new[-1]
            continue
        # Keep what standards and the alias table added on top of the file.
        values["label_zh"] = values["label_zh"] or current.label_zh
        if "standard" in current.sources:
            values["sources"] = sorted({*row["sources"].split(";"), "standard"})
        if any(getattr(current, k) != v for k, v in values.items()):
            for name, value in values.items():
                setattr(current, name, value)
            changed.append(current)
    skill_model.objects.bulk_create(new, batch_size=1000)
    skill_model.objects.bulk_update(changed, fields, batch_size=1000)
    return {"created": len(new), "updated": len(changed)}
