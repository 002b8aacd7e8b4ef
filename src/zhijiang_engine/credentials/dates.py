"""XML Schema dateTimeStamp values as VC 2.0 writes them: always with a time zone."""

from __future__ import annotations

import re
from datetime import UTC, datetime

# VC 2.0 requires an explicit offset; fromisoformat alone also accepts dates and naive times.
_DATE_TIME_STAMP = re.compile(
    r"-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", re.ASCII
)


def parse_datetime(value: object) -> datetime:
    """A timezone-aware datetime from a dateTimeStamp string; ValueError otherwise."""
    if not isinstance(value, str) or not _DATE_TIME_STAMP.fullmatch(value):
        raise ValueError(f"not a date-time with a time zone: {str(value)[:60]!r}")
    try:
        # Normalised to UTC here so later arithmetic near datetime.min cannot overflow.
        return datetime.fromisoformat(value).astimezone(UTC)
    except (ValueError, OverflowError):
        raise ValueError(f"not a valid date-time: {value[:60]!r}") from None


def format_datetime(moment: datetime) -> str:
    """UTC, whole seconds, ``Z`` suffix: the form the platform writes into credentials."""
    if moment.tzinfo is None:
        raise ValueError("datetimes must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
