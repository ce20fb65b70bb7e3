"""Start at login: a valid XDG autostart entry, written and removed with the setting."""

from __future__ import annotations

import plistlib
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from runnerup_desktop.cli.launch import Options
from runnerup_desktop.store.database import Store
from runnerup_desktop.system import autostart
from runnerup_desktop.system.autostart import Autostart, desktop_entry, launch_agent, run_value
from runnerup_desktop.system.paths import HOME_ENV, AppPaths, autostart_file
from runnerup_desktop.ui.common.settings import START_AT_LOGIN
from runnerup_desktop.ui.shell import background as background_module
from runnerup_desktop.ui.shell.background import Background
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.main_window import MainWindow

needs_validator = pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="desktop-file-utils is not installed"
)


def validate(path: Path) -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def exec_line(path: Path) -> str:
    line = next(x for x in path.read_text().splitlines() if x.startswith("Exec="))
    return line.removeprefix("Exec=")


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppPaths:
    """The real paths of a person whose home and config folder are in tmp_path."""
    monkeypatch.delenv(HOME_ENV)
    monkeypatch.setenv("HOME", str(tmp_path / "person"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "person" / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "person" / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "person" / "state"))
    monkeypatch.setattr(background_module, "desktop_notifier", lambda *_: None)
    return AppPaths.default()


@needs_validator
def test_the_setting_writes_a_valid_entry_and_removes_it(
    qtbot: QtBot, xdg: AppPaths, store: Store, tmp_path: Path
) -> None:
    entry = tmp_path / "person" / "config" / "autostart" / "org.runnerup.RunnerUp.desktop"
    assert xdg.autostart_file == entry
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    context = AppContext.for_store(store, settings)
    window = MainWindow(context)
    qtbot.addWidget(window)
    background = Background(window, context, xdg, Options(db=str(store.path)), window.windowIcon())
    context.settings.set(START_AT_LOGIN, True)
    window.preferences_changed.emit()  # what Preferences ▸ Save does
    validate(entry)
    command = shlex.split(exec_line(entry))
    assert command[0] == autostart.launcher_command()[0]
    # No --db: at login, RunnerUp opens the database opened last (here: this one).
    assert command[1:] == ["--background"]
    assert "X-GNOME-Autostart-enabled=true" in entry.read_text()
    context.settings.set(START_AT_LOGIN, False)
    background.apply_settings()
    assert not entry.exists()
    background.apply_settings()  # already off: nothing to remove, no error


def test_demo_never_touches_the_session(
    qtbot: QtBot, xdg: AppPaths, store: Store, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    context = AppContext.for_store(store, settings)
    window = MainWindow(context)
    qtbot.addWidget(window)
    background = Background(window, context, xdg, Options(demo=True), window.windowIcon())
    context.settings.set(START_AT_LOGIN, True)
    background.apply_settings()
    assert xdg.autostart_file is not None and not xdg.autostart_file.exists()


@needs_validator
@pytest.mark.parametrize(
    "program",
    [
        "/opt/Runner Up/bin/runnerup",
        '/home/zoë/my $HOME/100% "quoted" `tick` back\\slash/runnerup',
        "/plain/path/runnerup",
    ],
)
def test_awkward_launcher_paths_stay_valid_and_round_trip(tmp_path: Path, program: str) -> None:
    path = tmp_path / "x.desktop"
    command = [program, "--background", "--db", "/data/it's mine.sqlite3"]
    path.write_text(desktop_entry(command, Path("/icons/runnerup 64.png")))
    validate(path)
    assert unquote_exec(exec_line(path)) == command


def unquote_exec(value: str) -> list[str]:
    """The Desktop Entry spec's reading of an Exec value (string escapes, then quoting)."""
    text = value.replace("\\\\", "\\")
    args, current, quoted, escaped, started = [], "", False, False, False
    for c in text:
        if escaped:
            current, escaped = current + c, False
        elif quoted and c == "\\":
            escaped = True
        elif c == '"':
            quoted, started = not quoted, True
        elif c == " " and not quoted:
            if current or started:
                args.append(current)
            current, started = "", False
        else:
            current += c
    if current or started:
        args.append(current)
    return [a.replace("%%", "%") for a in args]


def test_the_entry_locations(tmp_path: Path) -> None:
    home = {"HOME": "/home/ana"}
    assert autostart_file("linux", home) == Path(
        "/home/ana/.config/autostart/org.runnerup.RunnerUp.desktop"
    )
    assert autostart_file("linux", {**home, "XDG_CONFIG_HOME": "/cfg"}) == Path(
        "/cfg/autostart/org.runnerup.RunnerUp.desktop"
    )
    relative = {**home, "XDG_CONFIG_HOME": "relative/ignored"}  # the spec: absolute only
    assert autostart_file("linux", relative) == Path(
        "/home/ana/.config/autostart/org.runnerup.RunnerUp.desktop"
    )
    assert autostart_file("darwin", home) == Path(
        "/home/ana/Library/LaunchAgents/org.runnerup.RunnerUp.plist"
    )
    assert autostart_file("win32", home) is None  # the registry
    assert AppPaths.under(tmp_path).autostart_file == (
        tmp_path / "autostart" / "org.runnerup.RunnerUp.desktop"
    )


def test_macos_launch_agent() -> None:
    command = ["/Applications/RunnerUp.app/Contents/MacOS/RunnerUp", "--background"]
    agent = plistlib.loads(launch_agent(command))
    assert agent == {
        "Label": "org.runnerup.RunnerUp",
        "ProgramArguments": command,
        "RunAtLoad": True,
        "ProcessType": "Interactive",
        "LimitLoadToSessionType": "Aqua",
    }


def test_macos_agent_file_written_and_removed(tmp_path: Path) -> None:
    entry = Autostart("darwin", tmp_path / "LaunchAgents" / "org.runnerup.RunnerUp.plist")
    entry.enable(["/x/RunnerUp", "--background"])
    assert entry.is_enabled()
    assert plistlib.loads(entry.file.read_bytes())["ProgramArguments"][1] == "--background"  # type: ignore[union-attr]
    entry.disable()
    assert not entry.is_enabled()


def test_windows_run_value() -> None:
    command = [r"C:\Program Files\RunnerUp\RunnerUp.exe", "--background"]
    assert run_value(command) == r'"C:\Program Files\RunnerUp\RunnerUp.exe" --background'
    assert run_value([r"C:\RunnerUp\RunnerUp.exe", "--background"]) == (
        r"C:\RunnerUp\RunnerUp.exe --background"
    )


def test_launcher_is_this_installation() -> None:
    command = autostart.launcher_command(["--db", "/x.sqlite3"])
    assert Path(command[0]).exists()
    assert command[-3:] == ["--background", "--db", "/x.sqlite3"]


def test_an_entry_removed_by_the_desktop_turns_the_setting_off(
    qtbot: QtBot, xdg: AppPaths, store: Store, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    context = AppContext.for_store(store, settings)
    window = MainWindow(context)
    qtbot.addWidget(window)
    background = Background(window, context, xdg, Options(db=str(store.path)), window.windowIcon())
    context.settings.set(START_AT_LOGIN, True)
    background.apply_settings()
    assert xdg.autostart_file is not None and xdg.autostart_file.exists()
    xdg.autostart_file.unlink()  # the desktop's "startup applications" removed it
    background.start()
    assert not context.settings.get(START_AT_LOGIN)
    window.close()
