"""Building blocks for the SQL-backed tables: the view, its search box, column widths."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView

from runnerup_desktop.ui.table_model import SqlTableModel

SEARCH_DELAY_MS = 200

COMPANY_HEADERS = {
    "name": "Company",
    "industry": "Industry",
    "location": "Location",
    "status": "Status",
    "open_opportunities": "Open opps",
    "last_touch_on": "Last touch",
}
CONTACT_HEADERS = {
    "name": "Name",
    "company": "Company",
    "role": "Role",
    "title": "Title",
    "email": "Email",
    "phone": "Phone",
    "last_touch_on": "Last touch",
}


class DataTable(QTableView):
    """A table view where Enter opens the editor dialog and Delete deletes."""

    activated_edit = Signal()
    delete_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.activated_edit.emit()
                return
            if event.key() == Qt.Key.Key_Delete:
                self.delete_requested.emit()
                return
        super().keyPressEvent(event)


def make_table(model: SqlTableModel, name: str) -> DataTable:
    view = DataTable()
    view.setObjectName(name)
    view.setModel(model)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
    )
    view.setAlternatingRowColors(True)
    no_shaping(view)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    header.setDefaultSectionSize(140)
    return view


def no_shaping(view: QTableView) -> None:
    """Let the view lay its cells' text out without the shaping engine where the script
    does not need it (Latin, Greek, Cyrillic...; scripts that need shaping keep it).

    Every paint lays out each visible cell's text three times (to measure, to elide, to
    draw); shaping was a third of a repaint of the contacts table (5 ms of CPU to 3.3 ms).
    Only the strategy is set on the view's font: family and size still follow the
    application's.
    """
    font = QFont()
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    view.setFont(font.resolve(view.font()))


class SearchBox(QLineEdit):
    def __init__(self, placeholder: str, apply: Callable[[str], None]) -> None:
        super().__init__()
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(lambda: apply(self.text()))
        self.textChanged.connect(lambda _text: self._timer.start())


#: Column widths on the first run, in average characters; later runs restore the user's.
COLUMN_CHARS = {
    "name": 20,
    "company": 20,
    "industry": 16,
    "location": 13,
    "status": 9,
    "open_opportunities": 8,
    "role": 14,
    "title": 20,
    "email": 28,
    "phone": 16,
    "last_touch_on": 12,
}


def fit_columns(view: QTableView) -> None:
    model = view.model()
    assert isinstance(model, SqlTableModel)
    char = view.fontMetrics().averageCharWidth()
    for section in range(model.columnCount()):
        chars = COLUMN_CHARS.get(model.column_key(section), 14)
        view.horizontalHeader().resizeSection(section, int(chars * char * 1.3) + 16)
