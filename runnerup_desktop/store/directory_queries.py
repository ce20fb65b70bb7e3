"""Listings for the tables: search, sort and paging done by the database.

A listing returns one page of plain tuples ``(id, value, value, ..., key)`` in the order
of its ``columns``, each ending with the row's :class:`PageKey`: the values it is sorted
by. The next page starts after the last row's key (``PageRequest.after``), so every page
is an index seek however far down it is, where ``OFFSET`` would step over every row
before it. Searching matches every word of the search text somewhere in the row's
searchable columns (accent- and case-insensitive); sorting uses indexed columns with the
id as the last tie-breaker, so pages are stable.

A keystroke in the search box asks for a page, so a page must cost little besides the
database's own work: each shape of query (its sort, its number of words, ...) is built
once, with parameters for every value, and run through the connection without the ORM.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, cast

from sqlalchemy import Integer, Select, and_, bindparam, literal_column, null, select, text, tuple_
from sqlalchemy.orm import Session

from runnerup_desktop.core.domain import ContactRole
from runnerup_desktop.core.records import CompanyValues, ContactValues
from runnerup_desktop.core.text import like_pattern, search_words
from runnerup_desktop.store.models import Company, Contact
from runnerup_desktop.store.paging import COMPANY_STATUS_ORDER, PageKey, PageRequest, Row

__all__ = ["CompanyListing", "ContactListing", "PageKey", "PageRequest", "Row", "company_choices"]


@dataclass(frozen=True)
class SortKey:
    """The expressions a listing is ordered by, the id last. Only the first may be NULL
    (SQLite puts NULL first going up and last going down)."""

    parts: tuple[Any, ...]
    nullable: bool = False


#: A search matching at most this many contacts is narrowed by the trigram index...
RARE = 2500
#: ...and when it matches at most this many, they are read and sorted; when more, the
#: sort order is walked, keeping the rows in that set (the index holds the id, so a row
#: is read only when it is in the set).
FEW = 300
#: In name order, a search finds names that sit together, wherever that is: a walk may
#: go far before it meets them. Up to this many are read and sorted; more are walked to.
FEW_BY_NAME = 1000
#: Contacts' search keys by trigram (SQLite's FTS5, kept in step by triggers; migration
#: 0004): every contact whose key contains each quoted word of three letters or more.
_TRIGRAM_IDS = "SELECT rowid FROM contact_fts WHERE contact_fts MATCH :phrases"
_TRIGRAM_COUNT = "SELECT count(*) FROM (SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?"
_TRIGRAM_COUNT += " LIMIT ?)"


def _phrases(words: Sequence[str]) -> str | None:
    """The trigram query for the words long enough for it (three letters), or ``None``."""
    quoted = ['"' + word.replace('"', '""') + '"' for word in words if len(word) >= 3]
    return " AND ".join(quoted) or None


def _narrowing(session: Session, phrases: str | None, sort_column: str) -> str | None:
    """How a contact search uses the trigram index: ``"read"`` (read its few matches and
    sort them), ``"walk"`` (walk the sort order, keeping its matches) or ``None`` (walk
    and test each key: a common search fills a page soon).

    Walking the sort order and testing each key stops as soon as a page is full: quick
    for a common word, but a rare one is tested against every contact before the page
    fills, if it ever does. The trigram index finds a rare word's few contacts at once.
    """
    if phrases is None or session.get_bind().dialect.name != "sqlite":
        return None  # the trigram index is SQLite's (migration 0004); elsewhere, walk
    # Counted only as far as the choice needs: a common word has thousands of matches.
    enough = FEW_BY_NAME if sort_column == "name" else RARE
    found = session.connection().exec_driver_sql(_TRIGRAM_COUNT, (phrases, enough + 1)).scalar()
    count = found or 0
    if sort_column == "name":
        return "read" if count <= FEW_BY_NAME else None
    if count > RARE:
        return None
    return "read" if count <= FEW else "walk"


class _Listing:
    """Pages of a select, ordered by a :class:`SortKey` and paged by it."""

    columns: tuple[str, ...] = ()

    def __init__(self) -> None:
        self._built: dict[tuple[Any, ...], Select[Any]] = {}

    def _select(self, sort_column: str) -> Select[Any]:
        raise NotImplementedError

    def _sort_key(self, column: str) -> SortKey:
        raise NotImplementedError

    def _id(self) -> Any:
        raise NotImplementedError

    def _search_key(self) -> Any:
        raise NotImplementedError

    def _scoped(self, query: Select[Any], request: PageRequest) -> Select[Any]:
        """The request's scope beyond the search (one company's contacts)."""
        return query

    def _narrowed(self, query: Select[Any], narrowing: str) -> Select[Any]:
        return query

    def _narrowing(self, session: Session, request: PageRequest, words: list[str]) -> Any:
        return None

    def page(self, session: Session, request: PageRequest) -> list[Row]:
        words = search_words(request.search)
        narrowing = self._narrowing(session, request, words)
        params: dict[str, Any] = {f"word_{n}": like_pattern(word) for n, word in enumerate(words)}
        params.update(company=request.company_id, phrases=_phrases(words))
        params.update(offset=request.offset)
        key = self._sort_key(request.sort_column)
        scoped = request.company_id is not None
        shape = (request.sort_column, request.descending, len(words), narrowing, scoped)
        rows: list[Row] = []
        for step, (after, values) in enumerate(_after(key, request)):
            wanted = request.limit - len(rows)
            if wanted <= 0:
                break
            statement = self._statement((*shape, after, step), request, key)
            bound = {**params, **values, "limit": wanted}
            rows += self._rows(session, statement, bound)
        return rows

    def row(self, session: Session, row_id: int) -> Row | None:
        found = session.execute(self._select("name").where(self._id() == row_id)).first()
        return tuple(found) if found else None

    def _statement(self, shape: tuple[Any, ...], request: PageRequest, key: SortKey) -> Any:
        """The query for a shape of request, built the first time it is asked for."""
        built = self._built.get(shape)
        if built is not None:
            return built
        sort_column, descending, words, narrowing, _scoped, after, step = shape
        query = self._scoped(self._select(sort_column), request)
        if narrowing is not None:
            query = self._narrowed(query, narrowing)
        if words:
            key_column = self._search_key()
            query = query.where(
                *(key_column.like(bindparam(f"word_{n}"), escape="/") for n in range(words))
            )
        condition = _after_condition(key, descending, after, step)
        if condition is not None:
            query = query.where(condition)
        query = query.add_columns(*(part.label(f"key_{n}") for n, part in enumerate(key.parts)))
        order = (part.desc() if descending else part.asc() for part in key.parts)
        query = query.order_by(*order).limit(bindparam("limit")).offset(bindparam("offset"))
        self._built[shape] = query
        return query

    def _rows(self, session: Session, query: Any, params: dict[str, Any]) -> list[Row]:
        width = len(self.columns) + 1
        found = session.connection().execute(query, params)
        return [(*row[:width], PageKey(tuple(row[width:]))) for row in found]


def _after(key: SortKey, request: PageRequest) -> list[tuple[str | None, dict[str, Any]]]:
    """The ranges of rows after ``request.after``, in the order their rows come, as a
    shape (see :func:`_after_condition`) and its values; the page takes from each in turn
    until it is full."""
    if request.after is None:
        return [(None, {})]
    values = {f"after_{n}": value for n, value in enumerate(request.after.values)}
    if key.nullable and request.after.values[0] is None:
        if request.descending:  # NULLs come last: only NULLs are left
            return [("null", values)]
        return [("null", values), ("not_null", values)]
    if key.nullable and request.descending:
        return [("value", values), ("null_rest", values)]
    return [("value", values)]


def _after_condition(key: SortKey, descending: bool, after: str | None, step: int) -> Any:
    if after is None:
        return None
    first, *rest = key.parts
    if after == "not_null":
        return first.is_not(None)
    if after == "null_rest":
        return first.is_(None)
    if after == "null":
        return and_(first.is_(None), _beyond(rest, 1, descending))
    bound = bindparam("after_0", type_=first.type)
    # The first part alone lets the database seek even when the key spans two tables.
    seek = first <= bound if descending else first >= bound
    return and_(seek, _beyond(key.parts, 0, descending))


def _beyond(parts: Sequence[Any], first: int, descending: bool) -> Any:
    """``parts`` past the ``after_*`` values from ``after_{first}`` on."""
    bound = [bindparam(f"after_{first + n}", type_=part.type) for n, part in enumerate(parts)]
    if len(parts) == 1:
        return parts[0] < bound[0] if descending else parts[0] > bound[0]
    row, after = tuple_(*parts), tuple_(*bound)
    return row < after if descending else row > after


class CompanyListing(_Listing):
    columns: tuple[str, ...] = (
        "name",
        "industry",
        "location",
        "status",
        "open_opportunities",
        "last_touch_on",
    )
    editable: frozenset[str] = frozenset({"name", "industry", "location"})

    def _select(self, sort_column: str) -> Select[Any]:
        query: Any = select(
            Company.id,
            Company.name,
            Company.industry,
            Company.location,
            Company.status,
            Company.open_opportunities,
            Company.last_touch_on,
        )
        return cast("Select[Any]", query)

    def _id(self) -> Any:
        return Company.id

    def _search_key(self) -> Any:
        return Company.search_key

    def _sort_key(self, column: str) -> SortKey:
        keys: dict[str, Any] = {
            "industry": Company.industry,
            "location": Company.location,
            # The pipeline's order; companies are a person's few, so reading them all
            # for it costs little.
            "status": literal_column(COMPANY_STATUS_ORDER, Integer()),
            "open_opportunities": Company.open_opportunities,
            "last_touch_on": Company.last_touch_on,
        }
        first = keys.get(column, Company.name_key)
        return SortKey((first, Company.id), nullable=column == "last_touch_on")


class ContactListing(_Listing):
    """Contacts of one company (``company_id``) or, without it, everyone.

    Everyone includes the contacts kept without a company (their company is ``None``).
    Sorted by company, they come after every company's contacts, in either direction
    (as a spreadsheet puts its blanks), by name: the companies' contacts are walked
    company by company through an inner join, and those without one follow from a
    listing of their own (:class:`_UnattachedContacts`).
    """

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
    #: What the table shows for a contact kept without a company.
    blanks: dict[str, str] = {"company": "No company"}  # noqa: RUF012

    def __init__(self) -> None:
        super().__init__()
        self._unattached: _UnattachedContacts | None = None

    def page(self, session: Session, request: PageRequest) -> list[Row]:
        if request.sort_column != "company" or request.company_id is not None:
            return super().page(session, request)
        if self._unattached is None:
            self._unattached = _UnattachedContacts()
        tail = self._unattached
        if request.after is not None and len(request.after.values) == tail.key_parts:
            return tail.page(session, replace(request, sort_column="name"))
        rows = super().page(session, request)
        if len(rows) < request.limit:
            # The companies' contacts ran out: those without a company follow, from the
            # first. (An offset past the end of the companies' contacts is not carried
            # over: the table asks by key, with offset 0.)
            rest = replace(request, sort_column="name", after=None, offset=0)
            rows += tail.page(session, replace(rest, limit=request.limit - len(rows)))
        return rows

    def _select(self, sort_column: str) -> Select[Any]:
        if sort_column == "company":
            # ``+ 0`` keeps SQLite from reaching each company by its id from a contact,
            # so it walks the companies in name order and each one's contacts by name
            # (ix_contact_company_name): the first page without sorting every contact.
            joined = Contact.company_id == Company.id + 0
        else:
            joined = Contact.company_id == Company.id
        query: Any = select(
            Contact.id,
            Contact.name,
            Company.name.label("company"),
            Contact.role,
            Contact.title,
            Contact.email,
            Contact.phone,
            Contact.last_touch_on,
        )
        if sort_column == "company":  # those without a company follow (see ``page``)
            return cast("Select[Any]", query.join(Company, joined))
        return cast("Select[Any]", query.outerjoin(Company, joined))

    def _id(self) -> Any:
        return Contact.id

    def _search_key(self) -> Any:
        return Contact.search_key

    def _sort_key(self, column: str) -> SortKey:
        if column == "company":  # then by name within each company
            return SortKey((Company.name_key, Company.id, Contact.name_key, Contact.id))
        keys: dict[str, Any] = {
            "role": Contact.role,
            "title": Contact.title,
            "email": Contact.email,
            "phone": Contact.phone,
            "last_touch_on": Contact.last_touch_on,
        }
        first = keys.get(column, Contact.name_key)
        return SortKey((first, Contact.id), nullable=column == "last_touch_on")

    def _scoped(self, query: Select[Any], request: PageRequest) -> Select[Any]:
        if request.company_id is None:
            return query
        return query.where(Contact.company_id == bindparam("company"))

    def _narrowing(self, session: Session, request: PageRequest, words: list[str]) -> Any:
        if request.company_id is not None:  # one company's few contacts: test each one
            return None
        return _narrowing(session, _phrases(words), request.sort_column)

    def _narrowed(self, query: Select[Any], narrowing: str) -> Select[Any]:
        ids = text(_TRIGRAM_IDS).columns(rowid=Integer)
        # ``+ 0`` keeps SQLite from reading the matches one by one (then sorting them):
        # it walks the sort order instead, cheaper once they are enough to fill a page
        # soon.
        member = Contact.id if narrowing == "read" else Contact.id + 0
        return query.where(member.in_(ids))


class _UnattachedContacts(ContactListing):
    """The contacts kept without a company, by name: the end of the company order."""

    key_parts = 2

    def page(self, session: Session, request: PageRequest) -> list[Row]:
        return _Listing.page(self, session, request)

    def _select(self, sort_column: str) -> Select[Any]:
        query: Any = select(
            Contact.id,
            Contact.name,
            null().label("company"),
            Contact.role,
            Contact.title,
            Contact.email,
            Contact.phone,
            Contact.last_touch_on,
        ).where(Contact.company_id.is_(None))
        return cast("Select[Any]", query)

    def _sort_key(self, column: str) -> SortKey:
        return SortKey((Contact.name_key, Contact.id))


def company_choices(session: Session) -> list[tuple[int, str]]:
    """Every company as ``(id, name)``, by name: for pickers."""
    rows = session.execute(select(Company.id, Company.name).order_by(Company.name_key))
    return [(row[0], row[1]) for row in rows]


@dataclass(frozen=True)
class ContactHeading:
    """What a contact's timeline says about them."""

    name: str
    role: ContactRole
    #: ``None``: kept without a company.
    company_id: int | None
    company: str | None


def contact_heading(session: Session, contact_id: int) -> ContactHeading | None:
    row = session.execute(
        select(Contact.name, Contact.role, Contact.company_id, Company.name)
        .outerjoin(Company, Contact.company_id == Company.id)
        .where(Contact.id == contact_id)
    ).first()
    return ContactHeading(row[0], row[1], row[2], row[3]) if row is not None else None


def company_name(session: Session, company_id: int) -> str | None:
    """The company's name, or ``None`` when it no longer exists."""
    name: str | None = session.scalar(select(Company.name).where(Company.id == company_id))
    return name


def company_contacts(session: Session, company_id: int) -> list[tuple[int, str, ContactRole]]:
    """The company's contacts as ``(id, name, role)``, by name."""
    query = (
        select(Contact.id, Contact.name, Contact.role)
        .where(Contact.company_id == company_id)
        .order_by(Contact.name_key, Contact.id)
    )
    return [(cid, name, role) for cid, name, role in session.execute(query)]


def company_values(session: Session, company_id: int) -> CompanyValues | None:
    """A company's editable fields, or ``None`` when it no longer exists."""
    company = session.get(Company, company_id)
    if company is None:
        return None
    return CompanyValues(
        name=company.name,
        industry=company.industry,
        location=company.location,
        website=company.website,
        status=company.status,
        notes=company.notes,
    )


def contact_values(session: Session, contact_id: int) -> ContactValues | None:
    """A contact's editable fields, or ``None`` when it no longer exists."""
    contact = session.get(Contact, contact_id)
    if contact is None:
        return None
    return ContactValues(
        name=contact.name,
        company_id=contact.company_id,
        role=contact.role,
        title=contact.title,
        email=contact.email,
        phone=contact.phone,
        linkedin_url=contact.linkedin_url,
        notes=contact.notes,
    )
