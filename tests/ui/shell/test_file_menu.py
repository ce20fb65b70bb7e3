"""File ▸ New database…, Open…, Open recent and Show data folder; one database per process.

Through a real start-up (:class:`Startup`) on real files: the person opens another file
from the File menu, and RunnerUp moves there (its window, its single-instance claim, its
tray and reminders, its place at the top of the recent list), leaving the old file free;
a refused file offers another and changes nothing; a file another RunnerUp has open
brings that one forward; the next plain start opens the file opened last.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from runnerup_desktop.cli.launch import Options
from runnerup_desktop.store.backups import AUTO, list_backups
from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.system.instance_lock import lock_path
from runnerup_desktop.system.paths import AppPaths
from runnerup_desktop.ui.shell import databases, switching
from runnerup_desktop.ui.shell import startup as app
from tests.ui.steps import click_in_box

pytestmark = pytest.mark.usefixtures("_quiet")


@pytest.fixture
def _quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    # Keep the test process's own logging, excepthook and Qt message handler as they are.
    monkeypatch.setattr(app, "setup_logging", lambda _paths: None)
    monkeypatch.setattr(app, "install_crash_handler", lambda _paths, _interactive: None)


@pytest.fixture
def started(qtbot: QtBot, app_paths: AppPaths) -> Iterator[app.Startup]:
    """RunnerUp started as a person starts it: no --db, on the default database."""
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    app_paths.ensure_private_dirs()
    startup = app.Startup(application, Options(), app_paths)
    assert startup.begin() is None
    assert startup.window is not None
    qtbot.waitUntil(startup.window.isVisible, timeout=3000)
    yield startup
    startup.close()


def another_database(folder: Path, name: str = "second.sqlite3", demo: bool = True) -> Path:
    path = folder / name
    store = open_store(path)
    if demo:
        seed_demo(store.sessions)
    store.close()
    return path


def settings_of(paths: AppPaths) -> QSettings:
    return QSettings(str(paths.settings_file), QSettings.Format.IniFormat)


def test_open_moves_runnerup_to_the_file_chosen(
    qtbot: QtBot, started: app.Startup, app_paths: AppPaths, tmp_path: Path
) -> None:
    first = started.window
    assert first is not None and first.welcome_shown()  # a new, empty default database
    directory = first.context.services.directory
    first.context.ops.run(first, lambda: directory.add_company({"name": "Acme"}), label="New")
    assert list_backups(app_paths.default_db) == []
    other = another_database(tmp_path)
    first.file_menu.choose_file = lambda _parent, folder: other
    first.file_menu.open_action.trigger()
    window = started.window
    assert window is not None and window is not first
    qtbot.waitUntil(window.isVisible, timeout=3000)
    assert window.database_label.full_text() == f"Database: {other}"
    assert not window.welcome_shown()
    assert window.directory.companies.rowCount() == 3
    assert window.windowTitle().endswith("second.sqlite3")
    # The old file is free for another RunnerUp (its lock let go); the new one is this one's.
    assert not lock_path(app_paths.default_db).exists()
    assert lock_path(other).exists()
    assert databases.recent(settings_of(app_paths))[:2] == [other, app_paths.default_db]
    assert databases.last_opened(settings_of(app_paths)) == other
    # Leaving a changed file is as quitting it: its automatic backup is taken then.
    assert [backup.kind for backup in list_backups(app_paths.default_db)] == [AUTO]


def test_a_plain_start_opens_the_file_opened_last(app_paths: AppPaths, tmp_path: Path) -> None:
    other = another_database(tmp_path)
    app_paths.ensure_private_dirs()
    settings = settings_of(app_paths)
    databases.remember(settings, other)
    settings.sync()
    assert databases.start_options(Options(), settings).db == str(other)
    # --db and RUNNERUP_DB still win, and the demo opens its own.
    assert databases.start_options(Options(db="/x.sqlite3"), settings).db == "/x.sqlite3"
    assert databases.start_options(Options(demo=True), settings).db is None
    other.unlink()  # gone: the default database again
    assert databases.start_options(Options(), settings).db is None


def test_open_recent_lists_the_others_and_forgets_a_file_gone(
    qtbot: QtBot,
    started: app.Startup,
    app_paths: AppPaths,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = started.window
    assert window is not None
    gone = another_database(tmp_path, "gone.sqlite3", demo=False)
    databases.remember(window._settings, gone)
    databases.remember(window._settings, app_paths.default_db)
    gone.unlink()
    menu = window.file_menu.recent_menu
    menu.aboutToShow.emit()
    entries = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert entries == ["&1 gone.sqlite3", "&Clear the list"]
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    menu.actions()[0].trigger()
    assert said and "no longer there" in said[0]
    assert gone not in databases.recent(window._settings)
    assert started.window is window  # still on its own file


def test_a_refused_file_changes_nothing_and_offers_another(
    qtbot: QtBot, started: app.Startup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = started.window
    assert window is not None
    letter = tmp_path / "letter.sqlite3"
    letter.write_text("Dear hiring manager,\n")
    seen: list[tuple[str, str, list[str]]] = []
    monkeypatch.setattr(switching, "ask", click_in_box("Cancel", seen))
    window.file_menu.choose_file = lambda _parent, _folder: letter
    window.file_menu.open_action.trigger()
    assert started.window is window  # still on its file
    assert letter.read_text() == "Dear hiring manager,\n"
    _title, text, buttons = seen[0]
    assert "not a RunnerUp database" in text and "--db" not in text
    assert [b.replace("&", "") for b in buttons] == ["Open another…", "Cancel"]


#: Another RunnerUp, in a process of its own, holding a database: it says "ready", then
#: each hand-over it gets, as a real one would come to the front for it.
ELSEWHERE = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QTimer
app = QCoreApplication(sys.argv[:1])
from runnerup_desktop.ui.shell.single_instance import Claim, SingleInstance
instance = SingleInstance(Path(sys.argv[1]))
assert instance.claim([]) is Claim.FIRST
instance.arrived.connect(lambda args: (print(json.dumps(args), flush=True), app.quit()))
print("ready", flush=True)
QTimer.singleShot(20_000, app.quit)
app.exec()
instance.close()
"""


def test_a_file_open_in_another_runnerup_brings_that_one_forward(
    qtbot: QtBot, started: app.Startup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = started.window
    assert window is not None
    other = another_database(tmp_path).resolve()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    elsewhere = subprocess.Popen(
        [sys.executable, "-c", ELSEWHERE, str(other)], env=env, stdout=subprocess.PIPE, text=True
    )
    assert elsewhere.stdout is not None
    try:
        assert elsewhere.stdout.readline().strip() == "ready"
        said: list[str] = []
        monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
        window.file_menu.choose_file = lambda _parent, _folder: other
        window.file_menu.open_action.trigger()
        assert elsewhere.stdout.readline().strip() == "[]"  # it was asked to come forward
        assert started.window is window  # and this one stays on its own file
        assert said and "open in another RunnerUp window" in said[0]
    finally:
        elsewhere.wait(10)
        elsewhere.stdout.close()


def test_new_database_starts_an_empty_one_and_never_overwrites(
    qtbot: QtBot, started: app.Startup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = started.window
    assert window is not None
    existing = another_database(tmp_path, "kept.sqlite3")
    before = existing.read_bytes()
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    window.file_menu.choose_new_file = lambda _parent, _folder: existing
    window.file_menu.new_database_action.trigger()
    assert said and "already there" in said[0] and existing.read_bytes() == before
    fresh = tmp_path / "fresh.sqlite3"
    window.file_menu.choose_new_file = lambda _parent, _folder: fresh
    window.file_menu.new_database_action.trigger()
    assert started.window is not window and fresh.is_file()
    assert started.window is not None and started.window.welcome_shown()


def test_show_data_folder_opens_the_databases_folder(
    started: app.Startup, app_paths: AppPaths
) -> None:
    window = started.window
    assert window is not None
    opened: list[Path] = []

    def open_folder(folder: Path) -> bool:
        opened.append(folder)
        return True

    window.file_menu.open_folder = open_folder
    window.file_menu.show_folder_action.trigger()
    assert opened == [app_paths.default_db.parent]


def test_the_file_menu_has_its_sections_for_what_comes(started: app.Startup) -> None:
    window = started.window
    assert window is not None
    menu = window.menuBar().actions()[0].menu()
    assert isinstance(menu, QMenu)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[1:3] == ["New &company…", "New con&tact…"]
    assert texts[3:7] == ["New &database…", "&Open…", "O&pen recent", "Show data &folder"]
    assert texts[7:9] == ["&Import contacts…", "&Export"]
    assert texts[-1] == "&Quit"
    databases = window.file_menu.section("databases")
    assert databases.isSeparator() and databases in menu.actions()
