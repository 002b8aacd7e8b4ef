"""Seekers and jobs from JSON objects (one per JSON Lines line), strictly checked.

Protected attributes are dropped before anything else looks at a record, so no score can ever
depend on them. Unknown other fields are ignored, so producers may send more than we use.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import TypeVar

from zhijiang_engine.match.model import (
    EDUCATION_MAX,
    SKILL_LEVEL_MAX,
    Certificate,
    Job,
    Seeker,
    SkillClaim,
    SkillRequirement,
)

PROTECTED_FIELDS: frozenset[str] = frozenset(
    {
        "gender", "sex", "性别",
        "age", "birth_date", "birthday", "date_of_birth", "birth_year", "年龄", "出生日期",
        "ethnicity", "nationality_ethnic", "race", "民族",
        "hukou", "household_registration", "household_type", "户籍", "户口",
        "marital_status", "married", "婚姻状况", "婚否",
    }
)  # fmt: skip

EDUCATION_NAMES: dict[str, int] = {
    "none": 0, "primary": 1, "小学": 1, "junior": 2, "初中": 2, "senior": 3, "高中": 3,
    "中专": 3, "中职": 3, "associate": 4, "大专": 4, "专科": 4, "bachelor": 5, "本科": 5,
    "master": 6, "硕士": 6, "doctorate": 7, "博士": 7,
}  # fmt: skip

T = TypeVar("T")


class RecordError(ValueError):
    """A record that is not a valid seeker or job; the message says which field and why."""


def without_protected(record: Mapping[str, object]) -> dict[str, object]:
    """The record minus every protected attribute."""
    return {k: v for k, v in record.items() if k not in PROTECTED_FIELDS}


def record_id(record: Mapping[str, object]) -> str:
    value = record.get("id")
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        raise RecordError('missing "id" (a non-empty string or an integer)')
    return str(value)


def _get(record: Mapping[str, object], name: str, kind: type[T] | tuple[type, ...], what: str,
         default: T) -> T:  # fmt: skip
    value = record.get(name)
    if value is None:
        return default
    if isinstance(value, bool) and kind is not bool:
        raise RecordError(f'"{name}" must be {what}')
    if not isinstance(value, kind):
        raise RecordError(f'"{name}" must be {what}')
    return value  # type: ignore[return-value]


def _number(record: Mapping[str, object], name: str) -> float | None:
    value = _get(record, name, (int, float), "a number", None)
    if value is not None and (not math.isfinite(value) or value < 0):
        raise RecordError(f'"{name}" must be a non-negative number')
    return None if value is None else float(value)


def _level(item: Mapping[str, object], name: str, top: int) -> int:
    level = _get(item, "level", int, f"an integer 0–{top}", 0)
    if not 0 <= level <= top:
        raise RecordError(f'"{name}" level must be 0–{top}')
    return level


def _items(record: Mapping[str, object], name: str, build: Callable[[Mapping[str, object]], T]
           ) -> tuple[T, ...]:  # fmt: skip
    """A list of strings (ids) or objects with an "id"."""
    out = []
    for item in _get(record, name, list, "a list", []):
        if isinstance(item, str) and item:
            item = {"id": item}
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
            raise RecordError(f'"{name}" items must be ids or objects with a string "id"')
        out.append(build(item))
    return tuple(out)


def _strings(record: Mapping[str, object], name: str) -> tuple[str, ...]:
    values = _get(record, name, list, "a list of strings", [])
    if not all(isinstance(v, str) for v in values):
        raise RecordError(f'"{name}" must be a list of strings')
    return tuple(v.strip() for v in values if v.strip())


def _education(record: Mapping[str, object], name: str) -> int:
    value = record.get(name)
    if isinstance(value, str) and value.strip().casefold() in EDUCATION_NAMES:
        return EDUCATION_NAMES[value.strip().casefold()]
    rank = _get(record, name, int, f"0–{EDUCATION_MAX} or an education name", 0)
    if not 0 <= rank <= EDUCATION_MAX:
        raise RecordError(f'"{name}" must be 0–{EDUCATION_MAX} or an education name')
    return rank


def _certificate(item: Mapping[str, object]) -> Certificate:
    return Certificate(str(item["id"]), _level(item, "certificates", 8))


def _claim(item: Mapping[str, object]) -> SkillClaim:
    verified = _get(item, "verified", bool, "true or false", False)
    return SkillClaim(str(item["id"]), _level(item, "skills", SKILL_LEVEL_MAX), verified)


def _requirement(item: Mapping[str, object]) -> SkillRequirement:
    return SkillRequirement(
        str(item["id"]),
        required=_get(item, "required", bool, "true or false", True),
        level=_level(item, "skills", SKILL_LEVEL_MAX),
        hard=_get(item, "hard", bool, "true or false", False),
    )


def seeker_from_record(record: Mapping[str, object]) -> Seeker:
    """A Seeker from a JSON object; protected attributes are dropped first."""
    clean = without_protected(record)
    return Seeker(
        id=record_id(clean),
        skills=_items(clean, "skills", _claim),
        occupations=_strings(clean, "occupations"),
        text=_get(clean, "text", str, "a string", ""),
        education=_education(clean, "education"),
        experience_years=_number(clean, "experience_years"),
        pay_min=_number(clean, "pay_min"),
        districts=_strings(clean, "districts"),
        certificates=_items(clean, "certificates", _certificate),
    )


def job_from_record(record: Mapping[str, object]) -> Job:
    """A Job from a JSON object."""
    pay_min, pay_max = _number(record, "pay_min"), _number(record, "pay_max")
    if pay_min is not None and pay_max is not None and pay_min > pay_max:
        raise RecordError('"pay_min" is greater than "pay_max"')
    return Job(
        id=record_id(record),
        title=_get(record, "title", str, "a string", ""),
        description=_get(record, "description", str, "a string", ""),
        occupation=_get(record, "occupation", str, "a string", "").strip(),
        skills=_items(record, "skills", _requirement),
        education_min=_education(record, "education_min"),
        education_hard=_get(record, "education_hard", bool, "true or false", False),
        experience_min=_number(record, "experience_min") or 0.0,
        pay_min=pay_min,
        pay_max=pay_max,
        district=_get(record, "district", str, "a string", "").strip(),
        certificates=_items(record, "certificates", _certificate),
    )
