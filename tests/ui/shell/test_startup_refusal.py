"""A refused file gets a plain dialog in a windowed start, which offers another file (never
a word about ``--db``), and a non-zero exit when the person quits instead."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from runnerup_desktop.cli.launch import EXIT_REFUSED, Options
from runnerup_desktop.system.paths import AppPaths
from runnerup_desktop.ui.shell import startup as app
from runnerup_desktop.ui.shell import switching
from tests.ui.steps import click_in_box


@pytest.fixture(autouse=True)
def _quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    # Keep the test process's own logging, excepthook and Qt message handler as they are.
    monkeypatch.setattr(app, "setup_logging", lambda _paths: None)
    monkeypatch.setattr(app, "install_crash_handler", lambda _paths, _interactive: None)
    monkeypatch.setattr(app, "route_qt_messages", lambda: None)


def test_refusal_shows_a_dialog_and_leaves_the_file(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, app_paths: AppPaths
) -> None:
    seen: list[tuple[str, str, list[str]]] = []
    monkeypatch.setattr(switching, "ask", click_in_box("Quit", seen))
    db = tmp_path / "letter.sqlite3"
    db.write_text("Dear hiring manager,\n")
    assert app.run(Options(db=str(db)), app_paths) == EXIT_REFUSED
    assert db.read_text() == "Dear hiring manager,\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "letter.sqlite3"]  # no lock
    assert len(seen) == 1
    title, text, buttons = seen[0]
    assert title == "RunnerUp cannot open the database"
    assert "not a RunnerUp database" in text and "untouched" in text
    assert "--db" not in text
    assert [b.replace("&", "") for b in buttons] == ["Open another…", "Quit"]


def test_open_another_starts_on_the_file_chosen(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, app_paths: AppPaths
) -> None:
    """The person clicks Open another…, picks a new file: RunnerUp starts there, on its
    welcome view, and that file is the one opened last."""
    seen: list[tuple[str, str, list[str]]] = []
    monkeypatch.setattr(switching, "ask", click_in_box("Open another…", seen))
    other = tmp_path / "mine.sqlite3"
    asked_in: list[Path] = []

    def choose(_parent: QWidget | None, folder: Path) -> Path:
        asked_in.append(folder)
        return other

    monkeypatch.setattr(switching, "choose", choose)
    db = tmp_path / "letter.sqlite3"
    db.write_text("Dear hiring manager,\n")
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    app_paths.ensure_private_dirs()
    startup = app.Startup(application, Options(db=str(db)), app_paths)
    try:
        assert startup.begin() is None
        window = startup.window
        assert window is not None
        qtbot.waitUntil(lambda: window.isVisible(), timeout=3000)
        assert window.welcome_shown()
        assert window.database_label.full_text().endswith("mine.sqlite3")
        assert other.is_file()
        assert db.read_text() == "Dear hiring manager,\n"
        assert asked_in == [app_paths.data_dir]
    finally:
        startup.close()
    from PySide6.QtCore import QSettings

    from runnerup_desktop.ui.shell import databases

    settings = QSettings(str(app_paths.settings_file), QSettings.Format.IniFormat)
    assert databases.recent(settings)[0] == other.resolve()
