"""The real thing: RunnerUp on a desktop of its own (Xvfb, a session bus) syncs the demo
story with a Xandikos server on loopback once its window is ready; a phone (the ``caldav``
library) ticks a to-do off; the person presses Ctrl+Shift+Y (Sync now), and the sync log
opens at once with the question, answered by typing.

``RUNNERUP_SCREENSHOTS=folder`` also saves the status bar and the sync log there (every
run saves them beside the test's own files).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from installers.linux.xdesktop import Desktop, Window, stop, wait_for
from runnerup_desktop.core.domain import Step
from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.store.models import FollowUp, Interaction
from runnerup_desktop.sync.account import SyncAccount
from runnerup_desktop.sync.engine import SyncEngine
from tests.sync.conftest import Phone
from tests.sync.dav_servers import DavServer
from tests.tray.test_tray_real import runnerup_command

TOOLS = ["Xvfb", "dbus-run-session", "dbus-monitor", "dbus-send", "dunst", "trayer"]
TOOLS += ["xwininfo", "xdotool"]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux", reason="an X11 desktop is a Linux matter"),
    pytest.mark.skipif(
        any(shutil.which(tool) is None for tool in TOOLS),
        reason="needs the test packages of scripts/system-deps.sh (make test installs them)",
    ),
]
SCREEN = (1280, 800)
ANSWER = "Asked Lukasz whether the offer was accepted."


@pytest.fixture
def desktop(tmp_path: Path) -> Any:
    desk = Desktop(tmp_path / "desktop", screen=f"{SCREEN[0]}x{SCREEN[1]}x24")
    desk.base.mkdir()
    try:
        desk.up()
        yield desk
    finally:
        desk.down()


def window_named(desktop: Desktop, name: str, tall: int = 200) -> Window | None:
    return next((w for w in desktop.windows() if w.name == name and w.height > tall), None)


def test_the_app_syncs_and_asks_at_the_next_look(
    desktop: Desktop, xandikos: DavServer, tmp_path: Path
) -> None:
    db = tmp_path / "mine.sqlite3"
    store = open_store(db)
    seed_demo(store.sessions)
    SyncEngine(store.sessions).save_account(SyncAccount(url=xandikos.url))
    store.close()
    env = {**desktop.env, "QT_QPA_PLATFORM": "xcb", "RUNNERUP_HOME": str(tmp_path / "home")}
    shots = [tmp_path / "shots"] + (
        [Path(os.environ["RUNNERUP_SCREENSHOTS"])] if os.environ.get("RUNNERUP_SCREENSHOTS") else []
    )
    phone = Phone(xandikos, "", None)
    with (tmp_path / "app.err").open("wb") as errors:
        app = subprocess.Popen(
            [*runnerup_command(), "--db", str(db)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            start_new_session=True,
        )
    try:
        window = wait_for(
            lambda: window_named(desktop, "RunnerUp — mine.sqlite3", 300), "the main window", 30
        )
        # The first sync, a few seconds after the window is ready: the plan is on the phone.
        wait_for(lambda: xandikos.requests["PUT"] >= 14 or None, "the first sync", 30)
        assert len(phone.todos()) == 8
        phone.complete("One check-in on the offer", dt.datetime.now(dt.UTC))
        time.sleep(0.5)
        for folder in shots:
            grab(desktop, folder / "sync-status-bar.png", window, top=window.height - 40)

        desktop.run(["xdotool", "windowfocus", "--sync", window.id])
        desktop.run(["xdotool", "key", "--window", window.id, "ctrl+shift+y"])
        log = wait_for(lambda: window_named(desktop, "Sync log"), "the sync log", 30)
        time.sleep(0.5)
        for folder in shots:
            grab(desktop, folder / "sync-log-question.png", log)
        desktop.run(["xdotool", "windowfocus", "--sync", log.id])
        desktop.run(["xdotool", "type", "--delay", "20", ANSWER])
        desktop.run(["xdotool", "key", "Return"])

        def answered() -> str | None:
            check = open_store(db)
            try:
                with check.sessions() as session:
                    done = session.scalars(
                        select(FollowUp).where(FollowUp.step == Step.OFFER_CHECK_IN)
                    ).one()
                    summary = session.scalars(
                        select(Interaction.summary).where(Interaction.follow_up_id == done.id)
                    ).first()
            finally:
                check.close()
            return summary if summary == ANSWER else None

        wait_for(answered, "the answer saved", 20)
        assert app.poll() is None
    finally:
        stop(app)
    errors_text = (tmp_path / "app.err").read_text()
    assert "Traceback" not in errors_text, errors_text
    assert (tmp_path / "shots" / "sync-log-question.png").stat().st_size > 10_000


def grab(desktop: Desktop, path: Path, around: Window, *, top: int = 0) -> None:
    left, upper = max(0, around.x), max(0, around.y + top)
    width = min(SCREEN[0] - left, around.width)
    height = min(SCREEN[1] - upper, around.height - top)
    path.parent.mkdir(parents=True, exist_ok=True)
    desktop.screenshot(path, (left, upper, width, height))
