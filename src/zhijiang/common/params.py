"""Integers the API takes in paths and query strings. Database keys and offsets are signed
64-bit numbers: a larger value is refused with the usual 422 before it reaches the database
driver, which would otherwise fail with an overflow (a 500)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1

Int64 = Annotated[int, Field(ge=INT64_MIN, le=INT64_MAX)]

# A database key a body names: 1 and up (a Field(ge=…) beside Int64 would not narrow it: the
# annotation's bounds win).
PositiveId = Annotated[int, Field(ge=1, le=INT64_MAX)]
