"""The crash dialog shows a copyable report."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QMessageLogger
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from runnerup_desktop.ui.shell.crash_dialog import CrashDialog
from runnerup_desktop.ui.shell.qt_log import route_qt_messages


def test_report_is_shown_and_copied(qtbot: QtBot) -> None:
    dialog = CrashDialog("RunnerUp 0.1.0 crashed\nbuiltins.ValueError: '…'\n", "/tmp/crash.log")
    qtbot.addWidget(dialog)
    text = dialog.findChild(QPlainTextEdit, "crashReport")
    assert text is not None and text.isReadOnly()
    assert "ValueError" in text.toPlainText()
    dialog.copy_report()
    assert QGuiApplication.clipboard().text() == dialog.report


def test_qt_messages_reach_python_logging(qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    route_qt_messages()
    try:
        with caplog.at_level(logging.INFO, logger="qt"):
            QMessageLogger().info("hello from Qt")
        assert any("hello from Qt" in r.getMessage() for r in caplog.records)
    finally:
        from PySide6.QtCore import qInstallMessageHandler

        qInstallMessageHandler(None)
