"""Start-up until the window answers (issue 21): from the first paint the search box answers
and the actions take requests, while the rest of RunnerUp loads on a worker thread; what
the person did meanwhile is carried to the real page, not lost."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from runnerup_desktop.cli.launch import Options
from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.directory_queries import CompanyListing
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.paging import PageRequest
from runnerup_desktop.system.paths import AppPaths
from runnerup_desktop.ui.directory.first_paint import FirstPage
from runnerup_desktop.ui.shell import preload
from runnerup_desktop.ui.shell import startup as app
from runnerup_desktop.ui.shell.early_actions import WAITING
from runnerup_desktop.ui.shell.main_window import MainWindow
from tests.ui.steps import when_modal

NAMES = ["Northwind Analytics", "Northern Lights", "Acme", "Globex", "Initech", "Nordic Ørsted"]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "mine.sqlite3"
    store = open_store(path)
    services = DirectoryServices(store.sessions)
    for number in range(60):
        services.add_company({"name": f"{NAMES[number % len(NAMES)]} {number:02d}"})
    store.close()
    return path


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Holds the worker's imports until the test opens it (in this process they are all
    imported already, and the load would be over before a person could type)."""
    opened = threading.Event()
    run = preload._Imports.run

    def held(self: preload._Imports) -> None:
        opened.wait(30)
        run(self)

    monkeypatch.setattr(preload._Imports, "run", held)
    yield opened
    opened.set()


def names(model: object) -> list[str]:
    from PySide6.QtCore import QAbstractItemModel

    assert isinstance(model, QAbstractItemModel)
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def listing(path: Path, search: str) -> list[str]:
    store = open_store(path)
    try:
        with store.sessions() as session:
            rows = CompanyListing().page(session, PageRequest(search=search, limit=50))
        return [row[1] for row in rows]
    finally:
        store.close()


@dataclass
class Started:
    window: MainWindow
    first: FirstPage


@pytest.fixture
def started(
    qtbot: QtBot,
    db: Path,
    gate: threading.Event,
    app_paths: AppPaths,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Started]:
    """RunnerUp started on ``db`` (no tray), its first page painted, the rest held back
    by ``gate``."""
    monkeypatch.setattr(app.Startup, "_start_background", lambda _self, _context: None)
    qt = QApplication.instance()
    assert isinstance(qt, QApplication)
    startup = app.Startup(qt, Options(db=str(db)), app_paths)
    try:
        assert startup.begin() is None
        window = startup.window
        assert window is not None
        first = window.tabs.widget(0)
        assert isinstance(first, FirstPage)
        qtbot.waitExposed(window)
        yield Started(window, first)
    finally:
        gate.set()
        startup.close()


def test_a_search_and_a_shortcut_during_start_up_are_answered_not_lost(
    qtbot: QtBot, db: Path, gate: threading.Event, started: Started
) -> None:
    window, first = started.window, started.first
    qt = QApplication.instance()
    assert isinstance(qt, QApplication)
    # The first paint: the search box and the actions that need no record answer.
    qtbot.waitUntil(lambda: window.find_action.isEnabled())
    assert window.new_action.isEnabled() and window.new_company_action.isEnabled()
    assert not window.edit_action.isEnabled() and not window.delete_action.isEnabled()
    assert not window.undo_action.isEnabled()
    assert not hasattr(window, "directory")  # still loading

    # Ctrl+F, then "nor" typed and Enter: answered from the file at once.
    qtbot.keyClick(first.company_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert first.company_search.hasFocus()
    qtbot.keyClicks(first.company_search, "nor")
    with qtbot.waitSignal(first.answered, timeout=5000):
        qtbot.keyClick(first.company_search, Qt.Key.Key_Return)
    answered = names(first.companies)
    assert answered == listing(db, "nor")
    assert answered and all(name.lower().startswith(("nor", "nord")) for name in answered)
    # "d" more, answered after the typing pause, as the real search box does.
    with qtbot.waitSignal(first.answered, timeout=5000):
        qtbot.keyClicks(first.company_search, "d")
    assert names(first.companies) == listing(db, "nord") != answered

    # Ctrl+N (New…) before the store is open: remembered, and said.
    qtbot.keyClick(first.company_search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == WAITING
    assert not [w for w in qt.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]

    # The rest loads: the New company dialog opens, once, over the real page.
    seen: list[QDialog] = []
    when_modal(qtbot, lambda dialog: dialog.reject(), seen)
    gate.set()
    qtbot.waitUntil(lambda: hasattr(window, "directory"), timeout=20_000)
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=10_000)
    assert seen[0].windowTitle().startswith("New company")

    # The search typed is in the real page's box, answered by the real listing.
    page = window.directory
    assert window.tabs.currentWidget() is page
    assert page.company_search.text() == "nord"
    qtbot.waitUntil(lambda: names(page.companies) == listing(db, "nord"))
    assert window.edit_action.isEnabled() and window.delete_action.isEnabled()
    assert window.statusBar().currentMessage() != WAITING


def test_a_company_chosen_on_the_first_page_stays_chosen(
    qtbot: QtBot, gate: threading.Event, started: Started
) -> None:
    """Edit and Delete act on the company the person chose while the rest loaded."""
    window, first = started.window, started.first
    qtbot.waitUntil(lambda: window.find_action.isEnabled())
    view = first.company_view
    view.setFocus()
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    chosen = view.model().index(3, 0).data()
    gate.set()
    qtbot.waitUntil(lambda: hasattr(window, "directory"), timeout=20_000)
    page = window.directory
    current = page.current_company_id()
    assert current is not None
    assert page.companies.index(page.company_view.currentIndex().row(), 0).data() == chosen
    assert page.company_view.hasFocus()
