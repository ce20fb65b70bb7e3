"""The follow-up actions and their dialogs: done, snooze, reschedule, skip, new, the guard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from PySide6.QtWidgets import QDialog, QMenu, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from runnerup_desktop.core.domain import (
    Channel,
    ContactRole,
    Direction,
    FollowUpStatus,
    InteractionKind,
    Step,
)
from runnerup_desktop.core.news import FollowUpValues
from runnerup_desktop.store.agenda_queries import follow_ups_on
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.models import FollowUp, Interaction, ValueItem
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.ui.common.ask import ALREADY_SHARED, TOO_CLOSE
from runnerup_desktop.ui.common.dates import qdate
from runnerup_desktop.ui.common.writing_dialog import Runner as WriteRunner
from runnerup_desktop.ui.followups.calendar_page import CalendarPage
from runnerup_desktop.ui.followups.followup_dialogs import (
    NEW_VALUE,
    NO_VALUE,
    DateDialog,
    DoneDialog,
    NewFollowUpDialog,
)
from runnerup_desktop.ui.shell.context import AppContext

TODAY = dt.date(2025, 10, 15)
#: Hana's last outbound touch: a logged email.
LAST_TOUCH = dt.date(2025, 10, 1)


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


@dataclass
class World:
    store: Store
    services: DirectoryServices
    playbook: PlaybookServices
    company: int
    hana: int
    lukasz: int
    #: The change path dialogs write through.
    run: WriteRunner

    def add(
        self,
        on: dt.date,
        contact: int | None = None,
        notes: str = "Touch",
        step: Step = Step.OTHER,
        channel: Channel = Channel.EMAIL,
    ) -> int:
        values = FollowUpValues(
            company_id=self.company,
            contact_id=contact if contact is not None else self.lukasz,
            due_on=on,
            step=step,
            channel=channel,
            notes=notes,
        )
        return self.playbook.add_follow_up(values, allow_past=True)[0]

    def follow_up(self, follow_up_id: int) -> FollowUp:
        with self.store.sessions() as session:
            row = session.get(FollowUp, follow_up_id)
            assert row is not None
            return row

    def interactions(self, follow_up_id: int) -> list[Interaction]:
        with self.store.sessions() as session:
            query = select(Interaction).where(Interaction.follow_up_id == follow_up_id)
            return list(session.scalars(query))


@dataclass
class Asked:
    """A ``confirm`` stand-in: records the questions and gives one answer."""

    answer: bool
    questions: list[tuple[str, str]] = field(default_factory=list)

    def __call__(self, _parent: QWidget, title: str, text: str) -> bool:
        self.questions.append((title, text))
        return self.answer


@dataclass
class Runner:
    """An ``exec_dialog`` stand-in: fills the dialog in, presses Save, records it."""

    fill: Callable[[QDialog], None]
    dialogs: list[QDialog] = field(default_factory=list)
    results: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def __call__(self, dialog: QDialog) -> int:
        self.dialogs.append(dialog)
        self.fill(dialog)
        dialog.accept()
        self.results.append(dialog.result())
        self.errors.append(getattr(dialog, "error", lambda: "")())
        return dialog.result()


@pytest.fixture
def today() -> Callable[[], dt.date]:
    return lambda: TODAY


@pytest.fixture
def world(store: Store, services: DirectoryServices, ctx: AppContext) -> World:
    playbook = PlaybookServices(store.sessions, today=lambda: TODAY)
    company, _ = services.add_company({"name": "Northwind Analytics"})
    hana, _ = services.add_contact(
        {"company_id": company, "name": "Hana Kobayashi", "role": ContactRole.HIRING_MANAGER}
    )
    lukasz, _ = services.add_contact(
        {"company_id": company, "name": "Łukasz Wróbel", "role": ContactRole.RECRUITER}
    )
    services.log_interaction(
        {
            "company_id": company,
            "contact_id": hana,
            "kind": InteractionKind.EMAIL,
            "direction": Direction.OUTBOUND,
            "occurred_on": LAST_TOUCH,
            "summary": "Sent the article on their new warehouse",
        }
    )
    return World(store, services, playbook, company, hana, lukasz, ctx.ops.runner(None))


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext, world: World) -> CalendarPage:
    widget = CalendarPage(ctx)
    qtbot.addWidget(widget)
    return widget


def open_with(page: CalendarPage, fill: Callable[[QDialog], None], answer: bool = True) -> Runner:
    runner = Runner(fill)
    page.follow_up_actions.exec_dialog = runner
    page.follow_up_actions.confirm = Asked(answer)
    return runner


def asked(page: CalendarPage) -> list[tuple[str, str]]:
    confirm = page.follow_up_actions.confirm
    assert isinstance(confirm, Asked)
    return confirm.questions


def set_day(dialog: DateDialog | NewFollowUpDialog, on: dt.date) -> None:
    dialog.date_edit.setDate(qdate(on))


def picking(on: dt.date) -> Callable[[QDialog], None]:
    """Fills a date dialog in with ``on``."""

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, DateDialog)
        set_day(dialog, on)

    return fill


# --- done -------------------------------------------------------------------------------


def test_done_with_a_note_logs_an_interaction_and_marks_it_done(
    page: CalendarPage, world: World
) -> None:
    follow_up = world.add(TODAY, notes="Ask about the new team")
    page.refresh()
    assert page.select_follow_up(follow_up)
    assert page.follow_up_actions.done_action.isEnabled()

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, DoneDialog)
        assert dialog.value_combo is None  # not a value touch
        dialog.note_edit.setText("Called; they are hiring a second manager in spring")

    runner = open_with(page, fill)
    changes: list[Change] = []
    page.follow_up_actions._ctx.changes.applied.connect(lambda change, _by: changes.append(change))
    page.follow_up_actions.done_action.trigger()
    assert runner.results == [QDialog.DialogCode.Accepted]
    row = world.follow_up(follow_up)
    assert row.status is FollowUpStatus.DONE
    assert row.completed_on == TODAY
    [logged] = world.interactions(follow_up)
    assert logged.summary == "Called; they are hiring a second manager in spring"
    assert logged.direction is Direction.OUTBOUND
    assert changes and changes[0].interactions
    assert page.calendar.dateTextFormat(qdate(TODAY)).isEmpty()  # no planned one left
    assert not page.follow_up_actions.done_action.isEnabled()  # done rows cannot be redone


def test_done_cannot_be_dated_after_today(qtbot: QtBot, world: World) -> None:
    follow_up = world.add(TODAY)
    dialog = done_dialog(qtbot, world, follow_up)
    dialog.date_edit.setDate(qdate(day(1)))
    assert "after today" in dialog.problems()["done_on"]
    assert not dialog.save_button.isEnabled()


def done_dialog(qtbot: QtBot, world: World, follow_up_id: int, answer: bool = True) -> DoneDialog:
    due_on = world.follow_up(follow_up_id).due_on
    with world.store.sessions() as session:
        item = next(i for i in follow_ups_on(session, due_on) if i.id == follow_up_id)
    dialog = DoneDialog(world.playbook, item, today=TODAY, run=world.run, confirm=Asked(answer))
    qtbot.addWidget(dialog)
    return dialog


def title_row_shown(dialog: DoneDialog) -> bool:
    cell = dialog.value_title_edit.parentWidget()
    assert cell is not None
    return dialog._form.isRowVisible(cell)


def share(world: World, title: str, contact: int, on: dt.date) -> int:
    item, _ = world.playbook.add_value_item(world.company, title)
    world.services.log_interaction(
        {
            "company_id": world.company,
            "contact_id": contact,
            "kind": InteractionKind.EMAIL,
            "direction": Direction.OUTBOUND,
            "occurred_on": on,
            "summary": f"Shared {title}",
            "value_item_id": item,
        }
    )
    return item


def test_a_value_touch_asks_what_value_it_carried(qtbot: QtBot, world: World) -> None:
    follow_up = world.add(TODAY, world.hana, "Value touch", Step.DEMONSTRATE_VALUE)
    dialog = done_dialog(qtbot, world, follow_up)
    assert dialog.value_combo is not None
    assert dialog.value_combo.currentIndex() == -1
    assert "Say what value this touch carried" in dialog.problems()["value_item"]
    dialog.accept()
    assert dialog.result() == 0
    assert "Say what value" in dialog.error_text("value_item")
    assert world.follow_up(follow_up).status is FollowUpStatus.PLANNED
    dialog.value_combo.setCurrentIndex(dialog.value_combo.findData(NO_VALUE))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    [logged] = world.interactions(follow_up)
    assert logged.value_item_id is None


def test_the_already_shared_value_is_said_plainly_and_asked_about(
    qtbot: QtBot, world: World
) -> None:
    item = share(world, "Competitor's Lisbon office", world.hana, dt.date(2025, 10, 3))
    fresh, _ = world.playbook.add_value_item(world.company, "A new logistics customer")
    follow_up = world.add(TODAY, world.hana, "Value touch", Step.MIS_HIRE_WINDOW)
    dialog = done_dialog(qtbot, world, follow_up, answer=False)
    assert dialog.value_combo is not None
    dialog.value_combo.setCurrentIndex(dialog.value_combo.findData(item))
    sentence = "You already shared “Competitor's Lisbon office” with Hana Kobayashi on 3 Oct."
    assert dialog.shared_sentence() == sentence
    assert dialog.shared_label.text() == sentence
    assert not dialog.shared_label.isHidden()
    dialog.accept()  # answered "Choose another"
    confirm = dialog.confirm
    assert isinstance(confirm, Asked)
    assert confirm.questions == [(ALREADY_SHARED, f"{sentence} Bring it again in this touch?")]
    assert dialog.result() == 0
    assert world.follow_up(follow_up).status is FollowUpStatus.PLANNED
    dialog.value_combo.setCurrentIndex(dialog.value_combo.findData(fresh))
    assert dialog.shared_sentence() == ""
    assert dialog.shared_label.isHidden()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(confirm.questions) == 1  # nothing to ask about the fresh one
    assert world.interactions(follow_up)[0].value_item_id == fresh


def test_sharing_again_when_the_person_says_so(qtbot: QtBot, world: World) -> None:
    item = share(world, "Industry report", world.hana, dt.date(2025, 10, 3))
    follow_up = world.add(TODAY, world.hana, "Value touch", Step.DEMONSTRATE_VALUE)
    dialog = done_dialog(qtbot, world, follow_up, answer=True)
    assert dialog.value_combo is not None
    dialog.value_combo.setCurrentIndex(dialog.value_combo.findData(item))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [s.last_on for s in world.playbook.shared_with(item)] == [TODAY]


def test_shared_with_someone_else_is_not_a_warning(qtbot: QtBot, world: World) -> None:
    item = share(world, "Industry report", world.lukasz, dt.date(2025, 10, 3))
    follow_up = world.add(TODAY, world.hana, "Value touch", Step.DEMONSTRATE_VALUE)
    dialog = done_dialog(qtbot, world, follow_up)
    assert dialog.value_combo is not None
    dialog.value_combo.setCurrentIndex(dialog.value_combo.findData(item))
    assert dialog.shared_sentence() == ""


def test_a_new_value_item_is_added_and_carried(qtbot: QtBot, world: World) -> None:
    follow_up = world.add(TODAY, world.hana, "Value touch", Step.DEMONSTRATE_VALUE)
    dialog = done_dialog(qtbot, world, follow_up)
    assert dialog.value_combo is not None
    assert not title_row_shown(dialog)
    dialog.value_combo.setCurrentIndex(dialog.value_combo.findData(NEW_VALUE))
    assert title_row_shown(dialog)
    dialog.accept()
    assert dialog.error_text("value_title") == "Give the new value item a title: what did you find?"
    dialog.value_title_edit.setText("Their rival signed DHL")
    dialog.value_details_edit.setPlainText("Press release of 12 Oct; ask for 20 minutes.")
    dialog.note_edit.setText("Asked for a short call about it")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    [logged] = world.interactions(follow_up)
    with world.store.sessions() as session:
        value = session.get(ValueItem, logged.value_item_id)
        assert value is not None
        assert (value.title, value.details) == (
            "Their rival signed DHL",
            "Press release of 12 Oct; ask for 20 minutes.",
        )
    assert dialog.change is not None and dialog.change.interactions


def test_a_refused_completion_is_shown_and_keeps_the_input(qtbot: QtBot, world: World) -> None:
    follow_up = world.add(TODAY, world.hana, "Value touch", Step.DEMONSTRATE_VALUE)
    dialog = done_dialog(qtbot, world, follow_up)
    world.playbook.skip(follow_up)  # done elsewhere meanwhile
    assert dialog.value_combo is not None
    dialog.value_combo.setCurrentIndex(dialog.value_combo.findData(NEW_VALUE))
    dialog.value_title_edit.setText("Their rival signed DHL")
    dialog.note_edit.setText("Sent it")
    dialog.accept()
    assert dialog.result() == 0
    assert "already skipped" in dialog.error()
    assert dialog.note_edit.text() == "Sent it"
    dialog.accept()  # a second try is refused the same way
    # One transaction: the refused completion did not leave its new value item behind.
    assert world.playbook.value_items(world.company) == []


# --- snooze, reschedule, skip ------------------------------------------------------------


def test_snooze_tomorrow_and_next_week(page: CalendarPage, world: World) -> None:
    first = world.add(TODAY, notes="First")
    page.refresh()
    page.select_follow_up(first)
    actions = page.follow_up_actions
    assert actions.tomorrow_action.text() == "&Tomorrow (16 Oct)"
    actions.tomorrow_action.trigger()
    assert world.follow_up(first).due_on == day(1)
    page.select_follow_up(first)
    assert not actions.tomorrow_action.isEnabled()  # would not move it later
    assert actions.next_week_action.isEnabled()
    actions.next_week_action.trigger()
    assert world.follow_up(first).due_on == day(7)


def test_snooze_to_a_picked_day(page: CalendarPage, world: World) -> None:
    follow_up = world.add(day(-2), notes="Late one")
    page.refresh()
    page.select_follow_up(follow_up)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, DateDialog)
        set_day(dialog, TODAY)
        assert dialog.problems() == {"due_on": "Snooze to a day after today, or mark it done."}
        set_day(dialog, day(3))

    runner = open_with(page, fill)
    page.follow_up_actions.pick_action.trigger()
    assert runner.results == [QDialog.DialogCode.Accepted]
    assert world.follow_up(follow_up).due_on == day(3)


def test_skip_keeps_it_in_the_history_as_skipped(page: CalendarPage, world: World) -> None:
    one, two = world.add(TODAY, notes="One"), world.add(TODAY, notes="Two")
    page.refresh()
    page.day_view.selectAll()
    assert len(page.selected_items()) == 2
    assert not page.follow_up_actions.done_action.isEnabled()  # one at a time
    page.follow_up_actions.skip_action.trigger()
    assert {world.follow_up(i).status for i in (one, two)} == {FollowUpStatus.SKIPPED}
    assert not page.follow_up_actions.skip_action.isEnabled()


def reschedule_to(page: CalendarPage, follow_up: int, on: dt.date, answer: bool) -> Runner:
    page.select_follow_up(follow_up)
    runner = open_with(page, picking(on), answer)
    page.follow_up_actions.reschedule_action.trigger()
    return runner


@pytest.mark.parametrize(("days_after", "asks"), [(20, True), (21, False), (22, False)])
def test_reschedule_asks_the_cadence_guard_closer_than_21_days(
    page: CalendarPage, world: World, days_after: int, asks: bool
) -> None:
    follow_up = world.add(TODAY, world.hana, "Check in with Hana")
    page.refresh()
    target = LAST_TOUCH + dt.timedelta(days=days_after)
    runner = reschedule_to(page, follow_up, target, answer=False)
    questions = asked(page)
    if asks:
        assert [title for title, _ in questions] == [TOO_CLOSE]
        assert (
            "20 days after another touch with this person (Wednesday 1 October 2025)"
            in questions[0][1]
        )
        assert runner.results == [0]  # "Change date": nothing moved, the dialog stays
        assert world.follow_up(follow_up).due_on == TODAY
    else:
        assert questions == []
        assert world.follow_up(follow_up).due_on == target


def test_reschedule_anyway_when_the_person_says_so(page: CalendarPage, world: World) -> None:
    follow_up = world.add(TODAY, world.hana, "Check in with Hana")
    page.refresh()
    reschedule_to(page, follow_up, LAST_TOUCH + dt.timedelta(days=20), answer=True)
    assert world.follow_up(follow_up).due_on == LAST_TOUCH + dt.timedelta(days=20)


def test_reschedule_leaves_the_moved_follow_up_itself_out(page: CalendarPage, world: World) -> None:
    follow_up = world.add(day(10), world.hana, "Check in with Hana")
    page.refresh()
    reschedule_to(page, follow_up, day(11), answer=False)
    assert asked(page) == []  # one day from its old place is not "too close"
    assert world.follow_up(follow_up).due_on == day(11)


def test_work_steps_are_not_guarded(page: CalendarPage, world: World) -> None:
    follow_up = world.add(TODAY, world.hana, "Recalibrate", Step.RECALIBRATE)
    page.refresh()
    reschedule_to(page, follow_up, day(1), answer=False)
    assert asked(page) == []


def test_reschedule_refuses_a_past_day(page: CalendarPage, world: World) -> None:
    follow_up = world.add(TODAY)
    page.refresh()
    runner = reschedule_to(page, follow_up, day(-1), answer=True)
    assert runner.results == [0]
    dialog = runner.dialogs[0]
    assert isinstance(dialog, DateDialog)
    assert dialog.error_text("due_on") == "That day is in the past: choose today or a later day."


def test_snooze_asks_the_guard_and_change_date_opens_the_picker(
    page: CalendarPage, world: World
) -> None:
    follow_up = world.add(TODAY, world.hana, "Check in with Hana")
    page.refresh()
    page.select_follow_up(follow_up)
    runner = open_with(page, picking(day(10)), answer=False)
    page.follow_up_actions.tomorrow_action.trigger()
    assert [title for title, _ in asked(page)] == [TOO_CLOSE]
    assert len(runner.dialogs) == 1 and isinstance(runner.dialogs[0], DateDialog)
    assert world.follow_up(follow_up).due_on == day(10)  # 24 days after the last touch


# --- new follow-up ---------------------------------------------------------------------


def new_values(company: int, contact: int, on: dt.date) -> Callable[[QDialog], None]:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, NewFollowUpDialog)
        dialog.company_combo.setCurrentIndex(dialog.company_combo.findData(company))
        dialog.contact_combo.setCurrentIndex(dialog.contact_combo.findData(contact))
        dialog.step_combo.setCurrentIndex(dialog.step_combo.findData(Step.RE_CONTACT.value))
        set_day(dialog, on)
        dialog.notes_edit.setPlainText("Ask whether anything has changed")

    return fill


def test_a_new_follow_up_is_planned(page: CalendarPage, world: World) -> None:
    runner = open_with(page, new_values(world.company, world.lukasz, day(3)))
    page.follow_up_actions.new_action.trigger()
    assert runner.results == [QDialog.DialogCode.Accepted]
    dialog = runner.dialogs[0]
    assert isinstance(dialog, NewFollowUpDialog)
    assert dialog.follow_up_id is not None
    row = world.follow_up(dialog.follow_up_id)
    assert (row.contact_id, row.step, row.due_on, row.notes) == (
        world.lukasz,
        Step.RE_CONTACT,
        day(3),
        "Ask whether anything has changed",
    )
    assert page.calendar.dateTextFormat(qdate(day(3))).toolTip() == "1 follow-up"


def test_a_new_follow_up_lists_the_companys_contacts(qtbot: QtBot, world: World) -> None:
    other, _ = world.services.add_company({"name": "Fjordline"})
    world.services.add_contact({"company_id": other, "name": "Ingrid Sæther"})
    contacts = {
        world.company: [(world.hana, "Hana Kobayashi"), (world.lukasz, "Łukasz Wróbel")],
        other: [(99, "Ingrid Sæther")],
    }
    dialog = NewFollowUpDialog(
        world.playbook,
        [(world.company, "Northwind Analytics"), (other, "Fjordline")],
        lambda company: contacts[company],
        today=TODAY,
        min_spacing_days=21,
        run=world.run,
        confirm=Asked(True),
    )
    qtbot.addWidget(dialog)
    assert "Choose the company" in dialog.problems()["company_id"]
    dialog.company_combo.setCurrentIndex(1)
    names = [dialog.contact_combo.itemText(i) for i in range(dialog.contact_combo.count())]
    assert names == ["Nobody in particular", "Ingrid Sæther"]
    dialog.step_combo.setCurrentIndex(dialog.step_combo.findData(Step.FIND_A_TWIN.value))
    assert dialog.channel_combo.currentData() == Channel.NONE.value


def test_a_past_day_is_refused_with_a_sentence(page: CalendarPage, world: World) -> None:
    runner = open_with(page, new_values(world.company, world.lukasz, day(-1)))
    page.follow_up_actions.new_action.trigger()
    assert runner.results == [0]
    dialog = runner.dialogs[0]
    assert isinstance(dialog, NewFollowUpDialog)
    assert dialog.error_text("due_on").startswith("That day is in the past.")
    assert not dialog.save_button.isEnabled()
    with world.store.sessions() as session:
        assert session.scalars(select(FollowUp)).first() is None


@pytest.mark.parametrize(("days_after", "asks"), [(20, True), (21, False)])
def test_a_new_follow_up_asks_the_cadence_guard(
    page: CalendarPage, world: World, days_after: int, asks: bool
) -> None:
    on = LAST_TOUCH + dt.timedelta(days=days_after)
    runner = open_with(page, new_values(world.company, world.hana, on), answer=False)
    page.follow_up_actions.new_action.trigger()
    assert [title for title, _ in asked(page)] == ([TOO_CLOSE] if asks else [])
    assert runner.results == [0 if asks else QDialog.DialogCode.Accepted]


def test_a_refused_new_follow_up_is_shown_in_the_dialog(qtbot: QtBot, world: World) -> None:
    dialog = NewFollowUpDialog(
        world.playbook,
        [(world.company, "Northwind Analytics")],
        lambda _company: [(world.lukasz, "Łukasz Wróbel")],
        today=TODAY,
        min_spacing_days=21,
        run=world.run,
        confirm=Asked(True),
        company_id=world.company,
        due_on=day(2),
    )
    qtbot.addWidget(dialog)
    world.services.delete_contact(world.lukasz)  # gone while the dialog was open
    dialog.accept()
    assert dialog.result() == 0
    assert dialog.error() == "That contact no longer exists; it may have been deleted."


# --- menus -----------------------------------------------------------------------------


def test_the_context_menu_holds_the_actions(page: CalendarPage, world: World) -> None:
    world.add(TODAY, notes="One")
    page.refresh()
    menu = QMenu()
    page.follow_up_actions.fill_menu(menu)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == [
        "&Compose…",
        "&Done…",
        "&Snooze",
        "&Reschedule…",
        "S&kip",
        "Re&open…",
        "&Edit…",
        "De&lete…",
        "&New follow-up…",
    ]
    assert not page.follow_up_actions.done_action.isEnabled()  # nothing selected yet
    page.day_view.selectRow(0)
    assert page.follow_up_actions.done_action.isEnabled()


def test_a_day_typed_past_the_last_day_stops_at_it_and_is_saved(
    qtbot: QtBot, page: CalendarPage, world: World
) -> None:
    """Typing 9999 as the year once crashed the dialog (an overflow adding days to it)."""
    from PySide6.QtCore import Qt

    from runnerup_desktop.core.limits import LAST_DAY

    def fill(dialog: QDialog) -> None:
        new_values(world.company, world.lukasz, dt.date(2025, 12, 28))(dialog)
        assert isinstance(dialog, NewFollowUpDialog)
        edit = dialog.date_edit
        assert edit.toolTip() == "A day from 1900-01-01 to 2199-12-31"
        edit.setFocus()
        edit.setSelectedSection(edit.Section.YearSection)
        qtbot.keyClicks(edit, "9999")
        qtbot.keyClick(edit, Qt.Key.Key_Tab)

    runner = open_with(page, fill)
    page.follow_up_actions.new_action.trigger()
    assert runner.results == [QDialog.DialogCode.Accepted]
    dialog = runner.dialogs[0]
    assert isinstance(dialog, NewFollowUpDialog) and dialog.follow_up_id is not None
    due_on = world.follow_up(dialog.follow_up_id).due_on
    assert dt.date(2025, 12, 28) <= due_on <= LAST_DAY
