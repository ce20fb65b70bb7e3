"""What a person can do with the selected follow-ups: done, snooze, reschedule, skip, new.

:class:`FollowUpActions` owns the actions (as buttons and as a context menu) and runs each
one through the playbook's services; the view that shows follow-ups only tells it what is
selected. Dialogs are run through the replaceable :attr:`FollowUpActions.exec_dialog` and
questions through :attr:`FollowUpActions.confirm`, so tests answer them without a modal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop.core.domain import FollowUpStatus
from runnerup_desktop.store.agenda_queries import AgendaItem
from runnerup_desktop.store.change import Change, ServiceError
from runnerup_desktop.store.directory_queries import ContactListing, PageRequest, company_choices
from runnerup_desktop.store.models import FollowUp
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.system.secrets import PasswordVault
from runnerup_desktop.ui.common.settings import AppSettings
from runnerup_desktop.ui.followups.followup_dialogs import (
    TOO_CLOSE,
    Confirm,
    DateDialog,
    DoneDialog,
    NewFollowUpDialog,
    ask,
    spacing_question,
)
from runnerup_desktop.ui.followups.followup_table import short_day

#: ``(parent, title, text)``: tells the person a write was refused; tests replace it.
Report = Callable[[QWidget, str, str], None]
NEXT_WEEK_DAYS = 7


def _report(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


class FollowUpActions(QObject):
    """The follow-up actions of one view (``parent``, which dialogs open over).

    ``selection()`` gives the view's selected follow-ups; :attr:`new_defaults` the company
    and day a new follow-up starts with. :attr:`confirm`, :attr:`report` and
    :attr:`exec_dialog` are replaceable.
    """

    changed = Signal(object)  # a Change

    def __init__(
        self,
        sessions: sessionmaker[Session],
        playbook: PlaybookServices,
        settings: AppSettings,
        selection: Callable[[], list[AgendaItem]],
        parent: QWidget,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._playbook = playbook
        self._settings = settings
        self._selection = selection
        self._today = today
        self._widget = parent
        self.confirm: Confirm = ask
        self.report: Report = _report
        self.exec_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec()
        self.new_defaults: Callable[[], tuple[int | None, dt.date | None]] = lambda: (None, None)
        #: Where the email password is kept (looked up on first use).
        self.vault = PasswordVault()

        self.new_action = self._action("&New follow-up…", self.new_follow_up)
        self.done_action = self._action("&Done…", self.mark_done)
        self.compose_action = self._action("&Compose…", self.compose)
        self.compose_action.setToolTip("Draft the message from a template, then send or copy it")
        self.tomorrow_action = self._action("&Tomorrow", lambda: self.snooze(1))
        self.next_week_action = self._action("&Next week", lambda: self.snooze(NEXT_WEEK_DAYS))
        self.pick_action = self._action("&Pick a date…", self.snooze_to_picked)
        self.snooze_menu = QMenu("S&nooze", parent)
        for action in (self.tomorrow_action, self.next_week_action, self.pick_action):
            self.snooze_menu.addAction(action)
        self.reschedule_action = self._action("&Reschedule…", self.reschedule)
        self.skip_action = self._action("S&kip", self.skip)
        self.done_action.setToolTip("Log what you did and mark it done")
        self.skip_action.setToolTip("Decide not to do it; it stays in the history as skipped")
        self.update_enabled()

    def _action(self, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # --- what the view shows ----------------------------------------------------------
    def button_bar(self) -> QWidget:
        """The actions as a row of buttons."""
        bar = QWidget()
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_button(self.new_action))
        layout.addSpacing(16)
        layout.addWidget(_button(self.done_action))
        layout.addWidget(_button(self.compose_action))
        snooze = QToolButton()
        snooze.setObjectName("snoozeButton")
        snooze.setText("S&nooze")
        snooze.setToolTip("Move to a later day; it reminds again then")
        snooze.setMenu(self.snooze_menu)
        snooze.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu_action = self.snooze_menu.menuAction()
        snooze.setEnabled(menu_action.isEnabled())
        menu_action.changed.connect(lambda: snooze.setEnabled(menu_action.isEnabled()))
        layout.addWidget(snooze)
        layout.addWidget(_button(self.reschedule_action))
        layout.addWidget(_button(self.skip_action))
        layout.addStretch(1)
        return bar

    def fill_menu(self, menu: QMenu) -> None:
        """The context menu: the actions on the selection, then "New follow-up…"."""
        menu.addAction(self.compose_action)
        menu.addAction(self.done_action)
        menu.addMenu(self.snooze_menu)
        menu.addAction(self.reschedule_action)
        menu.addAction(self.skip_action)
        menu.addSeparator()
        menu.addAction(self.new_action)

    def update_enabled(self) -> None:
        """Enable what the selection allows; call it when the selection changes."""
        planned = self._planned()
        today = self._today()
        one = len(planned) == 1 and len(self._selection()) == 1
        self.done_action.setEnabled(one)
        self.compose_action.setEnabled(one and planned[0].contact_id is not None)
        self.reschedule_action.setEnabled(one)
        self.skip_action.setEnabled(bool(planned))
        self.snooze_menu.menuAction().setEnabled(bool(planned))
        for action, days in ((self.tomorrow_action, 1), (self.next_week_action, NEXT_WEEK_DAYS)):
            until = today + dt.timedelta(days=days)
            label = action.text().split(" (")[0]
            action.setText(f"{label} ({short_day(until, today)})")
            # Snoozing moves a follow-up later, never earlier.
            action.setEnabled(bool(planned) and all(i.due_on < until for i in planned))
        self.pick_action.setEnabled(bool(planned))

    def _planned(self) -> list[AgendaItem]:
        return [i for i in self._selection() if i.status is FollowUpStatus.PLANNED]

    # --- the actions ------------------------------------------------------------------
    def mark_done(self) -> None:
        planned = self._planned()
        if len(planned) != 1:
            return
        item = planned[0]
        with self._sessions() as session:
            row = session.get(FollowUp, item.id)
            value_item_id = row.value_item_id if row is not None else None
        dialog = DoneDialog(
            self._playbook,
            item,
            today=self._today(),
            confirm=self.confirm,
            value_item_id=value_item_id,
            parent=self._widget,
        )
        self._run(dialog)

    def compose(self) -> None:
        """Draft the message of the one selected follow-up with a contact."""
        planned = self._planned()
        if len(planned) != 1 or planned[0].contact_id is None:
            return
        # Imported here: mail and keyring load when a message is written, not at start-up.
        from runnerup_desktop.ui.messages.compose_dialog import ComposeDialog

        try:
            dialog = ComposeDialog(
                self._sessions,
                self._playbook,
                self._settings,
                self.vault,
                planned[0].id,
                today=self._today,
                parent=self._widget,
            )
        except ServiceError as exc:
            self.report(self._widget, "Cannot compose", str(exc))
            self.changed.emit(Change(follow_ups=True))
            return
        self._run(dialog)

    def snooze(self, days: int) -> None:
        """Snooze the selection to ``days`` after today; a cadence warning asks first, and
        "Change date" opens the date picker."""
        planned = self._planned()
        until = self._today() + dt.timedelta(days=days)
        if not planned:
            return
        message = self._spacing(planned, until)
        if message and not self.confirm(self._widget, TOO_CLOSE, message):
            self.snooze_to_picked(until)
            return
        self._write(lambda: self._move(planned, until, self._playbook.snooze), "Not snoozed")

    def snooze_to_picked(self, initial: dt.date | None = None) -> None:
        planned = self._planned()
        if not planned:
            return
        today = self._today()
        dialog = DateDialog(
            "Snooze",
            _heading(planned, today),
            initial or today + dt.timedelta(days=1),
            check=lambda on: (
                "Snooze to a day after today, or mark it done." if on <= today else None
            ),
            question=lambda on: self._spacing(planned, on),
            save=lambda on: self._move(planned, on, self._playbook.snooze),
            confirm=self.confirm,
            parent=self._widget,
        )
        self._run(dialog)

    def reschedule(self) -> None:
        planned = self._planned()
        if len(planned) != 1:
            return
        item = planned[0]
        today = self._today()
        dialog = DateDialog(
            "Reschedule",
            _heading(planned, today),
            max(item.due_on, today),
            check=lambda on: (
                "That day is in the past: choose today or a later day." if on < today else None
            ),
            question=lambda on: self._spacing(planned, on),
            save=lambda on: self._playbook.reschedule(item.id, on),
            confirm=self.confirm,
            parent=self._widget,
        )
        self._run(dialog)

    def skip(self) -> None:
        planned = self._planned()
        if planned:
            self._write(
                lambda: _merged(self._playbook.skip(item.id) for item in planned), "Not skipped"
            )

    def new_follow_up(self) -> None:
        company_id, day = self.new_defaults()
        with self._sessions() as session:
            companies = company_choices(session)
        dialog = NewFollowUpDialog(
            self._playbook,
            companies,
            self._contacts_of,
            today=self._today(),
            min_spacing_days=self._settings.min_spacing_days,
            confirm=self.confirm,
            company_id=company_id,
            due_on=day if day is not None and day >= self._today() else None,
            parent=self._widget,
        )
        self._run(dialog)

    # --- helpers ----------------------------------------------------------------------
    def _spacing(self, items: Sequence[AgendaItem], on: dt.date) -> str | None:
        """The cadence guard's warnings for moving ``items`` to ``on``, as one text."""
        min_days = self._settings.min_spacing_days
        found = []
        for item in items:
            touch = (item.contact_id, item.step, item.channel)
            message = spacing_question(self._playbook, min_days, touch, on, item.id)
            if message:
                found.append((item, message))
        if len(found) == 1 and len(items) == 1:
            return found[0][1]
        return "\n\n".join(f"{item.contact}: {message}" for item, message in found) or None

    @staticmethod
    def _move(
        items: Sequence[AgendaItem], on: dt.date, move: Callable[[int, dt.date], Change]
    ) -> Change:
        return _merged(move(item.id, on) for item in items)

    def _contacts_of(self, company_id: int) -> list[tuple[int, str]]:
        request = PageRequest(company_id=company_id, sort_column="name", limit=500)
        with self._sessions() as session:
            rows = ContactListing().page(session, request)
        return [(row[0], row[1]) for row in rows]

    def _run(self, dialog: QDialog) -> None:
        try:
            if self.exec_dialog(dialog) and getattr(dialog, "change", None) is not None:
                self.changed.emit(dialog.change)  # type: ignore[attr-defined]
        finally:
            dialog.deleteLater()

    def _write(self, write: Callable[[], Change], title: str) -> None:
        try:
            change = write()
        except ServiceError as exc:
            self.report(self._widget, title, str(exc))
            # Part of a batch may have been written: let the views catch up.
            self.changed.emit(Change(follow_ups=True))
            return
        self.changed.emit(change)


def _merged(changes: Iterable[Change]) -> Change:
    """One :class:`Change` naming everything the writes touched."""
    total = Change()
    for change in changes:
        total = Change(
            companies=total.companies | change.companies,
            contacts=total.contacts | change.contacts,
            follow_ups=total.follow_ups or change.follow_ups,
            interactions=total.interactions or change.interactions,
            opportunities=total.opportunities or change.opportunities,
            deleted=total.deleted or change.deleted,
        )
    return total


def _heading(items: Sequence[AgendaItem], today: dt.date) -> str:
    if len(items) != 1:
        return f"{len(items)} follow-ups"
    item = items[0]
    who = f"{item.contact}, {item.company}" if item.contact else item.company
    return f"“{item.title}” — {who}\nDue {short_day(item.due_on, today)}"


def _button(action: QAction) -> QPushButton:
    button = QPushButton(action.text())
    button.setToolTip(action.toolTip())
    button.clicked.connect(action.trigger)
    button.setEnabled(action.isEnabled())
    action.changed.connect(lambda: button.setEnabled(action.isEnabled()))
    return button
