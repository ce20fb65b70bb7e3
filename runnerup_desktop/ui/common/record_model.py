"""A read-only table model over plain records (dataclasses), and its view.

For lists that are small by nature (a timeline, who is owed a touch): the rows come
from one query and the model resets only when the row ids change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from runnerup_desktop.ui.common.dates import qdate
from runnerup_desktop.ui.common.sql_table_model import DATE_FORMAT, Roles

T = TypeVar("T")
ViewT = TypeVar("ViewT", bound=QTableView)
AnyIndex = QModelIndex | QPersistentModelIndex

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def show_date(day: dt.date | None) -> str:
    return QLocale().toString(qdate(day), DATE_FORMAT) if day is not None else ""


def days_ago(day: dt.date, today: dt.date) -> str:
    days = (today - day).days
    if days == 0:
        return "Today"
    if days > 0:
        return f"{days} day{'s' if days != 1 else ''} ago"
    return f"In {-days} day{'s' if days != -1 else ''}"


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column of a :class:`RecordTableModel`: its header and how a record shows in it."""

    header: str
    display: Callable[[T], str]
    tooltip: Callable[[T], str] | None = None
    raw: Callable[[T], Any] | None = None
    align_right: bool = False


class RecordTableModel(QAbstractTableModel, Generic[T]):
    """Read-only rows of plain records; ``Roles.ID`` gives each row's id.

    :meth:`set_records` keeps the rows (and so the view's selection) when the ids are the
    same ones in the same order, emitting ``dataChanged``; otherwise it resets.
    """

    def __init__(
        self, columns: Sequence[Column[T]], row_id: Callable[[T], int], parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._row_id = row_id
        self._records: list[T] = []

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].header
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(record)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(record) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return _RIGHT
        if role == Roles.ID:
            return self._row_id(record)
        if role == Roles.RAW:
            return column.raw(record) if column.raw is not None else column.display(record)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def set_records(self, records: Sequence[T]) -> None:
        fresh = list(records)
        if [self._row_id(r) for r in fresh] == [self._row_id(r) for r in self._records]:
            self._records = fresh
            if fresh:
                last = self.index(len(fresh) - 1, len(self._columns) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._records = fresh
        self.endResetModel()

    def record(self, row: int) -> T | None:
        return self._records[row] if 0 <= row < len(self._records) else None

    def row_of(self, row_id: int) -> int | None:
        for position, record in enumerate(self._records):
            if self._row_id(record) == row_id:
                return position
        return None


def make_record_view(
    model: QAbstractTableModel, name: str, view: ViewT, chars: Sequence[int], stretch: int
) -> ViewT:
    """Set ``view`` up as a read-only, row-selecting list over ``model``: columns ``chars``
    average characters wide at first, column ``stretch`` taking the room left."""
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    char = view.fontMetrics().averageCharWidth()
    for section, count in enumerate(chars):
        header.resizeSection(section, int(count * char * 1.2) + 16)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


# --- the timeline ---------------------------------------------------------------------
