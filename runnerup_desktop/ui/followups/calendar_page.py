"""The follow-ups calendar: planned days marked on a month, a day's follow-ups, the agenda.

The month shows how many follow-ups are planned on each visible day (one query per month
shown); overdue days are tinted as a warning. Below it, the selected day's follow-ups (done
and skipped ones too); beside it, the agenda: overdue, today and the next days. Picking an
agenda item selects its day and its row. The actions (:mod:`.followup_actions`) work on the
day table's selection, from the buttons or the context menu of either table.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QDate,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCalendarWidget,
    QLabel,
    QMenu,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from runnerup_desktop.core.domain import FollowUpStatus
from runnerup_desktop.store import agenda_queries as agenda_queries
from runnerup_desktop.store.agenda_queries import AgendaItem
from runnerup_desktop.store.change import Change
from runnerup_desktop.ui.common.colors import follow_palette, ink, tone
from runnerup_desktop.ui.common.dates import qdate
from runnerup_desktop.ui.common.empty_hint import empty_hint
from runnerup_desktop.ui.common.page_actions import Target, quoted
from runnerup_desktop.ui.common.settings import AGENDA_DAYS, MIN_SPACING_DAYS
from runnerup_desktop.ui.common.tab_page import TabPage
from runnerup_desktop.ui.followups.followup_actions import FollowUpActions
from runnerup_desktop.ui.followups.followup_table import (
    FollowUpTableModel,
    Section,
    count_text,
    day_text,
    fit_columns,
    make_follow_up_table,
    relative,
)
from runnerup_desktop.ui.shell.context import AppContext

AnyIndex = QModelIndex | QPersistentModelIndex


def visible_range(year: int, month: int, first_weekday: Qt.DayOfWeek) -> tuple[dt.date, dt.date]:
    """The first and last day of the 6-week grid QCalendarWidget shows for a month (it
    always starts with at least one day of the month before)."""
    first = dt.date(year, month, 1)
    offset = (first.isoweekday() - first_weekday.value) % 7 or 7
    start = first - dt.timedelta(days=offset)
    return start, start + dt.timedelta(days=41)


class CalendarPage(TabPage):
    """The calendar of follow-ups, the selected day's list and the agenda."""

    #: The selection changed: what Edit, Delete and New act on.
    targets_changed = Signal()

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
        self._syncing = False
        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("followUpCalendar")
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        follow_palette(self.calendar, self._recolor)
        self.day_model = FollowUpTableModel(today, self)
        self.day_view = make_follow_up_table(self.day_model, "dayTable", ("due",))
        self.day_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.day_title = QLabel()
        self.day_title.setObjectName("dayTitle")
        self.agenda_model = FollowUpTableModel(today, self)
        self.agenda_view = make_follow_up_table(
            self.agenda_model, "agendaTable", ("channel", "status")
        )
        self.agenda_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda_title = QLabel()
        self.follow_up_actions = FollowUpActions(ctx, self.selected_items, self)
        self.follow_up_actions.new_defaults = self._new_defaults
        self._build()
        self._wire()
        self.day_hint = empty_hint(
            self.day_view,
            "Nothing planned on this day. New follow-up… (Ctrl+N) plans one; recording the "
            "news of a role plans the playbook's.",
        )
        ctx.changes.applied.connect(self._applied)
        ctx.changes.setting_changed.connect(self._setting_changed)
        self.calendar.setSelectedDate(qdate(today()))
        self.start()

    def _build(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.calendar, 3)
        left_layout.addWidget(self.day_title)
        left_layout.addWidget(self.day_view, 2)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.agenda_title)
        right_layout.addWidget(self.agenda_view, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("calendarSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setSizes([520, 600])
        bar = self.follow_up_actions.button_bar()
        layout = QVBoxLayout(self)
        layout.addWidget(bar)
        layout.addWidget(self.splitter, 1)
        self._bar = bar

    def _wire(self) -> None:
        self.calendar.currentPageChanged.connect(self._mark_page)
        self.calendar.selectionChanged.connect(self._load_day)
        self.day_view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.day_model.modelReset.connect(self._selection_changed)
        self.day_view.open_requested.connect(self.follow_up_actions.open_follow_up)
        self.agenda_view.open_requested.connect(self.follow_up_actions.open_follow_up)
        self.agenda_view.selectionModel().currentRowChanged.connect(self._agenda_picked)
        self.agenda_model.modelReset.connect(self._span_sections)
        for view in (self.day_view, self.agenda_view):
            view.customContextMenuRequested.connect(
                lambda point, v=view: self.context_menu(v, point).popup(
                    v.viewport().mapToGlobal(point)
                )
            )

    def tab_chain(self) -> list[QWidget]:
        """Where Tab goes, as the page is laid out: the buttons, the month, the day's
        list, then the agenda beside them."""
        return [
            *self._bar.findChildren(QAbstractButton),
            self.calendar,
            self.day_view,
            self.agenda_view,
        ]

    # --- public -----------------------------------------------------------------------
    def select_follow_up(self, follow_up_id: int) -> bool:
        """Show a follow-up: select its day on the calendar and its row in the day's list
        (and in the agenda when it is there). False when it no longer exists."""
        with self._sessions() as session:
            due_on = agenda_queries.follow_up_due_on(session, follow_up_id)
        if due_on is None:
            return False
        self._show(due_on, follow_up_id)
        position = self.agenda_model.row_of(follow_up_id)
        if position is not None:
            self._syncing = True
            try:
                self.agenda_view.setCurrentIndex(self.agenda_model.index(position, 0))
            finally:
                self._syncing = False
        self.day_view.setFocus()
        return True

    def refresh(self) -> None:
        """Read the marks, the day's list and the agenda again, keeping the selection."""
        self._mark_page(self.calendar.yearShown(), self.calendar.monthShown())
        self._load_day()
        self._load_agenda()

    def _applied(self, change: Change, initiator: object) -> None:
        """Refresh after a change made here or elsewhere (names shown may have changed):
        at once for this page's own writes, else when next seen."""
        if not (
            change.follow_ups
            or change.deleted
            or change.companies
            or change.contacts
            or change.everything
        ):
            return
        if initiator is self:
            self.refresh()
        else:
            self.refresh_when_seen()

    def _setting_changed(self, key: str) -> None:
        if key in (AGENDA_DAYS.key, MIN_SPACING_DAYS.key):
            self.refresh_when_seen()

    def _selection_changed(self) -> None:
        self.follow_up_actions.update_enabled()
        self.targets_changed.emit()

    def selected_items(self) -> list[AgendaItem]:
        rows = sorted(index.row() for index in self.day_view.selectionModel().selectedRows())
        return [item for row in rows if (item := self.day_model.item_at(row)) is not None]

    def selected_day(self) -> dt.date:
        selected = self.calendar.selectedDate()
        return dt.date(selected.year(), selected.month(), selected.day())

    # --- the month --------------------------------------------------------------------
    def _recolor(self) -> None:
        """Weekends and marks in the colours of the palette now in use."""
        weekend = QTextCharFormat()
        weekend.setForeground(ink("weekend"))
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.calendar.setWeekdayTextFormat(day, weekend)
        if not self.waiting:
            self._mark_page(self.calendar.yearShown(), self.calendar.monthShown())

    def _mark_page(self, year: int, month: int) -> None:
        first, last = visible_range(year, month, self.calendar.firstDayOfWeek())
        with self._sessions() as session:
            counts = agenda_queries.day_counts(session, first, last)
        today = self._today()
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clears every mark
        for day, count in counts.items():
            overdue = day < today
            found = tone("overdue_day" if overdue else "planned_day")
            mark = QTextCharFormat()
            mark.setFontWeight(QFont.Weight.Bold)
            mark.setBackground(QColor(found.background))
            mark.setForeground(QColor(found.text))
            mark.setToolTip(count_text(count) + (", overdue" if overdue else ""))
            self.calendar.setDateTextFormat(qdate(day), mark)

    # --- the selected day -------------------------------------------------------------
    def _show(self, day: dt.date, follow_up_id: int | None = None) -> None:
        if self.calendar.selectedDate() != qdate(day):
            self.calendar.setSelectedDate(qdate(day))  # loads the day
        else:
            self._load_day()
        position = self.day_model.row_of(follow_up_id) if follow_up_id is not None else None
        if position is not None:
            # Not selectRow: with Ctrl held (Ctrl+Z brought the person here) it would toggle.
            flags = QItemSelectionModel.SelectionFlag
            index = self.day_model.index(position, 0)
            self.day_view.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
            self.day_view.scrollTo(index)

    def _load_day(self) -> None:
        day = self.selected_day()
        kept = [item.id for item in self.selected_items()]
        with self._sessions() as session:
            items = agenda_queries.follow_ups_on(session, day)
        self.day_model.set_rows(items)
        fit_columns(self.day_view)
        selection = self.day_view.selectionModel()
        for follow_up_id in kept:
            position = self.day_model.row_of(follow_up_id)
            if position is not None and not selection.isRowSelected(position):
                self.day_view.selectRow(position)
        planned = sum(item.status is FollowUpStatus.PLANNED for item in items)
        summary = f"{count_text(planned)} planned" if items else "Nothing planned"
        done = len(items) - planned
        if done:
            summary += f", {done} done or skipped"
        header = f"<b>{day_text(day, True)}</b> · {relative(day, self._today())} · {summary}"
        self.day_title.setText(header)
        self.follow_up_actions.update_enabled()

    # --- the agenda -------------------------------------------------------------------
    def _load_agenda(self) -> None:
        today, days = self._today(), self._settings.agenda_days
        with self._sessions() as session:
            found = agenda_queries.agenda(session, today, days)
        later = f"Next {days} days" if days != 1 else "Tomorrow"
        rows: list[AgendaItem | Section] = []
        for key, title, items, nothing in (
            ("overdue", "Overdue", found.overdue, "Nothing overdue."),
            ("today", f"Today, {day_text(today)}", found.today, "Nothing due today."),
            ("upcoming", later, found.upcoming, self._nothing_later(later, found)),
        ):
            rows.append(Section(key, f"{title} ({len(items)})"))
            rows.extend(items) if items else rows.append(Section(f"{key}-empty", nothing, True))
        self.agenda_model.set_rows(rows)
        total = len(found.overdue) + len(found.today) + len(found.upcoming)
        self.agenda_title.setText(f"<b>Agenda</b> · {count_text(total)}")
        self._span_sections()
        fit_columns(self.agenda_view)

    @staticmethod
    def _nothing_later(later: str, found: agenda_queries.Agenda) -> str:
        if found.overdue or found.today:
            return f"Nothing in the {later.lower()}."
        return (
            f"Nothing in the {later.lower()}. Follow-ups appear here when you record the news "
            "of a role (the playbook plans them) or plan one with New follow-up…."
        )

    def _span_sections(self) -> None:
        self.agenda_view.clearSpans()
        for row in self.agenda_model.section_rows():
            self.agenda_view.setSpan(row, 0, 1, self.agenda_model.columnCount())

    def _agenda_picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.agenda_model.item_at(current.row()) if current.isValid() else None
        if item is not None and not self._syncing:
            self.day_view.clearSelection()
            self._show(item.due_on, item.id)

    # --- what the window's New, Edit and Delete do here ---------------------------------
    def new_target(self) -> Target | None:
        return Target(
            "&New follow-up…",
            "Plan a follow-up on the selected day",
            self.follow_up_actions.new_follow_up,
        )

    def edit_target(self) -> Target | None:
        selected = self.selected_items()
        if len(selected) != 1:
            return None
        return Target(
            "&Edit follow-up…", f"Edit {quoted(selected[0].title)}", self.follow_up_actions.edit
        )

    def delete_target(self) -> Target | None:
        selected = self.selected_items()
        if not selected:
            return None
        if len(selected) == 1:
            return Target(
                "&Delete follow-up…",
                f"Delete {quoted(selected[0].title)}",
                self.follow_up_actions.delete,
            )
        return Target(
            f"&Delete {len(selected)} follow-ups…",
            f"Delete the {len(selected)} selected follow-ups",
            self.follow_up_actions.delete,
        )

    # --- actions ----------------------------------------------------------------------
    def context_menu(self, view: QTableView, point: QPoint) -> QMenu:
        """The menu for a right-click at ``point`` in ``view``, after selecting the row there."""
        index = view.indexAt(point)
        if view is self.agenda_view and index.isValid():
            self.agenda_view.setCurrentIndex(index)  # the menu acts on that item
        elif (
            view is self.day_view
            and index.isValid()
            and not view.selectionModel().isRowSelected(index.row())
        ):
            self.day_view.selectRow(index.row())
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.follow_up_actions.fill_menu(menu)
        return menu

    def _new_defaults(self) -> tuple[int | None, dt.date | None]:
        selected = self.selected_items()
        return (selected[0].company_id if selected else None), self.selected_day()
