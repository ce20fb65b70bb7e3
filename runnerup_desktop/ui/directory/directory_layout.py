"""How the companies and contacts page is laid out and restored, shared by the page
itself (:mod:`.directory_page`) and by its first paint (:mod:`.first_paint`), so that the
page painted at start-up and the page that takes over from it sit exactly alike. Like
:mod:`.table_view`, it does without Qt's ``Qt`` namespace."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QLabel, QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget

from runnerup_desktop.ui.common.settings import (
    COMPANY_HEADER,
    COMPANY_SORT,
    CONTACT_HEADER,
    DETAILS_WIDTH,
    DIRECTORY_SPLITTER,
)

COMPANY_SEARCH_HINT = "Search companies (Ctrl+F)"
#: The companies' half never gets narrower: names such as "Cedar & Stone Health" whole.
COMPANIES_MIN_WIDTH = 260
# The first paint's stand-in keeps to DETAILS_WIDTH, so the halves do not move when the
# real page takes over.
SPLITTER_KEY = DIRECTORY_SPLITTER
COMPANY_HEADER_KEY = COMPANY_HEADER
CONTACT_HEADER_KEY = CONTACT_HEADER
DETAILS_WIDTH_KEY = DETAILS_WIDTH
COMPANY_SORT_KEY = COMPANY_SORT


def company_pane(search: QWidget, view: QTableView) -> QWidget:
    """The left half: a title, the search box, the companies table."""
    pane = QWidget()
    pane.setMinimumWidth(COMPANIES_MIN_WIDTH)
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(QLabel("<b>Companies</b>"))
    layout.addWidget(search)
    layout.addWidget(view)
    return pane


def details_tabs() -> QTabWidget:
    tabs = QTabWidget()
    tabs.setObjectName("companyDetails")
    return tabs


def directory_splitter(left: QWidget, details: QWidget) -> QSplitter:
    """The two halves side by side (:func:`restore_splitter` sets them as last left)."""
    splitter = QSplitter()  # side by side
    splitter.setObjectName("directorySplitter")
    splitter.addWidget(left)
    splitter.addWidget(details)
    splitter.setStretchFactor(0, 1)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([640, 560])
    return splitter


def save_splitter(splitter: QSplitter, details: QWidget, settings: QSettings) -> None:
    settings.setValue(SPLITTER_KEY, splitter.saveState())
    settings.setValue(DETAILS_WIDTH_KEY, details.minimumSizeHint().width())


def restore_splitter(splitter: QSplitter, settings: QSettings) -> None:
    state = settings.value(SPLITTER_KEY)
    if isinstance(state, QByteArray):
        splitter.restoreState(state)


def hold_details_width(stand_in: QWidget, settings: QSettings) -> None:
    """Keep the stand-in for the details half as wide as the real one must be."""
    width = settings.value(DETAILS_WIDTH_KEY, 0, type=int)
    if isinstance(width, int) and width > 0:
        stand_in.setMinimumWidth(width)
