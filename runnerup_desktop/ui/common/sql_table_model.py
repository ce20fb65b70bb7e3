"""Table models backed by SQL: search, sort and paging happen in the database.

The model holds only the rows loaded so far (one page at a time through
``canFetchMore``/``fetchMore``; a listing that ends its rows with a
:class:`~runnerup_desktop.store.directory_queries.PageKey` is asked for the rows after the last
one, others by offset). A refresh re-reads the loaded range and emits ``dataChanged``
when the rows are the same ones, and resets only when they are not.

``data()`` and ``flags()`` run for every role of every visible cell at each paint (seven
calls a cell), so they answer the roles they do not set first, and the flags are worked
out once per column.

The rows held hold only strings, numbers, dates and ``None``: an enum member is kept as its
value (and made a member again when asked for), and the page key only once, for the last
row. CPython then leaves the rows out of its garbage collector's passes: with 100,000
contacts scrolled in, each full collection visited every row (up to 300 ms, freeing
nothing) while the view scrolled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from enum import Enum, IntEnum
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from runnerup_desktop.store.paging import PageKey, PageRequest, Row
from runnerup_desktop.ui.common.table_view import DATE_FORMAT, display_text

__all__ = ["DATE_FORMAT", "PAGE_SIZE", "Roles", "SqlTableModel"]

#: Rows a page: a few screens. Small, so that a search for something rare stops early;
#: the view asks for more as it scrolls (or to fill a tall window).
PAGE_SIZE = 50
AnyIndex = QModelIndex | QPersistentModelIndex


class Roles(IntEnum):
    ID = Qt.ItemDataRole.UserRole + 1
    RAW = Qt.ItemDataRole.UserRole + 2


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_ID = int(Roles.ID)
_RAW = int(Roles.RAW)
#: The roles :meth:`SqlTableModel.data` answers; the view asks for many more.
_ANSWERED = frozenset({_DISPLAY, _EDIT, _TOOLTIP, _ALIGNMENT, _ID, _RAW})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _READ_ONLY | Qt.ItemFlag.ItemIsEditable


class Listing(Protocol):
    """Pages of rows, read through what ``sessions()`` opens (an ORM session)."""

    columns: tuple[str, ...]
    editable: frozenset[str]

    def page(self, session: Any, request: PageRequest) -> list[Row]: ...

    def row(self, session: Any, row_id: int) -> Row | None: ...


#: Opens what a listing reads through (``sessionmaker`` is one).
Sessions = Callable[[], AbstractContextManager[Any]]


#: Called with (row id, column key, new text); returns an error sentence or None.
EditHandler = Callable[[int, str, str], str | None]


class SqlTableModel(QAbstractTableModel):
    editFailed = Signal(str)

    def __init__(
        self,
        sessions: Sessions,
        listing: Listing,
        headers: Mapping[str, str],
        on_edit: EditHandler | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._listing = listing
        self._headers = headers
        self._on_edit = on_edit
        self._request = PageRequest(limit=PAGE_SIZE)
        self._rows: list[Row] = []
        #: Where the loaded rows end in the listing's order (the next page starts after).
        self._last_key: PageKey | None = None
        #: The enum of each column that has one (its rows hold the members' values).
        self._enums: dict[int, type[Enum]] = {}
        self._has_more = False
        self._loaded = False
        self._today = dt.date.today()
        #: What an empty cell reads as, by column (a listing's ``blanks``: "No company").
        blanks: Mapping[str, str] = getattr(listing, "blanks", {})
        self._blanks = tuple(blanks.get(column, "") for column in listing.columns)
        self._flags = tuple(
            _EDITABLE if on_edit is not None and column in listing.editable else _READ_ONLY
            for column in listing.columns
        )

    # --- what is shown -------------------------------------------------------------
    @property
    def request(self) -> PageRequest:
        return self._request

    def column_key(self, column: int) -> str:
        return self._listing.columns[column]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._listing.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole:
            columns = self._listing.columns
            return self._headers.get(columns[section], "") if 0 <= section < len(columns) else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED:
            return None
        position, column = index.row(), index.column()
        if not (0 <= position < len(self._rows) and 0 <= column < len(self._flags)):
            return None
        row = self._rows[position]
        value = row[column + 1]
        if self._enums and value is not None and column in self._enums:
            kind = self._enums[column]
            value = kind.read(value) if hasattr(kind, "read") else kind(value)
        if role == _DISPLAY:
            if value is None:
                return self._blanks[column]
            return value if type(value) is str else display_text(value)
        if role == _EDIT:
            return "" if value is None else str(value)
        if role == _TOOLTIP:
            return self._relative(value) if isinstance(value, dt.date) else None
        if role == _ALIGNMENT:
            return _RIGHT if isinstance(value, int) else None
        if role == _ID:
            return row[0]
        return value  # _RAW

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        column = index.column()
        if not index.isValid() or not 0 <= column < len(self._flags):
            return Qt.ItemFlag.NoItemFlags
        return self._flags[column]

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self._on_edit is None:
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        row_id = self._rows[index.row()][0]
        error = self._on_edit(row_id, self.column_key(index.column()), str(value))
        if error:
            self.editFailed.emit(error)
            return False
        self.refresh_row(row_id)
        return True

    # --- paging ---------------------------------------------------------------------
    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and self._has_more

    def fetchMore(self, parent: AnyIndex) -> None:
        if parent.isValid() or not self._has_more:
            return
        page = self._keep(self._query(self._next_page(), limit=PAGE_SIZE))
        if not page:
            self._has_more = False
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    # --- changing the query ---------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._listing.columns):
            return
        changes = {
            "sort_column": self.column_key(column),
            "descending": order == Qt.SortOrder.DescendingOrder,
        }
        if self._loaded:
            self._set_request(**changes)
        else:  # a view being set up announces its sort: remember it, query once later
            self.configure(**changes)

    def set_search(self, text: str) -> None:
        if text != self._request.search:
            self._set_request(search=text)

    def set_company(self, company_id: int | None) -> None:
        if company_id != self._request.company_id:
            self._set_request(company_id=company_id)

    def configure(self, **changes: Any) -> None:
        """Change the query without running it (before the first :meth:`reload`)."""
        self._request = PageRequest(**{**self._request.__dict__, **changes})

    def _set_request(self, **changes: Any) -> None:
        before = self._request
        self.configure(**changes)
        if self._request != before:
            self.reload()

    def reload(self) -> None:
        """Run the query again from the first page (a new search or sort)."""
        self.beginResetModel()
        self._last_key = None
        self._rows = self._keep(self._query(PageRequest(), limit=PAGE_SIZE))
        self._loaded = True
        self.endResetModel()

    def refresh(self) -> None:
        """Re-read what is loaded; keep the rows (and the selection) when they are the same."""
        self._last_key = None
        fresh = self._keep(self._query(PageRequest(), limit=max(len(self._rows), PAGE_SIZE)))
        if [r[0] for r in fresh] == [r[0] for r in self._rows]:
            self._rows = fresh
            if fresh:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(fresh) - 1, self.columnCount() - 1)
                )
            return
        self.beginResetModel()
        self._rows = fresh
        self.endResetModel()

    def refresh_row(self, row_id: int) -> None:
        position = self.row_of(row_id)
        if position is None:
            return
        with self._sessions() as session:
            fresh = self._listing.row(session, row_id)
        if fresh is None:
            self.refresh()
            return
        last_key = self._last_key  # where the row was: the next page still starts there
        self._rows[position] = self._keep([fresh])[0]
        self._last_key = last_key
        self.dataChanged.emit(self.index(position, 0), self.index(position, self.columnCount() - 1))

    def row_of(self, row_id: int) -> int | None:
        for position, row in enumerate(self._rows):
            if row[0] == row_id:
                return position
        return None

    def reveal(self, row_id: int, most: int = 20_000) -> int | None:
        """Where the row is, paging in more rows until it shows (at most ``most`` rows
        loaded): a record just created may sort far down a long table."""
        position = self.row_of(row_id)
        while position is None and len(self._rows) < most and self.canFetchMore(QModelIndex()):
            before = len(self._rows)
            self.fetchMore(QModelIndex())
            if len(self._rows) == before:
                break
            position = self.row_of(row_id)
        return position

    def id_at(self, position: int) -> int | None:
        return self._rows[position][0] if 0 <= position < len(self._rows) else None

    def _next_page(self) -> PageRequest:
        """Where the next page starts: after the last row's key, or past the rows loaded."""
        if self._last_key is not None:
            return PageRequest(after=self._last_key)
        return PageRequest(offset=len(self._rows))

    def _keep(self, rows: list[Row]) -> list[Row]:
        """The rows as held: enum members as their values, without their page keys (the
        last one is kept in ``_last_key``). See the module's docstring."""
        kept: list[Row] = []
        for row in rows:
            values = list(row)
            if values and isinstance(values[-1], PageKey):
                self._last_key = values.pop()
            for position, value in enumerate(values):
                if isinstance(value, Enum):
                    self._enums[position - 1] = type(value)
                    values[position] = value.value
            kept.append(tuple(values))
        return kept

    def _query(self, start: PageRequest, limit: int) -> list[Row]:
        """A page of the current request, from ``start`` (its ``after`` and ``offset``)."""
        request = PageRequest(
            **{
                **self._request.__dict__,
                "after": start.after,
                "offset": start.offset,
                "limit": limit + 1,
            }
        )
        with self._sessions() as session:
            rows = self._listing.page(session, request)
        self._has_more = len(rows) > limit
        return rows[:limit]

    # --- formatting -----------------------------------------------------------------
    def _relative(self, day: dt.date) -> str:
        days = (self._today - day).days
        if days == 0:
            return "Today"
        if days > 0:
            return f"{days} day{'s' if days != 1 else ''} ago"
        return f"In {-days} day{'s' if days != -1 else ''}"
