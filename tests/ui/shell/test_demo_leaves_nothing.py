"""The demo leaves no setting and no folder behind.

It runs on a temporary database with a copy of the person's settings, in a folder of its
own that goes when it ends: the settings file is byte for byte as it was, and the
temporary folder holds no ``runnerup-demo-*`` afterwards. Checked in a process of its
own (``runnerup --demo``, as the app starts it) and through a whole windowed session in
this one (open, change the window and a preference, quit).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from runnerup_desktop.cli.launch import DEMO_PREFIX, Options
from runnerup_desktop.system import autostart
from runnerup_desktop.system.paths import AppPaths
from runnerup_desktop.ui.common.settings import COLOR_SCHEME, QUIET_DAYS
from runnerup_desktop.ui.shell import startup as app
from runnerup_desktop.ui.shell.help import start_demo

SETTINGS = "[cadence]\nquietDays=60\n\n[appearance]\ncolorScheme=light\n"


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder of the test's own, where the demo makes its folder."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def demo_folders(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{DEMO_PREFIX}*"))


def test_the_demo_process_leaves_no_setting_and_no_folder(app_paths: AppPaths, temp: Path) -> None:
    app_paths.ensure_private_dirs()
    app_paths.settings_file.write_text(SETTINGS)
    before = app_paths.settings_file.read_bytes()
    command = [arg for arg in autostart.program_command(["--demo"])]
    assert command[-1] == "--demo"  # what Help ▸ Open the demo starts (start_demo)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(temp)}
    done = subprocess.run(
        [sys.executable, "-m", "runnerup_desktop", "--demo", "--exit-after-startup"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert app_paths.settings_file.read_bytes() == before
    assert demo_folders(temp) == []
    assert start_demo.__doc__ and "temporary database" in start_demo.__doc__


def test_a_demo_session_writes_nothing_of_the_persons(
    qtbot: QtBot, app_paths: AppPaths, temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window is resized and a preference changed in the demo, then the person quits:
    their own settings file is unchanged, and the demo's folder is gone."""
    monkeypatch.setattr(app, "setup_logging", lambda _paths: None)
    monkeypatch.setattr(app, "install_crash_handler", lambda _paths, _interactive: None)
    app_paths.ensure_private_dirs()
    app_paths.settings_file.write_text(SETTINGS)
    before = app_paths.settings_file.read_bytes()
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    startup = app.Startup(application, Options(demo=True), app_paths)
    try:
        assert startup.begin() is None
        window = startup.window
        assert window is not None
        qtbot.waitUntil(window.isVisible, timeout=3000)
        folders = demo_folders(temp)
        assert len(folders) == 1 and (folders[0] / "demo.sqlite3").is_file()
        # The demo looks like the person's RunnerUp: their settings, read from the copy.
        assert window.context.settings.get(QUIET_DAYS) == 60
        assert window.context.settings.get(COLOR_SCHEME) == "light"
        assert "Demo" in window.windowTitle()
        assert not window.file_menu.open_action.isEnabled()  # their files open elsewhere
        window.resize(900, 640)
        window.context.settings.set(QUIET_DAYS, 30)
        window.quit_app()
    finally:
        startup.close()
    assert app_paths.settings_file.read_bytes() == before
    assert demo_folders(temp) == []
