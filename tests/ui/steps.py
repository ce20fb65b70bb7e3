"""A person's steps in a window: answering the next modal dialog, typing, pressing keys."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot


def when_modal(
    qtbot: QtBot, act: Callable[[QDialog], None], seen: list[QDialog] | None = None
) -> None:
    """Run ``act`` on the next modal dialog once it is shown (``seen`` collects it)."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.isVisible():
            if seen is not None:
                seen.append(dialog)
            try:
                act(dialog)
            except BaseException:
                dialog.reject()  # a failed step must not leave a modal open: the test hangs
                raise
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def answer_box(button_text: str, texts: list[str] | None = None) -> Callable[[QDialog], None]:
    """Click the button reading ``button_text`` in a message box (``texts`` collects its text)."""

    def act(dialog: QDialog) -> None:
        assert isinstance(dialog, QMessageBox), type(dialog).__name__
        if texts is not None:
            texts.append(dialog.text())
        for button in dialog.buttons():
            if button.text().replace("&", "") == button_text:
                button.click()
                return
        raise AssertionError(f"no {button_text!r} in {[b.text() for b in dialog.buttons()]}")

    return act


def type_and_enter(qtbot: QtBot, field: str, text: str) -> Callable[[QDialog], None]:
    """Type ``text`` into the dialog's field named ``field``, then press Enter."""
    from PySide6.QtCore import Qt

    def act(dialog: QDialog) -> None:
        widget = dialog.findChild(QWidget, field)
        assert widget is not None, field
        widget.setFocus()
        qtbot.keyClicks(widget, text)
        qtbot.keyClick(widget, Qt.Key.Key_Return)

    return act


def back_to(qtbot: QtBot, window: QWidget) -> None:
    """The person is back in ``window`` after a dialog closed (its window active again)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)


def click_in_box(
    button_text: str, seen: list[tuple[str, str, list[str]]]
) -> Callable[[QMessageBox], None]:
    """The person reads a message box (``seen`` collects its title, text and buttons),
    then clicks the button reading ``button_text``."""

    def act(box: QMessageBox) -> None:
        labels = [b.text() for b in box.buttons()]
        seen.append((box.windowTitle(), box.text(), labels))
        for button in box.buttons():
            if button.text().replace("&", "") == button_text:
                button.click()
                return
        raise AssertionError(f"no {button_text!r} in {labels}")

    return act
