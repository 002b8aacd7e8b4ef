"""One pagination for every list endpoint: ``?page=`` from 1 and ``?page_size=`` up to 200."""

from __future__ import annotations

import typing
from collections.abc import Callable
from typing import Any

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination, paginate

from zhijiang.common.params import INT64_MAX

MAX_PAGE_SIZE = 200


class Page(PageNumberPagination):
    class Input(Schema):
        # The row offset, (page - 1) × page size, stays a 64-bit number.
        page: int = Field(1, ge=1, le=INT64_MAX // MAX_PAGE_SIZE)
        page_size: int | None = Field(
            None, ge=1, le=INT64_MAX, description="Rows per page; more than 200 gives 200"
        )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=50, max_page_size=MAX_PAGE_SIZE, **kwargs)


def paginated(view: Callable[..., Any]) -> Callable[..., Any]:
    """``@paginate(Page)``, with the view's annotations resolved in its own module first:
    django-ninja reads a paginated view's string annotations in its own module, where names
    such as ``Int64`` do not exist."""
    view.__annotations__ = typing.get_type_hints(view, include_extras=True)
    wrapped: Callable[..., Any] = paginate(Page)(view)
    return wrapped
