"""File ▸ Export ▸ Keep the calendar up to date in a folder…: where ``RunnerUp.ics`` is
kept, and how date-only follow-ups appear in it (a preference the one-off export uses
too). Saving writes the file at once and says where it is, or why it could not be."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from runnerup_desktop.ui.common.forms import WrappedLabel, error_palette
from runnerup_desktop.ui.common.settings import CALENDAR_FOLDER, CALENDAR_UNTIMED, AppSettings
from runnerup_desktop.ui.transfer.calendar_feed import FEED_NAME, CalendarFeed


class CalendarFolderDialog(QDialog):
    def __init__(self, settings: AppSettings, feed: CalendarFeed, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarFolder")
        self.setWindowTitle("Keep the calendar up to date")
        self._settings = settings
        self._feed = feed
        folder = settings.get(CALENDAR_FOLDER)
        intro = WrappedLabel()
        intro.setText(
            f"RunnerUp keeps {FEED_NAME} in this folder up to date with every planned "
            "follow-up. Subscribe to it from a calendar app, or choose a folder your phone "
            "syncs (Nextcloud, Syncthing, Dropbox), to see the plan there."
        )
        self.keep = QCheckBox("&Keep a calendar file in:")
        self.keep.setObjectName("keepCalendar")
        self.keep.setChecked(bool(folder))
        self.folder = QLineEdit(folder or str(Path.home()))
        self.folder.setObjectName("calendarFolderPath")
        browse = QPushButton("&Choose…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.events = QRadioButton("as all-day &events, with an alarm at my reminder time")
        self.todos = QRadioButton("as &to-dos, with an alarm at my reminder time")
        self.events.setObjectName("untimedEvents")
        self.todos.setObjectName("untimedTodos")
        group = QButtonGroup(self)
        group.addButton(self.events)
        group.addButton(self.todos)
        (self.todos if settings.get(CALENDAR_UNTIMED) == "todo" else self.events).setChecked(True)
        self.problem = WrappedLabel()
        self.problem.setObjectName("calendarProblem")
        self.problem.setPalette(error_palette(self.problem.palette()))
        self.problem.setText(feed.problem)
        self.problem.setVisible(bool(feed.problem))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.keep)
        layout.addLayout(row)
        layout.addWidget(QLabel("Date-only follow-ups (here and in File ▸ Export):"))
        layout.addWidget(self.events)
        layout.addWidget(self.todos)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        feed.written.connect(self._written)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, "Folder for the calendar", self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def _save(self) -> None:
        folder = Path(self.folder.text().strip()).expanduser()
        if self.keep.isChecked() and not folder.is_dir():
            self._show_problem(f"{folder} is not a folder: choose one that exists.")
            return
        self._settings.set(CALENDAR_UNTIMED, "todo" if self.todos.isChecked() else "event")
        self._settings.set(CALENDAR_FOLDER, str(folder) if self.keep.isChecked() else "")
        if self.keep.isChecked():
            self._feed.write_now()
        self.accept()

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _written(self, problem: str) -> None:
        if self.isVisible():
            self._show_problem(problem)
