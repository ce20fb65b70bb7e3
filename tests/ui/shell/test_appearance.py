"""Dark mode: RunnerUp follows the system's colour scheme, or the person's choice.

Under Xvfb there is no desktop to ask Qt, so the system's scheme comes from the
freedesktop portal, as on a desktop without a Qt platform theme and in the frozen bundle
(which leaves the GTK theme plugin out): the tests start a session bus of their own
(``dbus-daemon``) with a portal on it that answers ``Read`` and sends ``SettingChanged``,
as xdg-desktop-portal does, and watch the palette follow.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from installers.linux.fake_portal import DARK, LIGHT, NO_PREFERENCE, FakePortal
from runnerup_desktop.ui.common.colors import is_dark
from runnerup_desktop.ui.common.settings import COLOR_SCHEME, AppSettings
from runnerup_desktop.ui.shell.appearance import (
    Appearance,
    PortalScheme,
)
from runnerup_desktop.ui.shell.preferences_dialog import PreferencesDialog

pytestmark = pytest.mark.skipif(
    shutil.which("dbus-daemon") is None, reason="needs dbus-daemon (make test installs it)"
)


@pytest.fixture
def bus(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A session bus of the test's own; the app finds it through the environment."""
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    try:
        yield address
    finally:
        daemon.terminate()
        daemon.wait(5)
        daemon.stdout.close()


@pytest.fixture
def app_look() -> Iterator[QApplication]:
    """The application's style and palette, put back afterwards for the other tests."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style, palette = app.style().name(), app.palette()
    yield app
    app.setStyle(style)
    app.setPalette(palette)


@pytest.fixture
def opened() -> Iterator[list[Appearance]]:
    """The Appearances a test makes, each let go of the bus afterwards."""
    made: list[Appearance] = []
    yield made
    for appearance in made:
        appearance.close()


def settings_in(tmp_path: Path, choice: str = "system") -> AppSettings:
    settings = AppSettings(QSettings(str(tmp_path / "look.ini"), QSettings.Format.IniFormat))
    settings.set(COLOR_SCHEME, choice)
    return settings


def test_following_the_system_turns_dark_and_back_when_the_desktop_does(
    qtbot: QtBot, bus: str, app_look: QApplication, tmp_path: Path, opened: list[Appearance]
) -> None:
    portal = FakePortal(bus, DARK)
    try:
        appearance = Appearance(app_look, settings_in(tmp_path))
        opened.append(appearance)
        assert appearance.scheme == "dark"
        assert is_dark() and app_look.style().name().lower() == "fusion"
        portal.change(LIGHT)  # the desktop goes light while RunnerUp runs
        qtbot.waitUntil(lambda: appearance.scheme == "light", timeout=3000)
        assert not is_dark()
        portal.change(DARK)
        qtbot.waitUntil(lambda: appearance.scheme == "dark", timeout=3000)
        assert is_dark()
    finally:
        portal.close()


def test_a_portal_slower_than_start_up_is_followed_when_it_answers(
    qtbot: QtBot, bus: str, app_look: QApplication, tmp_path: Path, opened: list[Appearance]
) -> None:
    """Start-up waits half a second for the portal; a slower answer (a portal starting, a
    busy machine: the frozen bundle's check on a loaded fresh Debian) still turns the
    window dark when it comes."""
    portal = FakePortal(bus, DARK, delay=1.5)
    try:
        appearance = Appearance(app_look, settings_in(tmp_path))
        opened.append(appearance)
        assert appearance.scheme == "light"  # no answer yet
        qtbot.waitUntil(lambda: appearance.scheme == "dark", timeout=5000)
        assert is_dark(app_look.palette())
        portal.change(LIGHT)
        qtbot.waitUntil(lambda: appearance.scheme == "light", timeout=5000)
    finally:
        portal.close()


def test_a_choice_in_preferences_wins_over_the_system(
    qtbot: QtBot, bus: str, app_look: QApplication, tmp_path: Path, opened: list[Appearance]
) -> None:
    portal = FakePortal(bus, DARK)
    try:
        settings = settings_in(tmp_path)
        appearance = Appearance(app_look, settings)
        opened.append(appearance)
        assert appearance.scheme == "dark"
        # The person opens Preferences, chooses Light under Colours, and saves.
        dialog = PreferencesDialog(settings)
        qtbot.addWidget(dialog)
        combo = dialog.findChild(QComboBox, "colorScheme")
        assert combo is not None
        assert [combo.itemText(i) for i in range(combo.count())] == [
            "Follow the system",
            "Light",
            "Dark",
        ]
        combo.setCurrentIndex(combo.findText("Light"))
        dialog.accept()
        appearance.apply()  # what the window's preferences_changed does
        assert settings.get(COLOR_SCHEME) == "light"
        assert appearance.scheme == "light" and not is_dark()
        portal.change(DARK)  # the desktop changes; the choice stays
        qtbot.wait(200)
        assert appearance.scheme == "light"
        settings.set(COLOR_SCHEME, "system")
        appearance.apply()
        assert appearance.scheme == "dark"
    finally:
        portal.close()


def test_no_portal_and_no_theme_is_light_unless_chosen_dark(
    bus: str, app_look: QApplication, tmp_path: Path, opened: list[Appearance]
) -> None:
    nobody = PortalScheme()
    nobody.close()
    assert nobody.value is None  # a bus, but no portal on it
    appearance = Appearance(app_look, settings_in(tmp_path))
    opened.append(appearance)
    assert appearance.scheme == "light"
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    appearance.use(settings_in(chosen, "dark"))  # another database's window, dark chosen
    assert appearance.scheme == "dark" and is_dark()


def test_the_portals_reply_is_read_however_deep_its_variants(bus: str) -> None:
    portal = FakePortal(bus, NO_PREFERENCE)
    try:
        asked = PortalScheme()
        asked.close()
        assert asked.value is None  # 0: no preference
    finally:
        portal.close()
    from runnerup_desktop.ui.shell.appearance import _unwrap, portal_value

    nested: Any = ("v", ("v", ("u", 1)))
    assert portal_value(_unwrap(nested)) == "dark"
    assert portal_value(_unwrap(("u", 2))) == "light"
