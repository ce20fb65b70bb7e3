"""What the playbook's widgets share besides the table models (news dialog, opportunity
dialogs, opportunities panel).

- :data:`Confirm` and :func:`ask`: the replaceable question the widgets ask through (tests
  answer it without a modal);
- :func:`date_edit`, :func:`edit_table`, :func:`action_button`: small widget builders;
- :func:`summary_text`: the selected opportunity in a few lines;
- :class:`PlanChecker`: the checks of a plan under review, row by row: a date before the
  news (refused), the cadence guard against stored touches and against the plan's other
  touches (asked about), a date in the past (asked about);
- :func:`plan_question`: what to ask before saving a plan with warnings.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from runnerup_desktop.core.cadence import (
    SPACING_EXEMPT_STEPS,
    CadenceWarning,
    Touch,
    check_spacing,
)
from runnerup_desktop.core.domain import Importance, Step
from runnerup_desktop.core.text import isolate
from runnerup_desktop.store.opportunity_queries import OpportunitySummary
from runnerup_desktop.ui.common.ask import Confirm, ask, asker
from runnerup_desktop.ui.common.dates import date_field
from runnerup_desktop.ui.common.sql_table_model import DATE_FORMAT
from runnerup_desktop.ui.opportunities.news_plan_tables import (
    IMPORTANCE_COLUMN,
    CheckLevel,
    ComboDelegate,
    FeedbackModel,
    PlanRow,
    RowCheck,
    show_date,
)

__all__ = [
    "Confirm",
    "PlanChecker",
    "action_button",
    "ask",
    "asker",
    "date_edit",
    "edit_table",
    "feedback_editor",
    "first_check",
    "has_level",
    "plan_question",
    "plural",
    "show_date",
    "summary_text",
]

#: ``(parent, title, question) -> yes?``: replaceable so that tests answer without a modal.
#: ``(contact id, day, step, min days) -> warning``: the cadence guard over stored touches.
StoredSpacing = Callable[[int, dt.date, Step, int], CadenceWarning | None]


def date_edit(day: dt.date) -> QDateEdit:
    """A date field with a calendar pop-up, as wide as a date needs."""
    edit = date_field(day)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("00 Sept 0000") + 48)
    edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return edit


IMPORTANCE_CHOICES = (Importance.ESSENTIAL, Importance.NICE_TO_HAVE, Importance.UNKNOWN)


@dataclass
class FeedbackEditor:
    """The gaps heard, edited in place, with "Add a gap" and "Remove" under them."""

    cell: QWidget
    view: QTableView
    add_button: QPushButton
    remove_button: QPushButton

    def add_gap(self, editing: bool) -> None:
        """A new row, current; typed into at once when ``editing`` (the dialog is shown)."""
        model = self.view.model()
        assert isinstance(model, FeedbackModel)
        index = model.index(model.add_row(), 0)
        self.view.setCurrentIndex(index)
        if editing:
            self.view.edit(index)

    def remove_gap(self) -> None:
        model = self.view.model()
        index = self.view.currentIndex()
        if index.isValid() and isinstance(model, FeedbackModel):
            model.remove_row(index.row())


def feedback_editor(model: FeedbackModel, editing: Callable[[], bool]) -> FeedbackEditor:
    """The table of gaps over ``model``, its buttons wired (``editing``: the dialog shows)."""
    view = edit_table(model, "feedbackTable")
    importance = [(i.label, i.value) for i in IMPORTANCE_CHOICES]
    view.setItemDelegateForColumn(IMPORTANCE_COLUMN, ComboDelegate(lambda: importance, view))
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(IMPORTANCE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
    view.setMinimumHeight(150)
    editor = FeedbackEditor(QWidget(), view, QPushButton("Add a &gap"), QPushButton("&Remove"))
    editor.add_button.clicked.connect(lambda: editor.add_gap(editing()))
    editor.remove_button.clicked.connect(editor.remove_gap)
    hint = QLabel("Essential or nice-to-have? Ask “why is this important for the role?”")
    hint.setStyleSheet("color: palette(placeholder-text);")
    buttons = QHBoxLayout()
    buttons.addWidget(editor.add_button)
    buttons.addWidget(editor.remove_button)
    buttons.addWidget(hint, 1)
    layout = QVBoxLayout(editor.cell)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(view, 1)
    layout.addLayout(buttons)
    editor.cell.setFocusProxy(view)
    return editor


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def edit_table(model: QAbstractItemModel, name: str) -> QTableView:
    """A compact table of rows edited in place."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.SelectedClicked
    )
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 12)
    return view


@dataclass(frozen=True)
class PlanChecker:
    """Checks each row of a plan under review; see the module's docstring."""

    news_on: dt.date
    today: dt.date
    min_days: int
    stored: StoredSpacing
    name: Callable[[int | None], str]

    def checks(self, rows: Sequence[PlanRow]) -> list[RowCheck | None]:
        return [self.check(row, rows) for row in rows]

    def check(self, row: PlanRow, rows: Sequence[PlanRow]) -> RowCheck | None:
        if not row.included:
            return None
        if row.due_on < self.news_on:
            return RowCheck(
                CheckLevel.ERROR,
                "Before the news",
                f"“{row.touch.title}” is due on {show_date(row.due_on)}, before the news on "
                f"{show_date(self.news_on)}: move it to the day of the news or later.",
            )
        warning = self.spacing(row, rows)
        if warning is not None:
            days = plural(warning.days_apart, "day")
            text = f"{days} from another touch with {isolate(self.name(row.contact_id))}"
            return RowCheck(CheckLevel.WARNING, text, warning.message)
        if not row.fixed and row.due_on < self.today:
            return RowCheck(
                CheckLevel.NOTE,
                "In the past",
                f"Due on {show_date(row.due_on)}, before today: it will show as overdue. If "
                "you already did it, untick it and log it on the timeline instead.",
            )
        return None

    def spacing(self, row: PlanRow, rows: Sequence[PlanRow]) -> CadenceWarning | None:
        """The nearer of: a stored touch with the contact, another touch of this plan.

        Within the plan, the offer check-in and the door-open note do not count against the
        other touches either: the sequence itself schedules them close to the others.
        """
        if not row.outbound or row.contact_id is None or self.min_days == 0:
            return None
        stored = self.stored(row.contact_id, row.due_on, row.touch.step, self.min_days)
        others = [
            Touch(other.due_on, True, other.touch.step)
            for other in rows
            if other is not row
            and other.touch.step not in SPACING_EXEMPT_STEPS
            and other.included
            and other.outbound
            and other.contact_id == row.contact_id
        ]
        planned = check_spacing(others, row.due_on, row.touch.step, self.min_days)
        found = [w for w in (stored, planned) if w is not None]
        return min(found, key=lambda w: (w.days_apart, w.previous_on)) if found else None


def has_level(row: PlanRow, level: CheckLevel) -> bool:
    return row.included and row.check is not None and row.check.level is level


def first_check(rows: Sequence[PlanRow], level: CheckLevel) -> RowCheck | None:
    """The first ticked row's check of ``level``, if any."""
    return next((row.check for row in rows if has_level(row, level) and row.check), None)


def plan_question(rows: Sequence[PlanRow], min_days: int) -> str:
    """What to ask before saving a plan with warnings, or "" when there is nothing to ask."""
    close = [row for row in rows if has_level(row, CheckLevel.WARNING)]
    past = [row for row in rows if has_level(row, CheckLevel.NOTE)]
    parts = []
    if close:
        items = "\n".join(
            f"• {row.touch.title}: {row.check.text}" for row in close if row.check is not None
        )
        parts.append(
            f"These touches come closer than {min_days} days to another one with the same "
            f"person:\n{items}\nWeekly calls or emails read as stalking."
        )
    if past:
        count = len(past)
        verb = "is" if count == 1 else "are"
        parts.append(
            f"{plural(count, 'follow-up')} {verb} due before today and will show as overdue."
        )
    return "\n\n".join(parts) + "\n\nSave the plan anyway?" if parts else ""


def action_button(action: QAction) -> QPushButton:
    """A push button that follows ``action`` (a tool button would drop the "…")."""
    button = QPushButton(action.text())
    button.setAutoDefault(False)

    def follow() -> None:
        button.setText(action.text())
        button.setEnabled(action.isEnabled())
        button.setToolTip(action.toolTip())

    action.changed.connect(follow)
    button.clicked.connect(action.trigger)
    follow()
    return button


def summary_text(
    summary: OpportunitySummary | None, has_company: bool, rows: int, today: dt.date
) -> str:
    """The few lines under the opportunities table, as rich text."""
    if summary is None:
        if not has_company:
            return "Choose a company to see its opportunities."
        if rows:
            return "Choose an opportunity to see its summary."
        return "No opportunities yet: add the role you interviewed for with “New opportunity…”."
    lines = [f"<b>{html.escape(isolate(summary.title))}</b> · {summary.stage.label}"]
    if summary.news_on is None:
        lines.append(
            "No news recorded yet. When they tell you someone else was chosen, record the "
            "news: the playbook plans your follow-ups from that day."
        )
        return "<br>".join(lines)
    told = f" from {html.escape(isolate(summary.news_from))}" if summary.news_from else ""
    gaps = plural(summary.gaps, "feedback gap")
    if summary.essential_gaps:
        gaps += f" ({summary.essential_gaps} essential)"
    lines[0] += f" · news on {show_date(summary.news_on)}{told} · {gaps}"
    if summary.next_due is None:
        lines.append("No follow-up planned.")
    else:
        who = f" with {html.escape(isolate(summary.next_contact))}" if summary.next_contact else ""
        late = " (overdue)" if summary.next_due < today else ""
        lines.append(
            f"Next: {html.escape(summary.next_title or '')}, due {show_date(summary.next_due)}"
            f"{late}{who} · {plural(summary.follow_ups, 'follow-up')} planned"
        )
    return "<br>".join(lines)
