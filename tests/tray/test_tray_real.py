"""The real thing: RunnerUp in a tray host, its reminders on the D-Bus notification service.

A module fixture starts a desktop of its own: Xvfb (a free display from ``-displayfd``), a
session bus from ``dbus-run-session``, dunst as the notification daemon, ``dbus-monitor``
recording every ``Notify`` call, and trayer as the XEmbed tray host. The program itself
then runs on that desktop as a subprocess, exactly as the start-at-login entry starts it.

``RUNNERUP_SCREENSHOTS=docs/screenshots`` also saves the tray menu and the notification.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from runnerup_desktop.core.news import FollowUpValues
from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.store.services import Services

TOOLS = ["Xvfb", "dbus-run-session", "dbus-monitor", "dbus-send", "dunst", "dunstctl", "trayer"]
TOOLS += ["xwininfo", "xdotool"]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux", reason="an X11 tray host is a Linux matter"),
    pytest.mark.skipif(
        any(shutil.which(tool) is None for tool in TOOLS),
        reason="needs the test packages of scripts/system-deps.sh (make test installs them)",
    ),
]

DUNSTRC = """
[global]
    font = DejaVu Sans 10
    width = 340
    height = 140
    origin = top-right
    offset = 10x36
    frame_width = 1
    frame_color = "#9aa0a6"
    corner_radius = 6
    padding = 10
    horizontal_padding = 12
    icon_position = left
    min_icon_size = 40
    max_icon_size = 40
    format = "<b>%s</b>\\n%b"
    show_indicators = no
    stack_duplicates = false
[urgency_normal]
    background = "#fdfdfd"
    foreground = "#202124"
    timeout = 0
"""
GRAB = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
x, y, w, h = (int(v) for v in sys.argv[2:6])
app.primaryScreen().grabWindow(0, x, y, w, h).save(sys.argv[1])
"""


def wait_for(check: Callable[[], object], timeout: float, what: str) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


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


@dataclass
class Desktop:
    env: dict[str, str]
    monitor_log: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start(self, args: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
        process: subprocess.Popen[bytes] = subprocess.Popen(  # type: ignore[call-overload]
            args, env=self.env, start_new_session=True, **kwargs
        )
        self.processes.append(process)
        return process

    def call(self, args: list[str]) -> str:
        return subprocess.run(
            args, env=self.env, capture_output=True, text=True, timeout=10, check=False
        ).stdout

    def windows(self) -> list[Window]:
        """Every X window, with its depth in the tree (xwininfo -root -tree)."""
        found = []
        pattern = re.compile(
            r'^(\s+)(0x[0-9a-f]+) (?:"(.*?)"|\(has no name\)): \((.*?)\)'  # id, name, class
            r"\s+(\d+)x(\d+)\+-?\d+\+-?\d+\s+\+(-?\d+)\+(-?\d+)"  # size, absolute position
        )
        for line in self.call(["xwininfo", "-root", "-tree"]).splitlines():
            match = pattern.match(line)
            if match:
                indent, wid, name, classes, w, h, x, y = match.groups()
                found.append(
                    Window(wid, name or "", classes, int(w), int(h), int(x), int(y), len(indent))
                )
        return found

    def notify_calls(self) -> list[list[str]]:
        """The string arguments of every Notify call seen on the bus, in order."""
        calls: list[list[str]] = []
        for line in self.monitor_log.read_text(errors="replace").splitlines():
            if line.startswith("method call") and "member=Notify" in line:
                calls.append([])
            elif calls and line.startswith("   string "):
                calls[-1].append(line.removeprefix("   string ").strip().strip('"'))
        return calls

    def screenshot(self, path: Path, box: tuple[int, int, int, int]) -> None:
        env = {**self.env, "QT_QPA_PLATFORM": "xcb"}
        args = [sys.executable, "-c", GRAB, str(path), *(str(v) for v in box)]
        subprocess.run(args, env=env, check=True, timeout=30, capture_output=True)


def _read_line(stream: object, timeout: float, what: str) -> str:
    fd = stream if isinstance(stream, int) else stream.fileno()  # type: ignore[attr-defined]
    data = b""
    deadline = time.monotonic() + timeout
    while not data.endswith(b"\n"):
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise AssertionError(f"timed out waiting for {what}")
        chunk = os.read(fd, 256)
        if not chunk:
            raise AssertionError(f"{what}: the program ended")
        data += chunk
    return data.decode().strip()


@pytest.fixture(scope="module")
def desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desktop]:
    base = tmp_path_factory.mktemp("desktop")
    (base / "dunstrc").write_text(DUNSTRC)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(base),
        "LANG": "C.UTF-8",
        "XDG_RUNTIME_DIR": str(base),
        "TMPDIR": str(base),
    }
    os.chmod(base, 0o700)
    desk = Desktop(env, base / "notify.log")
    bus: subprocess.Popen[bytes] | None = None
    try:
        read_end, write_end = os.pipe()
        desk.start(
            [
                "Xvfb",
                "-displayfd",
                str(write_end),
                "-nolisten",
                "tcp",
                "-screen",
                "0",
                "800x480x24",
                "-wr",
            ],
            pass_fds=(write_end,),
            stderr=subprocess.DEVNULL,
        )
        os.close(write_end)
        env["DISPLAY"] = ":" + _read_line(read_end, 10, "Xvfb's display number")
        os.close(read_end)
        bus = desk.start(
            [
                "dbus-run-session",
                "--",
                "sh",
                "-c",
                'echo "$DBUS_SESSION_BUS_ADDRESS"; exec sleep 600',
            ],
            stdout=subprocess.PIPE,
        )
        assert bus.stdout is not None
        env["DBUS_SESSION_BUS_ADDRESS"] = _read_line(bus.stdout, 10, "the session bus")
        with desk.monitor_log.open("wb") as log:
            desk.start(
                [
                    "dbus-monitor",
                    "--session",
                    "type='method_call',interface='org.freedesktop.Notifications',member='Notify'",
                ],
                stdout=log,
                stderr=subprocess.DEVNULL,
            )
        desk.start(["dunst", "-config", str(base / "dunstrc")], stderr=subprocess.DEVNULL)
        has_owner = [
            "dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/",
            "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.Notifications",
        ]  # fmt: skip
        wait_for(lambda: "boolean true" in desk.call(has_owner), 10, "dunst on the bus")
        wait_for(lambda: "NameLost" in desk.monitor_log.read_text(), 10, "dbus-monitor")
        desk.start(
            [
                "trayer", "--edge", "top", "--align", "right", "--widthtype", "percent",
                "--width", "100", "--height", "28", "--transparent", "true", "--alpha", "0",
                "--tint", "0x2b3038", "--SetDockType", "true", "--padding", "4",
            ],
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(lambda: any(w.classes == '"panel" "trayer"' for w in desk.windows()), 10, "trayer")
        yield desk
    finally:
        for process in reversed(desk.processes):
            stop(process)
        if bus is not None and bus.stdout is not None:
            bus.stdout.close()


def stop(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(5)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)


def runnerup_command() -> list[str]:
    script = Path(sys.executable).with_name("runnerup")
    return [str(script)] if script.exists() else [sys.executable, "-m", "runnerup_desktop"]


def seed(db: Path) -> list[int]:
    """Two follow-ups due (yesterday and the day before: due whatever the time of day)."""
    store = open_store(db)
    services, playbook = Services(store.sessions), PlaybookServices(store.sessions)
    today = dt.date.today()
    made = []
    for company, contact, title, days in (
        ("Northwind Analytics", "Zoë Müller", "Offer check-in", 1),
        ("Cedar & Stone Health", "Hana Kobayashi", "Share the competitor analysis", 2),
    ):
        company_id, _ = services.add_company({"name": company})
        contact_id, _ = services.add_contact({"company_id": company_id, "name": contact})
        values = FollowUpValues(
            company_id=company_id,
            contact_id=contact_id,
            due_on=today - dt.timedelta(days=days),
            notes=title,
        )
        made.append(playbook.add_follow_up(values, allow_past=True)[0])
    store.close()
    return made


def test_tray_icon_and_notifications_on_a_real_desktop(desktop: Desktop, tmp_path: Path) -> None:
    follow_ups = seed(tmp_path / "mine.sqlite3")
    home = tmp_path / "home"
    env = {**desktop.env, "QT_QPA_PLATFORM": "xcb", "RUNNERUP_HOME": str(home)}
    log = home / "logs" / "runnerup.log"
    shots = os.environ.get("RUNNERUP_SCREENSHOTS")
    with (tmp_path / "app.err").open("wb") as errors:
        app = subprocess.Popen(
            [*runnerup_command(), "--db", str(tmp_path / "mine.sqlite3"), "--background"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            start_new_session=True,
        )
    try:
        # The reminders reach org.freedesktop.Notifications, one per follow-up.
        calls = wait_for(
            lambda: len(desktop.notify_calls()) >= 2 and desktop.notify_calls(), 20, "Notify"
        )
        assert isinstance(calls, list)
        assert [c[0] for c in calls] == ["RunnerUp", "RunnerUp"]
        assert {c[2] for c in calls} == {
            "Follow-up due: Offer check-in",
            "Follow-up due: Share the competitor analysis",
        }
        assert "Zoë Müller, Northwind Analytics · overdue since yesterday" in {c[3] for c in calls}

        # The icon is embedded in trayer's panel, and mapped.
        def icon() -> Window | None:
            windows = desktop.windows()
            panel = next((w for w in windows if w.classes == '"panel" "trayer"'), None)
            mine = [w for w in windows if w.classes == '"runnerup" "RunnerUp"' and w.width > 1]
            return next((w for w in mine if panel and w.depth > panel.depth), None)

        found = wait_for(icon, 10, "the tray icon in trayer")
        assert isinstance(found, Window)
        state = desktop.call(["xwininfo", "-id", found.id])
        assert "Map State: IsViewable" in state
        assert "tray icon shown" in log.read_text()
        assert not any(w.name.startswith("RunnerUp —") for w in desktop.windows())  # no window
        if shots:
            both = wait_for(
                lambda: next(
                    (w for w in desktop.windows() if w.name == "Dunst" and w.height > 120), None
                ),
                10,
                "dunst to show both notifications",
            )
            assert isinstance(both, Window)
            screenshot_box(desktop, Path(shots) / "notification.png", both)

        # A right click opens the tray menu (the notifications wait meanwhile).
        desktop.call(["dunstctl", "set-paused", "true"])
        cx, cy = found.x + found.width // 2, found.y + found.height // 2
        desktop.call(["xdotool", "mousemove", str(cx), str(cy), "click", "3"])

        def menu() -> Window | None:
            return next(
                (
                    w
                    for w in desktop.windows()
                    if w.classes == '"runnerup" "RunnerUp"' and w.height > 100
                ),
                None,
            )

        opened = wait_for(menu, 10, "the tray menu")
        assert isinstance(opened, Window)
        if shots:
            screenshot_box(desktop, Path(shots) / "tray-menu.png", opened)
        desktop.call(["xdotool", "key", "Escape"])
        wait_for(lambda: menu() is None, 10, "the menu to close")
        desktop.call(["dunstctl", "set-paused", "false"])

        # Clicking a notification opens its follow-up in the window.
        desktop.call(["dunstctl", "action", "0"])
        wait_for(lambda: "showing follow-up" in log.read_text(), 10, "the follow-up to open")
        shown = int(re.findall(r"showing follow-up (\d+)", log.read_text())[0])
        assert shown in follow_ups
        wait_for(
            lambda: any(w.name == "RunnerUp — mine.sqlite3" for w in desktop.windows()),
            10,
            "the main window",
        )
        assert app.poll() is None
    finally:
        stop(app)
    errors_text = (tmp_path / "app.err").read_text()
    assert "Traceback" not in errors_text, errors_text


def screenshot_box(desktop: Desktop, path: Path, around: Window) -> None:
    """A shot of the top right of the screen: the panel and what is ``around`` the icon."""
    left = max(0, around.x - 24)
    bottom = min(480, around.y + around.height + 24)
    path.parent.mkdir(parents=True, exist_ok=True)
    time.sleep(0.3)  # let the last paint land
    desktop.screenshot(path, (left, 0, 800 - left, bottom))
