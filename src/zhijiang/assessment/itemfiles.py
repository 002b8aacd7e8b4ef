"""The item file format: reading CSV and XLSX files into checked rows, and writing CSV.

Columns: ``requirement,level,kind,stem,A,B,C,D,E,F,answer,explanation`` (or the Chinese
headers 要求,等级,题型,题干,A…F,答案,解析). The CMMLU layout ``Question,A,B,C,D,Answer`` is read
too when the importer gives a default requirement and level. See docs/assessment.md.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from zhijiang.assessment.models import Item, ItemKind
from zhijiang.common.errors import ApplicationError
from zhijiang.occupations.levels import NamedOccupation, off_ladder_problem
from zhijiang_engine.assessment import LETTERS, check_answer

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_XLSX_UNPACKED_BYTES = 25 * 1024 * 1024
COLUMNS = ["requirement", "level", "kind", "stem", *LETTERS, "answer", "explanation"]
_HEADERS = {
    "requirement": "requirement", "要求": "requirement", "要求编号": "requirement",
    "level": "level", "等级": "level",
    "kind": "kind", "题型": "kind",
    "stem": "stem", "题干": "stem", "question": "stem",
    "answer": "answer", "答案": "answer",
    "explanation": "explanation", "解析": "explanation",
    **{letter.lower(): letter for letter in LETTERS},
}  # fmt: skip
KIND_NAMES = {
    "single": ItemKind.SINGLE, "单选": ItemKind.SINGLE, "单选题": ItemKind.SINGLE,
    "multiple": ItemKind.MULTIPLE, "多选": ItemKind.MULTIPLE, "多选题": ItemKind.MULTIPLE,
    "true_false": ItemKind.TRUE_FALSE, "判断": ItemKind.TRUE_FALSE, "判断题": ItemKind.TRUE_FALSE,
    "short_answer": ItemKind.SHORT_ANSWER, "简答": ItemKind.SHORT_ANSWER,
    "简答题": ItemKind.SHORT_ANSWER,
}  # fmt: skip
TRUE_FALSE_ANSWERS = {
    "t": "T", "true": "T", "对": "T", "正确": "T", "√": "T", "是": "T", "y": "T",
    "f": "F", "false": "F", "错": "F", "错误": "F", "×": "F", "否": "F", "n": "F",
}  # fmt: skip
MIN_OPTIONS: dict[str, int] = {ItemKind.SINGLE: 2, ItemKind.MULTIPLE: 3}
_ANSWER_SEPARATORS = re.compile(r"[\s,，、;；]+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class RowError:
    row: int  # the row in the file, the header being row 1
    column: str
    reason: str


@dataclass(frozen=True)
class CleanItem:
    level: int
    requirement: str
    kind: str
    stem: str
    options: tuple[str, ...]
    answer: str
    explanation: str

    @property
    def content_hash(self) -> str:
        return content_hash(self.stem, self.options)


@dataclass
class ParsedFile:
    items: list[tuple[int, CleanItem]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0


def _file_error(message: Promise | str, code: str = "invalid_file") -> ApplicationError:
    return ApplicationError(message, code=code, fields={"file": message})


def normalised(text: str) -> str:
    """Text as compared for duplicates: NFKC (full-width → half-width), case and spaces
    ignored."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).casefold()


def content_hash(stem: str, options: Iterable[str]) -> str:
    """The same question in other spacing, width or option order hashes the same."""
    parts = [normalised(stem), *sorted(normalised(option) for option in options)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) first, then GB18030; anything else is refused."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _file_error(
        _("The file is neither UTF-8 nor GB18030 text. Save it as CSV UTF-8 and try again."),
        "bad_encoding",
    )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return str(value).strip()


def read_table(data: bytes, filename: str) -> list[list[str]]:
    """The rows of a CSV or XLSX file as texts (the header first)."""
    if len(data) > MAX_BYTES:
        raise _file_error(_("The file is larger than 5 MB; split it."), "too_large")
    if filename.lower().endswith((".xlsx", ".xlsm")):
        return _xlsx_rows(data)
    text = decode(data)
    try:
        reader = csv.reader(io.StringIO(text))
        return [[_unquoted(cell.strip()) for cell in row] for row in reader]
    except csv.Error:
        raise _file_error(_("The file is not valid CSV.")) from None


def _xlsx_rows(data: bytes) -> list[list[str]]:
    """The first sheet's rows (one more than the limit at most), after checking how large the
    workbook unpacks: a few zipped kilobytes may unpack to gigabytes of XML."""
    import openpyxl  # type: ignore[import-untyped]

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_XLSX_UNPACKED_BYTES:
            message = _("The workbook unpacks to more than 25 MB; split it or save it as CSV.")
            raise _file_error(message, "too_large")
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise _file_error(_("The file is not a valid XLSX workbook.")) from None
    rows = book.worksheets[0].iter_rows(values_only=True)
    table = [[_cell(value) for value in row] for row in itertools.islice(rows, MAX_ROWS + 2)]
    book.close()
    return table


def _columns(header: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        key = _HEADERS.get(name.strip().lower())
        if key is not None and key not in found:
            found[key] = index
    return found


def check_item(
    values: Mapping[str, Any],
    requirements_by_level: Mapping[int, set[str]],
    occupation: NamedOccupation | None = None,
) -> tuple[CleanItem | None, list[tuple[str, Promise | str]]]:
    """Check one item's values (texts, as in a file); the clean item, or every problem as
    (column, reason). With the bank's ``occupation``, the level must be on its ladder."""
    errors: list[tuple[str, Promise | str]] = []
    level: int | None = None
    raw_level = str(values.get("level", "")).strip()
    off_ladder = None
    if raw_level.isdigit() and occupation is not None:
        off_ladder = off_ladder_problem(int(raw_level), occupation)
    if not raw_level.isdigit() or not 1 <= int(raw_level) <= 8:
        errors.append(("level", _("The level must be a whole number from 1 to 8.")))
    elif off_ladder is not None:
        errors.append(("level", off_ladder))
    elif int(raw_level) not in requirements_by_level:
        errors.append(("level", _("The standard has no level %(level)s.") % {"level": raw_level}))
    else:
        level = int(raw_level)
    requirement = str(values.get("requirement", "")).strip().upper()
    if not requirement:
        errors.append(("requirement", _("Give the requirement the item tests, e.g. F1.C1.K1.")))
    elif level is not None and requirement not in requirements_by_level[level]:
        errors.append((
            "requirement",
            _("The standard has no requirement %(id)s at level %(level)s.")
            % {"id": requirement, "level": level},
        ))  # fmt: skip
    raw_kind = str(values.get("kind", "")).strip()
    kind = KIND_NAMES.get(raw_kind.lower())
    if kind is None:
        errors.append((
            "kind",
            _("Unknown kind %(kind)s: use single, multiple, true_false or short_answer.")
            % {"kind": raw_kind or "—"},
        ))  # fmt: skip
    stem = str(values.get("stem", "")).strip()
    if not stem:
        errors.append(("stem", _("The stem is missing.")))
    elif len(stem) > 1000:
        errors.append(("stem", _("A stem has at most 1,000 characters.")))
    options, option_errors = _options(values, kind)
    errors.extend(option_errors)
    answer, answer_errors = _answer(str(values.get("answer", "")), kind, options)
    errors.extend(answer_errors)
    explanation = str(values.get("explanation", "")).strip()
    if len(explanation) > 2000:
        errors.append(("explanation", _("An explanation has at most 2,000 characters.")))
    if errors or level is None or kind is None:
        return None, errors
    return CleanItem(level, requirement, kind, stem, options, answer, explanation), []


def _options(
    values: Mapping[str, Any], kind: str | None
) -> tuple[tuple[str, ...], list[tuple[str, Promise | str]]]:
    cells = [str(values.get(letter, "")).strip() for letter in LETTERS]
    last = max((i for i, cell in enumerate(cells) if cell), default=-1)
    options = tuple(cells[: last + 1])
    errors: list[tuple[str, Promise | str]] = []
    for letter, cell in zip(LETTERS, options, strict=False):
        if not cell:
            errors.append((letter, _("Options are filled from A on without gaps.")))
        elif len(cell) > 500:
            errors.append((letter, _("An option has at most 500 characters.")))
    if kind in MIN_OPTIONS and len(options) < MIN_OPTIONS[kind]:
        errors.append((
            LETTERS[len(options)],
            _("Too few options: this kind needs at least %(count)s.")
            % {"count": MIN_OPTIONS[kind]},
        ))  # fmt: skip
    if kind in (ItemKind.TRUE_FALSE, ItemKind.SHORT_ANSWER) and options:
        errors.append(("A", _("True/false and short-answer items have no options.")))
    return options, errors


def _answer(
    raw: str, kind: str | None, options: tuple[str, ...]
) -> tuple[str, list[tuple[str, Promise | str]]]:
    raw = raw.strip()
    if not raw:
        return "", [("answer", _("The answer is missing."))]
    if kind in (ItemKind.SINGLE, ItemKind.MULTIPLE):
        answer = "".join(sorted(set(_ANSWER_SEPARATORS.sub("", raw).upper())))
        letters = LETTERS[: len(options)]
        if any(c not in letters for c in answer):
            message = _("The answer %(answer)s is not among the options %(letters)s.")
            return answer, [("answer", message % {"answer": raw, "letters": letters or "—"})]
        if kind == ItemKind.SINGLE and len(answer) != 1:
            return answer, [("answer", _("A single-choice item has exactly one answer."))]
        if kind == ItemKind.MULTIPLE and len(answer) < 2:
            return answer, [("answer", _("A multiple-choice item has two or more answers."))]
        return answer, []
    if kind == ItemKind.TRUE_FALSE:
        answer = TRUE_FALSE_ANSWERS.get(raw.lower(), "")
        if not answer:
            return raw, [("answer", _("A true/false answer is T or F (对 or 错)."))]
        return answer, []
    if len(raw) > 1000:
        return raw, [("answer", _("An answer has at most 1,000 characters."))]
    if kind is not None and check_answer(kind, options, raw):
        return raw, [("answer", _("The answer does not fit the kind of item."))]
    return raw, []


def parse_file(
    data: bytes,
    filename: str,
    *,
    requirements_by_level: Mapping[int, set[str]],
    existing_hashes: set[str],
    default_requirement: str = "",
    default_level: int | None = None,
    occupation: NamedOccupation | None = None,
) -> ParsedFile:
    """Every row checked (levels on the ladder of ``occupation`` when given); file-level
    problems raise ApplicationError."""
    table = read_table(data, filename)
    while table and not any(table[0]):
        table.pop(0)
    if not table:
        raise _file_error(_("The file is empty."))
    columns = _columns(table[0])
    missing = [name for name in ("stem", "answer") if name not in columns]
    if "requirement" not in columns and not default_requirement:
        missing.append("requirement")
    if "level" not in columns and default_level is None:
        missing.append("level")
    if missing:
        message = _(
            "Columns missing: %(columns)s. The header is requirement,level,kind,stem,A,B,C,D,E,F,"
            "answer,explanation (the CMMLU layout needs a default requirement and level)."
        ) % {"columns": ", ".join(missing)}
        raise _file_error(message)
    body = table[1:]
    if len(body) > MAX_ROWS:
        raise _file_error(_("A file holds at most 5,000 items; split it."), "too_large")
    parsed = ParsedFile()
    first_row_of: dict[str, int] = {}
    for offset, cells in enumerate(body):
        number = offset + 2
        if not any(cells):
            continue
        parsed.rows += 1
        values = {name: cells[i] if i < len(cells) else "" for name, i in columns.items()}
        values.setdefault("requirement", "")
        values["requirement"] = values["requirement"] or default_requirement
        if not values.get("level") and default_level is not None:
            values["level"] = str(default_level)
        if "kind" not in columns:
            letters = _ANSWER_SEPARATORS.sub("", values.get("answer", ""))
            values["kind"] = ItemKind.MULTIPLE if len(letters) > 1 else ItemKind.SINGLE
        item, errors = check_item(values, requirements_by_level, occupation)
        parsed.errors.extend(RowError(number, column, str(reason)) for column, reason in errors)
        if item is None:
            continue
        digest = item.content_hash
        if digest in existing_hashes:
            parsed.errors.append(
                RowError(number, "stem", str(_("This item is already in the bank.")))
            )
        elif digest in first_row_of:
            reason = _("The same item as row %(row)s.") % {"row": first_row_of[digest]}
            parsed.errors.append(RowError(number, "stem", str(reason)))
        else:
            first_row_of[digest] = number
            parsed.items.append((number, item))
    if parsed.rows == 0:
        raise _file_error(_("The file has a header but no items."))
    return parsed


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _inert(text: str) -> str:
    """A cell a spreadsheet program will not run as a formula (OWASP CSV injection): a
    leading apostrophe, which the importer removes again."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _unquoted(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def export_csv(items: Iterable[Item]) -> bytes:
    """Items in the import format, UTF-8 with a BOM so that spreadsheet programs read it;
    texts that would start a formula are prefixed with an apostrophe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for item in items:
        options = list(item.options) + [""] * (len(LETTERS) - len(item.options))
        row = [item.requirement, item.level, item.kind, item.stem, *options, item.answer,
               item.explanation]  # fmt: skip
        writer.writerow([_inert(cell) if isinstance(cell, str) else cell for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
