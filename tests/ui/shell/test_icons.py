"""At 200 % (``QT_SCALE_FACTOR=2``) every icon of the window is drawn from an SVG or from a
bitmap at least twice the size shown: the window's own icon, the toolbar's, the welcome
view's arrows and the tray's.

Run in a process of its own, as the person's session would start it at that scale.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from runnerup_desktop.ui.common import icons

PROBE = r"""
import json, sys, tempfile
from pathlib import Path
from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.main_window import MainWindow
from runnerup_desktop.ui.shell.startup import app_icon
from runnerup_desktop.ui.tray.tray import badge_pixmap
folder = Path(tempfile.mkdtemp(dir=sys.argv[1]))
store = open_store(folder / "demo.sqlite3")
seed_demo(store.sessions)
app.setWindowIcon(app_icon())
settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
window = MainWindow(AppContext.for_store(store, settings))
window.show()
app.processEvents()
dpr = window.devicePixelRatio()
shown = []
def look(what, icon, size):
    pixmap = icon.pixmap(QSize(size, size), dpr)
    sizes = [s.width() for s in icon.availableSizes()]
    shown.append({"what": what, "size": size, "dpr": dpr, "pixmap": pixmap.width(),
                  "largest": max(sizes) if sizes else None, "null": icon.isNull()})
for size in (16, 24, 32, 48):
    look("window", window.windowIcon(), size)
toolbar = window.findChild(type(window.addToolBar("x")), "mainToolbar")
for action in toolbar.actions():
    look("toolbar: " + action.text(), action.icon(), toolbar.iconSize().width())
for button in window.welcome.ways_forward():
    look("welcome: " + button.text(), button.icon(), button.iconSize().width())
tray = badge_pixmap(app.windowIcon(), 3, size=int(24 * dpr))
shown.append({"what": "tray", "size": 24, "dpr": dpr, "pixmap": tray.width(), "largest": None,
              "null": tray.isNull()})
print(json.dumps(shown))
store.close()
"""


def test_every_icon_is_sharp_at_twice_the_scale(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    toolbar = [icon for icon in shown if icon["what"].startswith("toolbar")]
    assert len(toolbar) == 3  # New, Edit and Delete, each with an icon
    assert len([icon for icon in shown if icon["what"].startswith("welcome")]) == 3
    for icon in shown:
        assert icon["dpr"] == 2.0
        assert not icon["null"], icon
        wanted = icon["size"] * 2
        # Drawn at twice the size: from an SVG (no fixed sizes), or a bitmap that big.
        assert icon["pixmap"] >= wanted, icon
        assert icon["largest"] is None or icon["largest"] >= wanted, icon


def test_the_bundled_icons_are_svgs() -> None:
    for name in (icons.NEW, icons.EDIT, icons.DELETE, icons.DONE, icons.SNOOZE, icons.COMPOSE):
        path = icons.bundled(name)
        assert path.is_file() and path.read_text().lstrip().startswith("<svg"), name
