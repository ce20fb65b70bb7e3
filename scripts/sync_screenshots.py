"""Render sync's windows to PNG against a real Radicale on loopback, with the demo story:
the account after *Test connection*, the status bar after a sync, and the sync log with
what a phone did (a to-do completed and one moved) and the question it raised.

QT_QPA_PLATFORM=offscreen python scripts/sync_screenshots.py docs/screenshots
(Radicale and the test servers' helpers come with the dev extras: pip install -e '.[dev]'.)
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.sync.account import sync_vault
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.main_window import MainWindow
from runnerup_desktop.ui.sync.account_dialog import SyncAccountDialog
from runnerup_desktop.ui.sync.log_dialog import SyncLogDialog
from tests.sync.conftest import MemoryKeyring, Phone
from tests.sync.dav_servers import DavServer, quiet_servers, radicale_app

PASSWORD = "an-app-password"


def wait(app: QApplication, until: object, seconds: float = 30) -> None:
    import time

    end = time.monotonic() + seconds
    while not until() and time.monotonic() < end:  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    from keyring.backend import KeyringBackend

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    quiet_servers()
    folder = Path(tempfile.mkdtemp(prefix="runnerup-sync-shots-"))
    (folder / "radicale").mkdir()
    server = DavServer("radicale", radicale_app(folder / "radicale", {"ana": PASSWORD})).start()
    store = open_store(folder / "demo.sqlite3")
    seed_demo(store.sessions)
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    context = AppContext.for_store(store, settings)

    class Backend(MemoryKeyring, KeyringBackend):
        pass

    vault = sync_vault(Backend())
    dialog = SyncAccountDialog(context, vault)
    dialog.url_edit.setText(server.url)
    dialog.user_edit.setText("ana")
    dialog.password_edit.setText(PASSWORD)
    dialog.show()
    dialog.test_connection()
    wait(app, lambda: dialog.test_button.isEnabled())
    dialog.grab().save(str(out / "sync-account.png"))
    dialog.accept()

    from runnerup_desktop.ui.shell import sync_controls

    sync_controls.sync_vault = lambda: vault  # type: ignore[assignment]
    window = MainWindow(context)
    window.resize(1440, 640)
    window.show()
    controls = sync_controls.SyncControls(window, context)
    done: list[object] = []
    controls.scheduler.finished.connect(done.append)
    controls.scheduler.sync_now()
    wait(app, lambda: done)
    phone = Phone(server, "ana", PASSWORD)
    now = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    phone.complete("One check-in on the offer", now)
    phone.move("Value message 1", dt.date.today() + dt.timedelta(days=9), now)
    controls.scheduler.sync_now()
    wait(app, lambda: len(done) == 2)
    app.processEvents()
    window.grab().save(str(out / "sync-status.png"))
    log = SyncLogDialog(context, controls.scheduler, window)
    log.resize(900, 560)
    log.show()
    app.processEvents()
    log.grab().save(str(out / "sync-log.png"))
    log.close()
    controls.stop()
    window.close()
    store.close()
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
