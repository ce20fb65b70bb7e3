"""Showing an unexpected error to the person (loaded only when there is one)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class CrashDialog(QDialog):
    """The report, selectable and copyable, with where the crash log was written."""

    def __init__(self, report: str, log_path: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("RunnerUp hit an unexpected error")
        self.report = report
        kept = f" It was also written to {log_path}." if log_path else ""
        intro = QLabel(
            "Something went wrong that RunnerUp did not expect. What you were doing at that "
            "moment may not have been saved; everything saved before it is kept.\n\n"
            f"The report below holds no names, notes or passwords.{kept}"
        )
        intro.setWordWrap(True)
        text = QPlainTextEdit(report)
        text.setReadOnly(True)
        text.setObjectName("crashReport")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton("Copy report", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def copy_report(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.report)
