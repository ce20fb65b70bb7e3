"""The frozen RunnerUp on a real X11 desktop, for scripts/package-test.sh.

    python3 installers/linux/desktop_check.py PROGRAM

Starts a desktop of its own (Xvfb on a free display, a D-Bus session bus, dunst as the
notification daemon, dbus-monitor recording Notify calls, trayer as the tray host), then:

1. ``PROGRAM --demo``: the main window maps, on the xcb platform, with the app icon set
   (``_NET_WM_ICON``: the icons were found in the bundle's resources/) and the window class
   the .desktop file's StartupWMClass names;
2. ``PROGRAM --demo --background``: the tray icon is embedded in trayer and the due
   follow-ups of the demo reach the notification service.

Everything started here is stopped before it returns. Standard library only.
"""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
TIMEOUT = 30.0


def wait_for(check: Callable[[], T | None], what: str, timeout: float = TIMEOUT) -> T:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise SystemExit(f"desktop check: timed out after {timeout:.0f} s waiting for {what}")


def read_line(fd: int, what: str) -> str:
    data = b""
    deadline = time.monotonic() + 10
    while not data.endswith(b"\n"):
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise SystemExit(f"desktop check: no {what}")
        chunk = os.read(fd, 256)
        if not chunk:
            raise SystemExit(f"desktop check: no {what} (the program ended)")
        data += chunk
    return data.decode().strip()


class Desktop:
    def __init__(self, base: Path) -> None:
        self.base = base
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
        read_end, write_end = os.pipe()
        self.start(
            ["Xvfb", "-displayfd", str(write_end), "-nolisten", "tcp", "-screen", "0",
             "1280x800x24"],
            pass_fds=(write_end,), stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(write_end)
        self.env["DISPLAY"] = ":" + read_line(read_end, "display from Xvfb")
        os.close(read_end)
        bus = self.start(
            [
                "dbus-run-session",
                "--",
                "sh",
                "-c",
                'echo "$DBUS_SESSION_BUS_ADDRESS"; exec sleep 900',
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert bus.stdout is not None
        self.env["DBUS_SESSION_BUS_ADDRESS"] = read_line(bus.stdout.fileno(), "session bus")
        with self.notify_log.open("wb") as log:
            self.start(
                ["dbus-monitor", "--session",
                 "type='method_call',interface='org.freedesktop.Notifications',member='Notify'"],
                stdout=log, stderr=subprocess.DEVNULL,
            )  # fmt: skip
        self.start(["dunst"], stderr=subprocess.DEVNULL)
        has_owner = [
            "dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/",
            "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.Notifications",
        ]  # fmt: skip
        wait_for(lambda: "boolean true" in self.run(has_owner), "dunst on the session bus")
        wait_for(lambda: "NameLost" in self.notify_log.read_text(), "dbus-monitor")
        self.start(
            ["trayer", "--edge", "top", "--align", "right", "--SetDockType", "true",
             "--height", "28", "--widthtype", "request"],
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(lambda: self.find_window('"panel" "trayer"'), "trayer")

    def down(self) -> None:
        for process in reversed(self.processes):
            stop(process)

    def tree(self) -> list[tuple[int, str, str, str, int]]:
        """(depth, id, name, class, width) of every X window."""
        pattern = re.compile(r'^(\s+)(0x[0-9a-f]+) (?:"(.*?)"|\(has no name\)): \((.*?)\)\s+(\d+)x')
        found = []
        for line in self.run(["xwininfo", "-root", "-tree"]).splitlines():
            match = pattern.match(line)
            if match:
                indent, wid, name, classes, width = match.groups()
                found.append((len(indent), wid, name or "", classes, int(width)))
        return found

    def find_window(self, classes: str, name_prefix: str = "") -> str | None:
        for _, wid, name, found, _ in self.tree():
            if found == classes and name.startswith(name_prefix):
                return wid
        return None

    def notify_apps(self) -> list[str]:
        """The application name of every Notify call seen on the bus."""
        names, expect = [], False
        for line in self.notify_log.read_text(errors="replace").splitlines():
            if line.startswith("method call") and "member=Notify" in line:
                expect = True
            elif expect and line.startswith("   string "):
                names.append(line.removeprefix("   string ").strip().strip('"'))
                expect = False
        return names


def stop(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(5)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)


def check_window(desktop: Desktop, program: str, home: Path) -> None:
    env = {**desktop.env, "RUNNERUP_HOME": str(home)}
    app = desktop.start([program, "--demo"], env=env, stdout=subprocess.DEVNULL)
    try:
        wid = wait_for(
            lambda: desktop.find_window('"runnerup" "RunnerUp"', "RunnerUp"), "the main window"
        )
        icon = desktop.run(["xprop", "-id", wid, "_NET_WM_ICON"])
        sizes = sorted({int(w) for w in re.findall(r"Icon \((\d+) x \1\)", icon)})
        if not sizes:
            raise SystemExit(f"desktop check: the window has no icon: {icon.strip()[:200]}")
        wm_class = desktop.run(["xprop", "-id", wid, "WM_CLASS"]).strip()
        if '"RunnerUp"' not in wm_class:
            raise SystemExit(f"desktop check: StartupWMClass=RunnerUp does not match {wm_class}")
        print(f"window: mapped on xcb, icon sizes {sizes}, {wm_class}")
    finally:
        stop(app)


def check_tray(desktop: Desktop, program: str, home: Path) -> None:
    env = {**desktop.env, "RUNNERUP_HOME": str(home)}
    app = desktop.start([program, "--demo", "--background"], env=env, stdout=subprocess.DEVNULL)
    try:

        def embedded() -> str | None:
            tree = desktop.tree()
            panel = next((d for d, _, _, c, _ in tree if c == '"panel" "trayer"'), None)
            return next(
                (
                    wid
                    for depth, wid, _, classes, width in tree
                    if classes == '"runnerup" "RunnerUp"'
                    and width > 1
                    and panel is not None
                    and depth > panel
                ),
                None,
            )

        icon = wait_for(embedded, "the tray icon in trayer's panel")
        apps = wait_for(lambda: desktop.notify_apps(), "a reminder on the notification service")
        if set(apps) != {"RunnerUp"}:
            raise SystemExit(f"desktop check: unexpected Notify calls from {apps}")
        if app.poll() is not None:
            raise SystemExit("desktop check: the program ended in the tray")
        print(f"tray: icon {icon} embedded in trayer, {len(apps)} reminder(s) sent to dunst")
    finally:
        stop(app)


def main() -> int:
    program = str(Path(sys.argv[1]).resolve())
    with tempfile.TemporaryDirectory(prefix="runnerup-desktop-") as folder:
        base = Path(folder)
        os.chmod(base, 0o700)
        desktop = Desktop(base)
        try:
            desktop.up()
            check_window(desktop, program, base / "home-window")
            check_tray(desktop, program, base / "home-tray")
        finally:
            desktop.down()
    return 0


if __name__ == "__main__":
    sys.exit(main())
