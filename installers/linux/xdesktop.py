"""An X11 desktop of its own, for checks that need a real one: Xvfb on a free display
(``-displayfd``), a session bus from ``dbus-run-session``, dunst as the notification
daemon, ``dbus-monitor`` recording every ``Notify`` call, and trayer as the XEmbed tray
host. Used by ``desktop_check.py`` (the frozen bundle, from scripts/package-test.sh) and by
``tests/tray/test_tray_real.py`` (the program from the source tree). Standard library only.
"""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
GRAB = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
x, y, w, h = (int(v) for v in sys.argv[2:6])
app.primaryScreen().grabWindow(0, x, y, w, h).save(sys.argv[1])
"""


class DesktopError(Exception):
    """Something on the desktop did not come, or did not come in time."""


def wait_for(check: Callable[[], T | None], what: str, timeout: float = 30.0) -> T:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.05)
    raise DesktopError(f"timed out after {timeout:.0f} s waiting for {what}")


def read_line(fd: int, what: str, timeout: float = 10.0) -> str:
    data = b""
    deadline = time.monotonic() + timeout
    while not data.endswith(b"\n"):
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise DesktopError(f"no {what}")
        chunk = os.read(fd, 256)
        if not chunk:
            raise DesktopError(f"no {what} (the program ended)")
        data += chunk
    return data.decode().strip()


def stop(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(5)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)


@dataclass
class Window:
    id: str
    name: str
    classes: str
    width: int
    height: int
    x: int
    y: int
    depth: int


class Desktop:
    def __init__(
        self,
        base: Path,
        screen: str = "1280x800x24",
        dunstrc: str | None = None,
        trayer: tuple[str, ...] = ("--widthtype", "request"),
    ) -> None:
        self.base = base
        self.screen = screen
        self.dunstrc = dunstrc
        self.trayer = trayer
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(base),
            "LANG": "C.UTF-8",
            "XDG_RUNTIME_DIR": str(base),
            "TMPDIR": str(base),
        }
        self.processes: list[subprocess.Popen[bytes]] = []
        self.notify_log = base / "notify.log"

    def start(self, args: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
        process: subprocess.Popen[bytes] = subprocess.Popen(  # type: ignore[call-overload]
            args, env=kwargs.pop("env", self.env), start_new_session=True, **kwargs
        )
        self.processes.append(process)
        return process

    def run(self, args: list[str]) -> str:
        done = subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=20)
        return done.stdout

    def up(self) -> None:
        """Xvfb, the session bus, dbus-monitor, dunst and trayer, each waited for."""
        os.chmod(self.base, 0o700)
        read_end, write_end = os.pipe()
        self.start(
            ["Xvfb", "-displayfd", str(write_end), "-nolisten", "tcp", "-screen", "0",
             self.screen, "-wr"],
            pass_fds=(write_end,), stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(write_end)
        self.env["DISPLAY"] = ":" + read_line(read_end, "display from Xvfb")
        os.close(read_end)
        bus = self.start(
            ["dbus-run-session", "--", "sh", "-c",
             'echo "$DBUS_SESSION_BUS_ADDRESS"; exec sleep 900'],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        assert bus.stdout is not None
        self.env["DBUS_SESSION_BUS_ADDRESS"] = read_line(bus.stdout.fileno(), "session bus")
        bus.stdout.close()
        with self.notify_log.open("wb") as log:
            self.start(
                ["dbus-monitor", "--session",
                 "type='method_call',interface='org.freedesktop.Notifications',member='Notify'"],
                stdout=log, stderr=subprocess.DEVNULL,
            )  # fmt: skip
        dunst = ["dunst"]
        if self.dunstrc is not None:
            (self.base / "dunstrc").write_text(self.dunstrc)
            dunst += ["-config", str(self.base / "dunstrc")]
        self.start(dunst, stderr=subprocess.DEVNULL)
        has_owner = [
            "dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/",
            "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.Notifications",
        ]  # fmt: skip
        wait_for(lambda: "boolean true" in self.run(has_owner), "dunst on the session bus")
        wait_for(lambda: "NameLost" in self.notify_log.read_text(), "dbus-monitor")
        self.start(
            ["trayer", "--edge", "top", "--align", "right", "--SetDockType", "true",
             "--height", "28", *self.trayer],
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(lambda: self.find_window('"panel" "trayer"'), "trayer")

    def down(self) -> None:
        for process in reversed(self.processes):
            stop(process)

    def windows(self) -> list[Window]:
        """Every X window, with its depth in the tree (``xwininfo -root -tree``)."""
        found = []
        pattern = re.compile(
            r'^(\s+)(0x[0-9a-f]+) (?:"(.*?)"|\(has no name\)): \((.*?)\)'  # id, name, class
            r"\s+(\d+)x(\d+)\+-?\d+\+-?\d+\s+\+(-?\d+)\+(-?\d+)"  # size, absolute position
        )
        for line in self.run(["xwininfo", "-root", "-tree"]).splitlines():
            match = pattern.match(line)
            if match:
                indent, wid, name, classes, w, h, x, y = match.groups()
                found.append(
                    Window(wid, name or "", classes, int(w), int(h), int(x), int(y), len(indent))
                )
        return found

    def find_window(self, classes: str, name_prefix: str = "") -> Window | None:
        return next(
            (w for w in self.windows() if w.classes == classes and w.name.startswith(name_prefix)),
            None,
        )

    def embedded_in_tray(self, classes: str) -> Window | None:
        """A window of ``classes`` inside trayer's panel (a tray icon), if one is mapped."""
        windows = self.windows()
        panel = next((w for w in windows if w.classes == '"panel" "trayer"'), None)
        if panel is None:
            return None
        return next(
            (w for w in windows if w.classes == classes and w.width > 1 and w.depth > panel.depth),
            None,
        )

    def notify_calls(self) -> list[list[str]]:
        """The string arguments of every Notify call seen on the bus, in order."""
        calls: list[list[str]] = []
        for line in self.notify_log.read_text(errors="replace").splitlines():
            if line.startswith("method call") and "member=Notify" in line:
                calls.append([])
            elif calls and line.startswith("   string "):
                calls[-1].append(line.removeprefix("   string ").strip().strip('"'))
        return calls

    def screenshot(self, path: Path, box: tuple[int, int, int, int]) -> None:
        """A PNG of ``box`` (x, y, width, height) of the screen, taken by Qt on xcb."""
        env = {**self.env, "QT_QPA_PLATFORM": "xcb"}
        args = [sys.executable, "-c", GRAB, str(path), *(str(v) for v in box)]
        subprocess.run(args, env=env, check=True, timeout=30, capture_output=True)
