"""The first five minutes: an empty database opens on the welcome view, which says what
RunnerUp does and offers three ways forward. Written as a person's steps (Alt+letters,
typing, Enter) in a real window over a real database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QCommandLinkButton,
    QDialog,
    QFileDialog,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from runnerup_desktop.store.database import Store
from runnerup_desktop.store.models import Company, Contact, FollowUp, Opportunity
from runnerup_desktop.ui.opportunities.news_dialog import NewsDialog
from runnerup_desktop.ui.shell.appearance import dark_palette, light_palette
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.main_window import MainWindow
from runnerup_desktop.ui.transfer.preview_dialog import ImportPreviewDialog
from runnerup_desktop.ui.welcome.story_dialog import StoryDialog
from runnerup_desktop.ui.welcome.welcome_view import PITCH
from tests.imports.real_files import thunderbird_vcards
from tests.ui.steps import back_to, when_modal

TODAY = dt.date(2026, 3, 9)


@pytest.fixture
def window(qtbot: QtBot, store: Store, tmp_path: Path) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext.for_store(store, settings, today=lambda: TODAY))
    win.start_demo = lambda: True  # the demo's own process is tested in test_demo.py
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.transfer.feed.wait()


def count(store: Store, model: type) -> int:
    with store.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_an_empty_database_opens_on_the_welcome_view_with_three_ways_forward(
    window: MainWindow,
) -> None:
    assert window.welcome_shown()
    welcome = window.welcome
    assert welcome.pitch.text() == PITCH
    assert PITCH.count(". ") + PITCH.endswith(".") == 2  # two sentences
    # Record a role, Import contacts (File ▸ Import contacts… exists now), the demo.
    assert [b.objectName() for b in welcome.ways_forward()] == [
        "recordStory",
        "importContacts",
        "openDemo",
    ]
    assert welcome.import_button.toolTip() == "File ▸ Import contacts… (Ctrl+Shift+I)"
    assert QApplication.focusWidget() is welcome.story_button


def _shown(window: MainWindow, kind: type[QWidget]) -> QWidget | None:
    """The import's step on screen now, if it is a ``kind``."""
    flow = window.transfer.flow
    dialog = flow.dialog if flow is not None else None
    return dialog if isinstance(dialog, kind) and dialog.isVisible() else None


def test_import_contacts_from_the_welcome_view_then_undo_it(
    window: MainWindow, qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A click on Import contacts; the person picks Thunderbird's address book; the
    preview, Import, the summary: the pages replace the welcome view, with the people in
    them. Ctrl+Z takes the import back, and the welcome view with it."""
    cards = tmp_path / "address-book.vcf"
    cards.write_bytes(thunderbird_vcards())
    asked: list[str] = []

    def pick(_parent: object, title: str, *_rest: object) -> tuple[str, str]:
        asked.append(title)
        return str(cards), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    button = window.welcome.import_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())
    qtbot.waitUntil(lambda: _shown(window, ImportPreviewDialog) is not None, timeout=10_000)
    assert asked == ["Import contacts"]  # File ▸ Import contacts…'s own file dialog
    preview = _shown(window, ImportPreviewDialog)
    assert isinstance(preview, ImportPreviewDialog)
    assert preview.summary.new == 2
    assert window.statusBar().currentMessage() == ""  # reading the file changed nothing
    qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _shown(window, QMessageBox) is not None, timeout=10_000)
    done = _shown(window, QMessageBox)
    assert isinstance(done, QMessageBox)
    assert done.text().startswith("address-book.vcf: added 2 contacts")
    # The status bar names the change (reading the file for the preview was none).
    assert window.statusBar().currentMessage() == "Imported contacts from address-book.vcf"
    qtbot.keyClick(done, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.welcome_shown(), timeout=3000)
    assert count(store, Contact) == 2
    assert window.undo_action.text() == "&Undo Import contacts from address-book.vcf"
    back_to(qtbot, window)
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.welcome_shown, timeout=3000)
    assert count(store, Contact) == 0


def test_alt_i_on_the_welcome_view_is_file_import_contacts(
    window: MainWindow, qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def cancel(_parent: object, title: str, *_rest: object) -> tuple[str, str]:
        asked.append(title)
        return "", ""  # the person changes their mind

    monkeypatch.setattr(QFileDialog, "getOpenFileName", cancel)
    triggered: list[bool] = []
    window.transfer.import_action.triggered.connect(lambda: triggered.append(True))
    back_to(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: asked == ["Import contacts"], timeout=2000)  # an animated click
    assert triggered == [True]  # the File menu's own action, not a copy of it
    assert count(store, Contact) == 0 and window.welcome_shown()


def test_open_the_demo_from_the_welcome_view(window: MainWindow, qtbot: QtBot) -> None:
    asked: list[str] = []

    def start() -> bool:
        asked.append("demo")
        return True

    window.start_demo = start
    back_to(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: asked == ["demo"], timeout=2000)
    assert window.statusBar().currentMessage() == "Opening the demo in a window of its own…"
    assert window.welcome_shown()  # this database is still empty


def test_record_a_role_you_came_second_for_then_the_news_then_the_plan(
    window: MainWindow, qtbot: QtBot, store: Store
) -> None:
    """Alt+R; the company, the role, who told you; Enter; the news (one gap), Enter to
    see the plan, Enter to save it: the window shows the role, with its plan."""
    seen: list[QDialog] = []

    def story(dialog: QDialog) -> None:
        assert isinstance(dialog, StoryDialog)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.company_edit, timeout=2000)
        qtbot.keyClicks(dialog.company_edit, "Northwind Analytics")
        qtbot.keyClick(dialog.company_edit, Qt.Key.Key_Tab)
        qtbot.keyClicks(QApplication.focusWidget(), "Engineering Manager")
        dialog.person_edit.setFocus()  # Alt+W, as a person would
        qtbot.keyClicks(dialog.person_edit, "Ana Lopez")
        when_modal(qtbot, news, seen)
        qtbot.keyClick(dialog.person_edit, Qt.Key.Key_Return)

    def news(dialog: QDialog) -> None:
        assert isinstance(dialog, NewsDialog)
        assert dialog.told_by_combo.currentText() == "Ana Lopez (Recruiter)"
        dialog.add_gap_button.click()
        dialog.feedback.setData(dialog.feedback.index(0, 0), "Has not led a team of 15")
        qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Return)  # Preview plan >
        assert dialog.on_plan_page()
        qtbot.keyClick(dialog.plan_view, Qt.Key.Key_Return)  # Save

    when_modal(qtbot, story, seen)
    back_to(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not window.welcome_shown(), timeout=3000)
    assert len(seen) == 2
    assert (count(store, Company), count(store, Contact), count(store, Opportunity)) == (1, 1, 1)
    assert count(store, FollowUp) > 3  # the playbook's plan from the day of the news
    directory = window.directory
    assert directory.company_view.currentIndex().data() == "Northwind Analytics"
    # The columns fit the first company once it came: its name whole, not "Northwind …".
    name_width = directory.company_view.fontMetrics().horizontalAdvance("Northwind Analytics")
    assert directory.company_view.columnWidth(0) >= name_width + 12
    assert directory.details.currentWidget() is window.opportunities
    assert window.opportunities.summary.text().count("Engineering Manager") == 1
    assert "Recorded the news" in window.statusBar().currentMessage()


def test_the_story_refuses_what_it_cannot_keep_and_loses_nothing(
    window: MainWindow, qtbot: QtBot, store: Store
) -> None:
    def story(dialog: QDialog) -> None:
        assert isinstance(dialog, StoryDialog)
        qtbot.keyClicks(dialog.role_edit, "Engineering Manager")
        qtbot.keyClick(dialog.role_edit, Qt.Key.Key_Return)  # no company yet
        assert dialog.isVisible()
        assert dialog.error_text("company") == "A company needs a name."
        assert dialog.role_edit.text() == "Engineering Manager"
        dialog.reject()

    when_modal(qtbot, story)
    window.welcome.story_button.click()
    assert count(store, Company) == 0
    assert window.welcome_shown()


def _arrow_lightness(button: QWidget) -> int:
    """How light the arrow of a way forward is, at its middle."""
    assert isinstance(button, QCommandLinkButton)
    image = button.icon().pixmap(QSize(48, 48)).toImage()
    return QColor(image.pixel(image.width() // 2, image.height() // 2)).lightness()


def test_the_ways_forward_keep_their_arrows_seen_in_dark_mode(window: MainWindow) -> None:
    """Qt's own arrow is a black bitmap, lost on a dark window: the welcome view draws its
    arrows in the palette's text colour, and again when the palette turns."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    buttons = window.welcome.ways_forward()
    try:
        app.setPalette(light_palette())
        assert all(_arrow_lightness(button) < 80 for button in buttons)
        app.setPalette(dark_palette())
        assert all(_arrow_lightness(button) > 170 for button in buttons)
    finally:
        app.setPalette(before)
