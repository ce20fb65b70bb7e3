"""The follow-ups by keyboard, as a person works through the day's list.

Ctrl+2, a row of the agenda, Enter (the follow-up opens, its edit dialog), Ctrl+D (Done…), Ctrl+M
(Compose…), Ctrl+T (snooze until tomorrow), Delete: each lands where it should, says what
it did in the status bar, and the keys are listed in Help ▸ Keyboard shortcuts with no key
given twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from runnerup_desktop.store.database import Store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.ui.followups.followup_dialogs import DoneDialog
from runnerup_desktop.ui.followups.followup_edit import EditFollowUpDialog
from runnerup_desktop.ui.messages.compose_dialog import ComposeDialog
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.help import ShortcutsDialog, shortcut_clashes
from runnerup_desktop.ui.shell.main_window import MainWindow
from tests.ui.steps import back_to, when_modal

TODAY = dt.date(2026, 3, 9)
CTRL = Qt.KeyboardModifier.ControlModifier
TODAYS = "One check-in on the offer"


@pytest.fixture
def window(qtbot: QtBot, store: Store, tmp_path: Path) -> Iterator[MainWindow]:
    seed_demo(store.sessions, TODAY)
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext.for_store(store, settings, today=lambda: TODAY))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    actions = win.calendar.follow_up_actions
    actions.confirm = lambda _parent, _title, _text: True  # "Snooze anyway", if asked
    actions.confirm_delete = lambda _parent, _title, _text: True  # "Delete"
    yield win


def on_todays_follow_up(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+2, then the agenda's row of today's follow-up (the arrows to it)."""
    back_to(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    agenda = window.calendar.agenda_view
    agenda.setFocus()
    row = next(
        n
        for n in range(window.calendar.agenda_model.rowCount())
        if (item := window.calendar.agenda_model.item_at(n)) is not None and item.title == TODAYS
    )
    agenda.setCurrentIndex(window.calendar.agenda_model.index(row, 1))
    assert [item.title for item in window.calendar.selected_items()] == [TODAYS]


def opens(qtbot: QtBot, window: MainWindow, press: object, kind: type[QDialog]) -> str:
    """Back in the window, run ``press`` and return the title of the dialog it opens
    (then closed)."""
    back_to(qtbot, window)
    titles: list[str] = []

    def close(dialog: QDialog) -> None:
        assert isinstance(dialog, kind), type(dialog).__name__
        titles.append(dialog.windowTitle())
        dialog.reject()

    when_modal(qtbot, close)
    press()  # type: ignore[operator]
    qtbot.waitUntil(lambda: bool(titles), timeout=3000)
    return titles[0]


def test_enter_and_a_double_click_open_the_follow_up(qtbot: QtBot, window: MainWindow) -> None:
    on_todays_follow_up(qtbot, window)
    agenda = window.calendar.agenda_view
    assert opens(
        qtbot, window, lambda: qtbot.keyClick(agenda, Qt.Key.Key_Return), EditFollowUpDialog
    )
    rect = agenda.visualRect(agenda.currentIndex())
    # A double-click: the press of its first click, then the second (as a real one).
    qtbot.mouseClick(agenda.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    title = opens(
        qtbot,
        window,
        lambda: qtbot.mouseDClick(agenda.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()),
        EditFollowUpDialog,
    )
    assert title == "Edit follow-up"
    # The window's Edit… says it too.
    assert window.edit_action.text() == "&Edit follow-up…"


def test_ctrl_d_and_ctrl_m_open_done_and_compose(qtbot: QtBot, window: MainWindow) -> None:
    on_todays_follow_up(qtbot, window)
    agenda = window.calendar.agenda_view
    opens(qtbot, window, lambda: qtbot.keyClick(agenda, Qt.Key.Key_D, CTRL), DoneDialog)
    opens(qtbot, window, lambda: qtbot.keyClick(agenda, Qt.Key.Key_M, CTRL), ComposeDialog)


def test_ctrl_t_snoozes_until_tomorrow_and_says_so(qtbot: QtBot, window: MainWindow) -> None:
    on_todays_follow_up(qtbot, window)
    qtbot.keyClick(window.calendar.agenda_view, Qt.Key.Key_T, CTRL)
    message = window.statusBar().currentMessage()
    assert message == f"Snoozed “{TODAYS}” until 10 Mar"
    assert window.database_label.isVisible()  # beside the database's path, which stays


def test_delete_asks_then_deletes_and_says_so(qtbot: QtBot, window: MainWindow) -> None:
    on_todays_follow_up(qtbot, window)
    window.calendar.day_view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Delete)
    assert window.statusBar().currentMessage() == f"Deleted “{TODAYS}”"


def test_done_says_so_once_saved(qtbot: QtBot, window: MainWindow) -> None:
    on_todays_follow_up(qtbot, window)

    def save(dialog: QDialog) -> None:
        assert isinstance(dialog, DoneDialog)
        dialog.accept()

    when_modal(qtbot, save)
    qtbot.keyClick(window.calendar.agenda_view, Qt.Key.Key_D, CTRL)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() != "", timeout=3000)
    assert window.statusBar().currentMessage() == f"Marked “{TODAYS}” done"


def test_the_follow_up_keys_wait_for_the_follow_ups_page(qtbot: QtBot, window: MainWindow) -> None:
    on_todays_follow_up(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    window.directory.company_view.setFocus()
    qtbot.keyClick(window.directory.company_view, Qt.Key.Key_T, CTRL)
    qtbot.wait(100)
    assert QApplication.activeModalWidget() is None
    assert window.statusBar().currentMessage() == ""  # nothing was snoozed from here


def test_the_keys_are_listed_and_none_is_given_twice(qtbot: QtBot, window: MainWindow) -> None:
    assert shortcut_clashes(window) == []
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    rows = {(keys, what) for _where, keys, what in dialog.rows()}
    for keys, what in (
        ("Ctrl+D", "Done"),
        ("Ctrl+M", "Compose"),
        ("Ctrl+T", "Tomorrow"),
        ("Ctrl+Shift+T", "Next week"),
        ("Ctrl+O", "Open"),
        ("F1", "Getting started"),
        ("Ctrl+2", "Follow-ups"),
    ):
        assert (keys, what) in rows, (keys, what)
    assert ("Enter", "Open the selected row (its form, or the follow-up)") in rows
