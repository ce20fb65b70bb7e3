"""What a table asks a listing for, and what a row is: plain Python, no SQLAlchemy, so that
the window's first page can be read before SQLAlchemy is imported (see
:mod:`runnerup_desktop.store.first_page`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Row = tuple[Any, ...]


@dataclass(frozen=True)
class PageKey:
    """Where a row sits in its listing's order: the values of its sort key."""

    values: tuple[Any, ...]


@dataclass(frozen=True)
class PageRequest:
    search: str = ""
    sort_column: str = "name"
    descending: bool = False
    offset: int = 0
    limit: int = 200
    company_id: int | None = None
    #: Start after this row (the last row already shown); ``offset`` then counts from it.
    after: PageKey | None = None
