"""The baseline for start-up: a bare PySide6 script, an empty QMainWindow with a
QTableView, that quits once the table has first painted (as ``--exit-after-startup``
does for RunnerUp's companies table), writing the time of that paint to the file after
``--startup-report`` as RunnerUp does. Run as a script, not imported."""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView


class _FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            if "--startup-report" in sys.argv:
                now = time.time()
                report = sys.argv[sys.argv.index("--startup-report") + 1]
                with open(report, "w") as file:
                    json.dump({"first_paint": now, "ready": now}, file)
            QTimer.singleShot(0, QApplication.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    table = QTableView()
    window.setCentralWidget(table)
    watcher = _FirstPaint(app)
    table.viewport().installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
