"""A freedesktop portal that answers one question: the desktop's colour scheme.

    FakePortal(bus_address, DARK)  ...  .change(LIGHT)  ...  .close()

It owns ``org.freedesktop.portal.Desktop`` on a session bus, answers
``org.freedesktop.portal.Settings.Read("org.freedesktop.appearance", "color-scheme")`` as
xdg-desktop-portal does (a variant in a variant), and sends ``SettingChanged`` when told the
scheme changed. RunnerUp's tests (tests/ui/shell/test_appearance.py) and the frozen
bundle's desktop check (desktop_check.py) start it on a bus of their own, to see RunnerUp
follow the system's light or dark without a desktop environment. Needs jeepney (a
dependency of RunnerUp on Linux).
"""

from __future__ import annotations

import threading

PORTAL = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
PORTAL_SETTINGS = "org.freedesktop.portal.Settings"
APPEARANCE = "org.freedesktop.appearance"
#: The portal's values: prefers dark, prefers light, no preference.
DARK, LIGHT, NO_PREFERENCE = 1, 2, 0


class FakePortal:
    """``org.freedesktop.portal.Settings`` on a bus, with a colour scheme to give."""

    def __init__(self, address: str, value: int, delay: float = 0.0) -> None:
        """``delay``: seconds before the first ``Read`` is answered (a portal starting up,
        or a busy machine)."""
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection

        self.value = value
        self.delay = delay
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
                if self.delay:
                    self._stop.wait(self.delay)
                    self.delay = 0.0
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
