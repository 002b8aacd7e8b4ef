"""Reading an occupation taxonomy file (CSCO-2022 layout) strictly, and ranking a search in it.

The file is CSV in UTF-8 without a byte-order mark, with the columns ``level, code, name,
definition, tasks, alias``. Any problem stops the whole file with the file name, line and
reason, so that nothing from a bad file is used.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

REQUIRED_COLUMNS = ("level", "code", "name", "definition", "tasks", "alias")
_CODE = re.compile(r"^(\d)-(\d\d)-(\d\d)-(\d\d)$")
_TASK_SPLIT = re.compile(r"(?:^|\s+)\d{1,2}[.．、]\s*")
_ALIAS_SPLIT = re.compile(r"[,，;；、]")
_MARKERS = re.compile(r"^(.*[^\x00-\x7f])([SL](?:/[SL])?)$")


class TaxonomyFileError(ValueError):
    def __init__(self, filename: str, line: int | None, reason: str) -> None:
        where = f"{filename}, line {line}" if line else filename
        super().__init__(f"{where}: {reason}")
        self.filename, self.line, self.reason = filename, line, reason


@dataclass(frozen=True)
class OccupationRecord:
    code: str
    level: int  # 1 大类, 2 中类, 3 小类, 4 职业
    parent_code: str | None
    name: str
    definition: str
    tasks: tuple[str, ...]
    aliases: tuple[str, ...]
    is_digital: bool
    is_green: bool
    line: int


def _decode(data: bytes, filename: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        raise TaxonomyFileError(
            filename, 1, "the file starts with a byte-order mark; save it as UTF-8 without BOM"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise TaxonomyFileError(
            filename, line, "the file is not UTF-8 (GBK or GB18030? save it as UTF-8)"
        ) from None


def split_tasks(text: str) -> tuple[str, ...]:
    """``"1.标注数据 2.训练模型。"`` → ``("标注数据", "训练模型")``."""
    parts = [part.strip(" 。；;") for part in _TASK_SPLIT.split(text.strip())]
    return tuple(part for part in parts if part)


def split_name(raw: str) -> tuple[str, bool, bool]:
    """Strip the trailing 数字职业 ``S`` / 绿色职业 ``L`` markers (also ``L/S``) into flags.

    Only a marker after a Chinese character counts, so names like ``SQL`` stay whole.
    """
    name = raw.strip()
    match = _MARKERS.match(name)
    if not match:
        return name, False, False
    return match.group(1), "S" in match.group(2), "L" in match.group(2)


def _aliases(text: str, name: str) -> tuple[str, ...]:
    seen: list[str] = []
    for alias in _ALIAS_SPLIT.split(text):
        cleaned, _, _ = split_name(alias)
        if cleaned and cleaned != name and cleaned not in seen:
            seen.append(cleaned)
    return tuple(seen)


def _parent_candidates(code: str, level: int) -> list[str]:
    """Where a node's group may be, nearest first. A 中类 sits under its 大类 and a 小类 under
    its 中类; a 职业 under its 小类 when the file has it (the source sometimes lists the 小类 as
    an occupation itself, or leaves it out), else straight under its 中类."""
    major, middle, minor, _unit = code.split("-")
    if level == 1:
        return []
    if level == 2:
        return [f"{major}-00-00-00"]
    if level == 3:
        return [f"{major}-{middle}-00-00"]
    own_group = f"{major}-{middle}-{minor}-00"
    return [c for c in (own_group, f"{major}-{middle}-00-00") if c != code]


def _shape_ok(code: str, level: int) -> bool:
    match = _CODE.match(code)
    if not match:
        return False
    _major, middle, minor, unit = match.groups()
    return {
        1: middle == minor == unit == "00",
        2: middle != "00" and minor == unit == "00",
        3: middle != "00" and minor != "00" and unit == "00",
        4: middle != "00",
    }[level]


def _record(row: dict[str, str], line: int, filename: str) -> OccupationRecord:
    def fail(reason: str) -> TaxonomyFileError:
        return TaxonomyFileError(filename, line, reason)

    level_text, code = (row.get("level") or "").strip(), (row.get("code") or "").strip()
    if level_text not in {"1", "2", "3", "4"}:
        raise fail(f"level {level_text!r} is not 1, 2, 3 or 4")
    level = int(level_text)
    if not _shape_ok(code, level):
        raise fail(f"code {code!r} is not a level-{level} code like 4-04-05-05")
    name, digital, green = split_name(row.get("name") or "")
    if not name:
        raise fail("the name is empty")
    return OccupationRecord(
        code=code,
        level=level,
        parent_code=None,
        name=name,
        definition=(row.get("definition") or "").strip(),
        tasks=split_tasks(row.get("tasks") or ""),
        aliases=_aliases(row.get("alias") or "", name),
        is_digital=digital,
        is_green=green,
        line=line,
    )


def parse_taxonomy(data: bytes, *, filename: str) -> list[OccupationRecord]:
    """Every record of the file, parents before children; TaxonomyFileError on any problem."""
    reader = csv.DictReader(io.StringIO(_decode(data, filename), newline=""))
    try:
        records = _records(reader, filename)
    except csv.Error as error:  # e.g. a field over the csv module's 128 KiB limit
        line = reader.reader.line_num or 1
        raise TaxonomyFileError(filename, line, f"invalid CSV ({error})") from None
    if not records:
        raise TaxonomyFileError(filename, None, "the file has no rows")
    linked = []
    for record in records.values():
        candidates = _parent_candidates(record.code, record.level)
        parent = next((c for c in candidates if c in records), None)
        if candidates and parent is None:
            raise TaxonomyFileError(
                filename, record.line, f"the group {candidates[-1]} of {record.code} is missing"
            )
        linked.append(replace(record, parent_code=parent))
    return sorted(linked, key=lambda r: (r.level, r.code))


def _records(reader: csv.DictReader[str], filename: str) -> dict[str, OccupationRecord]:
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise TaxonomyFileError(filename, 1, f"missing column(s): {', '.join(missing)}")
    records: dict[str, OccupationRecord] = {}
    for index, row in enumerate(reader):
        line = index + 2
        record = _record(row, line, filename)
        if record.code in records:
            first = records[record.code].line
            raise TaxonomyFileError(filename, line, f"code {record.code} repeats line {first}")
        records[record.code] = record
    return records


@dataclass(frozen=True)
class SearchEntry:
    code: str
    name: str
    aliases: tuple[str, ...]
    definition: str
    level: int


def _score(entry: SearchEntry, query: str) -> float:
    q = query.casefold()
    name = entry.name.casefold()
    aliases = [a.casefold() for a in entry.aliases]
    if entry.code == query or entry.code.replace("-", "") == query.replace("-", ""):
        return 100.0
    score = 0.0
    if name == q:
        score = 90
    elif q in aliases:
        score = 80
    elif name.startswith(q):
        score = 70
    elif q in name:
        score = 60
    elif any(q in alias for alias in aliases):
        score = 45
    elif entry.code.startswith(query):
        score = 40
    elif q in entry.definition.casefold():
        score = 20
    if score:
        score += entry.level  # prefer occupations to groups
        score -= min(len(entry.name), 30) / 100  # then the more specific match
    return score


def rank_search(entries: Iterable[SearchEntry], query: str, *, limit: int = 50) -> list[str]:
    """Codes of the entries that match ``query`` (name, alias, code or definition), best first."""
    query = query.strip()
    if not query:
        return []
    scored = [(score, entry.code) for entry in entries if (score := _score(entry, query)) > 0]
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    return [code for _, code in scored[:limit]]


def level_counts(records: Sequence[OccupationRecord]) -> dict[int, int]:
    counts = {1: 0, 2: 0, 3: 0, 4: 0}
    for record in records:
        counts[record.level] += 1
    return counts
