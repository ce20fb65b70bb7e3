"""The tray icon (with a badge counting due follow-ups) and, where there is no tray, the
banner that shows the same reminders inside the window.

Both only show what they are given (:meth:`Tray.set_due`, :meth:`ReminderBanner.set_due`:
how many are due and the first few of them) and say what the person asked for through
signals; the reminder service decides what is due.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject, QRectF, Qt, QTime, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QSystemTrayIcon,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from runnerup_desktop import APP_NAME
from runnerup_desktop.core.reminders import DUE_SHOWN, due_summary
from runnerup_desktop.core.text import isolate
from runnerup_desktop.store.agenda_queries import NOTHING_DUE, AgendaItem, DueNow
from runnerup_desktop.ui.common.colors import BADGE, follow_palette, tone
from runnerup_desktop.ui.common.forms import WrappedLabel
from runnerup_desktop.ui.common.settings import (
    CLOSE_TO_TRAY,
    REMINDER_TIME,
    START_AT_LOGIN,
    AppSettings,
    reminder_time,
)

#: The tray menu names this many due follow-ups (all a look names), then offers the rest
#: on the calendar.
MENU_ITEMS = DUE_SHOWN
MENU_TEXT = 60
#: The banner names this many, then says "and N more".
BANNER_NAMES = 3
BADGE_RED, BADGE_TEXT = (QColor(color) for color in BADGE)


def badge_pixmap(icon: QIcon, count: int, size: int = 64) -> QPixmap:
    """The app icon with the count in a red disc at its top right (no disc for 0)."""
    pixmap = icon.pixmap(size, size)
    if pixmap.isNull():
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
    pixmap.setDevicePixelRatio(1.0)
    if count <= 0:
        return pixmap
    text = str(count) if count < 100 else "99+"
    diameter = size * (0.58 if len(text) < 3 else 0.7)
    disc = QRectF(size - diameter, 0, diameter, diameter)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(BADGE_TEXT, max(1.0, size / 32)))
    painter.setBrush(BADGE_RED)
    painter.drawEllipse(disc.adjusted(1, 1, -1, -1))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(diameter * (0.62 if len(text) == 1 else 0.48)))
    painter.setFont(font)
    painter.setPen(BADGE_TEXT)
    painter.drawText(disc, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return pixmap


def menu_text(item: AgendaItem) -> str:
    """One due follow-up as a menu entry: ``"Offer check-in — Ana Lopez, Acme"``."""
    place = f"{isolate(item.contact)}, {isolate(item.company)}" if item.contact else item.company
    text = f"{isolate(item.title)} — {place if item.contact else isolate(place)}"
    if len(text) > MENU_TEXT:
        text = text[: MENU_TEXT - 1].rstrip() + "…"
    return text.replace("&", "&&")


class Tray(QObject):
    """The tray icon and its menu: Open, the due follow-ups, Snooze all, Quit."""

    open_window = Signal()
    open_follow_up = Signal(int)
    open_calendar = Signal()
    snooze_all = Signal()
    quit = Signal()

    def __init__(self, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._base = icon
        self.icon = QSystemTrayIcon(icon, self)
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.count = 0
        self.set_due(NOTHING_DUE)

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def set_due(self, due: DueNow) -> None:
        self.count = due.count
        self.icon.setIcon(QIcon(badge_pixmap(self._base, self.count)))
        self.icon.setToolTip(f"{APP_NAME}: {due_summary(self.count)}")
        self._fill_menu(due)

    def _fill_menu(self, due: DueNow) -> None:
        menu = self.menu
        menu.clear()
        menu.addAction(f"Open {APP_NAME}", self.open_window.emit)
        menu.addSeparator()
        heading = menu.addAction(due_summary(due.count))
        heading.setEnabled(False)
        shown = due.first[:MENU_ITEMS]
        for item in shown:
            menu.addAction(menu_text(item), partial(self.open_follow_up.emit, item.id))
        if due.count > len(shown):
            menu.addAction(
                f"{due.count - len(shown)} more on the calendar…", self.open_calendar.emit
            )
        menu.addSeparator()
        snooze = menu.addAction("Snooze all until tomorrow", self.snooze_all.emit)
        snooze.setEnabled(due.count > 0)
        menu.addSeparator()
        menu.addAction(f"Quit {APP_NAME}", self.quit.emit)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.open_window.emit()


class ReminderBanner(QFrame):
    """Due follow-ups at the top of the window, for desktops without a tray."""

    open_follow_up = Signal(int)
    open_calendar = Signal()
    snooze_all = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminderBanner")
        follow_palette(self, self._tint)
        self.note = WrappedLabel()
        self.note.setObjectName("bannerNote")
        self.note.hide()
        self.text = WrappedLabel()
        self.text.setObjectName("bannerText")
        self.show_button = QPushButton("Show")
        self.show_button.clicked.connect(self._show_due)
        self.snooze_button = QPushButton("Snooze all until tomorrow")
        self.snooze_button.clicked.connect(self.snooze_all)
        self.dismiss_button = QToolButton()
        self.dismiss_button.setText("✕")
        self.dismiss_button.setToolTip("Hide until something else falls due")
        self.dismiss_button.setAutoRaise(True)
        self.dismiss_button.clicked.connect(self.dismiss)
        # The due line in a widget of its own, hidden whole (a layout whose widgets are all
        # hidden held the note beside it to a few pixels' width).
        self.due_line = QWidget()
        row = QHBoxLayout(self.due_line)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 1)
        row.addWidget(self.show_button)
        row.addWidget(self.snooze_button)
        # The close button sits beside the text, on its line, whichever lines are shown.
        lines = QVBoxLayout()
        lines.setSpacing(4)
        lines.addWidget(self.note)
        lines.addWidget(self.due_line)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        layout.addLayout(lines, 1)
        layout.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._due = NOTHING_DUE
        self._dismissed = False
        self.hide()

    def _tint(self) -> None:
        found = tone("notice")
        self.setStyleSheet(
            f"#reminderBanner {{ background: {found.background};"
            f" border-bottom: 1px solid {found.border}; }}"
            f" #reminderBanner QLabel {{ color: {found.text}; }}"
        )

    def set_due(self, due: DueNow) -> None:
        self._due = due
        if not due.count:
            self._dismissed = False  # nothing left to hide: what falls due next shows
            self.text.setText("")
        elif due.count == 1 and due.first:
            self.text.setText(f"Follow-up due: {menu_text(due.first[0]).replace('&&', '&')}")
        else:
            names = "; ".join(isolate(item.title) for item in due.first[:BANNER_NAMES])
            more = due.count - len(due.first[:BANNER_NAMES])
            more_text = f" and {more} more" if more > 0 else ""
            self.text.setText(f"{due_summary(due.count)}: {names}{more_text}")
        self._update()

    def fell_due(self) -> None:
        """Something else fell due (a reminder went out): show again if dismissed."""
        self._dismissed = False
        self._update()

    def show_note(self, text: str) -> None:
        """A one-time explanation above the reminders (dismissed with them)."""
        self.note.setText(text)
        self.note.show()
        self._update()

    def dismiss(self) -> None:
        """Hide until something else falls due (:meth:`fell_due`)."""
        self._dismissed = True
        self.note.hide()
        self._update()

    def _update(self) -> None:
        has_due = self._due.count > 0 and not self._dismissed
        for widget in (self.text, self.show_button, self.snooze_button, self.due_line):
            widget.setVisible(has_due)
        self.setVisible(has_due or not self.note.isHidden())

    def _show_due(self) -> None:
        if self._due.count == 1 and self._due.first:
            self.open_follow_up.emit(self._due.first[0].id)
        else:
            self.open_calendar.emit()


class ReminderPreferences:
    """The Preferences rows for reminders, the tray and starting at login."""

    def __init__(self, settings: AppSettings) -> None:
        self._settings = settings
        at = reminder_time(settings)
        self.time = QTimeEdit(QTime(at.hour, at.minute))
        self.time.setObjectName("reminderTime")
        self.time.setDisplayFormat("HH:mm")
        self.time.setToolTip("Follow-ups with a time of their own remind at that time.")
        self.close_to_tray = QCheckBox(CLOSE_TO_TRAY.label)
        self.close_to_tray.setObjectName("closeToTray")
        self.close_to_tray.setChecked(settings.get(CLOSE_TO_TRAY))
        if not Tray.available():
            self.close_to_tray.setEnabled(False)
            self.close_to_tray.setToolTip("Your desktop has no system tray.")
        self.start_at_login = QCheckBox(START_AT_LOGIN.label)
        self.start_at_login.setObjectName("startAtLogin")
        self.start_at_login.setChecked(settings.get(START_AT_LOGIN))

    def rows(self) -> list[tuple[str, QWidget]]:
        return [
            (REMINDER_TIME.label, self.time),
            ("", self.close_to_tray),
            ("", self.start_at_login),
        ]

    def save(self) -> None:
        self._settings.set(REMINDER_TIME, self.time.time().toString("HH:mm"))
        self._settings.set(CLOSE_TO_TRAY, self.close_to_tray.isChecked())
        self._settings.set(START_AT_LOGIN, self.start_at_login.isChecked())
