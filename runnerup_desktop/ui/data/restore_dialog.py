"""File ▸ Restore…: the backups of the open database, newest first, each with its date,
its kind and what it holds; or another file. Choosing one is all this dialog does: the
restore itself is :class:`~runnerup_desktop.ui.data.data_actions.DataActions`'s."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from runnerup_desktop.store.backups import (
    AUTO,
    BEFORE_RESTORE,
    BEFORE_UPGRADE,
    MANUAL,
    Backup,
    backup_folder,
    list_backups,
    summarize,
)

KIND_WORDS = {
    AUTO: "Automatic",
    MANUAL: "Yours",
    BEFORE_RESTORE: "Before a restore",
    BEFORE_UPGRADE: "Before an upgrade",
}
COLUMNS = ("Taken", "Kind", "Companies", "Contacts", "Follow-ups")


def when(backup: Backup) -> str:
    """``Mon 7 Dec 2026, 21:30``."""
    moment = backup.taken_at
    return f"{moment:%a} {moment.day} {moment:%b %Y, %H:%M}"


class RestoreDialog(QDialog):
    """:attr:`chosen` is the backup file to restore once the dialog is accepted."""

    def __init__(self, db: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle("Restore from a backup")
        self.chosen: Path | None = None
        self._db = db
        self.backups = list_backups(db)
        intro = QLabel(
            "Restoring puts a backup in place of everything RunnerUp holds now. What it "
            "holds now is backed up first, so restoring that backup takes this back."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.backups), len(COLUMNS))
        self.table.setObjectName("backups")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName("Backups")
        for row, backup in enumerate(self.backups):
            self._fill(row, backup)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = QLabel(
            f"There are no backups of {db.name} yet in {backup_folder(db)}. "
            "Choose a backup file with “Other file…”."
        )
        self.empty.setWordWrap(True)
        self.empty.setVisible(not self.backups)
        self.table.setVisible(bool(self.backups))
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton("&Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.other_button = QPushButton("&Other file…")
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button.clicked.connect(self._restore_selected)
        self.other_button.clicked.connect(self._other_file)
        buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self._restore_selected())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.resize(640, 380)
        if self.backups:
            self.table.selectRow(0)
            self.table.setFocus()
        self._selection_changed()

    def _fill(self, row: int, backup: Backup) -> None:
        summary = summarize(backup.path)
        cells = [when(backup), KIND_WORDS.get(backup.kind, backup.kind)]
        if summary is None:
            cells += ["cannot be read", "", ""]
        else:
            cells += [f"{summary.companies:,}", f"{summary.contacts:,}", f"{summary.follow_ups:,}"]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column >= 2:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(str(backup.path))
            self.table.setItem(row, column, item)

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def _restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.chosen = self.backups[rows[0].row()].path
            self.accept()

    def _other_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            "Restore from a backup file",
            str(backup_folder(self._db)),
            "RunnerUp databases (*.sqlite3 *.sqlite *.db);;All files (*)",
        )
        if name:
            self.chosen = Path(name)
            self.accept()
