"""The watch in the window, as a person uses it: the careers page in the company dialog,
the check at start-up, the banner and its one click, the Job boards page, Preferences."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QCheckBox, QDialog, QLabel, QLineEdit, QSpinBox, QTableWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from runnerup_desktop.cli.launch import Options
from runnerup_desktop.core.domain import FollowUpStatus, Step
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.models import FollowUp
from runnerup_desktop.system.paths import AppPaths
from runnerup_desktop.ui.common.settings import WATCH_INTERVAL_HOURS
from runnerup_desktop.ui.jobboards.notices import finding_notice
from runnerup_desktop.ui.shell.background import Background
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.main_window import MainWindow
from tests.ui.steps import back_to, when_modal
from tests.watch.board_server import BoardServer, listing
from tests.watch.conftest import DAY_47, Clock, Story

PATH = "/v1/boards/northwind/jobs"
CAREERS = "https://boards.greenhouse.io/northwind"


@pytest.fixture
def today() -> object:
    return lambda: DAY_47.date()


@pytest.fixture
def window(qtbot: QtBot, ctx: AppContext, story: Story, clock: Clock) -> Iterator[MainWindow]:
    win = MainWindow(ctx)
    win.watcher.use_clock(clock)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.watcher.stop()


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


def _icon() -> QIcon:
    pixmap = QPixmap(64, 64)
    pixmap.fill(QColor("#1e5aa8"))
    return QIcon(pixmap)


def test_the_person_turns_the_watch_on_in_the_company_dialog(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, story: Story
) -> None:
    page = window.directory
    page.select_company(story.company_id)
    seen: list[str] = []

    def fill(dialog: QDialog) -> None:
        careers = dialog.findChild(QLineEdit, "careers")
        watch = dialog.findChild(QCheckBox, "watch")
        assert careers is not None and watch is not None and not watch.isChecked()
        careers.setFocus()
        qtbot.keyClicks(careers, "https://careers.northwind.example/jobs")
        error = dialog.findChild(QLabel, "careers_error")
        assert error is not None
        qtbot.waitUntil(error.isVisible)
        seen.append(error.text())
        careers.clear()
        qtbot.keyClicks(careers, CAREERS)  # a board's address: watching it is the point
        assert watch.isChecked() and not error.isVisible()
        qtbot.keyClick(careers, Qt.Key.Key_Return)

    when_modal(qtbot, fill)
    window.edit_action.trigger()
    assert "careers.northwind.example is none of them" in seen[0]
    [board] = ctx.services.watch.boards()
    assert (board.company, board.careers_url, board.watching) == (
        "Northwind Analytics",
        CAREERS,
        True,
    )
    # The Job boards page lists it (Ctrl+4)
    back_to(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.job_boards
    table = window.job_boards.board_table
    assert [cell(table, 0, c) for c in (0, 1, 2, 3)] == [
        "Northwind Analytics",
        "Greenhouse",
        "On",
        "—",
    ]


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_at_start_up_a_repost_reaches_the_banner_and_one_click_records_it(
    qtbot: QtBot,
    window: MainWindow,
    ctx: AppContext,
    story: Story,
    board_server: BoardServer,
    app_paths: AppPaths,
    store: Store,
) -> None:
    board_server.serve_json(PATH, listing("greenhouse"))
    ctx.services.watch.set_board(story.company_id, CAREERS, True)
    background = Background(window, ctx, app_paths, Options(), _icon())
    opened: list[QUrl] = []
    window.finding_banner.open_url = opened.append
    with qtbot.waitSignal(window.watcher.found, timeout=10_000):
        background.start()  # the reminders, then the watch: its board was never checked
    banner = window.finding_banner
    qtbot.waitUntil(banner.isVisible)
    assert banner.text.text() == (
        "Northwind Analytics posted Engineering Manager - Data Platform again, 47 days after "
        "the offer went to someone else, inside the 90-day window."
    )
    qtbot.mouseClick(banner.open_button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl("https://job-boards.greenhouse.io/northwind/jobs/4012001")]

    qtbot.mouseClick(banner.record_button, Qt.MouseButton.LeftButton)
    assert banner.record_button.isHidden()
    assert "Recorded: your reach-out is planned for today" in banner.text.text()
    with store.sessions() as session:
        touch = session.scalar(select(FollowUp).where(FollowUp.step == Step.ROLE_REPOSTED))
        assert touch is not None
        assert (touch.contact_id, touch.due_on, touch.status) == (
            story.manager_id,
            DAY_47.date(),
            FollowUpStatus.PLANNED,
        )

    # The notification's click opens the finding on the Job boards page.
    [finding] = ctx.services.watch.findings()
    background.open_notice(finding_notice(finding))
    assert window.tabs.currentWidget() is window.job_boards
    page = window.job_boards
    assert page.selected_finding() is not None
    assert page.selected_finding().posting_id == finding.posting_id  # type: ignore[union-attr]
    assert cell(page.finding_table, 0, 1) == "Re-posted (recorded)"
    assert not page.record_button.isEnabled()  # recorded once
    background.stop()


def test_the_job_boards_page_checks_now_and_records_from_a_finding(
    qtbot: QtBot,
    window: MainWindow,
    ctx: AppContext,
    story: Story,
    board_server: BoardServer,
    store: Store,
) -> None:
    board_server.serve_json(PATH, listing("greenhouse"))
    ctx.services.watch.set_board(story.company_id, CAREERS, True)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    page = window.job_boards
    assert cell(page.board_table, 0, 7) == "Not checked yet."
    with qtbot.waitSignal(window.watcher.round_done, timeout=10_000):
        qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.finding_table.rowCount() == 1)
    assert page.status.text() == "Checked 1 board: 1 new finding."
    assert cell(page.board_table, 0, 5) == "2"  # open postings
    assert cell(page.board_table, 0, 7).startswith("First check: 2 open postings")
    assert cell(page.finding_table, 0, 2) == "Engineering Manager - Data Platform"
    assert "reads as the role you came second for" in page.why.text()
    opened: list[QUrl] = []
    page.open_url = opened.append
    page.finding_table.itemDoubleClicked.emit(page.finding_table.item(0, 2))
    assert opened == [QUrl("https://job-boards.greenhouse.io/northwind/jobs/4012001")]
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cell(page.finding_table, 0, 1) == "Re-posted (recorded)")
    with store.sessions() as session:
        assert session.scalar(select(FollowUp).where(FollowUp.step == Step.ROLE_REPOSTED))


def test_an_unreadable_board_says_so_on_the_page(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, story: Story, board_server: BoardServer
) -> None:
    board_server.serve(PATH, body=b"<html>maintenance</html>")
    ctx.services.watch.set_board(story.company_id, CAREERS, True)
    window.tabs.setCurrentWidget(window.job_boards)
    page = window.job_boards
    with qtbot.waitSignal(window.watcher.round_done, timeout=10_000):
        page.check_now()
    qtbot.waitUntil(lambda: "not JSON" in cell(page.board_table, 0, 7))
    assert page.status.text() == "Checked 1 board: nothing new. 1 could not be read (see Result)."


def test_the_interval_is_a_preference_of_at_least_an_hour(
    qtbot: QtBot,
    window: MainWindow,
    ctx: AppContext,
    story: Story,
    clock: Clock,
    board_server: BoardServer,
) -> None:
    board_server.serve_json(PATH, listing("greenhouse"))
    ctx.services.watch.set_board(story.company_id, CAREERS, True)
    watcher = window.watcher
    with qtbot.waitSignal(watcher.round_done, timeout=10_000):
        assert watcher.check_due()
    clock.advance(hours=2)
    assert not watcher.check_due()  # checked 2 hours ago: not due at 6

    def set_hours(dialog: QDialog) -> None:
        spin = dialog.findChild(QSpinBox, "watchHours")
        assert spin is not None
        assert (spin.minimum(), spin.value(), spin.suffix()) == (1, 6, " hours")
        spin.setValue(1)
        dialog.accept()

    when_modal(qtbot, set_hours)
    window.preferences_action.trigger()
    assert ctx.settings.get(WATCH_INTERVAL_HOURS) == 1
    assert watcher.interval() == dt.timedelta(hours=1)
    with qtbot.waitSignal(watcher.round_done, timeout=10_000):
        assert watcher.check_due()  # now it is
