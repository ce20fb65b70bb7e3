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
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from runnerup_desktop.ui.common.colors import is_dark
from runnerup_desktop.ui.common.settings import COLOR_SCHEME, AppSettings
from runnerup_desktop.ui.shell.appearance import (
    APPEARANCE,
    PORTAL,
    PORTAL_PATH,
    PORTAL_SETTINGS,
    Appearance,
    PortalScheme,
)
from runnerup_desktop.ui.shell.preferences_dialog import PreferencesDialog

pytestmark = pytest.mark.skipif(
    shutil.which("dbus-daemon") is None, reason="needs dbus-daemon (make test installs it)"
)
DARK, LIGHT, NO_PREFERENCE = 1, 2, 0


class FakePortal:
    """``org.freedesktop.portal.Settings`` on a bus, with a colour scheme to give."""

    def __init__(self, address: str, value: int) -> None:
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection

        self.value = value
        self._conn = open_dbus_connection(bus=address)
        reply = self._conn.send_and_get_reply(message_bus.RequestName(PORTAL))
        assert reply.body == (1,), reply.body  # the primary owner
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        from jeepney import HeaderFields, MessageType, new_error, new_method_return

        while not self._stop.is_set():
            try:
                message = self._conn.receive(timeout=0.05)
            except TimeoutError:
                continue
            except OSError:
                return
            header = message.header
            if header.message_type is not MessageType.method_call:
                continue
            member = header.fields.get(HeaderFields.member)
            if member == "Read" and tuple(message.body) == (APPEARANCE, "color-scheme"):
                # The portal's Read wraps the value in a variant inside a variant.
                self._conn.send(new_method_return(message, "v", (("v", ("u", self.value)),)))
            else:
                self._conn.send(new_error(message, "org.freedesktop.DBus.Error.UnknownMethod"))

    def change(self, value: int) -> None:
        """The person switched the desktop's scheme: SettingChanged goes out."""
        from jeepney import DBusAddress, new_signal

        self.value = value
        emitter = DBusAddress(PORTAL_PATH, interface=PORTAL_SETTINGS)
        signal = new_signal(
            emitter, "SettingChanged", "ssv", (APPEARANCE, "color-scheme", ("u", value))
        )
        self._conn.send(signal)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self._conn.close()


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


def settings_in(tmp_path: Path, choice: str = "system") -> AppSettings:
    settings = AppSettings(QSettings(str(tmp_path / "look.ini"), QSettings.Format.IniFormat))
    settings.set(COLOR_SCHEME, choice)
    return settings


def test_following_the_system_turns_dark_and_back_when_the_desktop_does(
    qtbot: QtBot, bus: str, app_look: QApplication, tmp_path: Path
) -> None:
    portal = FakePortal(bus, DARK)
    try:
        appearance = Appearance(app_look, settings_in(tmp_path))
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


def test_a_choice_in_preferences_wins_over_the_system(
    qtbot: QtBot, bus: str, app_look: QApplication, tmp_path: Path
) -> None:
    portal = FakePortal(bus, DARK)
    try:
        settings = settings_in(tmp_path)
        appearance = Appearance(app_look, settings)
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
    bus: str, app_look: QApplication, tmp_path: Path
) -> None:
    assert PortalScheme().value is None  # a bus, but no portal on it
    appearance = Appearance(app_look, settings_in(tmp_path))
    assert appearance.scheme == "light"
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    appearance.use(settings_in(chosen, "dark"))  # another database's window, dark chosen
    assert appearance.scheme == "dark" and is_dark()


def test_the_portals_reply_is_read_however_deep_its_variants(bus: str) -> None:
    portal = FakePortal(bus, NO_PREFERENCE)
    try:
        assert PortalScheme().value is None  # 0: no preference
    finally:
        portal.close()
    from runnerup_desktop.ui.shell.appearance import _unwrap, portal_value

    nested: Any = ("v", ("v", ("u", 1)))
    assert portal_value(_unwrap(nested)) == "dark"
    assert portal_value(_unwrap(("u", 2))) == "light"
