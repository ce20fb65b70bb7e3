"""The companies and contacts page as it first paints, before the rest of RunnerUp loads.

Start-up shows the window with the companies table and its first page of data within a
few tenths of a second, read with :mod:`sqlite3` alone
(:mod:`runnerup_desktop.store.first_page`), laid out and restored exactly as the real
page (:mod:`.directory_layout`). The rest of the app (SQLAlchemy, the models, the other
pages) loads right after that first paint; the real page then takes this one's place in
the same window, with the same rows in the same order. Until then the search box and
the details wait, and say so.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from runnerup_desktop.store.first_page import FirstPageCompanies, ReadOnlyFile
from runnerup_desktop.ui.directory_layout import (
    COMPANY_HEADER_KEY,
    COMPANY_SEARCH_HINT,
    company_pane,
    details_tabs,
    directory_splitter,
    hold_details_width,
    restore_splitter,
    restore_table,
)
from runnerup_desktop.ui.table_model import SqlTableModel
from runnerup_desktop.ui.tables import COMPANY_HEADERS, SearchBox, make_table


class FirstPage(QWidget):
    """The companies table with its first page; the rest of the page still loading."""

    def __init__(self, db_path: Path, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstPage")
        self.companies = SqlTableModel(
            ReadOnlyFile(db_path), FirstPageCompanies(), COMPANY_HEADERS, parent=self
        )
        self.company_view = make_table(self.companies, "companyTable")
        self.company_search = SearchBox(COMPANY_SEARCH_HINT, lambda _text: None)
        self.company_search.setEnabled(False)
        loading = QLabel("Loading…")
        loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
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
        restore_table(self.company_view, self.companies, settings, COMPANY_HEADER_KEY)
        self.companies.reload()
        if self.companies.rowCount():
            self.company_view.selectRow(0)
