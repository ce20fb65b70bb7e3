"""The real thing: RunnerUp on a desktop of its own finds the role re-posted on a job board
served on loopback, notifies through the D-Bus notification service, and shows the banner
and the Job boards page.

``RUNNERUP_SCREENSHOTS=docs/screenshots`` also saves the notification, the banner and the
Job boards page (every run saves them beside the test's own files).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from installers.linux.xdesktop import Desktop, Window, stop, wait_for
from runnerup_desktop.core.domain import ContactRole, JobLevel
from runnerup_desktop.core.news import NewsInput
from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.store.watch_services import WatchServices
from tests.tray.test_tray_real import DUNSTRC, runnerup_command
from tests.watch.board_server import BoardServer, listing

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
PATH = "/v1/boards/northwind/jobs"


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[Desktop]:
    trayer = ("--widthtype", "percent", "--width", "100", "--transparent", "true",
              "--alpha", "0", "--tint", "0x2b3038", "--padding", "4")  # fmt: skip
    desk = Desktop(tmp_path / "desktop", screen=f"{SCREEN[0]}x{SCREEN[1]}x24", dunstrc=DUNSTRC,
                   trayer=trayer)  # fmt: skip
    desk.base.mkdir()
    try:
        desk.up()
        yield desk
    finally:
        desk.down()


def seed(db: Path, board_root: str) -> None:
    """Northwind Analytics: came second for Engineering Manager, Data Platform 47 days ago;
    its Greenhouse board watched; the posting on it published today."""
    today = dt.date.today()
    store = open_store(db)
    directory, playbook = DirectoryServices(store.sessions), PlaybookServices(store.sessions)
    company_id, _ = directory.add_company(
        {"name": "Northwind Analytics", "location": "Lisbon", "industry": "Data platforms"}
    )
    directory.add_contact(
        {"company_id": company_id, "name": "Hana Kobayashi", "role": ContactRole.HIRING_MANAGER}
    )
    recruiter, _ = directory.add_contact(
        {"company_id": company_id, "name": "Łukasz Wróbel", "role": ContactRole.RECRUITER}
    )
    opportunity, _ = playbook.add_opportunity(
        {
            "company_id": company_id,
            "title": "Engineering Manager, Data Platform",
            "job_level": JobLevel.MIDDLE_MANAGEMENT,
        }
    )
    news = NewsInput(news_on=today - dt.timedelta(days=47), told_by_id=recruiter)
    playbook.record_news(opportunity, news, playbook.preview_news(opportunity, news))
    WatchServices(store.sessions).set_board(
        company_id, "https://boards.greenhouse.io/northwind", True
    )
    store.close()


def test_a_repost_is_notified_and_shown_on_a_real_desktop(desktop: Desktop, tmp_path: Path) -> None:
    board = BoardServer()
    data = listing("greenhouse")
    data["jobs"][0]["updated_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    data["jobs"][0]["first_published"] = data["jobs"][0]["updated_at"]
    board.serve_json(PATH, data)
    seed(tmp_path / "mine.sqlite3", board.root)
    home = tmp_path / "home"
    env = {
        **desktop.env,
        "QT_QPA_PLATFORM": "xcb",
        "RUNNERUP_HOME": str(home),
        "RUNNERUP_GREENHOUSE_API": board.root,
    }
    shots = [tmp_path / "shots"] + (
        [Path(os.environ["RUNNERUP_SCREENSHOTS"])] if os.environ.get("RUNNERUP_SCREENSHOTS") else []
    )
    with (tmp_path / "app.err").open("wb") as errors:
        app = subprocess.Popen(
            [*runnerup_command(), "--db", str(tmp_path / "mine.sqlite3")],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            start_new_session=True,
        )
    try:
        # At start-up the board (never checked) is checked, and the finding is notified.
        calls = wait_for(
            lambda: [c for c in desktop.notify_calls() if c[2] == "The role is posted again"],
            "the notification",
            30,
        )
        [call] = calls
        assert call[3] == (  # the body's first line (dbus-monitor shows it line by line)
            "Northwind Analytics posted Engineering Manager - Data Platform again, 47 days "
            "after the offer went to someone else, inside the 90-day window."
        )
        link = "https://job-boards.greenhouse.io/northwind/jobs/4012001"
        assert link in desktop.notify_log.read_text()
        assert board.paths() == [PATH]
        note = wait_for(
            lambda: next(
                (w for w in desktop.windows() if w.name == "Dunst" and w.height > 40), None
            ),
            "dunst to show it",
            10,
        )
        assert isinstance(note, Window)
        for folder in shots:
            grab(desktop, folder / "watch-notification.png", note, margin=24)

        # The window shows the banner; Ctrl+4 shows the Job boards page.
        window = wait_for(
            lambda: next(
                (
                    w
                    for w in desktop.windows()
                    if w.name == "RunnerUp — mine.sqlite3" and w.height > 300
                ),
                None,
            ),
            "the main window",
            20,
        )
        assert isinstance(window, Window)
        time.sleep(1.0)  # the banner appears once the round's findings reach the window
        desktop.run(["dunstctl", "close-all"])
        for folder in shots:
            grab(desktop, folder / "watch-banner.png", window, height=260)
        desktop.run(["xdotool", "windowfocus", "--sync", window.id])
        desktop.run(["xdotool", "key", "--window", window.id, "ctrl+4"])
        time.sleep(1.0)
        for folder in shots:
            grab(desktop, folder / "job-boards.png", window)
        assert app.poll() is None
    finally:
        stop(app)
        board.close()
    errors_text = (tmp_path / "app.err").read_text()
    assert "Traceback" not in errors_text, errors_text
    assert (tmp_path / "shots" / "job-boards.png").stat().st_size > 10_000


def grab(desktop: Desktop, path: Path, around: Window, *, margin: int = 0, height: int = 0) -> None:
    left, top = max(0, around.x - margin), max(0, around.y - margin)
    width = min(SCREEN[0] - left, around.width + 2 * margin)
    tall = height or around.height + 2 * margin
    path.parent.mkdir(parents=True, exist_ok=True)
    time.sleep(0.3)  # let the last paint land
    desktop.screenshot(path, (left, top, width, min(SCREEN[1] - top, tall)))
