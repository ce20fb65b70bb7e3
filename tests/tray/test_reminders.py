"""Reminders with a fake clock: when they fall due, what they say, and never twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest
from pytestqt.qtbot import QtBot

from runnerup_desktop.core.news import FollowUpValues
from runnerup_desktop.core.reminders import (
    DUE_SHOWN,
    RECHECK_EVERY,
    Notice,
    due_moment,
    next_check_in,
    notices_for,
    parse_time_of_day,
)
from runnerup_desktop.store.agenda_queries import due_follow_ups
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.tray.reminders import ReminderService

DAY = date(2025, 3, 20)
NINE = time(9)


class Clock:
    """The time the service sees; tests move it by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, day: date, at: time) -> None:
        self.now = datetime.combine(day, at)


@dataclass(frozen=True)
class Item:
    id: int
    due_on: date
    due_time: time | None = None
    title: str = "Offer check-in"
    company: str = "Acme"
    contact: str | None = "Ana Lopez"


# the arithmetic, without Qt or a database ---------------------------------------------


def test_due_moment_uses_the_reminder_time_for_date_only_follow_ups() -> None:
    assert due_moment(DAY, None, NINE) == datetime(2025, 3, 20, 9)
    assert due_moment(DAY, time(14, 30), NINE) == datetime(2025, 3, 20, 14, 30)
    assert due_moment(DAY, time(7), NINE) == datetime(2025, 3, 20, 7)  # before 09:00: its own


def test_the_sleep_never_longer_than_five_minutes() -> None:
    # (the next moment itself: store.agenda.next_due_after, tests/store/test_agenda.py)
    now = datetime(2025, 3, 20, 8, 58)
    assert next_check_in(now, datetime(2025, 3, 20, 9)) == timedelta(minutes=2)
    assert next_check_in(now, datetime(2025, 3, 20, 17)) == RECHECK_EVERY
    assert next_check_in(now, None) == RECHECK_EVERY == timedelta(minutes=5)
    assert next_check_in(now, now - timedelta(1)) == timedelta(0)


def test_up_to_three_remind_one_by_one_more_as_one_digest() -> None:
    now = datetime(2025, 3, 20, 12)
    three = [Item(1, DAY), Item(2, DAY, time(11, 15)), Item(3, DAY - timedelta(1), contact=None)]
    notices = notices_for(three, now)
    assert [n.follow_up_id for n in notices] == [1, 2, 3]
    assert notices[0] == Notice(
        "Follow-up due: Offer check-in", "Ana Lopez, Acme · due today", (1,)
    )
    assert notices[1].body == "Ana Lopez, Acme · due today at 11:15"
    assert notices[2].body == "Acme · overdue since yesterday"
    five = [*three, Item(4, date(2025, 3, 3), title="Re-contact"), Item(5, DAY)]
    (digest,) = notices_for(five, now)
    assert digest.is_digest and digest.follow_up_id is None
    assert digest.follow_up_ids == (1, 2, 3, 4, 5)
    assert digest.title == "5 follow-ups due"
    assert digest.body.splitlines() == [
        "• Offer check-in — Ana Lopez, Acme",
        "• Offer check-in — Ana Lopez, Acme",
        "• Offer check-in — Acme",
        "and 2 more",
    ]
    assert notices_for([], now) == []


def test_reminder_time_text() -> None:
    assert parse_time_of_day("07:30") == time(7, 30)
    assert parse_time_of_day(" 18:05 ") == time(18, 5)
    assert parse_time_of_day("half past nine") is None


# the service over a real database -------------------------------------------------------


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime.combine(DAY, time(8)))


@pytest.fixture
def pb(store: Store, clock: Clock) -> PlaybookServices:
    return PlaybookServices(store.sessions, today=lambda: clock().date())


@pytest.fixture
def company(services: DirectoryServices) -> int:
    company_id, _ = services.add_company({"name": "Acme"})
    return company_id


@pytest.fixture
def reminder_at() -> list[time]:
    return [NINE]


@pytest.fixture
def today(clock: Clock) -> Callable[[], date]:
    return lambda: clock().date()


def make_service(ctx: AppContext, clock: Clock, at: list[time]) -> ReminderService:
    return ReminderService(ctx, lambda: at[0], clock)


@pytest.fixture
def service(
    qtbot: QtBot, ctx: AppContext, clock: Clock, reminder_at: list[time]
) -> ReminderService:
    return make_service(ctx, clock, reminder_at)


def add(
    pb: PlaybookServices, company: int, due: date, at: time | None = None, title: str = ""
) -> int:
    values = FollowUpValues(company_id=company, due_on=due, due_time=at, notes=title)
    follow_up_id, _ = pb.add_follow_up(values, allow_past=True)
    return follow_up_id


def ids(notices: list[Notice]) -> list[tuple[int, ...]]:
    return [n.follow_up_ids for n in notices]


def shown(service: ReminderService) -> list[int]:
    """The due follow-ups the last look named (all of them, in these small tests)."""
    assert service.due.count == len(service.due.first)
    return [item.id for item in service.due.first]


def test_date_only_follow_up_waits_for_the_reminder_time(
    service: ReminderService, pb: PlaybookServices, company: int, clock: Clock
) -> None:
    follow_up = add(pb, company, DAY)
    assert service.check() == []
    assert service.timer.isActive() and service.timer.isSingleShot()
    assert service.next_check_at == datetime.combine(DAY, time(8, 5))  # 09:00 is > 5 min away
    clock.set(DAY, time(8, 57))
    assert service.check() == []
    assert service.next_check_at == datetime.combine(DAY, NINE)  # sleeps exactly until then
    assert service.timer.interval() == 3 * 60 * 1000
    clock.set(DAY, NINE)
    assert ids(service.check()) == [(follow_up,)]
    assert shown(service) == [follow_up]


def test_a_timed_follow_up_reminds_at_its_time_even_before_the_reminder_time(
    service: ReminderService, pb: PlaybookServices, company: int, clock: Clock
) -> None:
    early = add(pb, company, DAY, time(8, 0, 30))
    clock.set(DAY, time(8))
    assert service.check() == []
    assert service.timer.interval() == 30_000
    clock.set(DAY, time(8, 0, 30))
    service.timer.timeout.emit()  # the timer fires
    assert shown(service) == [early]


def test_the_reminder_time_is_the_persons(
    service: ReminderService,
    pb: PlaybookServices,
    company: int,
    clock: Clock,
    reminder_at: list[time],
) -> None:
    follow_up = add(pb, company, DAY)
    reminder_at[0] = time(7, 30)
    assert ids(service.check()) == [(follow_up,)]  # 08:00 is after 07:30


def test_no_reminder_twice_not_even_after_a_restart(
    qtbot: QtBot,
    ctx: AppContext,
    store: Store,
    pb: PlaybookServices,
    company: int,
    clock: Clock,
    reminder_at: list[time],
) -> None:
    follow_up = add(pb, company, DAY - timedelta(days=2), title="Thank-you note")
    first = make_service(ctx, clock, reminder_at)
    with qtbot.waitSignal(first.notice) as shown:
        first.start()
    assert shown.args == [
        Notice("Follow-up due: Thank-you note", "Acme · overdue since Tue 18 Mar", (follow_up,))
    ]
    assert first.check() == []
    first.stop()
    clock.set(DAY, time(10))
    again = make_service(ctx, clock, reminder_at)  # RunnerUp restarted
    with qtbot.waitSignal(again.due_changed) as due:
        assert again.check() == []
    assert due.args[0].count == 1  # still due: the badge counts it
    assert [item.id for item in due.args[0].first] == [follow_up]
    with store.sessions() as session:
        assert due_follow_ups(session, clock()) == []


def test_more_than_three_together_remind_as_one_digest(
    service: ReminderService, pb: PlaybookServices, company: int, clock: Clock
) -> None:
    four = [add(pb, company, DAY, title=f"Touch {n}") for n in range(4)]
    clock.set(DAY, NINE)
    (digest,) = service.check()
    assert digest.follow_up_ids == tuple(four) and digest.title == "4 follow-ups due"
    late = add(pb, company, DAY, time(10))
    clock.set(DAY, time(10))
    assert ids(service.check()) == [(late,)]  # one more later: on its own


def test_snooze_all_until_tomorrow_then_it_reminds_again(
    qtbot: QtBot,
    service: ReminderService,
    pb: PlaybookServices,
    company: int,
    clock: Clock,
    ctx: AppContext,
) -> None:
    a = add(pb, company, DAY - timedelta(days=1))
    b = add(pb, company, DAY, time(7))
    clock.set(DAY, NINE)
    assert ids(service.check()) == [(a,), (b,)]
    with qtbot.waitSignal(ctx.changes.applied) as changed:
        assert service.snooze_all() == Change(follow_ups=True)
    assert changed.args == [Change(follow_ups=True), service]  # one announcement, one step
    assert service.due.count == 0
    clock.set(DAY, time(23, 59))
    assert service.check() == []
    clock.set(DAY + timedelta(days=1), time(7))
    assert ids(service.check()) == [(b,)]  # its own time, 07:00, kept
    clock.set(DAY + timedelta(days=1), NINE)
    assert ids(service.check()) == [(a,)]
    assert service.snooze_all() is not None
    assert service.snooze_all() is None  # nothing due: nothing to do


def test_a_look_counts_every_due_one_names_a_few_and_snoozes_them_all(
    qtbot: QtBot, service: ReminderService, pb: PlaybookServices, company: int, clock: Clock
) -> None:
    many = [add(pb, company, DAY - timedelta(days=n)) for n in range(DUE_SHOWN + 3, 0, -1)]
    clock.set(DAY, NINE)
    with qtbot.waitSignal(service.due_changed) as looked:
        (digest,) = service.check()
    assert digest.follow_up_ids == tuple(many)  # reminded of all, once
    assert looked.args[0] is service.due
    assert service.due.count == DUE_SHOWN + 3 and service.due.more == 3
    assert [item.id for item in service.due.first] == many[:DUE_SHOWN]  # most overdue first
    assert service.snooze_all() == Change(follow_ups=True)
    assert service.due.count == 0
    clock.set(DAY + timedelta(days=1), NINE)
    (again,) = service.check()
    assert again.follow_up_ids == tuple(many)  # every one moved, not just those named


def test_catches_up_after_a_suspend(
    service: ReminderService, pb: PlaybookServices, company: int, clock: Clock
) -> None:
    """The laptop sleeps from 08:00 to 15:00: no timer fired meanwhile. The first wake-up
    after resume (at most five minutes later) reminds once of everything that fell due."""
    due = [add(pb, company, DAY, time(hour)) for hour in (10, 11, 12, 13, 14)]
    add(pb, company, DAY, time(16))
    assert service.check() == []
    assert service.timer.interval() <= RECHECK_EVERY.total_seconds() * 1000
    clock.set(DAY, time(15, 2))  # resumed; the clock jumped
    service.timer.timeout.emit()
    assert shown(service) == due
    assert service.next_check_at == datetime.combine(DAY, time(15, 7))


def test_a_clock_set_back_reminds_nothing_twice(
    service: ReminderService, pb: PlaybookServices, company: int, clock: Clock
) -> None:
    add(pb, company, DAY, time(10))
    clock.set(DAY, time(10))
    assert len(service.check()) == 1
    clock.set(DAY, time(9, 30))
    assert service.check() == []
    clock.set(DAY, time(10, 1))
    assert service.check() == []


def test_changes_elsewhere_are_looked_at_at_once(
    service: ReminderService, pb: PlaybookServices, company: int, clock: Clock, ctx: AppContext
) -> None:
    clock.set(DAY, time(12))
    service.start()
    follow_up = add(pb, company, DAY)
    ctx.ops.announce(Change(companies=frozenset({company})))  # no follow-up changed
    assert service.due.count == 0
    ctx.ops.announce(Change(follow_ups=True))
    assert shown(service) == [follow_up]
    pb.complete(follow_up, "", DAY)
    ctx.ops.announce(Change(follow_ups=True))
    assert service.due.count == 0


def test_due_follow_ups_with_the_reminder_time(
    store: Store, pb: PlaybookServices, company: int
) -> None:
    untimed = add(pb, company, DAY)
    timed = add(pb, company, DAY, time(8))
    with store.sessions() as session:
        at_eight = datetime.combine(DAY, time(8, 30))
        assert [i.id for i in due_follow_ups(session, at_eight, untimed_from=NINE)] == [timed]
        assert [i.id for i in due_follow_ups(session, at_eight)] == [untimed, timed]
    pb.mark_notified([timed], dt.datetime.combine(DAY, time(8, 30)))
    with store.sessions() as session:
        assert due_follow_ups(session, at_eight, untimed_from=NINE) == []
        everything = due_follow_ups(session, at_eight, untimed_from=NINE, include_notified=True)
        assert [i.id for i in everything] == [timed]
