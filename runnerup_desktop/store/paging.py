"""What a table asks a listing for, and what a row is: plain Python, no SQLAlchemy, so that
the window's first page can be read before SQLAlchemy is imported (see
:mod:`runnerup_desktop.store.first_page`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from runnerup_desktop.core.domain import CompanyStatus

Row = tuple[Any, ...]

#: Companies' statuses in the pipeline's order (target, in process, runner-up, hired,
#: archived) as SQL: the status column sorts by it, not by the stored words' alphabet.
#: Written out, so that the first paint's plain SQL and the listing sort alike.
COMPANY_STATUS_ORDER = (
    "CASE status "
    + " ".join(f"WHEN '{status.value}' THEN {rank}" for rank, status in enumerate(CompanyStatus))
    + f" ELSE {len(CompanyStatus)} END"
)


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
