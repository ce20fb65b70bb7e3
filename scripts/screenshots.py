"""Render the app's windows to PNG (for the README and for review): the welcome view on an
empty database, then the demo story in the main window, light and dark, and at 800x600.

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
from runnerup_desktop.ui.shell.appearance import dark_palette
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.main_window import MainWindow

NORTHWIND = 1  # where the demo's story happens


def window_over(folder: Path, name: str, demo: bool) -> MainWindow:
    store = open_store(folder / f"{name}.sqlite3")
    if demo:
        seed_demo(store.sessions)
    settings = QSettings(str(folder / f"{name}.ini"), QSettings.Format.IniFormat)
    return MainWindow(AppContext.for_store(store, settings))


def shoot(app: QApplication, window: MainWindow, path: Path) -> None:
    app.processEvents()
    window.grab().save(str(path))


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="runnerup-shots-") as name:
        shoot_all(app, Path(name), out)
    return 0


def shoot_all(app: QApplication, folder: Path, out: Path) -> None:
    first = window_over(folder, "empty", demo=False)
    first.resize(1100, 640)
    first.show()
    shoot(app, first, out / "welcome.png")
    first.close()

    window = window_over(folder, "demo", demo=True)
    window.resize(1440, 640)
    window.show()
    window.directory.select_company(NORTHWIND)
    shoot(app, window, out / "main-window.png")
    window.directory.details.setCurrentIndex(0)
    window.directory.all_contacts.setChecked(True)
    shoot(app, window, out / "all-contacts.png")
    window.directory.all_contacts.setChecked(False)
    window.directory.select_company(NORTHWIND)

    style, palette = app.style().name(), app.palette()
    app.setStyle("fusion")
    app.setPalette(dark_palette())
    shoot(app, window, out / "main-window-dark.png")
    window.show_page(1)
    shoot(app, window, out / "calendar-dark.png")
    app.setStyle(style)
    app.setPalette(palette)

    window.show_page(0)
    window.resize(800, 600)
    window.directory.details.setCurrentWidget(window.opportunities)
    shoot(app, window, out / "small-window.png")
    window.close()


if __name__ == "__main__":
    sys.exit(main())
