"""Render the import's preview and its column-mapping step to PNG, over the demo story.

QT_QPA_PLATFORM=offscreen python scripts/import_screenshots.py docs/screenshots
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog

from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.main_window import MainWindow

CONNECTIONS = [
    (
        "Zoë",
        "Müller",
        "zoe-muller-9",
        "zoe.mueller@northwind.example",
        "Northwind Analytics",
        "Engineering Lead",
        "12 Mar 2024",
    ),
    ("Priya", "Raman", "priya-raman", "", "Fjordline Logistics", "Head of Platform", "03 Jan 2022"),
    ("Mateo", "García", "mateo-garcia-dev", "", "Globex", "Staff Engineer", "24 Aug 2023"),
    ("Aiko", "Tanaka", "aiko-tanaka", "", "Globex", "Recruiter", "30 Nov 2019"),
    ("Jonas", "Berg", "jonas-berg", "", "Initech", "CTO", "15 Mar 2024"),
    ("Fatima", "Zahra", "fatima-zahra", "", "", "Independent consultant", "01 Feb 2021"),
    ("", "", "", "", "Umbrella", "", "02 Feb 2022"),
    ("Lea", "Novak", "lea-novak", "", "Hooli", "Product Manager, Data", "09 Sep 2020"),
    ("Mateo", "García", "mateo-garcia-dev", "", "Globex", "Staff Engineer", "24 Aug 2023"),
    ("Ömer", "Yıldız", "omer-yildiz", "", "Cedar & Stone Health", "Talent Partner", "17 May 2023"),
]
NOTES = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email '
    'addresses are missing."\n\n'
)


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="runnerup-shots-"))
    store = open_store(folder / "demo.sqlite3")
    seed_demo(store.sessions)
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext.for_store(store, settings))
    window.resize(1200, 700)
    window.show()
    app.processEvents()

    import csv
    import io

    text = io.StringIO()
    text.write(NOTES)
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    )
    for first, last, slug, *rest in CONNECTIONS:
        url = f"https://www.linkedin.com/in/{slug}" if slug else ""
        writer.writerow([first, last, url, *rest])
    linkedin = folder / "Connections.csv"
    linkedin.write_text(text.getvalue(), encoding="utf-8")
    shot(app, window, linkedin, out / "import-preview.png", tick="Globex")

    tracker = folder / "huntr-contacts.csv"
    tracker.write_text(
        "Full Name;Organisation;Role title;Mail;Phone;Tags;Last contacted\n"
        "Ana Lopez;Acme Robotics;Head of Data;ana@acme.example;+34 600 123 456;warm;2026-01-12\n"
        "Rui Costa;Northwind Analytics;Talent Partner;;;referral;2025-11-30\n"
        "Sara Nakamura;Initech;Recruiter;sara@initech.example;;;\n",
        encoding="utf-8",
    )
    shot(app, window, tracker, out / "import-mapping.png")
    window.close()
    store.close()
    return 0


def shot(app: QApplication, window: MainWindow, path: Path, target: Path, tick: str = "") -> None:
    flow = window.transfer.import_contacts(path)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        app.processEvents()
        dialog = flow.dialog
        if isinstance(dialog, QDialog) and dialog.isVisible():
            break
        time.sleep(0.02)
    dialog = flow.dialog
    assert isinstance(dialog, QDialog), "the step did not show"
    if tick:
        from runnerup_desktop.ui.transfer.preview_dialog import ImportPreviewDialog

        assert isinstance(dialog, ImportPreviewDialog)
        for n in range(dialog.companies.count()):
            item = dialog.companies.item(n)
            if item.text().startswith(tick):
                from PySide6.QtCore import Qt

                item.setCheckState(Qt.CheckState.Checked)
    for _ in range(5):
        app.processEvents()
    dialog.grab().save(str(target))
    dialog.reject()
    app.processEvents()


if __name__ == "__main__":
    sys.exit(main())
