"""Light or dark: following the system's colour scheme, or the person's choice.

Preferences offer *Follow the system*, *Light* and *Dark* (:data:`COLOR_SCHEME`). The
system's scheme is read from Qt (``QStyleHints.colorScheme()``, which the platform theme
fills in on Windows, macOS, GNOME and KDE) and, where Qt does not know it (a desktop
without a Qt platform theme, or the frozen bundle, which leaves the GTK theme plugin out),
from the freedesktop portal's ``org.freedesktop.appearance color-scheme`` setting over the
session bus, which every current Linux desktop publishes. Both are watched, so turning the
desktop dark turns RunnerUp dark while it runs.

RunnerUp draws the dark scheme itself: Qt's Fusion style with the palette below, the same
from Qt 6.6 on (Qt can force a scheme only from 6.8). A light scheme keeps the platform's
own style and palette, unless that palette is a dark one; then Fusion with a light
palette. The app's own colours (:mod:`runnerup_desktop.ui.common.colors`) follow the
palette.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from runnerup_desktop.ui.common.colors import is_dark
from runnerup_desktop.ui.common.settings import COLOR_SCHEME, SCHEME_CHOICES, AppSettings

log = logging.getLogger(__name__)

PORTAL = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
PORTAL_SETTINGS = "org.freedesktop.portal.Settings"
APPEARANCE = "org.freedesktop.appearance"
#: How long start-up waits for the portal's answer before it does without.
PORTAL_TIMEOUT_S = 0.5

_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup

#: The dark palette: (role, active colour, disabled colour or None for the same).
DARK_COLORS: tuple[tuple[QPalette.ColorRole, str, str | None], ...] = (
    (_Role.Window, "#2b2e33", None),
    (_Role.WindowText, "#eceff1", "#80868c"),
    (_Role.Base, "#1f2226", "#26292d"),
    (_Role.AlternateBase, "#272a2f", None),
    (_Role.Text, "#eceff1", "#80868c"),
    (_Role.PlaceholderText, "#a3a9b0", "#6f757b"),
    (_Role.Button, "#363a40", "#2f3237"),
    (_Role.ButtonText, "#eceff1", "#80868c"),
    (_Role.BrightText, "#ffffff", None),
    (_Role.Highlight, "#2f6cb3", "#464a50"),
    (_Role.HighlightedText, "#ffffff", "#b4b9bf"),
    (_Role.Link, "#8ab4f8", None),
    (_Role.LinkVisited, "#c58af9", None),
    (_Role.ToolTipBase, "#3a3e44", None),
    (_Role.ToolTipText, "#eceff1", None),
    (_Role.Light, "#4a4f56", None),
    (_Role.Midlight, "#40454b", None),
    (_Role.Mid, "#30343a", None),
    (_Role.Dark, "#181a1d", None),
    (_Role.Shadow, "#0c0d0f", None),
)

#: The light palette used when the platform's own is dark but light was chosen.
LIGHT_COLORS: tuple[tuple[QPalette.ColorRole, str, str | None], ...] = (
    (_Role.Window, "#efefef", None),
    (_Role.WindowText, "#1b1b1b", "#8c8c8c"),
    (_Role.Base, "#ffffff", "#efefef"),
    (_Role.AlternateBase, "#f5f6f7", None),
    (_Role.Text, "#1b1b1b", "#8c8c8c"),
    (_Role.PlaceholderText, "#6b7075", "#9a9a9a"),
    (_Role.Button, "#efefef", None),
    (_Role.ButtonText, "#1b1b1b", "#8c8c8c"),
    (_Role.BrightText, "#ffffff", None),
    (_Role.Highlight, "#1f5fa8", "#c8c8c8"),
    (_Role.HighlightedText, "#ffffff", "#1b1b1b"),
    (_Role.Link, "#0b57d0", None),
    (_Role.LinkVisited, "#6b2fb3", None),
    (_Role.ToolTipBase, "#ffffdc", None),
    (_Role.ToolTipText, "#1b1b1b", None),
    (_Role.Light, "#ffffff", None),
    (_Role.Midlight, "#cacaca", None),
    (_Role.Mid, "#b8b8b8", None),
    (_Role.Dark, "#9f9f9f", None),
    (_Role.Shadow, "#767676", None),
)


def build_palette(colors: tuple[tuple[QPalette.ColorRole, str, str | None], ...]) -> QPalette:
    palette = QPalette()
    for role, active, disabled in colors:
        for group in (_Group.Active, _Group.Inactive):
            palette.setColor(group, role, QColor(active))
        palette.setColor(_Group.Disabled, role, QColor(disabled or active))
    return palette


def dark_palette() -> QPalette:
    return build_palette(DARK_COLORS)


def light_palette() -> QPalette:
    return build_palette(LIGHT_COLORS)


def qt_scheme() -> str | None:
    """``"dark"`` or ``"light"`` as Qt's platform theme reports it, else ``None``."""
    from PySide6.QtCore import Qt  # not before the first paint: see Appearance.watch_qt

    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return "dark"
    if scheme == Qt.ColorScheme.Light:
        return "light"
    return None


def portal_value(value: int) -> str | None:
    """The portal's ``color-scheme``: 1 prefers dark, 2 prefers light, 0 says nothing."""
    return {1: "dark", 2: "light"}.get(int(value))


def _unwrap(value: Any) -> Any:
    """The portal's ``Read`` wraps the value in one variant too many: undo them all."""
    while isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str):
        value = value[1]
    return value


class PortalScheme(QObject):
    """The freedesktop portal's colour scheme, read once and then watched (Linux)."""

    changed = Signal(object)  # "dark", "light" or None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.value: str | None = None
        self._conn: Any = None
        self._reader: QSocketNotifier | None = None
        #: The serial of the question the portal has not answered yet.
        self._pending: int | None = None
        try:
            self._connect()
        except Exception as error:  # no jeepney, no bus, no portal, a timeout: do without
            log.info("no colour scheme from the desktop portal (%s)", type(error).__name__)
            self.close()

    def _connect(self) -> None:
        if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):  # no bus: no jeepney (12 ms)
            raise LookupError("no session bus")
        from jeepney import DBusAddress, MatchRule, message_bus, new_method_call
        from jeepney.io.blocking import open_dbus_connection

        conn = open_dbus_connection(bus="SESSION")
        self._conn = conn
        rule = MatchRule(
            type="signal", interface=PORTAL_SETTINGS, member="SettingChanged", path=PORTAL_PATH
        )
        conn.send(message_bus.AddMatch(rule))
        address = DBusAddress(PORTAL_PATH, bus_name=PORTAL, interface=PORTAL_SETTINGS)
        self._pending = next(conn.outgoing_serial)
        conn.send(
            new_method_call(address, "Read", "ss", (APPEARANCE, "color-scheme")),
            serial=self._pending,
        )
        # Start-up waits a moment for the answer, so that the window is drawn in the
        # desktop's colours at once; a portal slower than that (starting, or a busy
        # machine) is answered later, here, and the window follows then.
        deadline = time.monotonic() + PORTAL_TIMEOUT_S
        while self._pending is not None and (left := deadline - time.monotonic()) > 0:
            try:
                self._handle(conn.receive(timeout=left))
            except TimeoutError:
                break
        self._reader = QSocketNotifier(conn.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._reader.activated.connect(self._read)
        if self._pending is None:
            log.info("colour scheme from the desktop portal: %s", self.value or "no preference")

    def _read(self) -> None:
        if self._conn is None:
            return
        data = self._conn.sock.recv(65536)
        if not data:
            self.close()
            return
        self._conn.parser.add_data(data)
        while (message := self._conn.parser.get_next_message()) is not None:
            self._handle(message)

    def _handle(self, message: Any) -> None:
        """The answer to the start's question, or a later change of the setting."""
        from jeepney import HeaderFields, MessageType

        header = message.header
        kind = header.message_type
        if self._pending is not None and header.fields.get(HeaderFields.reply_serial) == (
            self._pending
        ):
            self._pending = None
            if kind is MessageType.error:  # no portal, or one without the setting
                log.info("no colour scheme from the desktop portal (%s)", "error reply")
                return
            value = _unwrap(message.body[0]) if message.body else 0
            self.value = portal_value(value if isinstance(value, int) else 0)
            self.changed.emit(self.value)
        elif (
            kind is MessageType.signal
            and header.fields.get(HeaderFields.member) == "SettingChanged"
            and tuple(message.body[:2]) == (APPEARANCE, "color-scheme")
        ):
            self.value = portal_value(_unwrap(message.body[2]))
            self.changed.emit(self.value)

    def close(self) -> None:
        if self._reader is not None:
            self._reader.setEnabled(False)
            self._reader = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class Appearance(QObject):
    """Applies the chosen scheme to the application, now and whenever the choice or the
    system's scheme changes. ``portal`` is made on demand (tests pass their own)."""

    #: The scheme now in use: "light" or "dark".
    applied = Signal(str)

    def __init__(
        self,
        app: QApplication,
        settings: AppSettings,
        portal: Callable[[], PortalScheme | None] | None = None,
    ) -> None:
        super().__init__(app)
        self._app = app
        self._settings = settings
        self._style = app.style().name()
        self._palette = app.palette()  # a copy (QPalette(...) would load the Qt namespace)
        self._portal = (portal or (lambda: PortalScheme(self)))()
        if self._portal is not None:
            self._portal.changed.connect(lambda _value: self.apply())
        #: Whether Qt's own reading of the scheme is asked (see :meth:`watch_qt`).
        self._ask_qt = False
        self.scheme = ""
        self.apply()

    def watch_qt(self) -> None:
        """Ask Qt's platform theme too, from now on (after the first paint: its answer is
        one of the hundred enums of Qt's ``Qt`` namespace, 45 ms to create; until then the
        platform's palette and the portal tell)."""
        if self._ask_qt:
            return
        self._ask_qt = True
        QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: self.apply())
        self.apply()

    def close(self) -> None:
        """Let go of the session bus (at quit)."""
        if self._portal is not None:
            self._portal.close()

    def use(self, settings: AppSettings) -> None:
        """Read the choice from these settings from now on (another database's window)."""
        self._settings = settings
        self.apply()

    def system_scheme(self) -> str:
        """The system's scheme: Qt's when it knows (once asked), else the portal's, else
        the platform palette's."""
        found = qt_scheme() if self._ask_qt else None
        if found is None and self._portal is not None:
            found = self._portal.value
        return found or ("dark" if is_dark(self._palette) else "light")

    def wanted(self) -> str:
        choice = self._settings.get(COLOR_SCHEME)
        if choice not in SCHEME_CHOICES or choice == "system":
            return self.system_scheme()
        return choice

    def apply(self) -> None:
        scheme = self.wanted()
        if scheme == self.scheme:
            return
        if scheme == "dark":
            self._set("fusion", dark_palette())
        elif is_dark(self._palette):
            self._set("fusion", light_palette())  # the platform's palette is a dark one
        else:
            self._set(self._style, self._palette)
        self.scheme = scheme
        log.info("colour scheme: %s", scheme)
        self.applied.emit(scheme)

    def _set(self, style: str, palette: QPalette) -> None:
        if self._app.style().name().lower() != style.lower():
            made = QStyleFactory.create(style)
            if made is not None:
                self._app.setStyle(made)
        self._app.setPalette(palette)
