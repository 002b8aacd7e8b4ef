"""One pagination for every list endpoint: ``?page=`` from 1 and ``?page_size=`` up to 200."""

from __future__ import annotations

from typing import Any

from ninja.pagination import PageNumberPagination


class Page(PageNumberPagination):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=50, max_page_size=200, **kwargs)
