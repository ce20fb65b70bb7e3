"""Follow-ups as table rows: the day's list and the agenda, whose sections are rows too.

:class:`FollowUpTableModel` holds :class:`~runnerup_desktop.store.agenda_queries.AgendaItem` values
(plain, already read) and :class:`Section` rows: a heading ("Overdue (2)") or a line saying
a section is empty. Neither kind of section row is selectable; the view spans them across
its columns. :func:`make_follow_up_table` builds such a view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from runnerup_desktop.core.domain import FollowUpStatus
from runnerup_desktop.store.agenda_queries import AgendaItem
from runnerup_desktop.ui.common.colors import ink, tone
from runnerup_desktop.ui.common.dates import qdate
from runnerup_desktop.ui.common.elide import tip_when_elided
from runnerup_desktop.ui.common.sql_table_model import Roles

AnyIndex = QModelIndex | QPersistentModelIndex
MAX_COLUMN_CHARS = 24
HEADERS = {
    "due": "Due",
    "company": "Company",
    "contact": "Contact",
    "title": "Follow-up",
    "channel": "Channel",
    "status": "Status",
}


@dataclass(frozen=True, slots=True)
class Section:
    """A heading row of the agenda ("Overdue (2)"), or the line saying a section is empty."""

    key: str
    text: str
    empty: bool = False


def count_text(count: int) -> str:
    return f"{count} follow-up{'s' if count != 1 else ''}"


def day_text(on: dt.date, with_year: bool = False) -> str:
    return QLocale().toString(qdate(on), "ddd d MMM yyyy" if with_year else "ddd d MMM")


def short_day(on: dt.date, today: dt.date) -> str:
    """ "3 Oct", with the year when it is not this year's."""
    return QLocale().toString(qdate(on), "d MMM" if on.year == today.year else "d MMM yyyy")


def relative(on: dt.date, today: dt.date) -> str:
    days = (on - today).days
    if days == 0:
        return "Today"
    if days < 0:
        return f"{-days} day{'s' if days != -1 else ''} overdue"
    return "Tomorrow" if days == 1 else f"In {days} days"


class FollowUpTableModel(QAbstractTableModel):
    """Follow-ups (:class:`AgendaItem`) as rows, optionally under :class:`Section` rows."""

    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._rows: list[AgendaItem | Section] = []
        self.columns = tuple(HEADERS)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[self.columns[section]] if 0 <= section < len(self.columns) else None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self._rows[index.row()], Section):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if isinstance(row, Section):
            return self._section_data(row, index.column(), role)
        column = self.columns[index.column()]
        today = self._today()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "due":
                return relative(row.due_on, today)
            if column == "title":
                return f"{row.step_label}\n\n{row.notes}".strip() if row.notes else row.step_label
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.status is not FollowUpStatus.PLANNED:
                return QBrush(ink("muted"))
            if column == "due" and row.due_on < today:
                return QBrush(ink("overdue"))
            return None
        if role == Qt.ItemDataRole.FontRole and row.status is FollowUpStatus.SKIPPED:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Roles.ID:
            return row.id
        if role == Roles.RAW:
            return getattr(row, {"due": "due_on", "status": "status"}.get(column, column))
        return None

    def _display(self, row: AgendaItem, column: str) -> str:
        if column == "due":
            text = day_text(row.due_on, row.due_on.year != self._today().year)
            return f"{text} {row.due_time:%H:%M}" if row.due_time else text
        if column == "channel":
            return row.channel.label
        if column == "status":
            return row.status.label
        value = getattr(row, column)
        return "" if value is None else str(value)

    @staticmethod
    def _section_data(row: Section, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return row.text if column == 0 else ""
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(not row.empty)
            font.setItalic(row.empty)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and not row.empty:
            return QBrush(QColor(tone("section").background))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(ink("muted") if row.empty else QColor(tone("section").text))
        return None

    # --- contents ---------------------------------------------------------------------
    def set_rows(self, rows: Sequence[AgendaItem | Section]) -> None:
        """Show ``rows``; the same rows in the same order only repaint (keeping selection)."""
        rows = list(rows)
        if [_key(r) for r in rows] == [_key(r) for r in self._rows]:
            self._rows = rows
            if rows:
                last = self.index(len(rows) - 1, len(self.columns) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def item_at(self, row: int) -> AgendaItem | None:
        found = self._rows[row] if 0 <= row < len(self._rows) else None
        return found if isinstance(found, AgendaItem) else None

    def row_of(self, follow_up_id: int) -> int | None:
        for position, row in enumerate(self._rows):
            if isinstance(row, AgendaItem) and row.id == follow_up_id:
                return position
        return None

    def section_rows(self) -> list[int]:
        return [n for n, row in enumerate(self._rows) if isinstance(row, Section)]


def _key(row: AgendaItem | Section) -> object:
    return ("section", row.key) if isinstance(row, Section) else row.id


def fit_columns(view: QTableView) -> None:
    """Columns as wide as their contents (the title takes the rest), within reason."""
    model = view.model()
    assert isinstance(model, FollowUpTableModel)
    widest = view.fontMetrics().averageCharWidth() * MAX_COLUMN_CHARS
    for section, column in enumerate(model.columns):
        if column != "title" and not view.isColumnHidden(section):
            view.resizeColumnToContents(section)
            view.setColumnWidth(section, min(view.columnWidth(section) + 8, widest))


class FollowUpTable(QTableView):
    """A list of follow-ups where Enter (or a double-click) opens the current one."""

    open_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.doubleClicked.connect(self._double_clicked)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.flags() & Qt.ItemFlag.ItemIsSelectable:  # not a section's heading
            self.open_requested.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit()
            return
        super().keyPressEvent(event)


def make_follow_up_table(
    model: FollowUpTableModel, name: str, hidden: Sequence[str]
) -> FollowUpTable:
    view = FollowUpTable()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    tip_when_elided(view)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    for section, column in enumerate(model.columns):
        view.setColumnHidden(section, column in hidden)
        if column == "title":
            header.setSectionResizeMode(section, QHeaderView.ResizeMode.Stretch)
    return view
