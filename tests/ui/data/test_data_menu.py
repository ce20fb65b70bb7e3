"""File ▸ Back up now…, Restore…, Export… and Import…, as a person uses them: the menu
opened with Alt+F and an item chosen by its letter, dialogs answered, results read."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from runnerup_desktop.store.backups import BEFORE_RESTORE, MANUAL, list_backups
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.database import Store, open_store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.ui.data.restore_dialog import RestoreDialog, when
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.main_window import MainWindow
from tests.ui.steps import answer_box, back_to, type_and_enter, when_modal

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
CTRL = Qt.KeyboardModifier.ControlModifier


def make_window(qtbot: QtBot, store: Store, tmp_path: Path) -> MainWindow:
    settings = QSettings(
        str(tmp_path / f"settings-{store.path.stem}.ini"), QSettings.Format.IniFormat
    )
    window = MainWindow(AppContext.for_store(store, settings))
    window.data_actions.folder = tmp_path  # where the file dialogs open
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(qtbot: QtBot, store: Store, tmp_path: Path) -> Iterator[MainWindow]:
    seed_demo(store.sessions)
    yield make_window(qtbot, store, tmp_path)


def cell(dialog: RestoreDialog, row: int, column: int) -> str:
    item = dialog.table.item(row, column)
    assert item is not None
    return item.text()


def _at(moment: dt.datetime) -> Callable[[], dt.datetime]:
    return lambda: moment


def company_names(window: MainWindow) -> list[str]:
    model = window.directory.companies
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def choose_from_file_menu(qtbot: QtBot, window: MainWindow, letter: Qt.Key) -> None:
    """A click on File opens its menu; the item's underlined letter chooses it."""
    bar = window.menuBar()
    [file_menu] = [a for a in bar.actions() if a.text() == "&File"]
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(file_menu).center())
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=2000)
    menu = QApplication.activePopupWidget()
    assert menu is not None
    qtbot.keyClick(menu, letter)


def delete_company(qtbot: QtBot, window: MainWindow, name: str) -> None:
    """Click the company, press Delete, answer Yes: one undo step."""
    view = window.directory.company_view
    rect = view.visualRect(view.model().index(company_names(window).index(name), 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    when_modal(qtbot, answer_box("Yes"))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: name not in company_names(window), timeout=3000)
    back_to(qtbot, window)


def read_box(texts: list[str]):  # type: ignore[no-untyped-def]
    """Read a message box's text, then press OK."""

    def act(dialog: QDialog) -> None:
        assert isinstance(dialog, QMessageBox), type(dialog).__name__
        texts.append(dialog.text())
        dialog.button(QMessageBox.StandardButton.Ok).click()

    return act


def type_file_name(qtbot: QtBot, path: Path):  # type: ignore[no-untyped-def]
    """In a file dialog opened in ``path``'s folder: type its name and press Enter."""

    def act(dialog: QDialog) -> None:
        assert isinstance(dialog, QFileDialog), type(dialog).__name__
        assert Path(dialog.directory().absolutePath()) == path.parent
        field = dialog.findChild(QLineEdit, "fileNameEdit")
        assert field is not None
        field.selectAll()
        qtbot.keyClicks(field, path.name)
        qtbot.keyClick(field, Qt.Key.Key_Return)

    return act


def press_restore(qtbot: QtBot) -> Callable[[QDialog], None]:
    """In the list of backups: Enter, which presses Restore for the chosen one."""

    def act(dialog: QDialog) -> None:
        assert isinstance(dialog, RestoreDialog), type(dialog).__name__
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)

    return act


def then(*acts: Callable[[QDialog], None]) -> list[Callable[[QDialog], None]]:
    """Answer several modal dialogs in turn; what is left to answer (empty once done)."""
    pending = list(acts)

    def step(dialog: QDialog) -> None:
        act = pending.pop(0)
        act(dialog)

    def poll() -> None:
        if not pending:
            return
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.isVisible() and dialog not in done:
            done.append(dialog)
            step(dialog)
        QTimer.singleShot(20, poll)

    done: list[QDialog] = []
    QTimer.singleShot(0, poll)
    return pending


def test_back_up_now_then_restore_it_from_the_list(
    qtbot: QtBot, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    texts: list[str] = []
    when_modal(qtbot, read_box(texts))
    choose_from_file_menu(qtbot, window, Qt.Key.Key_B)  # &Back up now…
    qtbot.waitUntil(lambda: bool(texts), timeout=10_000)
    [backup] = list_backups(store.path)
    assert backup.kind == MANUAL
    assert texts == [
        f"Backed up to {backup.path}. It holds 3 companies, 6 contacts, 10 follow-ups."
    ]

    # Something changes after the backup: a company deleted, which Edit ▸ Undo could bring
    # back...
    delete_company(qtbot, window, "Northwind Analytics")
    assert window.undo_action.text() == "&Undo Delete company “Northwind Analytics”"
    DirectoryServices(store.sessions).add_company({"name": "Added after the backup"})
    window.context.ops.announce(Change(everything=True))
    qtbot.waitUntil(lambda: "Added after the backup" in company_names(window), timeout=3000)

    # ...and File ▸ Restore… brings the backup back: its row is the first, chosen.
    seen: list[QDialog] = []
    texts.clear()

    def pick_first(dialog: QDialog) -> None:
        assert isinstance(dialog, RestoreDialog)
        seen.append(dialog)
        cells = [cell(dialog, 0, column) for column in range(5)]
        assert cells[1:] == ["Yours", "3", "6", "10"]
        dialog.grab().save(str(tmp_path / "restore-dialog.png"))
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # the default button: Restore

    pending = then(pick_first, read_box(texts))
    choose_from_file_menu(qtbot, window, Qt.Key.Key_R)  # &Restore from a backup…
    qtbot.waitUntil(lambda: not pending, timeout=15_000)
    assert seen and texts
    saved = next(b for b in list_backups(store.path) if b.kind == BEFORE_RESTORE)
    assert texts[0] == (
        f"Restored the backup of {when(backup)}, which holds 3 companies, 6 contacts, 10 "
        "follow-ups. What RunnerUp held until now was backed up first: to take this back, "
        f"restore the backup “Before a restore” of {when(saved)}."
    )
    qtbot.waitUntil(lambda: "Added after the backup" not in company_names(window), timeout=5000)
    assert len(company_names(window)) == 3 and "Northwind Analytics" in company_names(window)
    kinds = sorted(b.kind for b in list_backups(store.path))
    assert kinds == [BEFORE_RESTORE, MANUAL]
    # ...but not after the restore: the steps before it no longer apply to what is there
    # (restoring the backup "Before a restore" is how a restore is taken back).
    assert not window.undo_action.isEnabled() and window.undo_action.text() == "&Undo"
    window.directory.company_view.setFocus()
    qtbot.keyClick(window.directory.company_view, Qt.Key.Key_Z, CTRL)
    assert len(company_names(window)) == 3
    # The window goes on working on the restored file.
    DirectoryServices(store.sessions).add_company({"name": "After the restore"})
    check = open_store(store.path)
    with check.engine.connect() as conn:
        count = conn.exec_driver_sql("SELECT count(*) FROM company").scalar()
    check.close()
    assert count == 4


def test_restore_is_refused_while_another_program_has_the_database_open(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    import sqlite3

    from runnerup_desktop.store.backups import take_backup

    backup = take_backup(store.path)
    other = sqlite3.connect(store.path)  # another RunnerUp, as SQLite sees it
    other.execute("SELECT count(*) FROM company").fetchone()
    texts: list[str] = []
    try:
        pending = then(press_restore(qtbot), read_box(texts))
        choose_from_file_menu(qtbot, window, Qt.Key.Key_R)
        qtbot.waitUntil(lambda: not pending, timeout=10_000)
    finally:
        other.close()
    assert texts == [
        f"Another RunnerUp has {store.path} open. Close it, then restore again; nothing "
        "was changed."
    ]
    assert [b.path for b in list_backups(store.path)] == [backup.path]
    assert len(company_names(window)) == 3


def test_export_then_import_into_an_empty_database(
    qtbot: QtBot, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    exported = tmp_path / "everything.json"
    texts: list[str] = []
    pending = then(type_file_name(qtbot, exported), read_box(texts))
    choose_from_file_menu(qtbot, window, Qt.Key.Key_X)  # E&xport everything (JSON or CSV)…
    qtbot.waitUntil(lambda: not pending, timeout=15_000)
    assert texts == [
        "Exported 3 companies, 6 contacts, 2 opportunities, 2 feedback items, 10 follow-ups, "
        f"4 interactions to {exported}."
    ]
    assert json.loads(exported.read_text("utf-8"))["format"] == "runnerup-export"

    empty = open_store(tmp_path / "empty.sqlite3")
    try:
        second = make_window(qtbot, empty, tmp_path)
        assert company_names(second) == []
        # Two undo steps that leave the database empty: a company made, then deleted.
        when_modal(qtbot, type_and_enter(qtbot, "name", "Made, then deleted"))
        second.new_company_action.trigger()
        back_to(qtbot, second)
        delete_company(qtbot, second, "Made, then deleted")
        assert second.undo_action.text() == "&Undo Delete company “Made, then deleted”"
        texts.clear()
        pending = then(type_file_name(qtbot, exported), read_box(texts))
        choose_from_file_menu(qtbot, second, Qt.Key.Key_V)  # Import e&verything from an export…
        qtbot.waitUntil(lambda: not pending, timeout=15_000)
        assert texts[0] == (
            "Imported 3 companies, 6 contacts, 2 opportunities, 2 feedback items, 10 "
            "follow-ups, 4 interactions from everything.json."
        )
        qtbot.waitUntil(lambda: len(company_names(second)) == 3, timeout=5000)
        assert sorted(company_names(second)) == sorted(company_names(window))
        # The import is not an undo step, and the steps before it no longer apply.
        assert not second.undo_action.isEnabled() and second.undo_action.text() == "&Undo"
        assert not second.redo_action.isEnabled()
        second.directory.company_view.setFocus()
        qtbot.keyClick(second.directory.company_view, Qt.Key.Key_Z, CTRL)
        assert sorted(company_names(second)) == sorted(company_names(window))
        second.close()
    finally:
        empty.close()


def test_import_into_a_database_with_data_is_refused_in_a_sentence(
    qtbot: QtBot, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    exported = tmp_path / "everything.json"
    window.data_actions.inform = lambda _title, _text: None
    window.data_actions.export_to(exported, as_csv=False)
    qtbot.waitUntil(lambda: exported.exists() and not window.context.ops.busy(), timeout=10_000)
    texts: list[str] = []
    pending = then(type_file_name(qtbot, exported), read_box(texts))
    choose_from_file_menu(qtbot, window, Qt.Key.Key_V)  # Import e&verything from an export…
    qtbot.waitUntil(lambda: not pending, timeout=10_000)
    assert texts == [
        "This database already holds data, so RunnerUp will not import a full export into "
        "it; import it into a new, empty database instead."
    ]


def test_a_cancelled_import_leaves_nothing_behind(
    qtbot: QtBot, tmp_path: Path, store: Store
) -> None:
    from tests.data.test_json_stream import write_export

    big = tmp_path / "big.json"
    write_export(big, 30_000)
    window = make_window(qtbot, store, tmp_path)
    heard: list[object] = []
    window.context.changes.applied.connect(lambda change, _by: heard.append(change))
    window.data_actions.import_from(big)
    qtbot.waitUntil(
        lambda: any(d.isVisible() for d in window.findChildren(QProgressDialog)), timeout=10_000
    )
    [dialog] = [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
    assert dialog.labelText() == "Importing big.json…"
    qtbot.waitUntil(lambda: dialog.value() > 0, timeout=10_000)
    dialog.grab().save(str(tmp_path / "import-progress.png"))
    [cancel] = [b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel"]
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)  # the person presses Cancel
    qtbot.waitUntil(lambda: not window.context.ops.busy(), timeout=20_000)
    QApplication.processEvents()
    with store.engine.connect() as conn:
        for table in ("company", "contact", "contact_fts"):
            assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == 0
        indexes = conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type IN ('index', 'trigger')"
        ).scalar()
    assert indexes and indexes > 10  # the ones the import dropped are back (rolled back)
    assert heard == []
    window.close()


def test_the_restore_list_names_each_kind_of_backup(qtbot: QtBot, store: Store) -> None:
    """The list as a person sees it, with a backup of each kind (as
    scripts/screenshots_data.py renders it)."""
    from runnerup_desktop.store.backups import AUTO, take_backup

    seed_demo(store.sessions)
    for kind, moment in (
        (AUTO, dt.datetime(2026, 12, 7, 9, 0)),
        (AUTO, dt.datetime(2026, 12, 6, 9, 0)),
        (MANUAL, dt.datetime(2026, 12, 5, 18, 42)),
        (AUTO, dt.datetime(2026, 11, 30, 9, 0)),
        (BEFORE_RESTORE, dt.datetime(2026, 11, 28, 20, 15)),
    ):
        take_backup(store.path, kind=kind, clock=_at(moment))
    upgrade = store.path.parent / "backups" / "runnerup-schema-0003-20261101-080000.sqlite3"
    shutil.copyfile(list_backups(store.path)[-1].path, upgrade)
    dialog = RestoreDialog(store.path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    rows = [
        [cell(dialog, row, column) for column in range(5)] for row in range(dialog.table.rowCount())
    ]
    assert rows[0] == ["Mon 7 Dec 2026, 09:00", "Automatic", "3", "6", "10"]
    assert [row[1] for row in rows] == [
        "Automatic",
        "Automatic",
        "Yours",
        "Automatic",
        "Before a restore",
        "Before an upgrade",
    ]
    assert dialog.restore_button.isEnabled() and dialog.restore_button.isDefault()
    assert not dialog.grab().isNull()
