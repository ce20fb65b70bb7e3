"""What an empty database opens on: what RunnerUp does, and three ways forward.

*Record a role you came second for* (:mod:`.story_dialog`, then *Record the news*),
*Import contacts* (the window's File ▸ Import contacts…, given by
:meth:`WelcomeView.offer_import`; hidden, not dead, until it is), and *Open the demo*.
The window shows this view while the database holds no company and no contact
(:attr:`WelcomeView.emptiness_changed`), and its pages once it holds one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from runnerup_desktop import APP_NAME
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.welcome_queries import is_empty
from runnerup_desktop.ui.common import icons
from runnerup_desktop.ui.common.colors import follow_palette, tint_text
from runnerup_desktop.ui.opportunities.news_dialog import NewsDialog
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.welcome.story_dialog import StoryDialog

#: What RunnerUp does, in two sentences.
PITCH = (
    "You came second for a job you still want, and companies do come back to their #2. "
    f"{APP_NAME} turns “we chose someone else” into a dated plan of follow-ups, reminds "
    "you when each is due, and warns you before a touch would read as stalking."
)
FOOTER = (
    "Or start with a company of your own: File ▸ New company… (Ctrl+N). "
    "Help ▸ Getting started (F1) explains the rest."
)
#: The widest the view's column of text and buttons grows.
COLUMN_WIDTH = 620


def _way(title: str, description: str, name: str) -> QCommandLinkButton:
    button = QCommandLinkButton(title, description)
    button.setObjectName(name)
    return button


class WelcomeView(QWidget):
    #: The story was recorded: show it (opportunity id, company id).
    story_recorded = Signal(int, int)
    #: The person asked for the demo.
    demo_requested = Signal()
    #: The database became empty (True) or not (False).
    emptiness_changed = Signal(bool)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeView")
        self._ctx = ctx
        self._empty = self._read_empty()
        #: Runs a dialog; tests replace it to fill the dialog in.
        self.exec_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec()
        self.title = QLabel(f"Welcome to {APP_NAME}")
        self.title.setObjectName("welcomeTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.pitch = QLabel(PITCH)
        self.pitch.setObjectName("welcomePitch")
        self.pitch.setWordWrap(True)
        self.story_button = _way(
            "&Record a role you came second for",
            "The company, the role and who told you; then the news and the feedback. "
            "The playbook plans your follow-ups from that day.",
            "recordStory",
        )
        self.import_button = _way(
            "&Import contacts",
            "The people you met, from LinkedIn, your phone or your address book.",
            "importContacts",
        )
        self.import_button.hide()  # until the window gives its import: offer_import()
        self.demo_button = _way(
            "Open the &demo",
            "A runner-up story on a temporary database, in a window of its own. Try "
            "anything: nothing of yours changes, and it is gone when you close it.",
            "openDemo",
        )
        self.footer = QLabel(FOOTER)
        self.footer.setObjectName("welcomeFooter")
        self.footer.setWordWrap(True)
        tint_text(self.footer, "note")
        self._build()
        follow_palette(self, self._draw_arrows)
        self.story_button.clicked.connect(self.record_story)
        self.demo_button.clicked.connect(self.demo_requested)
        ctx.changes.applied.connect(self._applied)

    def _build(self) -> None:
        column = QFrame()
        column.setObjectName("welcomeColumn")
        column.setMaximumWidth(COLUMN_WIDTH)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(24, 24, 24, 24)
        inner.setSpacing(12)
        inner.addWidget(self.title)
        inner.addWidget(self.pitch)
        inner.addSpacing(8)
        for button in (self.story_button, self.import_button, self.demo_button):
            inner.addWidget(button)
        inner.addSpacing(8)
        inner.addWidget(self.footer)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self.setFocusProxy(self.story_button)
        QWidget.setTabOrder(self.story_button, self.import_button)
        QWidget.setTabOrder(self.import_button, self.demo_button)
        self.title.setAlignment(Qt.AlignmentFlag.AlignLeft)

    def _draw_arrows(self) -> None:
        # The application's palette: when it turns, this widget's may not have yet.
        arrow = icons.arrow_icon(QGuiApplication.palette().color(QPalette.ColorRole.ButtonText))
        for button in (self.story_button, self.import_button, self.demo_button):
            button.setIcon(arrow)

    # --- the ways forward ----------------------------------------------------------------
    def ways_forward(self) -> list[QCommandLinkButton]:
        """The buttons a person can press now, in order."""
        buttons = (self.story_button, self.import_button, self.demo_button)
        return [button for button in buttons if not button.isHidden()]

    def offer_import(self, import_action: QAction) -> None:
        """Show *Import contacts*, which triggers ``import_action`` (File ▸ Import
        contacts…): one way to import, whichever door the person takes."""
        self.import_button.clicked.connect(import_action.trigger)
        keys = import_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.import_button.setToolTip(f"File ▸ Import contacts… ({keys})" if keys else "")
        self.import_button.show()

    def record_story(self) -> bool:
        """The company, the role and who told you; then the news. Whether it was recorded."""
        dialog = StoryDialog(self._ctx, self.window())
        try:
            self.exec_dialog(dialog)
            ids = dialog.ids
        finally:
            dialog.deleteLater()
        if ids is None:
            return False
        news = NewsDialog(self._ctx, ids.opportunity_id, self.window())
        if ids.contact_id is not None:
            news.told_by_combo.setCurrentIndex(news.told_by_combo.findData(ids.contact_id))
        try:
            self.exec_dialog(news)
        finally:
            news.deleteLater()
        self.story_recorded.emit(ids.opportunity_id, ids.company_id)
        return True

    # --- whether there is anything yet ---------------------------------------------------
    def database_empty(self) -> bool:
        return self._empty

    def _read_empty(self) -> bool:
        with self._ctx.sessions() as session:
            return is_empty(session)

    def _applied(self, change: Change, _initiator: object) -> None:
        if not (change.companies or change.contacts or change.deleted or change.everything):
            return
        empty = self._read_empty()
        if empty != self._empty:
            self._empty = empty
            self.emptiness_changed.emit(empty)
