"""The city's districts and counties, shipped as data/districts.csv (GB/T 2260 codes)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "districts.csv"


def load_districts(model: Any) -> int:
    """Create or update every district from the CSV; ``model`` may be a migration's historical
    model. Returns the number of rows in the file."""
    with DATA.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        model.objects.update_or_create(
            code=row["code"],
            defaults={"name": row["name"], "name_en": row["name_en"], "kind": row["kind"]},
        )
    return len(rows)
