"""A refused file gets a plain dialog in a windowed start, and a non-zero exit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from runnerup_desktop.cli.launch import EXIT_REFUSED, Options
from runnerup_desktop.system.paths import AppPaths
from runnerup_desktop.ui.shell import startup as app


def test_refusal_shows_a_dialog_and_leaves_the_file(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, app_paths: AppPaths
) -> None:
    shown: list[tuple[str, str]] = []

    def critical(_parent: object, title: str, text: str) -> QMessageBox.StandardButton:
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    # Keep the test process's own logging, excepthook and Qt message handler as they are.
    monkeypatch.setattr(app, "setup_logging", lambda _paths: None)
    monkeypatch.setattr(app, "install_crash_handler", lambda _paths, _interactive: None)
    monkeypatch.setattr(app, "route_qt_messages", lambda: None)
    monkeypatch.setattr(QMessageBox, "critical", critical)
    db = tmp_path / "letter.sqlite3"
    db.write_text("Dear hiring manager,\n")
    assert app.run(Options(db=str(db)), app_paths) == EXIT_REFUSED
    assert db.read_text() == "Dear hiring manager,\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "letter.sqlite3"]  # no lock
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "RunnerUp cannot open the database"
    assert "not a RunnerUp database" in text and "untouched" in text
