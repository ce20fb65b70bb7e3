"""Render the data dialogs to PNG with the demo story: the File menu, the list of backups
to restore, an import's progress, and the messages after a backup, a restore, an export
(for the README and for review).

QT_QPA_PLATFORM=offscreen python scripts/screenshots_data.py docs/screenshots
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QProgressDialog

from runnerup_desktop.store.backups import AUTO, BEFORE_RESTORE, MANUAL, list_backups, take_backup
from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.ui.data.restore_dialog import RestoreDialog
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.main_window import MainWindow


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="runnerup-shots-"))
    store = open_store(folder / "runnerup.sqlite3")
    seed_demo(store.sessions)
    for kind, moment in (
        (AUTO, dt.datetime(2026, 12, 7, 9, 0)),
        (AUTO, dt.datetime(2026, 12, 6, 9, 2)),
        (MANUAL, dt.datetime(2026, 12, 5, 18, 42)),
        (AUTO, dt.datetime(2026, 11, 30, 9, 1)),
        (BEFORE_RESTORE, dt.datetime(2026, 11, 28, 20, 15)),
    ):
        take_backup(store.path, kind=kind, clock=lambda m=moment: m)
    shutil.copyfile(
        list_backups(store.path)[-1].path,
        store.path.parent / "backups" / "runnerup-schema-0003-20261101-080000.sqlite3",
    )
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext.for_store(store, settings))
    window.resize(1100, 560)
    window.show()
    app.processEvents()

    bar = window.menuBar()
    [file_action] = [a for a in bar.actions() if a.text() == "&File"]
    menu = file_action.menu()
    assert isinstance(menu, QMenu)
    menu.popup(window.mapToGlobal(bar.actionGeometry(file_action).bottomLeft() + QPoint(0, 0)))
    app.processEvents()
    menu.grab().save(str(out / "file-menu.png"))
    menu.hide()

    dialog = RestoreDialog(store.path, window)
    dialog.show()
    app.processEvents()
    dialog.grab().save(str(out / "restore.png"))
    dialog.close()

    # An import's progress, half way (the job waits while the dialog is rendered).
    gate = threading.Event()

    def job(progress):  # type: ignore[no-untyped-def]
        progress.report(46, 100)
        gate.wait(10)
        from runnerup_desktop.store.change import Change

        return Change()

    window.context.ops.run_in_background(
        window, job, label="Import runnerup-export-2026-12-07.json",
        title="Importing runnerup-export-2026-12-07.json…", undoable=False,
    )  # fmt: skip

    def shoot_progress() -> None:
        dialogs = [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
        if not dialogs or dialogs[0].value() < 46:
            QTimer.singleShot(50, shoot_progress)
            return
        dialogs[0].grab().save(str(out / "import-progress.png"))
        gate.set()

    QTimer.singleShot(0, shoot_progress)
    while not gate.is_set():
        app.processEvents()
    while window.context.ops.busy():
        app.processEvents()

    def shoot_box(name: str) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.grab().save(str(out / name))
            box.accept()
        else:
            QTimer.singleShot(50, lambda: shoot_box(name))

    QTimer.singleShot(0, lambda: shoot_box("restored.png"))
    window.data_actions.restore_file(list_backups(store.path)[2].path)
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
