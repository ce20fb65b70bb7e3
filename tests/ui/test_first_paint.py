"""The first paint at start-up, and the real page taking its place in the same window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from runnerup_desktop.store.database import Store
from runnerup_desktop.store.services import Services
from runnerup_desktop.ui.context import AppContext
from runnerup_desktop.ui.first_paint import FirstPage
from runnerup_desktop.ui.main_window import Frame, MainWindow
from runnerup_desktop.ui.table_model import Roles, SqlTableModel

INDUSTRIES = ["Retail", "Banking", "Health", "Games", "Energy", "Media", "Aviation"]


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def companies(services: Services) -> None:
    for number in range(70):
        services.add_company(
            {"name": f"Company {number:02d}", "industry": INDUSTRIES[number % len(INDUSTRIES)]}
        )


def shown(model: SqlTableModel) -> list[tuple[int, str]]:
    return [
        (model.index(row, 0).data(Roles.ID), model.index(row, 0).data())
        for row in range(model.rowCount())
    ]


def sorted_last_time_by_industry(
    qtbot: QtBot, store: Store, settings: QSettings
) -> list[tuple[int, str]]:
    """A session that sorted companies by industry, newest last, and closed."""
    window = MainWindow(AppContext.for_store(store, settings))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.directory.splitter.setSizes([700, 500])
    window.directory.company_view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    order = shown(window.directory.companies)
    window.save_state()
    window.close()
    return order


@pytest.mark.usefixtures("companies")
def test_the_first_page_is_the_pages_first_rows_in_the_order_last_left(
    qtbot: QtBot, store: Store, settings: QSettings
) -> None:
    expected = sorted_last_time_by_industry(qtbot, store, settings)
    first = FirstPage(store.path, settings)
    window = MainWindow(frame=Frame(settings, store.path, first))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    assert window.tabs.currentWidget() is first
    assert shown(first.companies) == expected[: first.companies.rowCount()]
    assert first.companies.rowCount() == 50  # one page, then the rest loads
    header = first.company_view.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        1,
        Qt.SortOrder.DescendingOrder,
    )
    assert not first.company_search.isEnabled()
    assert first.findChild(QLabel, "loading") is not None
    # What needs the store waits for it; what does not works already.
    assert not window.new_company_action.isEnabled()
    assert not window.edit_action.isEnabled()
    assert window.quit_action.isEnabled() and window.about_action.isEnabled()


@pytest.mark.usefixtures("companies")
def test_the_real_page_takes_over_with_the_same_rows(
    qtbot: QtBot, store: Store, settings: QSettings
) -> None:
    sorted_last_time_by_industry(qtbot, store, settings)
    first = FirstPage(store.path, settings)
    window = MainWindow(frame=Frame(settings, store.path, first))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    painted = shown(first.companies)
    splitter = first.splitter.sizes()

    window.attach(AppContext.for_store(store, settings))

    page = window.directory
    assert window.tabs.count() == 3
    assert window.tabs.currentWidget() is page
    assert [window.tabs.widget(n) for n in range(3)] == [page, window.calendar, window.owed]
    assert shown(page.companies)[: len(painted)] == painted
    assert page.splitter.sizes() == splitter
    assert page.current_company_id() == painted[0][0]
    assert page.company_search.isEnabled()
    assert window.new_company_action.isEnabled() and window.edit_action.isEnabled()
    assert window._follow_up_menu.actions()  # the calendar's actions are in their menu
    qtbot.waitUntil(lambda: window.findChild(FirstPage) is None)  # the stand-in is gone
    # The pages behind their tabs still wait until first shown.
    assert not window.calendar.isVisible() and not window.owed.isVisible()
    assert window.calendar.waiting and window.owed.waiting
    # Scrolling on now reads further pages through the real listing.
    assert page.companies.canFetchMore(page.companies.index(-1, -1))
