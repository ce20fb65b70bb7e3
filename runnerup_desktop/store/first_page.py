"""The companies table's first page, read with :mod:`sqlite3` alone.

Importing SQLAlchemy and the models takes about a second, most of RunnerUp's start-up.
The window does not wait for it: start-up checks the file (:mod:`.checks`), and when its
schema is this version's, paints the companies table from this listing, then loads the
rest and hands the table over to :class:`~runnerup_desktop.store.directory_queries.CompanyListing`.

This listing answers what the window asks before that hand-over: the first page, in any
of the table's sort orders, with or without a search typed meanwhile (so the search box
answers while the rest loads). Its rows are the same as ``CompanyListing``'s, value for
value and type for type, page keys included (a test compares the two in every order and
for many searches).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from runnerup_desktop.core.domain import CompanyStatus
from runnerup_desktop.core.text import like_pattern, search_words
from runnerup_desktop.store.change import StorageError
from runnerup_desktop.store.checks import LOCK_TIMEOUT_S, file_uri
from runnerup_desktop.store.errors import lenient_text
from runnerup_desktop.store.paging import COMPANY_STATUS_ORDER, PageKey, PageRequest, Row

#: The table's columns (as ``CompanyListing.columns``) and the column each sorts by.
_SORT_BY = {
    "name": "name_key",
    "industry": "industry",
    "location": "location",
    "status": COMPANY_STATUS_ORDER,
    "open_opportunities": "open_opportunities",
    "last_touch_on": "last_touch_on",
}
_SELECT = (
    "SELECT id, name, industry, location, status, open_opportunities, last_touch_on, "
    "{key} AS key_0, id AS key_1 FROM company {where}ORDER BY {key} {order}, id {order} "
    "LIMIT ?"
)
#: One search word, as ``CompanyListing`` matches it: anywhere in the folded search key.
_MATCH = "search_key LIKE ? ESCAPE '/'"


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value is not None else None
    except (ValueError, TypeError) as error:  # not what RunnerUp wrote: damage
        raise StorageError(
            "A stored date is not a date: the database file is damaged.", kind="damaged"
        ) from error


def _status(value: str) -> CompanyStatus:
    return CompanyStatus.read(value)  # one this version does not know shows as unknown


def _same(value: Any) -> Any:
    return value


#: How each stored value becomes the Python value the ORM would give.
_CONVERT: dict[str, Callable[[Any], Any]] = {"status": _status, "last_touch_on": _date}


class FirstPageCompanies:
    """The first page of companies, as :class:`CompanyListing` would give it."""

    columns: tuple[str, ...] = tuple(_SORT_BY)

    def page(self, connection: sqlite3.Connection, request: PageRequest) -> list[Row]:
        if request.after is not None or request.offset:
            return []  # later pages: asked only once the rest has loaded, and answered by it
        words = search_words(request.search)
        where = f"WHERE {' AND '.join([_MATCH] * len(words))} " if words else ""
        key = _SORT_BY.get(request.sort_column, "name_key")
        order = "DESC" if request.descending else "ASC"
        sql = _SELECT.format(key=key, order=order, where=where)
        convert = [_CONVERT.get(column, _same) for column in self.columns]
        # The status sorts by its rank in the pipeline (a number), not by the stored word.
        key_convert = (
            _same if request.sort_column == "status" else _CONVERT.get(request.sort_column, _same)
        )
        rows: list[Row] = []
        arguments = (*(like_pattern(word) for word in words), request.limit)
        for found in connection.execute(sql, arguments):
            values = tuple(f(v) for f, v in zip(convert, found[1:7], strict=True))
            rows.append((found[0], *values, PageKey((key_convert(found[7]), found[8]))))
        return rows


class ReadOnlyFile:
    """Opens ``path`` read-only for one read, the way a ``sessionmaker`` opens a session."""

    def __init__(self, path: Path) -> None:
        self._uri = file_uri(path, "ro")

    def __call__(self) -> closing[sqlite3.Connection]:
        connection = sqlite3.connect(self._uri, uri=True, timeout=LOCK_TIMEOUT_S)
        connection.text_factory = lenient_text
        return closing(connection)
