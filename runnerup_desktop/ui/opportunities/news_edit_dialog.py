"""Correcting the news after it was recorded (issue 15): its day, who told it, the other
candidate, and the gaps with their answers and examples.

The form starts from what is stored; Save writes it all through
:meth:`~runnerup_desktop.store.news_corrections.NewsCorrections.update_news` on the change
path, one transaction and one undo step. A new day moves the call that was logged with it
and, unless the person unticks it, the still-planned follow-ups by as many days.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtWidgets import QCheckBox, QLabel, QWidget

from runnerup_desktop.core import validation
from runnerup_desktop.core.news import MAX_WINNER_NAME
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.opportunity_queries import load_news_context
from runnerup_desktop.store.playbook_services import FeedbackRecord, NewsRecord
from runnerup_desktop.ui.common.window_size import first_size
from runnerup_desktop.ui.common.writing_dialog import WritingDialog
from runnerup_desktop.ui.opportunities.news_plan_tables import (
    FeedbackModel,
    GapRow,
    show_date,
    to_date,
)
from runnerup_desktop.ui.opportunities.news_support import date_edit, feedback_editor
from runnerup_desktop.ui.shell.context import AppContext


class NewsEditDialog(WritingDialog):
    """The recorded news of one opportunity, to correct."""

    def __init__(self, ctx: AppContext, opportunity_id: int, parent: QWidget | None = None) -> None:
        with ctx.sessions() as session:
            self.context = load_news_context(session, opportunity_id)
        super().__init__(
            f"Edit the news — {self.context.title}",
            ctx.ops.runner(parent, initiator=parent),
            parent,
        )
        self._playbook = ctx.services.playbook
        self._today = ctx.today
        self.opportunity_id = opportunity_id
        self.recorded = self._playbook.recorded_news(opportunity_id)
        heading = QLabel(
            f"<b>{html.escape(self.context.title)}</b> at {html.escape(self.context.company)}: "
            "correct what was recorded about the news."
        )
        heading.setWordWrap(True)
        self._form.addRow(heading)
        self.date_edit = date_edit(self.recorded.news_on)
        self._add_row(
            "news_on",
            "&Day of the news",
            self.date_edit,
            problem=self._date_problem,
            blank=lambda: False,
        )
        self.date_edit.dateChanged.connect(self._day_changed)
        self.move_plan_check = QCheckBox("&Move the planned follow-ups with it")
        self.move_plan_check.setChecked(True)
        self._add_row(
            "move_plan", "", self.move_plan_check, problem=lambda: None, blank=lambda: True
        )
        told = [(f"{name} ({role.label})", cid) for cid, name, role in self.context.contacts]
        self.told_by_combo = self._add_combo(
            "told_by", "&Who told you", [("Not recorded", 0), *told], self.recorded.told_by_id or 0
        )
        self.accepted_check = QCheckBox("The other candidate has &accepted the offer")
        self.accepted_check.setChecked(self.recorded.other_candidate_accepted)
        self._add_row("accepted", "", self.accepted_check, problem=lambda: None, blank=lambda: True)
        self.winner_edit = self._add_line_edit(
            "winner_name",
            "Who got the &job",
            lambda text: validation.check_length(text.strip(), MAX_WINNER_NAME, "A name"),
            self.recorded.winner_name,
            placeholder="Their name, if you know it",
        )
        self.feedback = FeedbackModel(self)
        for item in self.recorded.feedback:
            self.feedback.add_row(
                GapRow(item.gap, item.importance, item.answer, item.example, item.id)
            )
        self.feedback_editor = feedback_editor(self.feedback, self.isVisible)
        self._add_row(
            "feedback",
            "&Feedback heard",
            self.feedback_editor.cell,
            problem=self.feedback.problem,
            blank=lambda: False,
        )
        self.feedback.dataChanged.connect(self._revalidate)
        self.feedback.rowsRemoved.connect(self._revalidate)
        self.feedback.rowsInserted.connect(self._revalidate)
        self._finish_writing("&Save", touch=["news_on"])
        self._day_changed()
        first_size(self, 820, 560)

    def news_on(self) -> dt.date:
        return to_date(self.date_edit.date())

    def _date_problem(self) -> str | None:
        on, context = self.news_on(), self.context
        if on > self._today():
            return f"The news cannot come on {show_date(on)}, after today."
        if context.final_interview_on is not None and on < context.final_interview_on:
            return (
                f"The news cannot come before the final interview on "
                f"{show_date(context.final_interview_on)}."
            )
        return None

    def _day_changed(self) -> None:
        self.move_plan_check.setEnabled(self.news_on() != self.recorded.news_on)
        self._revalidate()

    def news(self) -> NewsRecord:
        """The news as corrected. Raises ``ValueError`` while a field is wrong."""
        self._require_valid()
        told = int(self.told_by_combo.currentData() or 0)
        return NewsRecord(
            news_on=self.news_on(),
            told_by_id=told or None,
            other_candidate_accepted=self.accepted_check.isChecked(),
            winner_name=validation.normalize_line(self.winner_edit.text()),
            feedback=tuple(
                FeedbackRecord(row.id, row.gap, row.importance, row.answer, row.example)
                for row in self.feedback.gap_rows()
            ),
        )

    def _label(self) -> str:
        return f"Edit the news of “{self.context.title}”"

    def _write(self) -> Change:
        move = self.move_plan_check.isEnabled() and self.move_plan_check.isChecked()
        return self._playbook.update_news(self.opportunity_id, self.news(), move_plan=move)
