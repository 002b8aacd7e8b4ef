"""Response matrices (persons × items, 1 correct, 0 wrong, missing allowed): checking them and
coding them compactly as int8 (1, 0, −1 for missing) so a million persons fit in memory."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

MISSING = -1

ResponseCodes = npt.NDArray[np.int8]


class ResponseDataError(ValueError):
    """A response matrix that cannot be used; the message names the row or column."""


def code_responses(
    responses: npt.ArrayLike,
    mask: npt.ArrayLike | None = None,
    *,
    min_items: int = 2,
    allow_empty: bool = False,
) -> ResponseCodes:
    """Check a persons × items matrix and code it as int8 (1, 0, ``MISSING``).

    Missing cells are those where ``mask`` is false or, without a mask, NaN. Rows and columns are
    numbered from 0 in messages. Raises ``ResponseDataError`` for values other than 0/1, persons or
    items without any response (unless ``allow_empty``: scoring needs no coverage), and fewer than
    ``min_items`` items.
    """
    values = np.asarray(responses)
    if values.ndim != 2:
        raise ResponseDataError(
            f"responses must be a persons × items matrix, got {values.ndim} dimension(s)"
        )
    persons, items = values.shape
    if items < min_items:
        raise ResponseDataError(f"need at least {min_items} items (columns), got {items}")
    if persons == 0 and not allow_empty:
        raise ResponseDataError("responses have no persons (rows)")
    observed = _observed(values, mask)
    _check_values(values, observed)
    if not allow_empty:
        _check_coverage(observed)
    codes = np.full(values.shape, MISSING, dtype=np.int8)
    np.copyto(codes, values, casting="unsafe", where=observed)
    return codes


def _observed(values: npt.NDArray[np.generic], mask: npt.ArrayLike | None) -> npt.NDArray[np.bool_]:
    if mask is not None:
        observed = np.asarray(mask, dtype=bool)
        if observed.shape != values.shape:
            raise ResponseDataError(
                f"mask has shape {observed.shape}, responses have shape {values.shape}"
            )
        return observed
    if np.issubdtype(values.dtype, np.floating):
        return np.asarray(~np.isnan(values))
    return np.ones(values.shape, dtype=bool)


def _check_values(values: npt.NDArray[np.generic], observed: npt.NDArray[np.bool_]) -> None:
    if values.dtype == np.bool_:
        return
    if not np.issubdtype(values.dtype, np.number):
        raise ResponseDataError(f"responses must be numbers 0/1, got dtype {values.dtype}")
    bad = observed & (values != 0) & (values != 1)
    if bad.any():
        row, column = (int(i) for i in np.argwhere(bad)[0])
        raise ResponseDataError(
            f"row {row}, column {column}: value {values[row, column].item()} is not 0 or 1"
        )


def _check_coverage(observed: npt.NDArray[np.bool_]) -> None:
    empty_rows = np.flatnonzero(~observed.any(axis=1))
    if empty_rows.size:
        raise ResponseDataError(
            f"row {int(empty_rows[0])} has no responses (a person must answer at least one item);"
            f" {empty_rows.size} such row(s)"
        )
    empty_columns = np.flatnonzero(~observed.any(axis=0))
    if empty_columns.size:
        raise ResponseDataError(
            f"column {int(empty_columns[0])} has no responses (an item must be answered at least"
            f" once); {empty_columns.size} such column(s)"
        )
