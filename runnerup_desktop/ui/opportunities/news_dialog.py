"""Record the news: the call or email saying someone else was chosen, in two steps.

Step one is what was said: the day, who told you, whether the other candidate accepted,
their name, and the gaps they named (with how you will answer each). Step two is the
playbook's plan from that day, to review: change a date, a person or a channel, or untick
a step. The cadence guard marks, row by row, a touch that would come closer than the
minimum spacing to another one with the same person. Save stores it all in one
transaction through :meth:`PlaybookServices.record_news`; a refusal is shown in the dialog
and nothing typed is lost.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFrame,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from runnerup_desktop.core import validation
from runnerup_desktop.core.news import MAX_WINNER_NAME, NewsInput
from runnerup_desktop.core.playbook import come_back_sentence, why_companies_come_back
from runnerup_desktop.core.text import isolate
from runnerup_desktop.store.change import Change, ServiceError
from runnerup_desktop.store.opportunity_queries import load_news_context
from runnerup_desktop.ui.common.colors import html_color, tint_box, tint_text
from runnerup_desktop.ui.common.forms import ValidatedFormDialog, WrappedLabel
from runnerup_desktop.ui.common.window_size import first_size
from runnerup_desktop.ui.opportunities.news_plan_tables import (
    CHANNEL,
    DUE,
    WITH,
    CheckLevel,
    ComboDelegate,
    DateDelegate,
    FeedbackModel,
    PlanModel,
    to_date,
)
from runnerup_desktop.ui.opportunities.news_support import (
    Confirm,
    PlanChecker,
    asker,
    date_edit,
    edit_table,
    feedback_editor,
    first_check,
    plan_question,
    show_date,
)
from runnerup_desktop.ui.shell.context import AppContext

FEEDBACK_PAGE, PLAN_PAGE = 0, 1


class NewsDialog(ValidatedFormDialog):
    """Recording the news runs on the change path; after ``exec()`` returns true,
    :attr:`change` is what it changed."""

    def __init__(self, ctx: AppContext, opportunity_id: int, parent: QWidget | None = None) -> None:
        with ctx.sessions() as session:
            self.context = load_news_context(session, opportunity_id)
        super().__init__(f"Record the news — {self.context.title}", None, parent)
        self._playbook = ctx.services.playbook
        self._settings = ctx.settings
        self._today = ctx.today
        self._run = ctx.ops.runner(parent, initiator=parent)
        self.change: Change | None = None
        self.confirm: Confirm = asker("Save anyway", "Change the plan")
        self._plan_key: tuple[object, ...] | None = None
        contacts = [(cid, name) for cid, name, _role in self.context.contacts]
        self.feedback = FeedbackModel(self)
        self.plan = PlanModel(contacts, self)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._feedback_page())
        self.stack.addWidget(self._plan_page())
        self.save_error = WrappedLabel()
        self.save_error.setObjectName("save_error")
        tint_text(self.save_error, "error")
        self.save_error.hide()
        self.back_button = QPushButton("< &Back")
        self.preview_button = QPushButton("&Preview plan >")
        self.buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.back_button.clicked.connect(self.show_feedback)
        self.preview_button.clicked.connect(self.show_plan)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.save_error)
        layout.addWidget(self.buttons)
        self.feedback.dataChanged.connect(self._revalidate)
        self.feedback.rowsRemoved.connect(self._revalidate)
        self.plan.edited.connect(self._recheck_plan)
        self.plan_view.selectionModel().currentRowChanged.connect(self._show_details)
        self.show_feedback()
        self._revalidate()
        first_size(self, 960, 620)
        self.date_edit.setFocus()

    # --- step one: what was said -------------------------------------------------------
    def _feedback_page(self) -> QWidget:
        self.date_edit = date_edit(self._today())
        self._add_row(
            "news_on",
            "&Day of the news",
            self.date_edit,
            problem=self._date_problem,
            blank=lambda: False,
        )
        self.date_edit.dateChanged.connect(self._revalidate)
        told = [
            (f"{isolate(name)} ({role.label})", cid) for cid, name, role in self.context.contacts
        ]
        # The form starts from what the opportunity already knows: nothing is blanked.
        self.told_by_combo = self._add_combo(
            "told_by", "&Who told you", [("Not recorded", 0), *told], self.context.news_from_id or 0
        )
        self.accepted_check = QCheckBox("The other candidate has already &accepted the offer")
        self.accepted_check.setChecked(self.context.winner_accepted)
        self._add_row("accepted", "", self.accepted_check, problem=lambda: None, blank=lambda: True)
        self.winner_edit = self._add_line_edit(
            "winner_name",
            "Who got the &job",
            lambda text: validation.check_length(text.strip(), MAX_WINNER_NAME, "A name"),
            self.context.winner_name,
            placeholder="Their name, if you know it",
        )
        self._add_row(
            "feedback",
            "&Feedback heard",
            self._feedback_table(),
            problem=self.feedback.problem,
            blank=lambda: False,
        )
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(
            f"<b>{html.escape(isolate(self.context.title))}</b> at "
            f"{html.escape(isolate(self.context.company))}: "
            "record what they told you. The playbook plans your follow-ups from that day."
        )
        heading.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(self._context_box())
        layout.addLayout(self._form, 1)
        return page

    def _context_box(self) -> QFrame:
        box = QFrame()
        box.setObjectName("contextBox")
        tint_box(box, "info")
        title = QLabel("<b>Context, not promises</b>")
        text = WrappedLabel()
        text.setObjectName("contextText")
        text.setText(f"{why_companies_come_back()} {come_back_sentence(self.context.job_level)}")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addWidget(title)
        layout.addWidget(text)
        return box

    def _feedback_table(self) -> QWidget:
        self.feedback_editor = feedback_editor(self.feedback, self.isVisible)
        self.feedback_view = self.feedback_editor.view
        self.add_gap_button = self.feedback_editor.add_button
        self.remove_gap_button = self.feedback_editor.remove_button
        return self.feedback_editor.cell

    def add_gap(self) -> None:
        self.feedback_editor.add_gap(self.isVisible())

    def remove_gap(self) -> None:
        self.feedback_editor.remove_gap()

    def _date_problem(self) -> str | None:
        on, context = self.news_on(), self.context
        if on > self._today():
            return (
                f"The news cannot come on {show_date(on)}, after today: pick the day you heard it."
            )
        if context.final_interview_on is not None and on < context.final_interview_on:
            return (
                f"The news cannot come before the final interview on "
                f"{show_date(context.final_interview_on)}."
            )
        if context.applied_on is not None and on < context.applied_on:
            return f"The news cannot come before you applied, on {show_date(context.applied_on)}."
        return None

    def news_on(self) -> dt.date:
        return to_date(self.date_edit.date())

    def news(self) -> NewsInput:
        told_by = int(self.told_by_combo.currentData() or 0)
        return NewsInput(
            news_on=self.news_on(),
            told_by_id=told_by or None,
            feedback=self.feedback.items(),
            other_candidate_accepted=self.accepted_check.isChecked(),
            winner_name=validation.normalize_line(self.winner_edit.text()),
        )

    # --- step two: the plan --------------------------------------------------------------
    def _plan_page(self) -> QWidget:
        self.plan_intro = WrappedLabel()
        self.plan_view = edit_table(self.plan, "planTable")
        self.plan_view.setItemDelegateForColumn(DUE, DateDelegate(self.plan_view))
        self.plan_view.setItemDelegateForColumn(
            WITH, ComboDelegate(self.plan.contact_items, self.plan_view)
        )
        self.plan_view.setItemDelegateForColumn(
            CHANNEL, ComboDelegate(self.plan.channel_items, self.plan_view)
        )
        header = self.plan_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.plan_details = WrappedLabel()
        self.plan_details.setObjectName("planDetails")
        self.plan_details.setTextFormat(Qt.TextFormat.RichText)
        self.plan_details.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plan_intro)
        layout.addWidget(self.plan_view, 1)
        layout.addWidget(self.plan_details)
        return page

    def show_plan(self) -> None:
        """Go to step two, making the plan from the news (again only if the news changed)."""
        if not self.is_valid():
            self._reveal_problems()
            return
        news = self.news()
        key = (news.news_on, news.told_by_id, news.other_candidate_accepted, bool(news.feedback))
        if key != self._plan_key:
            try:
                plan = self._playbook.preview_news(self.context.opportunity_id, news)
            except ServiceError as exc:
                self._show_error(str(exc))
                return
            self.plan.set_plan(plan, news.news_on)
            self._plan_key = key
        self.plan_intro.setText(
            f"Your plan from the news on {show_date(news.news_on)}. Change a date, a person "
            "or a channel, or untick a step you will not take. Touches with one person are "
            f"kept at least {self._settings.min_spacing_days} days apart."
        )
        self.stack.setCurrentIndex(PLAN_PAGE)
        self._recheck_plan()
        if self.plan.rowCount() and not self.plan_view.currentIndex().isValid():
            self.plan_view.setCurrentIndex(self.plan.index(0, 0))
        self._update_buttons()
        self.plan_view.setFocus()

    def show_feedback(self) -> None:
        self.stack.setCurrentIndex(FEEDBACK_PAGE)
        self._update_buttons()

    def on_plan_page(self) -> bool:
        return self.stack.currentIndex() == PLAN_PAGE

    def _recheck_plan(self) -> None:
        checker = PlanChecker(
            news_on=self.news_on(),
            today=self._today(),
            min_days=self._settings.min_spacing_days,
            stored=self._playbook.spacing_warning,
            name=self.plan.contact_name,
        )
        self.plan.set_checks(checker.checks(self.plan.rows()))
        self._revalidate()
        self._show_details(self.plan_view.currentIndex())

    def _show_details(self, current: QModelIndex, _previous: object = None) -> None:
        rows = self.plan.rows()
        if not current.isValid() or current.row() >= len(rows):
            self.plan_details.setText("")
            return
        row = rows[current.row()]
        parts = [f"<b>{html.escape(row.touch.title)}</b>", html.escape(row.touch.guidance)]
        if row.fixed:
            parts.append(
                "<i>This is the call itself: it is kept as done on the day of the news.</i>"
            )
        if row.check is not None:
            color = html_color("error" if row.check.level is CheckLevel.ERROR else "warning")
            parts.append(f"<span style='color:{color}'>{html.escape(row.check.detail)}</span>")
        self.plan_details.setText("<br>".join(parts))

    # --- saving --------------------------------------------------------------------------
    def _revalidate(self) -> None:
        super()._revalidate()
        fields_ok = self.save_button.isEnabled()
        self.preview_button.setEnabled(fields_ok)
        error = first_check(self.plan.rows(), CheckLevel.ERROR)
        self.save_button.setEnabled(fields_ok and error is None)
        if fields_ok and error is not None:
            self.save_button.setToolTip(f"Not yet: {error.detail}")
        self.save_error.hide()

    def _update_buttons(self) -> None:
        on_plan = self.on_plan_page()
        self.back_button.setVisible(on_plan)
        self.save_button.setVisible(on_plan)
        self.preview_button.setVisible(not on_plan)
        (self.save_button if on_plan else self.preview_button).setDefault(True)
        (self.preview_button if on_plan else self.save_button).setDefault(False)

    def _show_error(self, text: str) -> None:
        self.save_error.setText(text)
        self.save_error.show()

    def save_error_text(self) -> str:
        return self.save_error.text() if not self.save_error.isHidden() else ""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.on_plan_page() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.show_plan()
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        """On step one, go to the plan; on step two, save (asking first about warnings)."""
        if not self.on_plan_page() or not self.is_valid():
            self.show_feedback()
            self.show_plan()
            return
        rows = self.plan.rows()
        error = first_check(rows, CheckLevel.ERROR)
        if error is not None:
            self._show_error(error.detail)
            return
        question = plan_question(rows, self._settings.min_spacing_days)
        if question and not self.confirm(self, "Check the plan", question):
            return
        opportunity_id, news, plan = (
            self.context.opportunity_id,
            self.news(),
            self.plan.edited_plan(),
        )
        change = self._run(
            lambda: self._playbook.record_news(opportunity_id, news, plan),
            label=f"Record the news for “{self.context.title}”",
            on_error=lambda exc: self._show_error(str(exc)),
        )
        if change is not None:
            self.change = change
            super().accept()
