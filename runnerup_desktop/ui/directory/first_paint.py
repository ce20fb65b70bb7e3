"""The companies and contacts page as it first paints, before the rest of RunnerUp loads.

Start-up shows the window with the companies table and its first page of data within a
few tenths of a second, read with :mod:`sqlite3` alone
(:mod:`runnerup_desktop.store.first_page`), laid out and restored exactly as the real
page (:mod:`.directory_layout`). The rest of the app (SQLAlchemy, the models, the other
pages) loads right after that first paint, on a worker thread (:mod:`..shell.preload`);
the real page then takes this one's place in the same window, with the same rows in the
same order, and with what the person did meanwhile: the search typed, the company
selected, the focus (:meth:`FirstPage.carry_to`).

Until then the search box answers with :mod:`sqlite3` alone, as the real one would (the
same rows, a test compares them), and the details wait, and say so.

The rows sit in a ``QStandardItemModel``, shown as the SQL-backed model shows them: a
table model written in Python has Qt call back into Python for its header, which
creates the hundred Python enums of Qt's ``Qt`` namespace (45 ms) before the first
paint. Nothing here imports that namespace.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from runnerup_desktop.store.change import StorageError
from runnerup_desktop.store.first_page import FirstPageCompanies, ReadOnlyFile
from runnerup_desktop.store.paging import PageRequest, Row
from runnerup_desktop.ui.common.table_view import (
    COMPANY_HEADERS,
    SearchBox,
    display_text,
    fit_columns,
    make_view,
)
from runnerup_desktop.ui.directory.directory_layout import (
    COMPANY_HEADER_KEY,
    COMPANY_SEARCH_HINT,
    COMPANY_SORT_KEY,
    company_pane,
    details_tabs,
    directory_splitter,
    hold_details_width,
    restore_splitter,
)

if TYPE_CHECKING:
    from runnerup_desktop.ui.directory.directory_page import DirectoryPage

log = logging.getLogger(__name__)

#: One page of the real table (``table_model.PAGE_SIZE``, which a test keeps equal).
FIRST_ROWS = 50
#: Item roles by number (``Qt.ItemDataRole``; a test keeps them equal): the display,
#: the alignment, and the row's id (``table_model.Roles.ID``).
DISPLAY_ROLE = 0
ALIGNMENT_ROLE = 7
ID_ROLE = 0x0100 + 1
#: ``Qt.AlignRight | Qt.AlignVCenter``, as the real table aligns numbers.
RIGHT_ALIGNED = 0x0002 | 0x0080


def saved_order(settings: QSettings) -> tuple[str, bool]:
    """The companies' column and direction as last left (``directory_page.save_state``)."""
    words = str(settings.value(COMPANY_SORT_KEY, "name asc") or "name asc").split()
    column = words[0] if words and words[0] in FirstPageCompanies.columns else "name"
    return column, len(words) > 1 and words[1] == "desc"


def item_for(value: object) -> QStandardItem:
    item = QStandardItem()
    item.setEditable(False)
    item.setData(display_text(value), DISPLAY_ROLE)
    if isinstance(value, int) and not isinstance(value, bool):
        item.setData(RIGHT_ALIGNED, ALIGNMENT_ROLE)
    return item


class FirstPage(QWidget):
    """The companies table with its first page, and its search box answering; the rest of
    the page still loading."""

    #: A search was answered: the table holds its rows (painted at the next paint).
    answered = Signal()

    def __init__(self, db_path: Path, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstPage")
        self._file = ReadOnlyFile(db_path)
        column, descending = saved_order(settings)
        self._request = PageRequest(sort_column=column, descending=descending, limit=FIRST_ROWS)
        self.rows: list[Row] = self._read("")
        self.companies = QStandardItemModel(0, len(COMPANY_HEADERS), self)
        self.companies.setHorizontalHeaderLabels(list(COMPANY_HEADERS.values()))
        self._fill(self.rows)
        self.company_view = make_view(self.companies, "companyTable")
        self.company_search = SearchBox(COMPANY_SEARCH_HINT, self.search)
        loading = QLabel("<center>Loading…</center>")
        loading.setObjectName("loading")
        details = details_tabs()
        details.addTab(loading, "Contacts")
        hold_details_width(details, settings)
        self.splitter = directory_splitter(
            company_pane(self.company_search, self.company_view), details
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        restore_splitter(self.splitter, settings)
        header = self.company_view.horizontalHeader()
        state = settings.value(COMPANY_HEADER_KEY)
        if isinstance(state, QByteArray):
            header.restoreState(state)  # widths, order, and the sort indicator
        else:
            fit_columns(self.company_view, list(COMPANY_HEADERS))
        if self.rows:
            self.company_view.selectRow(0)

    def _read(self, search: str) -> list[Row]:
        request = PageRequest(
            search=search,
            sort_column=self._request.sort_column,
            descending=self._request.descending,
            limit=FIRST_ROWS,
        )
        with self._file() as connection:
            return FirstPageCompanies().page(connection, request)

    def _fill(self, rows: list[Row]) -> None:
        self.companies.setRowCount(len(rows))
        for position, row in enumerate(rows):
            for section, value in enumerate(row[1:-1]):
                item = item_for(value)
                item.setData(row[0], ID_ROLE)
                self.companies.setItem(position, section, item)

    def search(self, text: str) -> None:
        """Answer a search from the file, as the real table would; a file that cannot be
        read now keeps the rows shown (the real page, loading, will say why)."""
        try:
            rows = self._read(text)
        except (sqlite3.Error, StorageError) as error:
            log.warning("the first page's search was not answered (%s)", type(error).__name__)
            return
        self.rows = rows
        self._fill(rows)
        if rows:
            self.company_view.selectRow(0)
        self.answered.emit()

    def selected_id(self) -> int | None:
        """The company selected in the table, if any."""
        rows = self.company_view.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(ID_ROLE)
        return value if isinstance(value, int) else None

    def carry_to(self, page: DirectoryPage) -> None:
        """Hand what the person did here to the real page: the search typed (answered at
        once), the company selected, and the focus."""
        text = self.company_search.text()
        if text:
            page.company_search.setText(text)
            page.company_search.apply_now()
        chosen = self.selected_id()
        if chosen is not None:
            page.select_company(chosen)
        if self.company_search.hasFocus():
            page.company_search.setFocus()
            page.company_search.setCursorPosition(self.company_search.cursorPosition())
        elif self.company_view.hasFocus():
            page.company_view.setFocus()
