"""Desktop notifications behind one small interface, :class:`Notifier`.

- :class:`DesktopNotifier`: the freedesktop notification service over the D-Bus session
  bus (GNOME, KDE, Xfce, dunst...), spoken with jeepney because QtDBus from Python cannot
  send the ``uint`` that ``Notify`` takes. It works with or without a tray, knows which
  notification was clicked, and never blocks the window: replies and clicks arrive
  through a socket notifier on the event loop.
- :class:`TrayNotifier`: ``QSystemTrayIcon.showMessage`` (Windows, macOS, a Linux tray
  without the service); a click opens what the last message was about.

:func:`desktop_notifier` returns the first, or ``None`` where it is not available.
"""

from __future__ import annotations

import html
import logging
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from runnerup_desktop import APP_ID, APP_NAME
from runnerup_desktop.core.reminders import Notice

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
#: How long a start-up question to the bus may take before notifications are given up.
STARTUP_TIMEOUT_S = 2.0


class Notifier(QObject):
    """Shows notices and tells which one the person clicked."""

    clicked = Signal(object)  # the Notice

    def show(self, notice: Notice) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Let go of what the notifier holds (a bus connection)."""


class TrayNotifier(Notifier):
    def __init__(self, icon: QSystemTrayIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._icon = icon
        self._last: Notice | None = None
        icon.messageClicked.connect(self._clicked)

    def show(self, notice: Notice) -> None:
        self._last = notice
        self._icon.showMessage(notice.title, notice.body, self._icon.icon(), 15_000)

    def _clicked(self) -> None:
        if self._last is not None:
            self.clicked.emit(self._last)


class DesktopNotifier(Notifier):
    """``org.freedesktop.Notifications`` on one private session-bus connection."""

    def __init__(
        self, connection: Any, markup: bool, icon_path: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        from jeepney import DBusAddress

        self._conn = connection
        self._markup = markup
        self._icon_path = icon_path
        self._address = DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)
        self._waiting: dict[int, Notice] = {}  # our message serial → notice
        self._shown: dict[int, Notice] = {}  # the server's notification id → notice
        self._reader = QSocketNotifier(connection.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._reader.activated.connect(self._read)

    def show(self, notice: Notice) -> None:
        from jeepney import new_method_call

        if self._conn is None:
            log.warning("notification not shown (the session bus went away): %s", about(notice))
            return
        body = html.escape(notice.body, quote=False) if self._markup else notice.body
        hints = {"desktop-entry": ("s", APP_ID), "urgency": ("y", 1)}
        message = new_method_call(
            self._address,
            "Notify",
            "susssasa{sv}i",
            (APP_NAME, 0, self._icon_path, notice.title, body, ["default", "Open"], hints, -1),
        )
        serial = next(self._conn.outgoing_serial)
        self._waiting[serial] = notice
        self._conn.send(message, serial=serial)

    def close(self) -> None:
        if self._conn is not None:
            self._reader.setEnabled(False)
            self._conn.close()
            self._conn = None

    def _read(self) -> None:
        from jeepney import HeaderFields, MessageType

        if self._conn is None:
            return
        data = self._conn.sock.recv(65536)
        if not data:
            log.warning("the session bus closed; notifications stop")
            self.close()
            return
        self._conn.parser.add_data(data)
        while (message := self._conn.parser.get_next_message()) is not None:
            kind = message.header.message_type
            fields = message.header.fields
            if kind in (MessageType.method_return, MessageType.error):
                notice = self._waiting.pop(fields.get(HeaderFields.reply_serial, -1), None)
                if notice is None:
                    continue
                if kind is MessageType.error:
                    log.warning(
                        "notification refused: %s", fields.get(HeaderFields.error_name, "?")
                    )
                else:
                    self._shown[int(message.body[0])] = notice
            elif kind is MessageType.signal:
                self._signal(fields.get(HeaderFields.member), message.body)

    def _signal(self, member: str | None, body: tuple[Any, ...]) -> None:
        if member == "ActionInvoked":
            notice = self._shown.get(int(body[0]))
            if notice is not None:
                log.info("notification clicked: %s", about(notice))
                self.clicked.emit(notice)
        elif member == "NotificationClosed":
            self._shown.pop(int(body[0]), None)


def about(notice: Notice) -> str:
    """What a log may say of a notice: its follow-ups' ids, never its title or text."""
    ids = notice.follow_up_ids
    if not ids:
        return "a message"
    return ("follow-up " if len(ids) == 1 else "follow-ups ") + ", ".join(map(str, ids))


def desktop_notifier(icon_path: str, parent: QObject | None = None) -> DesktopNotifier | None:
    """A notifier over the session bus, or ``None`` when there is no bus, no notification
    service (running or activatable), or no jeepney (not Linux)."""
    try:
        from jeepney import DBusAddress, MatchRule, MessageType, message_bus, new_method_call
        from jeepney.io.blocking import open_dbus_connection
    except ImportError:
        return None
    try:
        conn = open_dbus_connection(bus="SESSION")
    except Exception as error:  # no address, no socket, refused: all mean "no bus"
        log.info("no session bus for notifications (%s)", type(error).__name__)
        return None
    try:

        def ask(message: Any) -> Any:
            reply = conn.send_and_get_reply(message, timeout=STARTUP_TIMEOUT_S)
            if reply.header.message_type is MessageType.error:
                raise RuntimeError(f"{reply.header.fields} {reply.body}")
            return reply.body[0] if reply.body else None

        if not ask(message_bus.NameHasOwner(SERVICE)) and SERVICE not in ask(
            message_bus.ListActivatableNames()
        ):
            log.info("no notification service on the session bus")
            conn.close()
            return None
        address = DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)
        capabilities = ask(new_method_call(address, "GetCapabilities"))
        for member in ("ActionInvoked", "NotificationClosed"):
            rule = MatchRule(type="signal", interface=SERVICE, member=member, path=PATH)
            ask(message_bus.AddMatch(rule))
    except Exception as error:  # a timeout or an error reply: do without
        log.warning("notification service not usable (%s)", type(error).__name__)
        conn.close()
        return None
    log.info("notifications through %s (capabilities: %s)", SERVICE, ", ".join(capabilities))
    return DesktopNotifier(conn, "body-markup" in capabilities, icon_path, parent)
