"""What a person can do with the selected follow-ups: done, snooze, reschedule, skip,
edit, reopen, delete, new.

:class:`FollowUpActions` owns the actions (as buttons and as a context menu) and runs each
one on the change path (``ctx.ops``), one service call and one transaction each, however
many follow-ups are selected; the view that shows follow-ups only tells it what is
selected, and refreshes when the change is announced. Dialogs are run through the
replaceable :attr:`FollowUpActions.exec_dialog` and questions through
:attr:`FollowUpActions.confirm`, so tests answer them without a modal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QWidget,
)

from runnerup_desktop.core.domain import FollowUpStatus
from runnerup_desktop.core.text import isolate
from runnerup_desktop.store.agenda_queries import AgendaItem, follow_up_value_item
from runnerup_desktop.store.change import ServiceError
from runnerup_desktop.store.directory_queries import (
    ContactListing,
    PageRequest,
    company_choices,
    company_name,
)
from runnerup_desktop.store.opportunity_queries import opportunity_choices
from runnerup_desktop.system.secrets import PasswordVault
from runnerup_desktop.ui.common.ask import TOO_CLOSE, Confirm, ask_warning, asker
from runnerup_desktop.ui.common.page_actions import quoted
from runnerup_desktop.ui.followups.followup_dialogs import DateDialog, DoneDialog, NewFollowUpDialog
from runnerup_desktop.ui.followups.followup_edit import EditFollowUpDialog
from runnerup_desktop.ui.followups.followup_table import short_day
from runnerup_desktop.ui.shell.context import AppContext

NEXT_WEEK_DAYS = 7
#: The keys of the follow-up actions (listed in Help ▸ Keyboard shortcuts).
SHORTCUTS = {
    "done": "Ctrl+D",
    "compose": "Ctrl+M",
    "tomorrow": "Ctrl+T",
    "next_week": "Ctrl+Shift+T",
}


class FollowUpActions(QObject):
    """The follow-up actions of one view (``parent``, which dialogs open over).

    ``selection()`` gives the view's selected follow-ups; :attr:`new_defaults` the company
    and day a new follow-up starts with. :attr:`confirm`, :attr:`confirm_delete` and
    :attr:`exec_dialog` are replaceable. Writes name ``parent`` as their initiator.
    """

    def __init__(
        self,
        ctx: AppContext,
        selection: Callable[[], list[AgendaItem]],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._sessions = ctx.sessions
        self._playbook = ctx.services.playbook
        self._settings = ctx.settings
        self._selection = selection
        self._today = ctx.today
        self._widget = parent
        self._run = ctx.ops.runner(parent, initiator=parent)
        self.confirm: Confirm = ask_warning
        #: Asks before deleting; answers "Delete" / "Cancel".
        self.confirm_delete: Confirm = asker("Delete", "Cancel")
        #: Asks before reopening; answers "Reopen" / "Cancel".
        self.confirm_reopen: Confirm = asker("Reopen", "Cancel")
        self.exec_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec()
        self.new_defaults: Callable[[], tuple[int | None, dt.date | None]] = lambda: (None, None)
        #: Where the email password is kept (looked up on first use).
        self.vault = PasswordVault()

        self.new_action = self._action("&New follow-up…", self.new_follow_up)
        self.done_action = self._action("&Done…", self.mark_done, SHORTCUTS["done"])
        self.compose_action = self._action("&Compose…", self.compose, SHORTCUTS["compose"])
        self.compose_action.setToolTip("Draft the message from a template, then send or copy it")
        self.tomorrow_action = self._action(
            "&Tomorrow", lambda: self.snooze(1), SHORTCUTS["tomorrow"]
        )
        self.next_week_action = self._action(
            "&Next week", lambda: self.snooze(NEXT_WEEK_DAYS), SHORTCUTS["next_week"]
        )
        self.pick_action = self._action("&Pick a date…", self.snooze_to_picked)
        self.snooze_menu = QMenu("&Snooze", parent)
        for action in (self.tomorrow_action, self.next_week_action, self.pick_action):
            self.snooze_menu.addAction(action)
        self.reschedule_action = self._action("&Reschedule…", self.reschedule)
        self.skip_action = self._action("S&kip", self.skip)
        self.edit_action = self._action("&Edit…", self.edit)
        self.reopen_action = self._action("Re&open…", self.reopen)
        self.delete_action = self._action("De&lete…", self.delete)
        self.edit_action.setToolTip("Correct any field: person, step, channel, day, notes…")
        self.reopen_action.setToolTip("Put a done or skipped follow-up back on the plan")
        self.done_action.setToolTip("Log what you did and mark it done")
        self.skip_action.setToolTip("Decide not to do it; it stays in the history as skipped")
        self.delete_action.setToolTip("Remove it from the plan and the history (asks first)")
        self.update_enabled()

    def _action(self, text: str, slot: Callable[[], object], keys: str = "") -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())
        if keys:
            # The keys work where the follow-ups are (the page that shows them), and the
            # Follow-ups menu lists them.
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self._widget.addAction(action)
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
        snooze.setText("&Snooze")
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
        # A submenu of the menu's own: one menu shared with a context menu that deletes
        # itself on close took the shared menu's action with it ("already deleted").
        snooze = menu.addMenu("&Snooze")
        for action in (self.tomorrow_action, self.next_week_action, self.pick_action):
            snooze.addAction(action)

        def follow() -> None:
            snooze.setEnabled(self.snooze_menu.menuAction().isEnabled())

        menu.aboutToShow.connect(follow)
        follow()
        menu.addAction(self.reschedule_action)
        menu.addAction(self.skip_action)
        menu.addAction(self.reopen_action)
        menu.addSeparator()
        menu.addAction(self.edit_action)
        menu.addAction(self.delete_action)
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
        selected = self._selection()
        self.edit_action.setEnabled(len(selected) == 1)
        self.reopen_action.setEnabled(len(selected) == 1 and not planned)
        self.delete_action.setEnabled(bool(selected))
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
            value_item_id = follow_up_value_item(session, item.id)
        dialog = DoneDialog(
            self._playbook,
            item,
            today=self._today(),
            run=self._run,
            confirm=self.confirm,
            value_item_id=value_item_id,
            parent=self._widget,
        )
        self._exec(dialog)

    def open_follow_up(self) -> None:
        """Open the selected follow-up (Enter or a double-click on its row): its edit
        dialog, where every field can be corrected."""
        self.edit()

    def compose(self) -> None:
        """Draft the message of the one selected follow-up with a contact."""
        planned = self._planned()
        if len(planned) != 1 or planned[0].contact_id is None:
            return
        # Imported here: mail and keyring load when a message is written, not at start-up.
        from runnerup_desktop.ui.messages.compose_dialog import ComposeDialog

        try:
            dialog = ComposeDialog(self._ctx, self.vault, planned[0].id, parent=self._widget)
        except ServiceError as exc:
            QMessageBox.warning(self._widget, "Cannot compose", str(exc))
            return
        self._exec(dialog)

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
        ids = [item.id for item in planned]
        label = _snooze_label(planned, until, self._today())
        self._run(lambda: self._playbook.snooze_many(ids, until), label=label)

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
            save=lambda on: self._playbook.snooze_many([item.id for item in planned], on),
            run=self._run,
            label=_snooze_label(planned),
            confirm=self.confirm,
            parent=self._widget,
        )
        self._exec(dialog)

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
            run=self._run,
            label=f"Reschedule “{item.title}”",
            confirm=self.confirm,
            parent=self._widget,
        )
        self._exec(dialog)

    def skip(self) -> None:
        planned = self._planned()
        if planned:
            ids = [item.id for item in planned]
            self._run(lambda: self._playbook.skip_many(ids), label=_label("Skip", planned))

    def edit(self) -> None:
        """Correct every field of the one selected follow-up."""
        selected = self._selection()
        if len(selected) != 1:
            return
        item = selected[0]
        with self._sessions() as session:
            company = company_name(session, item.company_id) or item.company
            opportunities = opportunity_choices(session, item.company_id)
        dialog = EditFollowUpDialog(
            self._playbook,
            item.id,
            self._playbook.follow_up_values(item.id),
            company=company,
            status=item.status,
            contacts=self._contacts_of(item.company_id),
            opportunities=opportunities,
            value_items=self._playbook.value_items(item.company_id),
            min_spacing_days=self._settings.min_spacing_days,
            run=self._run,
            confirm=self.confirm,
            parent=self._widget,
        )
        self._exec(dialog)

    def reopen(self) -> None:
        """Put the one selected done or skipped follow-up back on the plan, after asking."""
        selected = self._selection()
        if len(selected) != 1 or selected[0].status is FollowUpStatus.PLANNED:
            return
        item = selected[0]
        question = self._playbook.reopen_impact(item.id)
        if self.confirm_reopen(self._widget, "Reopen follow-up", question):
            self._run(lambda: self._playbook.reopen(item.id), label=f"Reopen “{item.title}”")

    def delete(self) -> None:
        """Delete the selected follow-ups, whatever their status, after asking."""
        selected = self._selection()
        if not selected:
            return
        what = (
            quoted(selected[0].title, 80) if len(selected) == 1 else f"{len(selected)} follow-ups"
        )
        question = (
            f"Delete {what}? To keep it in the history as not done, choose Skip instead."
            if any(item.status is FollowUpStatus.PLANNED for item in selected)
            else f"Delete {what} from the history?"
        )
        if self.confirm_delete(self._widget, "Delete follow-up", question):
            ids = [item.id for item in selected]
            self._run(
                lambda: self._playbook.delete_follow_ups(ids), label=_label("Delete", selected)
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
            run=self._run,
            confirm=self.confirm,
            company_id=company_id,
            due_on=day if day is not None and day >= self._today() else None,
            parent=self._widget,
        )
        self._exec(dialog)

    # --- helpers ----------------------------------------------------------------------
    def _spacing(self, items: Sequence[AgendaItem], on: dt.date) -> str | None:
        """The cadence guard's warnings for moving ``items`` to ``on``, as one text."""
        min_days = self._settings.min_spacing_days
        found = []
        for item in items:
            touch = (item.contact_id, item.step, item.channel)
            message = self._playbook.spacing_question(min_days, touch, on, item.id)
            if message:
                found.append((item, message))
        if len(found) == 1 and len(items) == 1:
            return found[0][1]
        return (
            "\n\n".join(f"{isolate(item.contact or '')}: {message}" for item, message in found)
            or None
        )

    def _contacts_of(self, company_id: int) -> list[tuple[int, str]]:
        request = PageRequest(company_id=company_id, sort_column="name", limit=500)
        with self._sessions() as session:
            rows = ContactListing().page(session, request)
        return [(row[0], row[1]) for row in rows]

    def _exec(self, dialog: QDialog) -> None:
        """Run a dialog that writes through the change path itself."""
        try:
            self.exec_dialog(dialog)
        finally:
            dialog.deleteLater()


def _label(verb: str, items: Sequence[AgendaItem]) -> str:
    """An undo step's name: "Skip “Thank-you note”", "Skip 3 follow-ups"."""
    return (
        f"{verb} {quoted(items[0].title, 80)}"
        if len(items) == 1
        else f"{verb} {len(items)} follow-ups"
    )


def _snooze_label(
    items: Sequence[AgendaItem], until: dt.date | None = None, today: dt.date | None = None
) -> str:
    """ "Snooze “Offer check-in” until Tue 8 Dec" (the day when it is known)."""
    label = _label("Snooze", items)
    if until is not None and today is not None:
        label += f" until {short_day(until, today)}"
    return label


def _heading(items: Sequence[AgendaItem], today: dt.date) -> str:
    if len(items) != 1:
        return f"{len(items)} follow-ups"
    item = items[0]
    who = f"{isolate(item.contact)}, {isolate(item.company)}" if item.contact else item.company
    return f"{quoted(item.title, 80)} — {isolate(who)}\nDue {short_day(item.due_on, today)}"


def _button(action: QAction) -> QPushButton:
    button = QPushButton(action.text())
    button.setToolTip(action.toolTip())
    button.clicked.connect(action.trigger)
    button.setEnabled(action.isEnabled())
    action.changed.connect(lambda: button.setEnabled(action.isEnabled()))
    return button
