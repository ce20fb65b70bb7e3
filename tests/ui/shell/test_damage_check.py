"""Damage found once the window is ready: said plainly with the newest backup, writing
stopped, the window kept for reading."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from runnerup_desktop.cli.launch import Options
from runnerup_desktop.store.change import StorageError
from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.system.paths import AppPaths
from runnerup_desktop.ui.shell import startup as app
from tests.faults import flip, page_size, pages_of


def damaged(tmp_path: Path) -> Path:
    source = tmp_path / "source.sqlite3"
    store = open_store(source)
    seed_demo(store.sessions)
    store.close()
    folder = tmp_path / "data"
    folder.mkdir()
    path = Path(shutil.copy(source, folder / "runnerup.sqlite3"))
    page = pages_of(path, "ix_interaction_contact_on")[-1]  # nothing reads it at start-up
    flip(path, (page - 1) * page_size(path))
    (folder / "backups").mkdir()
    (folder / "backups" / "runnerup-schema-0003-20260101-090000.sqlite3").write_bytes(b"c")
    return path


def test_damage_found_after_start_up_is_said_and_stops_writing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, app_paths: AppPaths
) -> None:
    monkeypatch.setattr(app.Startup, "_start_background", lambda _self, _context: None)
    path = damaged(tmp_path)
    qt = QApplication.instance()
    assert isinstance(qt, QApplication)
    startup = app.Startup(qt, Options(db=str(path)), app_paths)
    try:
        assert startup.begin() is None
        qtbot.waitUntil(
            lambda: startup.damage_check is not None and not startup.damage_check.running,
            timeout=20_000,
        )
        box = qt.findChild(QMessageBox, "damageMessage") or next(
            (w for w in qt.topLevelWidgets() if w.objectName() == "damageMessage"), None
        )
        assert isinstance(box, QMessageBox) and box.isVisible()
        assert "is damaged, so RunnerUp stopped saving to it" in box.text()
        assert "runnerup-schema-0003-20260101-090000.sqlite3" in box.text()
        window = startup.window
        assert window is not None
        assert window.statusBar().currentMessage() == "Not saving: the database file is damaged."
        assert window.directory.companies.rowCount() > 0  # still there to read
        with pytest.raises(StorageError) as refused:
            window.directory._services.add_company({"name": "Not now"})
        assert str(refused.value) == box.text()
        box.close()
    finally:
        startup.close()
