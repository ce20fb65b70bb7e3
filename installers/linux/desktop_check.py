"""The frozen RunnerUp on a real X11 desktop, for scripts/package-test.sh.

    python3 installers/linux/desktop_check.py PROGRAM

Starts a desktop of its own (Xvfb on a free display, a D-Bus session bus, dunst as the
notification daemon, dbus-monitor recording Notify calls, trayer as the tray host), then:

1. ``PROGRAM --demo``: the main window maps, on the xcb platform, with the app icon set
   (``_NET_WM_ICON``: the icons were found in the bundle's resources/) and the window class
   the .desktop file's StartupWMClass names;
2. ``PROGRAM --demo --background``: the tray icon is embedded in trayer and the due
   follow-ups of the demo reach the notification service;
3. ``PROGRAM --demo`` with a freedesktop portal on the bus that says the desktop prefers
   dark (``fake_portal.py``): the window is dark, and turns light when the portal says so.
   The bundle has no GTK theme plugin, so this is how it follows the system on Linux.

The desktop is ``xdesktop.py``'s, which the real-tray test uses too. Everything started
here is stopped before it returns. Standard library only, but for the portal (jeepney, in
the virtual environment that runs this) and the screen's lightness (PySide6, as
``xdesktop.py``'s screenshots).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from fake_portal import DARK, LIGHT, FakePortal  # beside this script
from xdesktop import Desktop, DesktopError, Window, stop, wait_for

#: The mean lightness (0-255) of a part of the screen, measured by Qt on xcb.
LIGHTNESS = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
x, y, w, h = (int(v) for v in sys.argv[1:5])
image = app.primaryScreen().grabWindow(0, x, y, w, h).toImage()
step = 4
values = [image.pixelColor(i, j).lightness() for i in range(0, w, step) for j in range(0, h, step)]
print(sum(values) // max(1, len(values)))
"""


def check_window(desktop: Desktop, program: str, home: Path) -> None:
    env = {**desktop.env, "RUNNERUP_HOME": str(home)}
    app = desktop.start([program, "--demo"], env=env, stdout=subprocess.DEVNULL)
    try:
        window = wait_for(
            lambda: desktop.find_window('"runnerup" "RunnerUp"', "RunnerUp"), "the main window"
        )

        def icon_sizes() -> list[int]:
            icon = desktop.run(["xprop", "-id", window.id, "_NET_WM_ICON"])
            return sorted({int(w) for w in re.findall(r"Icon \((\d+) x \1\)", icon)})

        # The window can be in the tree a moment before Qt has set its properties.
        sizes = wait_for(icon_sizes, "the window's icon (_NET_WM_ICON)", timeout=10)
        wm_class = desktop.run(["xprop", "-id", window.id, "WM_CLASS"]).strip()
        if '"RunnerUp"' not in wm_class:
            raise DesktopError(f"StartupWMClass=RunnerUp does not match {wm_class}")
        print(f"window: mapped on xcb, icon sizes {sizes}, {wm_class}")
    finally:
        stop(app)


def check_tray(desktop: Desktop, program: str, home: Path) -> None:
    env = {**desktop.env, "RUNNERUP_HOME": str(home)}
    app = desktop.start([program, "--demo", "--background"], env=env, stdout=subprocess.DEVNULL)
    try:
        icon = wait_for(
            lambda: desktop.embedded_in_tray('"runnerup" "RunnerUp"'),
            "the tray icon in trayer's panel",
        )
        calls = wait_for(desktop.notify_calls, "a reminder on the notification service")
        apps = {call[0] for call in calls if call}
        if apps != {"RunnerUp"}:
            raise DesktopError(f"unexpected Notify calls from {sorted(apps)}")
        if app.poll() is not None:
            raise DesktopError("the program ended in the tray")
        print(f"tray: icon {icon.id} embedded in trayer, {len(calls)} reminder(s) sent to dunst")
    finally:
        stop(app)


def lightness(desktop: Desktop, window: Window) -> int:
    env = {**desktop.env, "QT_QPA_PLATFORM": "xcb"}
    box = [str(v) for v in (window.x, window.y, window.width, window.height)]
    done = subprocess.run(
        [sys.executable, "-c", LIGHTNESS, *box],
        env=env, capture_output=True, text=True, timeout=30, check=True,
    )  # fmt: skip
    return int(done.stdout.strip())


def check_colour_scheme(desktop: Desktop, program: str, home: Path) -> None:
    portal = FakePortal(desktop.env["DBUS_SESSION_BUS_ADDRESS"], DARK)
    env = {**desktop.env, "RUNNERUP_HOME": str(home)}
    app = desktop.start([program, "--demo"], env=env, stdout=subprocess.DEVNULL)
    try:
        window = wait_for(
            lambda: desktop.find_window('"runnerup" "RunnerUp"', "RunnerUp"), "the main window"
        )

        def reads(dark: bool) -> int | None:
            value = lightness(desktop, window)
            return value if (value < 100 if dark else value > 150) else None

        dark = wait_for(lambda: reads(True), "a dark window: the desktop prefers dark", 15)
        portal.change(LIGHT)
        light = wait_for(lambda: reads(False), "the window turning light with the desktop", 15)
        print(f"colour scheme: follows the portal (lightness {dark} dark, {light} light)")
    finally:
        stop(app)
        portal.close()


def main() -> int:
    program = str(Path(sys.argv[1]).resolve())
    with tempfile.TemporaryDirectory(prefix="runnerup-desktop-") as folder:
        base = Path(folder)
        desktop = Desktop(base)
        try:
            desktop.up()
            check_window(desktop, program, base / "home-window")
            check_tray(desktop, program, base / "home-tray")
            check_colour_scheme(desktop, program, base / "home-scheme")
        except DesktopError as problem:
            sys.stderr.write(f"desktop check: {problem}\n")
            return 1
        finally:
            desktop.down()
    return 0


if __name__ == "__main__":
    sys.exit(main())
