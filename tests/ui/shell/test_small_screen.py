"""On an 800x600 screen the window's first run and its largest dialogs (Preferences, whose
rows then scroll above its buttons, included) open within the screen, frame and title bar
included: a window past the screen's edges keeps its buttons
out of reach, and window managers do not always move it back (openbox did not).

Run in a process of its own, on Qt's offscreen screen set to 800x600 (its default is
larger), as a person's session on a small desk would start it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCREEN = {
    "synchronousWindowSystemEvents": False,
    "windowFrameMargins": True,
    "screens": [
        {
            "name": "small",
            "x": 0,
            "y": 0,
            "width": 800,
            "height": 600,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        }
    ],
}

PROBE = r"""
import json, sys, tempfile
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from sqlalchemy import select
from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.store.models import Opportunity
from runnerup_desktop.ui.opportunities.news_dialog import NewsDialog
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.help import GettingStartedDialog
from runnerup_desktop.ui.shell.main_window import MainWindow
from runnerup_desktop.ui.shell.preferences_dialog import PreferencesDialog
folder = Path(tempfile.mkdtemp(dir=sys.argv[1]))
store = open_store(folder / "demo.sqlite3")
seed_demo(store.sessions)
settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
window = MainWindow(AppContext.for_store(store, settings))
window.show()
app.processEvents()
with store.sessions() as session:
    opportunity = session.scalars(select(Opportunity.id)).first()
room = app.primaryScreen().availableGeometry()
shown = {"screen": [room.width(), room.height()], "windows": []}
def look(what, widget):
    widget.show()
    app.processEvents()
    frame = widget.frameGeometry()
    shown["windows"].append({"what": what, "size": [frame.width(), frame.height()]})
look("window", window)
look("getting started", GettingStartedDialog(window))
look("record the news", NewsDialog(window.context, opportunity, window))
context = window.context
look("preferences", PreferencesDialog(context.settings, window, profiles=context.services.profiles,
                                      run=context.ops.runner(window)))
print(json.dumps(shown))
store.close()
"""


def test_the_window_and_its_largest_dialogs_open_within_an_800_by_600_screen(
    tmp_path: Path,
) -> None:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps(SCREEN))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["screen"] == [800, 600]
    # The window asks for 1200x720, Getting started for 620x640, the news for 960x620.
    assert [w["what"] for w in shown["windows"]] == [
        "window",
        "getting started",
        "record the news",
        "preferences",
    ]
    for window in shown["windows"]:
        width, height = window["size"]
        assert width <= 800 and height <= 600, window
