"""Render the app's windows to PNG with the demo story (for the README and for review).

QT_QPA_PLATFORM=offscreen python scripts/screenshots.py docs/screenshots
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.main_window import MainWindow


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="runnerup-shots-"))
    store = open_store(folder / "demo.sqlite3")
    seed_demo(store.sessions)
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext.for_store(store, settings))
    window.resize(1440, 640)
    window.show()
    app.processEvents()
    window.directory.select_company(1)  # Northwind, where the story happens
    app.processEvents()
    window.grab().save(str(out / "main-window.png"))
    for name, panel in (("opportunities", window.opportunities), ("timeline", window.timeline)):
        window.directory.details.setCurrentWidget(panel)
        app.processEvents()
        window.grab().save(str(out / f"{name}.png"))
    window.directory.details.setCurrentIndex(0)
    window.directory.all_contacts.setChecked(True)
    app.processEvents()
    window.grab().save(str(out / "all-contacts.png"))
    window.tabs.setCurrentWidget(window.owed)
    app.processEvents()
    window.grab().save(str(out / "owed.png"))
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
