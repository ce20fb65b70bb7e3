"""What happened with a contact or a company, newest first, and the contact's style.

:class:`TimelinePanel` lists the logged interactions of one contact (with the style their
recent history looks like: stalking, staying in touch, demonstrating value) or of one
company, and adds interactions by hand through
:class:`~runnerup_desktop.ui.timeline.interaction_dialog.InteractionDialog`.

:class:`RecordTableModel` is a small read-only table model over a list of plain records
(the timeline entries here, the owed touches on the owed page): the store's queries return
the rows, the model only shows them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from runnerup_desktop.core.cadence import Style
from runnerup_desktop.core.domain import Direction
from runnerup_desktop.core.text import isolate
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.directory_queries import company_name, contact_heading
from runnerup_desktop.store.playbook_services import TimelineEntry
from runnerup_desktop.ui.common.ask import Confirm, asker
from runnerup_desktop.ui.common.colors import box_style, follow_palette
from runnerup_desktop.ui.common.forms import WrappedLabel
from runnerup_desktop.ui.common.page_actions import Target
from runnerup_desktop.ui.common.record_model import (
    Column,
    RecordTableModel,
    days_ago,
    make_record_view,
    show_date,
)
from runnerup_desktop.ui.common.settings import MIN_SPACING_DAYS
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.timeline.interaction_dialog import InteractionDialog

DIRECTION_TEXT = {Direction.OUTBOUND: "→ Outbound", Direction.INBOUND: "← Inbound"}
DIRECTION_TIP = {
    Direction.OUTBOUND: "You reached out",
    Direction.INBOUND: "They reached you",
    Direction.NONE: "Not a touch: a note",
}

#: The box's colours per style (:mod:`~runnerup_desktop.ui.common.colors`); stalking in a
#: warning colour.
STYLE_TONES: dict[Style, str] = {
    Style.STALKING: "stalking",
    Style.STAYING_IN_TOUCH: "notice",
    Style.DEMONSTRATING_VALUE: "value",
    Style.NOT_ENOUGH_HISTORY: "quiet",
    Style.QUIET: "quiet",
}


def _summary_line(entry: TimelineEntry) -> str:
    return entry.summary.strip().splitlines()[0] if entry.summary.strip() else ""


def _summary_tip(entry: TimelineEntry) -> str:
    done = f"Done for the follow-up “{entry.step.label}”." if entry.step is not None else ""
    return "\n\n".join(part for part in (entry.summary.strip(), done) if part)


def _short(text: str, limit: int = 60) -> str:
    shown = " ".join(text.split())
    return shown if len(shown) <= limit else shown[: limit - 1].rstrip() + "…"


def timeline_columns(today: Callable[[], dt.date]) -> list[Column[TimelineEntry]]:
    return [
        Column(
            "Date",
            lambda e: show_date(e.occurred_on),
            lambda e: days_ago(e.occurred_on, today()),
            lambda e: e.occurred_on,
        ),
        Column("Kind", lambda e: e.kind.label, raw=lambda e: e.kind),
        Column(
            "Direction",
            lambda e: DIRECTION_TEXT.get(e.direction, "—"),
            lambda e: DIRECTION_TIP[e.direction],
            lambda e: e.direction,
        ),
        Column("Contact", lambda e: e.contact or "", lambda e: e.contact or "The company"),
        Column("Summary", _summary_line, _summary_tip, lambda e: e.summary),
        Column("Value shared", lambda e: e.value_item or "", lambda e: e.value_item or ""),
    ]


TIMELINE_CHARS = (11, 7, 10, 14, 40, 14)
CONTACT_COLUMN = 3
SUMMARY_COLUMN = 4


class TimelinePanel(QWidget):
    """The timeline of one contact or one company; empty until told which."""

    #: The selection changed: what Edit and Delete act on.
    targets_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        today = ctx.today
        self._ctx = ctx
        self._sessions = ctx.sessions
        self._playbook = ctx.services.playbook
        self._settings = ctx.settings
        self._today = today
        self.dialog: InteractionDialog | None = None
        #: Asks before deleting an interaction; answers "Delete" / "Cancel".
        self.confirm_delete: Confirm = asker("Delete", "Cancel")
        self._run = ctx.ops.runner(self, initiator=self)
        self.contact_id: int | None = None
        self.company_id: int | None = None
        self._contact_company: int | None = None
        self.style_shown: Style | None = None

        self.model: RecordTableModel[TimelineEntry] = RecordTableModel(
            timeline_columns(today), lambda e: e.id, self
        )
        # The summary takes the room left; the value shared keeps its width at the end.
        self.view = make_record_view(
            self.model, "timelineTable", QTableView(), TIMELINE_CHARS, SUMMARY_COLUMN
        )
        self.title = QLabel()
        self.title.setObjectName("timelineTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.add_button = QPushButton("&Add interaction…")
        self.add_button.setObjectName("addInteraction")
        self.add_button.clicked.connect(self.add_interaction)
        self.style_box = QFrame()
        self.style_box.setObjectName("contactStyle")
        self.style_box.setAccessibleName("Contact style")
        follow_palette(self.style_box, self._tint_style)
        self.style_label = WrappedLabel(self.style_box)
        self.style_label.setObjectName("contactStyleText")
        self.empty_label = WrappedLabel()
        self.empty_label.setObjectName("timelineEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setEnabled(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty_label)
        self._build()
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.targets_changed.emit())
        self.view.doubleClicked.connect(lambda _index: self.edit_interaction())
        ctx.changes.applied.connect(self._applied)
        ctx.changes.setting_changed.connect(self._setting_changed)
        self.clear()

    def _build(self) -> None:
        box_layout = QHBoxLayout(self.style_box)
        box_layout.setContentsMargins(8, 6, 8, 6)
        box_layout.addWidget(self.style_label)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addWidget(self.style_box)
        layout.addWidget(self.stack, 1)
        self.setFocusProxy(self.view)

    # --- what is shown -----------------------------------------------------------------
    def show_contact(self, contact_id: int) -> None:
        self.contact_id, self.company_id = contact_id, None
        self.refresh()

    def show_company(self, company_id: int) -> None:
        self.contact_id, self.company_id, self._contact_company = None, company_id, None
        self.refresh()

    def clear(self) -> None:
        self.contact_id = self.company_id = self._contact_company = None
        self.refresh()

    def refresh(self) -> None:
        heading, owner = self._heading()
        if heading is None:
            self.contact_id = self.company_id = self._contact_company = None
        showing = heading is not None
        entries = (
            self._playbook.timeline(contact_id=self.contact_id, company_id=self.company_id)
            if showing
            else []
        )
        self.model.set_records(entries)
        self.title.setText(heading or "Timeline")
        # Interactions belong to a company: a contact kept without one gets one first.
        unattached = self.contact_id is not None and self._contact_company is None
        self.add_button.setEnabled(showing and not unattached)
        self.add_button.setToolTip(
            "Give this contact a company (Edit contact) to log what happened with them."
            if showing and unattached
            else ""
        )
        self.view.setColumnHidden(CONTACT_COLUMN, self.contact_id is not None)
        if not showing:
            self.empty_label.setText("Choose a company or a contact to see what happened.")
        elif not entries:
            self.empty_label.setText(
                f"Nothing logged with {isolate(owner)} yet. Log a call, an email or a note with "
                f"“Add interaction…”."
            )
        self.stack.setCurrentWidget(self.view if entries else self.empty_label)
        self._show_style()
        self.targets_changed.emit()

    def _heading(self) -> tuple[str | None, str]:
        """The title line and the name to use in sentences; no title when nothing is shown."""
        with self._sessions() as session:
            if self.contact_id is not None:
                contact = contact_heading(session, self.contact_id)
                if contact is None:
                    return None, ""
                self._contact_company = contact.company_id
                where = f"at {isolate(contact.company)}" if contact.company else "(no company)"
                return f"{isolate(contact.name)} · {contact.role.label} {where}", contact.name
            if self.company_id is not None:
                name = company_name(session, self.company_id)
                if name is None:
                    return None, ""
                return f"{isolate(name)}: everything logged", name
        return None, ""

    def _show_style(self) -> None:
        if self.contact_id is None:
            self.style_shown = None
            self.style_box.hide()
            return
        style = self._playbook.contact_style(self.contact_id, self._today())
        self.style_shown = style
        self.style_label.setText(f"Looks like: {style.label} — {style.explanation}")
        self._tint_style()
        self.style_box.show()

    def _tint_style(self) -> None:
        if self.style_shown is not None:
            self.style_box.setStyleSheet(box_style("contactStyle", STYLE_TONES[self.style_shown]))

    def style_text(self) -> str:
        """The style line shown for the contact, or "" when none is shown."""
        return self.style_label.text() if not self.style_box.isHidden() else ""

    # --- what the window's New, Edit and Delete do here ---------------------------------
    def new_target(self) -> Target | None:
        if not self.add_button.isEnabled():
            return None
        return Target("&Add interaction…", "Log a call, an email or a note", self.add_interaction)

    def selected_entry(self) -> TimelineEntry | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.record(index.row())

    def edit_target(self) -> Target | None:
        entry = self.selected_entry()
        if entry is None:
            return None
        what = f"the {entry.kind.label.lower()} of {show_date(entry.occurred_on)}"
        return Target("&Edit interaction…", f"Edit {what}", self.edit_interaction)

    def delete_target(self) -> Target | None:
        entry = self.selected_entry()
        if entry is None:
            return None
        what = f"the {entry.kind.label.lower()} of {show_date(entry.occurred_on)}"
        return Target("&Delete interaction…", f"Delete {what}", self.delete_interaction)

    # --- correcting --------------------------------------------------------------------
    def edit_interaction(self) -> None:
        """Correct the selected interaction (window-modal, not blocking)."""
        entry = self.selected_entry()
        if entry is None:
            return
        dialog = InteractionDialog(
            self._ctx, entry.company_id, entry.contact_id, parent=self, editing=entry.id
        )
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()

    def delete_interaction(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        what = f"the {entry.kind.label.lower()} of {show_date(entry.occurred_on)}"
        done = " The follow-up it completed stays done." if entry.follow_up_id else ""
        question = f"Delete {what} (“{_short(entry.summary)}”) from the timeline?{done}"
        if self.confirm_delete(self, "Delete interaction", question):
            self._run(
                lambda: self._ctx.services.directory.delete_interaction(entry.id),
                label=f"Delete {what}",
            )

    # --- adding ------------------------------------------------------------------------
    def add_interaction(self) -> None:
        """Open the dialog for the contact or company shown (window-modal, not blocking)."""
        if self.contact_id is not None and self._contact_company is not None:
            company_id, contact_id = self._contact_company, self.contact_id
        elif self.company_id is not None:
            company_id, contact_id = self.company_id, None
        else:
            return
        dialog = InteractionDialog(self._ctx, company_id, contact_id=contact_id, parent=self)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, dialog: InteractionDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    # --- reacting to changes -----------------------------------------------------------
    def _setting_changed(self, key: str) -> None:
        if key == MIN_SPACING_DAYS.key and self.contact_id is not None:
            self._show_style()

    def _applied(self, change: Change, _initiator: object) -> None:
        if self.contact_id is None and self.company_id is None:
            return
        if (
            change.everything
            or change.interactions
            or change.deleted
            or (self.contact_id is not None and self.contact_id in change.contacts)
            or bool({self.company_id, self._contact_company} & change.companies)
        ):
            self.refresh()
