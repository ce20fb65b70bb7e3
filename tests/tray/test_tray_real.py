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
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from installers.linux.xdesktop import Desktop, Window, stop, wait_for
from runnerup_desktop.core.news import FollowUpValues
from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.playbook_services import PlaybookServices

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


@pytest.fixture(scope="module")
def desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desktop]:
    """Xvfb, a session bus, dunst (styled for the screenshots), dbus-monitor, trayer."""
    trayer = ("--widthtype", "percent", "--width", "100", "--transparent", "true",
              "--alpha", "0", "--tint", "0x2b3038", "--padding", "4")  # fmt: skip
    desk = Desktop(
        tmp_path_factory.mktemp("desktop"), screen="800x480x24", dunstrc=DUNSTRC, trayer=trayer
    )
    try:
        desk.up()
        yield desk
    finally:
        desk.down()


def runnerup_command() -> list[str]:
    script = Path(sys.executable).with_name("runnerup")
    return [str(script)] if script.exists() else [sys.executable, "-m", "runnerup_desktop"]


def seed(db: Path) -> list[int]:
    """Two follow-ups due (yesterday and the day before: due whatever the time of day)."""
    store = open_store(db)
    services, playbook = DirectoryServices(store.sessions), PlaybookServices(store.sessions)
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
            lambda: len(desktop.notify_calls()) >= 2 and desktop.notify_calls(), "Notify", 20
        )
        assert isinstance(calls, list)
        assert [c[0] for c in calls] == ["RunnerUp", "RunnerUp"]
        assert {c[2] for c in calls} == {
            "Follow-up due: Offer check-in",
            "Follow-up due: Share the competitor analysis",
        }
        assert "Zoë Müller, Northwind Analytics · overdue since yesterday" in {c[3] for c in calls}

        # The icon is embedded in trayer's panel, and mapped.
        found = wait_for(
            lambda: desktop.embedded_in_tray('"runnerup" "RunnerUp"'), "the tray icon", 10
        )
        assert isinstance(found, Window)
        state = desktop.run(["xwininfo", "-id", found.id])
        assert "Map State: IsViewable" in state
        assert "tray icon shown" in log.read_text()
        assert not any(w.name.startswith("RunnerUp —") for w in desktop.windows())  # no window
        if shots:
            both = wait_for(
                lambda: next(
                    (w for w in desktop.windows() if w.name == "Dunst" and w.height > 120), None
                ),
                "dunst to show both notifications",
                10,
            )
            assert isinstance(both, Window)
            screenshot_box(desktop, Path(shots) / "notification.png", both)

        # A right click opens the tray menu (the notifications wait meanwhile).
        desktop.run(["dunstctl", "set-paused", "true"])
        cx, cy = found.x + found.width // 2, found.y + found.height // 2
        desktop.run(["xdotool", "mousemove", str(cx), str(cy), "click", "3"])

        def menu() -> Window | None:
            return next(
                (
                    w
                    for w in desktop.windows()
                    if w.classes == '"runnerup" "RunnerUp"' and w.height > 100
                ),
                None,
            )

        opened = wait_for(menu, "the tray menu", 10)
        assert isinstance(opened, Window)
        if shots:
            screenshot_box(desktop, Path(shots) / "tray-menu.png", opened)
        desktop.run(["xdotool", "key", "Escape"])
        wait_for(lambda: menu() is None, "the menu to close", 10)
        desktop.run(["dunstctl", "set-paused", "false"])

        # Clicking a notification opens its follow-up in the window.
        desktop.run(["dunstctl", "action", "0"])
        wait_for(lambda: "showing follow-up" in log.read_text(), "the follow-up to open", 10)
        shown = int(re.findall(r"showing follow-up (\d+)", log.read_text())[0])
        assert shown in follow_ups
        wait_for(
            lambda: any(w.name == "RunnerUp — mine.sqlite3" for w in desktop.windows()),
            "the main window",
            10,
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
