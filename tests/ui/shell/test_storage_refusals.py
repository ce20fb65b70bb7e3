"""A known failure of the database file met through the window is a refusal where the
person acted (the form kept open with what was typed), never the crash dialog. The fault
is real: a second process holds the database's write lock."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from runnerup_desktop.core.news import FollowUpValues
from runnerup_desktop.store import engine as engine_module
from runnerup_desktop.store.change import StorageError
from runnerup_desktop.store.database import Store, open_store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.store.models import Company
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.system.paths import AppPaths
from runnerup_desktop.ui.common.settings import AppSettings
from runnerup_desktop.ui.common.writing_dialog import WritingDialog
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.crash_dialog import CrashDialog
from runnerup_desktop.ui.shell.crash_hook import install_crash_handler
from runnerup_desktop.ui.shell.main_window import MainWindow
from runnerup_desktop.ui.tray.reminders import ReminderService
from tests.builders import context_for
from tests.faults import write_lock_held

LOCKED = "another program (or another RunnerUp) is writing to it"


@pytest.fixture
def busy_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_S", 0.2)  # the wait, shortened
    store = open_store(tmp_path / "busy.sqlite3")
    seed_demo(store.sessions)
    yield store
    store.close()


@pytest.fixture
def window(qtbot: QtBot, busy_store: Store, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext.for_store(busy_store, settings))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []

    def warning(_parent: object, title: str, text: str, *_args: object) -> int:
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok.value

    monkeypatch.setattr(QMessageBox, "warning", warning)
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    return shown


def company_names(store: Store) -> list[str]:
    with store.sessions() as session:
        return sorted(session.scalars(select(Company.name)))


def test_a_refused_new_company_keeps_the_form_and_what_was_typed(
    qtbot: QtBot, window: MainWindow, busy_store: Store
) -> None:
    seen: dict[str, object] = {}

    def person(dialog: QDialog) -> None:
        assert isinstance(dialog, WritingDialog)
        name = dialog.findChild(QLineEdit, "name")
        assert name is not None
        qtbot.keyClicks(name, "Fjord Freight")
        with write_lock_held(busy_store.path):
            qtbot.keyClick(name, Qt.Key.Key_Return)  # Save, while another program writes
            seen["open"] = dialog.isVisible()
            seen["refusal"] = dialog.error()
            seen["name"] = name.text()
        qtbot.keyClick(name, Qt.Key.Key_Return)  # the lock is gone: Save again
        seen["closed"] = not dialog.isVisible()

    when_modal(person)
    window.new_company_action.trigger()
    assert seen["open"] is True and seen["name"] == "Fjord Freight"
    assert LOCKED in str(seen["refusal"]) and "not saved" in str(seen["refusal"])
    assert seen["closed"] is True
    assert "Fjord Freight" in company_names(busy_store)


def test_a_refused_edit_in_the_table_says_not_saved(
    qtbot: QtBot, window: MainWindow, busy_store: Store, warnings: list[tuple[str, str]]
) -> None:
    view = window.directory.company_view
    view.setFocus()
    view.setCurrentIndex(window.directory.companies.index(0, 1))  # the industry cell
    before = company_names(busy_store)
    with write_lock_held(busy_store.path):
        qtbot.keyClick(view, Qt.Key.Key_F2)
        editor = QApplication.focusWidget()
        assert isinstance(editor, QLineEdit)
        editor.selectAll()
        qtbot.keyClicks(editor, "Shipping")
        qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits it right after
        qtbot.waitUntil(lambda: bool(warnings), timeout=5000)
    assert warnings and warnings[0][0] == "Not saved" and LOCKED in warnings[0][1]
    assert company_names(busy_store) == before


def test_a_refused_delete_says_not_deleted(
    qtbot: QtBot, window: MainWindow, busy_store: Store, warnings: list[tuple[str, str]]
) -> None:
    before = company_names(busy_store)
    window.directory.company_view.setFocus()
    with write_lock_held(busy_store.path):
        window.delete_action.trigger()
    assert warnings == [("Not deleted", warnings[0][1])] and LOCKED in warnings[0][1]
    assert company_names(busy_store) == before


def test_a_refused_snooze_of_the_selected_follow_ups_is_reported(
    qtbot: QtBot, window: MainWindow, busy_store: Store
) -> None:
    reported: list[tuple[str, str]] = []
    actions = window.calendar.follow_up_actions
    window.context.ops.report = lambda _parent, title, text: reported.append((title, text))
    window.show_calendar()
    calendar = window.calendar
    calendar.select_follow_up(first_planned(busy_store))
    with write_lock_held(busy_store.path):
        actions.tomorrow_action.trigger()
    assert reported and reported[0][0] == "Not snoozed" and LOCKED in reported[0][1]


def first_planned(store: Store) -> int:
    from runnerup_desktop.core.domain import FollowUpStatus
    from runnerup_desktop.store.models import FollowUp

    with store.sessions() as session:
        found = session.scalar(
            select(FollowUp.id)
            .where(FollowUp.status == FollowUpStatus.PLANNED)
            .order_by(FollowUp.due_on)
        )
    assert found is not None
    return int(found)


def test_the_reminders_snooze_all_says_it_was_refused(
    qtbot: QtBot, busy_store: Store, settings: AppSettings
) -> None:
    now = dt.datetime(2026, 3, 2, 10, 0)
    ctx = context_for(busy_store, settings, lambda: now.date())
    reported: list[tuple[str, str]] = []
    ctx.ops.report = lambda _parent, title, text: reported.append((title, text))
    playbook = PlaybookServices(busy_store.sessions, today=lambda: now.date())
    with busy_store.sessions() as session:
        company = session.scalar(select(Company.id))
    assert company is not None
    playbook.add_follow_up(FollowUpValues(company_id=company, due_on=now.date()), allow_past=True)
    service = ReminderService(ctx, lambda: dt.time(9), clock=lambda: now)
    service.check()
    assert service.due.count
    with write_lock_held(busy_store.path):
        assert service.snooze_all() is None
    assert reported and reported[0][0] == "Not snoozed" and LOCKED in reported[0][1]
    service.stop()


def test_a_storage_failure_no_form_caught_is_a_message_not_the_crash_dialog(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, app_paths: AppPaths
) -> None:
    shown: list[str] = []
    crash_dialogs: list[str] = []

    def warning(_parent: object, _title: str, text: str) -> int:
        shown.append(text)
        return 0

    def crash_dialog(dialog: CrashDialog) -> int:
        crash_dialogs.append(dialog.report)
        return 0

    monkeypatch.setattr(QMessageBox, "warning", warning)
    monkeypatch.setattr(CrashDialog, "exec", crash_dialog)
    before = sys.excepthook
    try:
        install_crash_handler(app_paths, interactive=True)
        failure = StorageError("The disk that holds x is full, so this change was not saved.")
        for _ in range(2):
            sys.excepthook(StorageError, failure, None)
        sys.excepthook(ValueError, ValueError("a bug"), None)
    finally:
        sys.excepthook = before
    assert shown == [str(failure)]  # once, however often it is met
    assert len(crash_dialogs) == 1 and "builtins.ValueError" in crash_dialogs[0]


def when_modal(act: object) -> None:
    """Run ``act`` on the next modal dialog once it is shown."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.isVisible():
            act(dialog)  # type: ignore[operator]
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
