"""The frozen RunnerUp on a real X11 desktop, for scripts/package-test.sh.

    python3 installers/linux/desktop_check.py PROGRAM

Starts a desktop of its own (Xvfb on a free display, a D-Bus session bus, dunst as the
notification daemon, dbus-monitor recording Notify calls, trayer as the tray host), then:

1. ``PROGRAM --demo``: the main window maps, on the xcb platform, with the app icon set
   (``_NET_WM_ICON``: the icons were found in the bundle's resources/) and the window class
   the .desktop file's StartupWMClass names;
2. ``PROGRAM --demo --background``: the tray icon is embedded in trayer and the due
   follow-ups of the demo reach the notification service.

The desktop is ``xdesktop.py``'s, which the real-tray test uses too. Everything started
here is stopped before it returns. Standard library only.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from xdesktop import Desktop, DesktopError, stop, wait_for  # beside this script


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


def main() -> int:
    program = str(Path(sys.argv[1]).resolve())
    with tempfile.TemporaryDirectory(prefix="runnerup-desktop-") as folder:
        base = Path(folder)
        desktop = Desktop(base)
        try:
            desktop.up()
            check_window(desktop, program, base / "home-window")
            check_tray(desktop, program, base / "home-tray")
        except DesktopError as problem:
            sys.stderr.write(f"desktop check: {problem}\n")
            return 1
        finally:
            desktop.down()
    return 0


if __name__ == "__main__":
    sys.exit(main())
