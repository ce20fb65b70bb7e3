"""Listings for the tables: search, sort and paging done by the database.

A listing returns one page of plain tuples ``(id, value, value, ...)`` in the order of
its ``columns``. Searching matches every word of the search text somewhere in the
row's searchable columns (accent- and case-insensitive on names); sorting uses indexed
columns with the id as a tie-breaker, so pages are stable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.orm import Session

from runnerup_desktop.core.domain import OPEN_STAGES
from runnerup_desktop.core.text import fold
from runnerup_desktop.store.models import Company, Contact, Opportunity

Row = tuple[Any, ...]


@dataclass(frozen=True)
class PageRequest:
    search: str = ""
    sort_column: str = "name"
    descending: bool = False
    offset: int = 0
    limit: int = 200
    company_id: int | None = None


def _matches(key: Any, search: str) -> ColumnElement[bool] | None:
    """Every word of the search, folded, somewhere in the row's search key."""
    words = fold(search).split()
    if not words:
        return None
    return and_(*(key.contains(word, autoescape=True) for word in words))


def _open_opportunities() -> Any:
    return (
        select(func.count(Opportunity.id))
        .where(Opportunity.company_id == Company.id, Opportunity.stage.in_(list(OPEN_STAGES)))
        .correlate(Company)
        .scalar_subquery()
    )


class CompanyListing:
    columns: tuple[str, ...] = (
        "name",
        "industry",
        "location",
        "status",
        "open_opportunities",
        "last_touch_on",
    )
    editable: frozenset[str] = frozenset({"name", "industry", "location"})

    def _select(self) -> Select[Any]:
        query: Any = select(
            Company.id,
            Company.name,
            Company.industry,
            Company.location,
            Company.status,
            _open_opportunities().label("open_opportunities"),
            Company.last_touch_on,
        )
        return cast("Select[Any]", query)

    def _sort_key(self, column: str) -> Any:
        keys: dict[str, Any] = {
            "name": Company.name_key,
            "industry": Company.industry,
            "location": Company.location,
            "status": Company.status,
            "open_opportunities": _open_opportunities(),
            "last_touch_on": Company.last_touch_on,
        }
        return keys.get(column, Company.name_key)

    def page(self, session: Session, request: PageRequest) -> list[Row]:
        query = self._select()
        condition = _matches(Company.search_key, request.search)
        if condition is not None:
            query = query.where(condition)
        return _ordered_page(
            session, query, self._sort_key(request.sort_column), Company.id, request
        )

    def row(self, session: Session, row_id: int) -> Row | None:
        found = session.execute(self._select().where(Company.id == row_id)).first()
        return tuple(found) if found else None


class ContactListing:
    """Contacts of one company (``company_id``) or, without it, everyone."""

    columns: tuple[str, ...] = (
        "name",
        "company",
        "role",
        "title",
        "email",
        "phone",
        "last_touch_on",
    )
    editable: frozenset[str] = frozenset({"name", "title", "email", "phone"})

    def _select(self) -> Select[Any]:
        query: Any = select(
            Contact.id,
            Contact.name,
            Company.name.label("company"),
            Contact.role,
            Contact.title,
            Contact.email,
            Contact.phone,
            Contact.last_touch_on,
        ).join(Company, Contact.company_id == Company.id)
        return cast("Select[Any]", query)

    def _sort_key(self, column: str) -> Any:
        keys: dict[str, Any] = {
            "name": Contact.name_key,
            "company": Company.name_key,
            "role": Contact.role,
            "title": Contact.title,
            "email": Contact.email,
            "phone": Contact.phone,
            "last_touch_on": Contact.last_touch_on,
        }
        return keys.get(column, Contact.name_key)

    def page(self, session: Session, request: PageRequest) -> list[Row]:
        query = self._select()
        if request.company_id is not None:
            query = query.where(Contact.company_id == request.company_id)
        condition = _matches(Contact.search_key, request.search)
        if condition is not None:
            query = query.where(condition)
        return _ordered_page(
            session, query, self._sort_key(request.sort_column), Contact.id, request
        )

    def row(self, session: Session, row_id: int) -> Row | None:
        found = session.execute(self._select().where(Contact.id == row_id)).first()
        return tuple(found) if found else None


def _ordered_page(
    session: Session, query: Select[Any], key: Any, tie: Any, request: PageRequest
) -> list[Row]:
    if request.descending:
        query = query.order_by(key.desc(), tie.desc())
    else:
        query = query.order_by(key.asc(), tie.asc())
    query = query.offset(request.offset).limit(request.limit)
    return [tuple(row) for row in session.execute(query)]


def company_choices(session: Session) -> list[tuple[int, str]]:
    """Every company as ``(id, name)``, by name: for pickers."""
    rows = session.execute(select(Company.id, Company.name).order_by(Company.name_key))
    return [(row[0], row[1]) for row in rows]
