"""The parts of a table the window's first paint shares with the SQL-backed tables: the
view, its search box, the column titles and widths, and how a value is shown.

Nothing here imports Qt's ``Qt`` namespace, directly or through another module: creating
its hundred Python enums takes about 45 ms, and the first paint
(:mod:`runnerup_desktop.ui.directory.first_paint`) happens without it. Keys are compared in
:meth:`DataTable.keyPressEvent`, after the first paint, where it is imported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QLocale, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView

from runnerup_desktop.core.domain import CompanyStatus, ContactRole
from runnerup_desktop.ui.common.dates import qdate
from runnerup_desktop.ui.common.elide import tip_when_elided

SEARCH_DELAY_MS = 200
DATE_FORMAT = "d MMM yyyy"

COMPANY_HEADERS = {
    "name": "Company",
    "industry": "Industry",
    "location": "Location",
    "status": "Status",
    "open_opportunities": "Open opps",
    "last_touch_on": "Last interaction",
}
CONTACT_HEADERS = {
    "name": "Name",
    "company": "Company",
    "role": "Role",
    "title": "Title",
    "email": "Email",
    "phone": "Phone",
    "last_touch_on": "Last interaction",
}
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


#: What each table shows first, left to right (the rest follow in their own order): at
#: 1280 px the companies' name, status and last touch and the contacts' name, role and
#: email are in view without scrolling.
FIRST_COLUMNS = {
    "companyTable": ("name", "status", "last_touch_on", "open_opportunities"),
    "contactTable": ("name", "company", "role", "email"),
}
#: The widest a column is made to fit its content, in average characters.
MAX_FIT_CHARS = 30
#: Columns whose values are a few labels: as wide as the widest of them, whatever the
#: rows read so far (the first company's only contact is a "Referral"; the next one's is
#: a "Hiring manager").
LABELLED_COLUMNS: dict[str, type[Enum]] = {"role": ContactRole, "status": CompanyStatus}


def display_text(value: Any) -> Any:
    """A cell's value as the table shows it (numbers stay numbers, for the locale)."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(getattr(value, "label", value.value))
    if isinstance(value, dt.date):
        return QLocale().toString(qdate(value), DATE_FORMAT)
    return value


class DataTable(QTableView):
    """A table view where Enter opens the editor dialog and Delete deletes."""

    activated_edit = Signal()
    delete_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt  # loaded long before anyone types

        if self.state() != QAbstractItemView.State.EditingState:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.activated_edit.emit()
                return
            if event.key() == Qt.Key.Key_Delete:
                self.delete_requested.emit()
                return
        super().keyPressEvent(event)


def make_view(model: QAbstractItemModel, name: str) -> DataTable:
    """A table view over ``model``: rows selected whole, one at a time, fixed row height,
    columns the person can resize (sorting is the caller's: :func:`tables.make_table`)."""
    view = DataTable()
    view.setObjectName(name)
    view.setModel(model)
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
    header.setDefaultSectionSize(140)
    tip_when_elided(view)
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
    """A search box that answers once typing pauses (``SEARCH_DELAY_MS``), or at once on
    Enter."""

    def __init__(self, placeholder: str, apply: Callable[[str], None]) -> None:
        super().__init__()
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self._apply = apply
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(lambda: apply(self.text()))
        self.textChanged.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self.apply_now)

    def apply_now(self) -> None:
        """Search for the text now, without waiting for the pause."""
        self._timer.stop()
        self._apply(self.text())


def fit_columns(view: QTableView, keys: Sequence[str]) -> None:
    """First-run widths for the columns ``keys`` (the listing's column keys, in order),
    and the columns that matter most put first (:data:`FIRST_COLUMNS`)."""
    char = view.fontMetrics().averageCharWidth()
    header = view.horizontalHeader()
    for section, key in enumerate(keys):
        chars = COLUMN_CHARS.get(key, 14)
        header.resizeSection(section, int(chars * char * 1.3) + 16)
    for position, key in enumerate(FIRST_COLUMNS.get(view.objectName(), ())):
        if key in keys:
            header.moveSection(header.visualIndex(list(keys).index(key)), position)


def fit_to_contents(view: QTableView, keys: Sequence[str] = ()) -> None:
    """Each shown column as wide as its title and the rows read so far (a column of
    labels: its widest label), up to :data:`MAX_FIT_CHARS` (longer text is cut, its
    tooltip whole). ``keys`` are the columns' keys, in order, when known."""
    header = view.horizontalHeader()
    metrics = view.fontMetrics()
    limit = metrics.averageCharWidth() * MAX_FIT_CHARS
    for section in range(header.count()):
        if view.isColumnHidden(section):
            continue
        view.resizeColumnToContents(section)
        width = header.sectionSize(section) + 8
        labels = LABELLED_COLUMNS.get(keys[section]) if section < len(keys) else None
        if labels is not None:
            widest = max(metrics.horizontalAdvance(str(getattr(v, "label", v))) for v in labels)
            width = max(width, widest + 20)
        header.resizeSection(section, min(width, limit))
