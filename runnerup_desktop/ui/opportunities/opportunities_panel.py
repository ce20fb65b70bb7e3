"""The selected company's opportunities, the news, and the later events.

A SQL-backed table of the company's opportunities (sorted by the database), the actions
on them (new, edit, delete, record the news, then the other candidate accepting, the hire
starting and the company coming back, and the one-page interview plan) and a short summary
of the selected one beneath: its stage, how many gaps were named and the next planned
follow-up.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from runnerup_desktop.core.domain import Stage
from runnerup_desktop.core.text import isolate
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.directory_queries import company_name
from runnerup_desktop.store.interview_plan_queries import load_plan
from runnerup_desktop.store.opportunity_queries import (
    OpportunityListing,
    OpportunitySummary,
    load_fields,
    load_summary,
)
from runnerup_desktop.ui.common.empty_hint import empty_hint
from runnerup_desktop.ui.common.flow_layout import FlowLayout
from runnerup_desktop.ui.common.forms import WrappedLabel
from runnerup_desktop.ui.common.page_actions import Target, quoted
from runnerup_desktop.ui.common.sql_table_model import Roles, SqlTableModel
from runnerup_desktop.ui.common.sql_tables import make_table
from runnerup_desktop.ui.opportunities.later_events import LaterEvents
from runnerup_desktop.ui.opportunities.news_dialog import NewsDialog
from runnerup_desktop.ui.opportunities.news_edit_dialog import NewsEditDialog
from runnerup_desktop.ui.opportunities.news_support import (
    Confirm,
    action_button,
    asker,
    plural,
    summary_text,
)
from runnerup_desktop.ui.opportunities.opportunity_dialog import (
    OpportunityDialog,
)
from runnerup_desktop.ui.opportunities.value_items_dialog import ValueItemsDialog
from runnerup_desktop.ui.shell.context import AppContext

OPPORTUNITY_HEADERS = {
    "title": "Role",
    "job_level": "Level",
    "stage": "Stage",
    "final_interview_on": "Final interview",
    "news_on": "News",
    "winner": "Who got the job",
    "hire_start_on": "Hire starts",
}
#: What each column is made wide enough for.
_COLUMN_SAMPLES = (
    "Engineering Manager, Data Platform",
    "Individual contributor",
    "Final round",
    "00 Sept 0000",
    "00 Sept 0000",
    "Someone Else (accepted)",
    "00 Sept 0000",
)


class OpportunitiesPanel(LaterEvents, QWidget):
    """One company's opportunities. Every write runs on the change path; the panel
    refreshes when a change is announced, wherever it was made."""

    #: The selection changed: what Edit and Delete act on.
    targets_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        sessions = ctx.sessions
        self._ctx = ctx
        self._sessions = sessions
        self._playbook = ctx.services.playbook
        self._settings = ctx.settings
        self._today = ctx.today
        self._run = ctx.ops.runner(self, initiator=self)
        #: The spacing the next "Hire started" keeps (0 once the person said "Plan anyway").
        self._hire_spacing = ctx.settings.min_spacing_days
        self._company_id: int | None = None
        self._selected: int | None = None
        self._summary: OpportunitySummary | None = None
        #: Asks before deleting; answers "Delete" / "Cancel".
        self.confirm: Confirm = asker("Delete", "Cancel")
        #: The cadence guard's question; answers "Plan anyway" / "Change date".
        self.confirm_spacing: Confirm = asker("Plan anyway", "Change date")
        #: Runs a dialog; tests replace it to fill the dialog in and accept it.
        self.exec_dialog: Callable[[QDialog], bool] = lambda dialog: bool(dialog.exec())
        self.model = SqlTableModel(sessions, OpportunityListing(), OPPORTUNITY_HEADERS, None, self)
        self.view = make_table(self.model, "opportunityTable")
        self.title = QLabel()
        self.title.setObjectName("opportunitiesTitle")
        self.summary = WrappedLabel()
        self.summary.setObjectName("opportunitySummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.new_action = self._action("&New opportunity…", self.new_opportunity)
        self.edit_action = self._action("Ed&it…", self.edit_opportunity)
        self.delete_action = self._action("&Delete", self.delete_opportunity)
        self.news_action = self._action("Record the ne&ws…", self.record_news)
        self.accepted_action = self._action("Other candidate &accepted…", self.candidate_accepted)
        self.hire_action = self._action("Hi&re started…", self.hire_started)
        self.came_back_action = self._action("They &came back…", self.came_back)
        self.plan_action = self._action("Interview &plan…", self.interview_plan)
        self.plan_action.setToolTip(
            "Preview, print or save the one-page plan for the next interview"
        )
        self.value_action = self._action("Val&ue items…", self.value_items)
        self.value_action.setToolTip("What you found that matters to them: add, edit, delete")
        self._build()
        self.hint = empty_hint(self.view, self._empty_text)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._restore_selection)
        self.view.activated_edit.connect(self.edit_opportunity)
        self.view.doubleClicked.connect(lambda _index: self.edit_opportunity())
        self.view.delete_requested.connect(self.delete_opportunity)
        ctx.changes.applied.connect(self._applied)
        self._update()

    def _action(self, text: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        return action

    def _build(self) -> None:
        # The title gets its own line: beside the buttons, a long company name was cut.
        top = QHBoxLayout()
        for action in (self.new_action, self.edit_action, self.delete_action, self.news_action):
            top.addWidget(action_button(action))
        top.addStretch(1)
        box = QFrame()
        box.setObjectName("summaryBox")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        # The buttons wrap onto a second line in a narrow window (FlowLayout).
        events = FlowLayout()
        events.addWidget(QLabel("Since the news:"))
        for action in (self.accepted_action, self.hire_action, self.came_back_action):
            events.addWidget(action_button(action))
        events.addWidget(action_button(self.value_action))
        events.addWidget(action_button(self.plan_action))
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.summary)
        box_layout.addLayout(events)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(box)
        cells = self.view.fontMetrics()
        header = self.view.horizontalHeader().fontMetrics()
        for column, sample in enumerate(_COLUMN_SAMPLES):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = max(cells.horizontalAdvance(sample), header.horizontalAdvance(title) + 16)
            self.view.setColumnWidth(column, width + 16)
        self.setFocusProxy(self.view)

    # --- what is shown -------------------------------------------------------------------
    @property
    def company_id(self) -> int | None:
        return self._company_id

    def set_company(self, company_id: int | None) -> None:
        """Show this company's opportunities (``None``: no company chosen)."""
        if company_id != self._company_id:
            self._company_id = company_id
            self._selected = None
            self.model.set_company(company_id)
            self.hint.update()
        self._select_first()
        self._update()

    def current_opportunity_id(self) -> int | None:
        index = self.view.currentIndex()
        value = index.data(Roles.ID) if index.isValid() else None
        return int(value) if value is not None else None

    def select_opportunity(self, opportunity_id: int) -> bool:
        position = self.model.row_of(opportunity_id)
        if position is None:
            return False
        self.view.setCurrentIndex(self.model.index(position, 0))
        self.view.selectRow(position)
        return True

    def _select_first(self) -> None:
        if self.current_opportunity_id() is None and self.model.rowCount():
            self.select_opportunity(int(self.model.index(0, 0).data(Roles.ID)))

    def _restore_selection(self) -> None:
        if self._selected is None or not self.select_opportunity(self._selected):
            self._selected = None
            self._select_first()
        self._update()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._selected = int(current.data(Roles.ID))
        self._update()

    def _empty_text(self) -> str:
        if self._company_id is None:
            return "Choose a company to see the roles you applied for there."
        return (
            "No opportunities here yet. An opportunity is one role at this company: add it "
            "with New opportunity…, then Record the news… when you hear back."
        )

    def _update(self) -> None:
        opportunity_id = self.current_opportunity_id()
        with self._sessions() as session:
            name = company_name(session, self._company_id) if self._company_id else None
            summary = load_summary(session, opportunity_id) if opportunity_id else None
        self._summary = summary
        title = f"Opportunities at {isolate(name)}" if name else "Opportunities (choose a company)"
        self.title.setText(f"<b>{html.escape(title)}</b>")
        self.new_action.setEnabled(name is not None)
        self.value_action.setEnabled(name is not None)
        self.edit_action.setEnabled(summary is not None)
        self.delete_action.setEnabled(summary is not None)
        self.plan_action.setEnabled(summary is not None)
        news = summary is not None and summary.news_on is not None
        # Once recorded, the same button corrects the news.
        self.news_action.setText("Edit the ne&ws…" if news else "Record the ne&ws…")
        self.news_action.setEnabled(
            summary is not None and (news or summary.stage is not Stage.HIRED)
        )
        hired = summary is not None and summary.stage is Stage.HIRED
        self.news_action.setToolTip(
            "Correct the day, who told you, the other candidate and the gaps"
            if news
            else "It is marked as hired"
            if hired
            else "When they tell you someone else was chosen"
        )
        for action in (self.accepted_action, self.hire_action, self.came_back_action):
            action.setEnabled(news)
            action.setToolTip(
                "" if news else "Record the news first: the follow-ups count from it."
            )
        self.summary.setText(
            summary_text(summary, name is not None, self.model.rowCount(), self._today())
        )
        self.targets_changed.emit()

    # --- what the window's New, Edit and Delete do here ---------------------------------
    def new_target(self) -> Target | None:
        if self.new_action.isEnabled():
            return Target("&New opportunity…", "Add a role at this company", self.new_opportunity)
        return None

    def edit_target(self) -> Target | None:
        summary = self._summary
        if summary is None:
            return None
        return Target("&Edit opportunity…", f"Edit {quoted(summary.title)}", self.edit_opportunity)

    def delete_target(self) -> Target | None:
        summary = self._summary
        if summary is None:
            return None
        return Target(
            "&Delete opportunity…", f"Delete {quoted(summary.title)}", self.delete_opportunity
        )

    def value_items(self) -> None:
        """The company's value items, to add, correct and delete."""
        company_id = self._company_id
        if company_id is None:
            return
        with self._sessions() as session:
            name = company_name(session, company_id) or ""
        dialog = ValueItemsDialog(self._ctx, company_id, name, self)
        try:
            self.exec_dialog(dialog)
        finally:
            dialog.deleteLater()

    def interview_plan(self) -> None:
        """The print preview of the selected opportunity's interview plan; its questions and
        place are saved with the opportunity when it closes (one undo step)."""
        opportunity_id = self.current_opportunity_id()
        if opportunity_id is None:
            return
        with self._sessions() as session:
            content = load_plan(session, opportunity_id, self._today())
        if content is None:
            return

        def save(questions: tuple[str, ...], where: str) -> bool:
            fields = {"interview_questions": "\n".join(questions), "interview_place": where}
            done = self._run(
                lambda: self._playbook.update_opportunity(opportunity_id, fields),
                label=f"Save the interview plan of {quoted(content.role)}",
            )
            return done is not None

        # Qt's print support (3.5 MB) loads with the first plan, not with the window.
        from runnerup_desktop.ui.plan.plan_dialog import PlanPreviewDialog

        dialog = PlanPreviewDialog(content, parent=self, save=save)
        try:
            self.exec_dialog(dialog)
        finally:
            dialog.deleteLater()

    # --- writes --------------------------------------------------------------------------
    def _exec(self, dialog: QDialog) -> bool:
        """Run a dialog that writes through the change path itself."""
        try:
            return self.exec_dialog(dialog)
        finally:
            dialog.deleteLater()

    def new_opportunity(self) -> None:
        company_id = self._company_id
        if company_id is None:
            return

        def write(fields: dict[str, Any]) -> tuple[int, Change]:
            return self._playbook.add_opportunity({**fields, "company_id": company_id})

        dialog = OpportunityDialog(write, self._run, today=self._today, parent=self)
        if self._exec(dialog) and isinstance(dialog.written, tuple):
            self.select_opportunity(int(dialog.written[0]))

    def edit_opportunity(self) -> None:
        opportunity_id = self.current_opportunity_id()
        if opportunity_id is None:
            return
        with self._sessions() as session:
            fields = load_fields(session, opportunity_id)
        if fields is None:
            return
        self._exec(
            OpportunityDialog(
                lambda values: self._playbook.update_opportunity(opportunity_id, values),
                self._run,
                values=fields,
                today=self._today,
                parent=self,
            )
        )

    def delete_opportunity(self) -> None:
        summary = self._summary
        if summary is None:
            return
        parts = [plural(summary.follow_ups, "planned follow-up")] if summary.follow_ups else []
        if summary.gaps:
            parts.append(plural(summary.gaps, "feedback item"))
        with_it = f" and with it {' and '.join(parts)}" if parts else ""
        question = (
            f"Delete “{isolate(summary.title)}”{with_it}? Logged interactions stay with the "
            "company. Edit ▸ Undo brings it all back."
        )
        if self.confirm(self, "Delete opportunity", question):
            self._selected = None
            self._run(
                lambda: self._playbook.delete_opportunity(summary.id),
                label=f"Delete opportunity “{summary.title}”",
            )

    def record_news(self) -> None:
        """Record the news, or correct it once it is recorded."""
        summary = self._summary
        if summary is None:
            return
        if summary.news_on is not None:
            self._exec(NewsEditDialog(self._ctx, summary.id, self))
        else:
            self._exec(NewsDialog(self._ctx, summary.id, self))

    # --- changes made elsewhere ----------------------------------------------------------
    def _applied(self, change: Change, _initiator: object) -> None:
        if (change.deleted or change.everything) and self._company_id is not None:
            with self._sessions() as session:
                if company_name(session, self._company_id) is None:
                    self.set_company(None)
                    return
        mine = self._company_id is not None and self._company_id in change.companies
        if change.opportunities or change.follow_ups or change.deleted or change.everything or mine:
            self.model.refresh()
            self._restore_selection()
