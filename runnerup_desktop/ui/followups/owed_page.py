"""Who do I owe a touch: quiet contacts, and runner-up roles with nothing planned.

Both lists come from :func:`runnerup_desktop.store.agenda_queries.owed_touches`; double-click or
Enter on a row asks the main window to open that contact or opportunity.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QStackedWidget, QTableView, QVBoxLayout, QWidget

from runnerup_desktop.store.agenda_queries import QuietContact, UnplannedOpportunity, owed_touches
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.welcome_queries import holdings
from runnerup_desktop.ui.common.forms import WrappedLabel
from runnerup_desktop.ui.common.record_model import (
    Column,
    RecordTableModel,
    days_ago,
    make_record_view,
    show_date,
)
from runnerup_desktop.ui.common.settings import QUIET_DAYS
from runnerup_desktop.ui.common.sql_table_model import Roles
from runnerup_desktop.ui.common.tab_page import TabPage
from runnerup_desktop.ui.shell.context import AppContext


def _days(day: dt.date | None, today: dt.date) -> int | None:
    return (today - day).days if day is not None else None


def quiet_columns(today: Callable[[], dt.date]) -> list[Column[QuietContact]]:
    def quiet(c: QuietContact) -> str:
        days = _days(c.last_touch_on, today())
        return "—" if days is None else str(days)

    return [
        Column("Name", lambda c: c.name),
        Column("Company", lambda c: c.company),
        Column("Role", lambda c: c.role.label, raw=lambda c: c.role),
        Column(
            "Last interaction",
            lambda c: show_date(c.last_touch_on) or "Never",
            lambda c: days_ago(c.last_touch_on, today()) if c.last_touch_on else "",
            lambda c: c.last_touch_on,
        ),
        Column(
            "Days quiet",
            quiet,
            lambda c: "" if c.last_touch_on else "No call, email or meeting logged yet",
            lambda c: _days(c.last_touch_on, today()),
            align_right=True,
        ),
    ]


def unplanned_columns(today: Callable[[], dt.date]) -> list[Column[UnplannedOpportunity]]:
    return [
        Column("Company", lambda o: o.company),
        Column("Role", lambda o: o.title),
        Column(
            "News",
            lambda o: show_date(o.news_on) or "Not recorded",
            lambda o: days_ago(o.news_on, today()) if o.news_on else "",
            lambda o: o.news_on,
        ),
    ]


class OwedTable(QTableView):
    """A read-only list where Enter (or a double-click) opens the current row."""

    open_row = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.doubleClicked.connect(lambda index: self.open_row.emit(index.row()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_row.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


def _section_title(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class OwedPage(TabPage):
    """The two owed lists; :meth:`refresh` re-reads them with today's date and settings."""

    open_contact = Signal(int, int)  # contact id, company id
    open_opportunity = Signal(int, int)  # opportunity id, company id

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        defer: bool = False,
    ) -> None:
        super().__init__(parent, defer=defer)
        today = ctx.today
        self._sessions = ctx.sessions
        self._settings = ctx.settings
        self._today = today
        self.contacts: RecordTableModel[QuietContact] = RecordTableModel(
            quiet_columns(today), lambda c: c.contact_id, self
        )
        self.opportunities: RecordTableModel[UnplannedOpportunity] = RecordTableModel(
            unplanned_columns(today), lambda o: o.opportunity_id, self
        )
        self.contact_view = make_record_view(
            self.contacts, "owedContacts", OwedTable(), (20, 20, 15, 12, 9), 1
        )
        self.opportunity_view = make_record_view(
            self.opportunities, "owedOpportunities", OwedTable(), (20, 32, 12), 1
        )
        self.explanation = WrappedLabel()
        self.explanation.setObjectName("owedExplanation")
        self.contacts_title = _section_title("")
        self.opportunities_title = _section_title("")
        self.opportunities_note = WrappedLabel()
        self.opportunities_note.setText(
            "You came second here and no follow-up is planned: plan the next touch before "
            "the door closes."
        )
        self.empty_label = WrappedLabel()
        self.empty_label.setObjectName("owedEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self._build()
        self.contact_view.open_row.connect(self._open_contact)
        self.opportunity_view.open_row.connect(self._open_opportunity)
        ctx.changes.applied.connect(self._applied)
        ctx.changes.setting_changed.connect(self._setting_changed)
        self.start()

    def _build(self) -> None:
        lists = QWidget()
        lists_layout = QVBoxLayout(lists)
        lists_layout.setContentsMargins(0, 0, 0, 0)
        lists_layout.addWidget(self.contacts_title)
        lists_layout.addWidget(self.contact_view, 3)
        lists_layout.addSpacing(8)
        lists_layout.addWidget(self.opportunities_title)
        lists_layout.addWidget(self.opportunities_note)
        lists_layout.addWidget(self.opportunity_view, 2)
        self.stack.addWidget(lists)
        self.stack.addWidget(self.empty_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.stack, 1)

    # --- reading -----------------------------------------------------------------------
    def refresh(self) -> None:
        days = self._settings.quiet_days
        with self._sessions() as session:
            owed = owed_touches(session, self._today(), days)
            held = holdings(session)
        self.contacts.set_records(owed.quiet_contacts)
        self.opportunities.set_records(owed.unplanned_opportunities)
        self.explanation.setText(
            f"No touch in {days} days and a contact starts to forget you. Each person below "
            f"is owed one: bring something of value, not a “just checking in”."
        )
        count = len(owed.quiet_contacts)
        self.contacts_title.setText(
            f"Contacts with no touch in {days} days ({count})"
            if count
            else f"Everyone heard from you in the last {days} days."
        )
        self.contact_view.setVisible(bool(count))
        roles = len(owed.unplanned_opportunities)
        self.opportunities_title.setText(
            f"Runner-up roles with nothing planned ({roles})"
            if roles
            else "Every runner-up role has its next touch planned."
        )
        self.opportunities_note.setVisible(bool(roles))
        self.opportunity_view.setVisible(bool(roles))
        if held.contacts:
            self.empty_label.setText(
                f"Nobody is owed a touch. Everyone heard from you in the last {days} days, "
                "and every runner-up role has its next touch planned."
            )
        else:
            self.empty_label.setText(
                "Nobody here yet. The people you have not been in touch with for "
                f"{days} days will appear here, and the runner-up roles with nothing "
                "planned. Add the people you met on the Companies & contacts page "
                "(Ctrl+1), or record a role you came second for (Help ▸ Getting started)."
            )
        self.stack.setCurrentIndex(1 if owed.is_empty else 0)

    def is_empty(self) -> bool:
        return self.stack.currentIndex() == 1

    def _applied(self, change: Change, _initiator: object) -> None:
        if (
            change.contacts
            or change.companies
            or change.interactions
            or change.follow_ups
            or change.opportunities
            or change.deleted
            or change.everything
        ):
            self.refresh_when_seen()

    def _setting_changed(self, key: str) -> None:
        if key == QUIET_DAYS.key:
            self.refresh_when_seen()

    # --- opening -----------------------------------------------------------------------
    def _open_contact(self, row: int) -> None:
        contact = self.contacts.record(row)
        if contact is not None:
            self.open_contact.emit(contact.contact_id, contact.company_id)

    def _open_opportunity(self, row: int) -> None:
        opportunity = self.opportunities.record(row)
        if opportunity is not None:
            self.open_opportunity.emit(opportunity.opportunity_id, opportunity.company_id)

    def current_contact_id(self) -> int | None:
        return _current_id(self.contact_view)

    def current_opportunity_id(self) -> int | None:
        return _current_id(self.opportunity_view)


def _current_id(view: QTableView) -> int | None:
    index: QModelIndex = view.currentIndex()
    value = index.data(Roles.ID) if index.isValid() else None
    return int(value) if value is not None else None
