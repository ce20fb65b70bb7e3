"""The first paint at start-up, and the real page taking its place in the same window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QSettings, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from runnerup_desktop.store.database import Store
from runnerup_desktop.store.directory_queries import CompanyListing
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.paging import PageRequest
from runnerup_desktop.ui.common.sql_table_model import PAGE_SIZE, Roles, SqlTableModel
from runnerup_desktop.ui.common.sql_tables import COMPANY_HEADERS
from runnerup_desktop.ui.directory import first_paint
from runnerup_desktop.ui.directory.first_paint import FirstPage
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.main_window import Frame, MainWindow

INDUSTRIES = ["Retail", "Banking", "Health", "Games", "Energy", "Media", "Aviation"]


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def companies(services: DirectoryServices) -> None:
    for number in range(70):
        services.add_company(
            {"name": f"Company {number:02d}", "industry": INDUSTRIES[number % len(INDUSTRIES)]}
        )


def shown(model: QAbstractItemModel) -> list[tuple[int, str]]:
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
    assert first.findChild(QLabel, "loading") is not None
    # What needs the store waits for it; what does not works already. (Start-up enables
    # the actions that need no record at the first paint: test_interactive_start.py.)
    assert not window.new_company_action.isEnabled()
    assert not window.edit_action.isEnabled()
    assert window.quit_action.isEnabled() and window.about_action.isEnabled()

    # The search box answers already, from the file, in the order last left.
    first.company_search.setText("company 1")
    with qtbot.waitSignal(first.answered):
        first.company_search.apply_now()
    with store.sessions() as session:
        request = PageRequest(search="company 1", sort_column="industry", descending=True)
        real = CompanyListing().page(session, request)
    assert [name for _id, name in shown(first.companies)] == [row[1] for row in real]
    assert 0 < len(real) < first_paint.FIRST_ROWS


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
    assert window.tabs.count() == 4
    assert window.tabs.currentWidget() is page
    assert [window.tabs.widget(n) for n in range(4)] == [
        page,
        window.calendar,
        window.owed,
        window.job_boards,
    ]
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


def test_the_first_page_shows_values_as_the_real_table_does(
    qtbot: QtBot, store: Store, settings: QSettings, services: DirectoryServices
) -> None:
    from runnerup_desktop.core.domain import CompanyStatus

    services.add_company(
        {"name": "Zoë Labs", "industry": "Games", "status": CompanyStatus.RUNNER_UP}
    )
    with store.sessions.begin() as session:
        session.execute(
            text("UPDATE company SET last_touch_on = '2026-11-02', open_opportunities = 12345")
        )
    real = SqlTableModel(store.sessions, CompanyListing(), COMPANY_HEADERS)
    real.reload()
    first = FirstPage(store.path, settings)
    qtbot.addWidget(first)
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole, Roles.ID)
    for column in range(real.columnCount()):
        for role in roles:
            assert first.companies.index(0, column).data(role) == real.index(0, column).data(
                role
            ), (column, role)
    assert first.companies.index(0, 3).data() == CompanyStatus.RUNNER_UP.label
    assert first.companies.headerData(0, Qt.Orientation.Horizontal) == "Company"


def test_the_first_pages_numbers_are_qts() -> None:
    assert Qt.ItemDataRole.DisplayRole.value == first_paint.DISPLAY_ROLE
    assert Qt.ItemDataRole.TextAlignmentRole.value == first_paint.ALIGNMENT_ROLE
    assert first_paint.ID_ROLE == Roles.ID
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    assert right.value == first_paint.RIGHT_ALIGNED
    assert first_paint.FIRST_ROWS == PAGE_SIZE


def test_nothing_before_the_first_paint_loads_qts_namespace(tmp_path: Path) -> None:
    """Its hundred Python enums cost 45 ms: the first paint does without them."""
    db = tmp_path / "mine.sqlite3"
    home = tmp_path / "home"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RUNNERUP_HOME": str(home)}
    args = ["--db", str(db), "--exit-after-startup"]
    # Watched with a profile function, not by replacing enum.EnumType._create_: PySide6
    # crashes under Python 3.13 when that is replaced.
    probe = (
        "import sys\n"
        "made = []\n"
        "def watch(frame, event, arg):\n"
        "    if event == 'call' and frame.f_code.co_name == '_create_':\n"
        "        made.append(frame.f_locals.get('class_name'))\n"
        "sys.setprofile(watch)\n"
        "from runnerup_desktop.cli import main as cli\n"
        "from runnerup_desktop.ui.shell import startup as app\n"
        "painted = app.Startup._first_painted\n"
        "def first_painted(self):\n"
        "    print('GlobalColor' in made, flush=True)\n"
        "    heavy = ('sqlalchemy', 'rapidfuzz', 'calendar', 'PySide6.QtPrintSupport')\n"
        "    print(sorted(m for m in heavy if m in sys.modules), flush=True)\n"
        "    painted(self)\n"
        "app.Startup._first_painted = first_painted\n"
        f"sys.exit(cli.main({args!r}))\n"
    )
    subprocess.run([sys.executable, "-m", "runnerup_desktop", *args], env=env, check=True)
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    # Nor the store, the job boards' fuzzy matching, calendar's locale machinery or Qt's
    # print support: each loads after the paint, when first used.
    assert done.stdout.split() == ["False", "[]"]
