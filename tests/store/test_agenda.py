"""The agenda queries and their command-line output, against a real SQLite file."""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import event, update

from runnerup_desktop.cli.agenda import print_agenda
from runnerup_desktop.core.domain import (
    Channel,
    CompanyStatus,
    ContactRole,
    Direction,
    InteractionKind,
    JobLevel,
    Step,
)
from runnerup_desktop.core.news import FollowUpValues, NewsInput
from runnerup_desktop.store.agenda_queries import (
    agenda,
    count_due,
    day_counts,
    due_follow_ups,
    due_now,
    follow_ups_on,
    next_due_after,
    owed_touches,
)
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.models import Contact
from runnerup_desktop.store.playbook_services import PlaybookServices
from tests.builders import World, build_acme

TODAY = date(2025, 3, 20)


@pytest.fixture
def pb(store: Store) -> PlaybookServices:
    return PlaybookServices(store.sessions, today=lambda: TODAY)


@pytest.fixture
def world(services: DirectoryServices, pb: PlaybookServices) -> World:
    return build_acme(services, pb, {"job_level": JobLevel.SENIOR_EXECUTIVE})


def _add(pb: PlaybookServices, world: World, due: date, **fields: Any) -> int:
    base = FollowUpValues(company_id=world.company, due_on=due, contact_id=world.manager)
    values = dataclasses.replace(base, **fields)
    follow_up, _ = pb.add_follow_up(values, allow_past=True)
    return follow_up


def _ids(items: list[Any]) -> list[int]:
    return [item.id for item in items]


# agenda --------------------------------------------------------------------------------


def test_agenda_sections(store: Store, pb: PlaybookServices, world: World) -> None:
    late = _add(pb, world, TODAY - timedelta(30), notes="Very late\n\nguidance")
    late2 = _add(pb, world, TODAY - timedelta(1), opportunity_id=world.opportunity)
    now_timed = _add(pb, world, TODAY, due_time=time(9, 30))
    now = _add(pb, world, TODAY, contact_id=None, channel=Channel.NONE)
    soon = _add(pb, world, TODAY + timedelta(1))
    edge = _add(pb, world, TODAY + timedelta(14))
    _add(pb, world, TODAY + timedelta(15))  # beyond the agenda
    pb.skip(_add(pb, world, TODAY - timedelta(2)))
    pb.complete(_add(pb, world, TODAY), "", TODAY)

    with store.sessions() as session:
        found = agenda(session, TODAY)
    assert (found.day, found.days) == (TODAY, 14)
    assert _ids(found.overdue) == [late, late2]
    assert _ids(found.today) == [now, now_timed]  # untimed first
    assert _ids(found.upcoming) == [soon, edge]
    first = found.overdue[0]
    assert (first.company, first.contact, first.title, first.step_label) == (
        "Acme",
        "Ana Lopez",
        "Very late",
        "Other",
    )
    assert found.overdue[1].opportunity == "Data Engineer"
    assert found.today[0].contact is None and found.today[0].title == "Other"
    with store.sessions() as session:
        short = agenda(session, TODAY, days=0)
        assert short.upcoming == [] and not short.is_empty
        with pytest.raises(ValueError, match="cannot look back"):
            agenda(session, TODAY, days=-1)


def test_an_empty_agenda(store: Store) -> None:
    with store.sessions() as session:
        assert agenda(session, TODAY).is_empty


def test_day_counts_mark_planned_follow_ups(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    for days in (0, 0, 3, 40):
        _add(pb, world, TODAY + timedelta(days))
    pb.skip(_add(pb, world, TODAY + timedelta(3)))
    pb.complete(_add(pb, world, TODAY), "", TODAY)
    with store.sessions() as session:
        counts = day_counts(session, TODAY, TODAY + timedelta(30))
        assert counts == {TODAY: 2, TODAY + timedelta(3): 1}
        assert day_counts(session, TODAY + timedelta(1), TODAY + timedelta(2)) == {}


def test_follow_ups_on_a_day(store: Store, pb: PlaybookServices, world: World) -> None:
    planned = _add(pb, world, TODAY)
    done = _add(pb, world, TODAY)
    pb.complete(done, "", TODAY)
    _add(pb, world, TODAY + timedelta(1))
    with store.sessions() as session:
        assert _ids(follow_ups_on(session, TODAY)) == [planned, done]
        assert _ids(follow_ups_on(session, TODAY, planned_only=True)) == [planned]
        assert follow_ups_on(session, TODAY)[1].status.value == "done"


def test_the_recorded_plan_fills_the_agenda(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    news = NewsInput(news_on=TODAY - timedelta(3), told_by_id=world.recruiter)
    pb.record_news(world.opportunity, news, pb.preview_news(world.opportunity, news))
    with store.sessions() as session:
        found = agenda(session, TODAY)
    assert [item.step for item in found.overdue] == [Step.THANK_YOU_NOTE, Step.RECALIBRATE]
    assert [item.step for item in found.upcoming] == [Step.OFFER_CHECK_IN, Step.WIDEN_NETWORK]
    assert found.upcoming[0].contact == "Rui Costa"


# owed touches ----------------------------------------------------------------------------


def _touched(store: Store, contact_id: int, on: date | None) -> None:
    with store.sessions.begin() as session:
        session.execute(update(Contact).where(Contact.id == contact_id).values(last_touch_on=on))


def test_owed_touches_finds_quiet_contacts(
    store: Store, services: DirectoryServices, pb: PlaybookServices, world: World
) -> None:
    def contact(name: str, company: int = world.company, **fields: Any) -> int:
        new, _ = services.add_contact({"company_id": company, "name": name} | fields)
        return new

    day45, day46, day44 = contact("Day 45"), contact("Day 46"), contact("Day 44")
    _touched(store, day45, TODAY - timedelta(45))
    _touched(store, day46, TODAY - timedelta(46))
    _touched(store, day44, TODAY - timedelta(44))
    services.log_interaction(
        {
            "company_id": world.company,
            "contact_id": world.manager,
            "kind": InteractionKind.EMAIL,
            "direction": Direction.OUTBOUND,
            "occurred_on": TODAY - timedelta(10),
            "summary": "Sent the article",
        }
    )
    contact("The winner", role=ContactRole.WINNING_CANDIDATE)
    archived, _ = services.add_company({"name": "Old", "status": CompanyStatus.ARCHIVED})
    contact("Gone", archived)

    with store.sessions() as session:
        owed = owed_touches(session, TODAY)
    names = [c.name for c in owed.quiet_contacts]
    assert names == ["Rui Costa", "Day 46", "Day 45"]  # never touched first
    assert owed.quiet_contacts[0].last_touch_on is None
    assert owed.quiet_contacts[1].company == "Acme"
    with store.sessions() as session:
        stricter = owed_touches(session, TODAY, quiet_days=44)
        assert [c.name for c in stricter.quiet_contacts] == [*names, "Day 44"]
        assert len(owed_touches(session, TODAY, limit=1).quiet_contacts) == 1


def test_owed_touches_finds_runner_up_opportunities_with_nothing_planned(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    with store.sessions() as session:
        assert owed_touches(session, TODAY).unplanned_opportunities == []  # not runner-up
    news = NewsInput(news_on=TODAY - timedelta(3), told_by_id=world.recruiter)
    pb.record_news(world.opportunity, news, [])  # the person removed the whole plan
    with store.sessions() as session:
        (owed,) = owed_touches(session, TODAY).unplanned_opportunities
    assert (owed.opportunity_id, owed.title, owed.company, owed.news_on) == (
        world.opportunity,
        "Data Engineer",
        "Acme",
        TODAY - timedelta(3),
    )
    follow_up = _add(pb, world, TODAY, opportunity_id=world.opportunity)
    with store.sessions() as session:
        assert owed_touches(session, TODAY).unplanned_opportunities == []
    pb.skip(follow_up)
    with store.sessions() as session:
        assert len(owed_touches(session, TODAY).unplanned_opportunities) == 1


# reminders -------------------------------------------------------------------------------


def test_due_follow_ups_for_reminders(store: Store, pb: PlaybookServices, world: World) -> None:
    yesterday = _add(pb, world, TODAY - timedelta(1), due_time=time(18))
    untimed = _add(pb, world, TODAY)
    morning = _add(pb, world, TODAY, due_time=time(9))
    afternoon = _add(pb, world, TODAY, due_time=time(15))
    tomorrow = _add(pb, world, TODAY + timedelta(1))
    noon = datetime.combine(TODAY, time(12))
    with store.sessions() as session:
        assert _ids(due_follow_ups(session, noon)) == [yesterday, untimed, morning]
    pb.mark_notified([yesterday, untimed], noon)
    with store.sessions() as session:
        assert _ids(due_follow_ups(session, noon)) == [morning]
    pb.snooze(untimed, TODAY + timedelta(1))
    with store.sessions() as session:
        later = datetime.combine(TODAY + timedelta(1), time(8))
        assert _ids(due_follow_ups(session, later)) == [morning, afternoon, untimed, tomorrow]


def test_due_now_counts_everything_due_and_names_only_the_first(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    oldest = _add(pb, world, TODAY - timedelta(30))
    late = [_add(pb, world, TODAY - timedelta(days)) for days in (3, 2, 2, 1)]
    untimed = _add(pb, world, TODAY)
    morning = _add(pb, world, TODAY, due_time=time(8))
    _add(pb, world, TODAY, due_time=time(15))  # later today
    _add(pb, world, TODAY + timedelta(1))  # tomorrow
    pb.complete(_add(pb, world, TODAY - timedelta(5)), "", TODAY)  # done
    pb.mark_notified([oldest, late[0]], datetime.combine(TODAY, time(8)))  # reminded: counted
    noon = datetime.combine(TODAY, time(12))
    with store.sessions() as session:
        found = due_now(session, noon, untimed_from=time(9), first=3)
        assert found.count == 7 and found.more == 4
        assert _ids(found.first) == [oldest, *late[:2]]  # the most overdue first
        everything = due_follow_ups(session, noon, untimed_from=time(9), include_notified=True)
        assert len(everything) == count_due(session, noon, untimed_from=time(9)) == 7
        assert _ids(everything[:3]) == _ids(found.first)
        assert _ids(due_follow_ups(session, noon, include_notified=True, limit=2)) == _ids(
            found.first[:2]
        )
        assert count_due(session, datetime.combine(TODAY, time(8, 30)), untimed_from=time(9)) == 6
        assert untimed in _ids(due_follow_ups(session, noon, untimed_from=time(9)))
        assert morning in _ids(due_follow_ups(session, noon, untimed_from=time(9)))
        nothing = due_now(session, datetime.combine(TODAY - timedelta(60), time(12)), first=3)
        assert (nothing.count, nothing.first, nothing.more) == (0, [], 0)


def test_next_due_after_finds_the_next_moment_within_the_window(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    _add(pb, world, TODAY - timedelta(1), due_time=time(13))  # overdue: not next
    _add(pb, world, TODAY, due_time=time(10))  # passed by noon
    _add(pb, world, TODAY)  # untimed: at the reminder time
    _add(pb, world, TODAY, due_time=time(12, 3))
    _add(pb, world, TODAY + timedelta(1), due_time=time(0, 2))

    def next_at(day: date, at: time, **window: Any) -> datetime | None:
        with store.sessions() as session:
            now = datetime.combine(day, at)
            return next_due_after(session, now, untimed_from=time(9), **window)

    assert next_at(TODAY, time(8)) == datetime.combine(TODAY, time(9))
    assert next_at(TODAY, time(9)) == datetime.combine(TODAY, time(10))
    assert next_at(TODAY, time(12)) == datetime.combine(TODAY, time(12, 3))
    assert next_at(TODAY, time(12), within=timedelta(minutes=2)) is None  # beyond the window
    assert next_at(TODAY, time(12, 3)) == datetime.combine(TODAY + timedelta(1), time(0, 2))
    five = timedelta(minutes=5)
    assert next_at(TODAY, time(12, 3), within=five) is None
    late = next_at(TODAY, time(23, 58), within=five)  # across midnight
    assert late == datetime.combine(TODAY + timedelta(1), time(0, 2))
    assert next_at(TODAY + timedelta(1), time(1)) is None


# the indexes are used --------------------------------------------------------------------


@contextmanager
def _statements(store: Store) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        seen.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        yield seen
        seen[:] = [(s, p) for s, p in seen if s.lstrip().upper().startswith("SELECT")]
    finally:
        event.remove(store.engine, "before_cursor_execute", record)


def test_follow_up_queries_search_the_status_due_index(
    store: Store, pb: PlaybookServices, world: World
) -> None:
    _add(pb, world, TODAY)
    with _statements(store) as seen, store.sessions() as session:
        day_counts(session, TODAY, TODAY + timedelta(30))
        agenda(session, TODAY)
        due_follow_ups(session, datetime.combine(TODAY, time(12)))
        due_now(session, datetime.combine(TODAY, time(12)), first=8)  # two counts and a list
        next_due_after(session, datetime.combine(TODAY, time(12)))
    assert len(seen) == 7
    with store.engine.connect() as conn:
        for statement, parameters in seen:
            plan = " / ".join(
                row[-1]
                for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
            )
            assert "ix_follow_up_status_due" in plan, plan
            assert "SCAN follow_up" not in plan, plan
            if "count(*)" in statement and "due_on < ?" in statement:  # the days before today
                assert "COVERING INDEX ix_follow_up_status_due " in plan, plan


# the command line ------------------------------------------------------------------------


def _story(pb: PlaybookServices, world: World) -> None:
    _add(pb, world, TODAY - timedelta(2), notes="Thank-you note\n\nguidance")
    _add(
        pb,
        world,
        TODAY,
        due_time=time(9, 30),
        channel=Channel.PHONE,
        opportunity_id=world.opportunity,
        notes="Call about the role",
    )


def test_print_agenda_as_text(store: Store, pb: PlaybookServices, world: World) -> None:
    _story(pb, world)
    out = io.StringIO()
    print_agenda(store.sessions, TODAY, 7, False, out)
    assert out.getvalue() == (
        "Overdue\n"
        "  2025-03-18  Thank-you note · Ana Lopez · Acme · Email\n"
        "\n"
        "Today (2025-03-20)\n"
        "  2025-03-20 09:30  Call about the role · Ana Lopez · Acme (Data Engineer) · Phone\n"
        "\n"
        "Next 7 days\n"
        "  Nothing.\n"
    )


def test_print_agenda_as_json(store: Store, pb: PlaybookServices, world: World) -> None:
    _story(pb, world)
    out = io.StringIO()
    print_agenda(store.sessions, TODAY, 1, True, out)
    found = json.loads(out.getvalue())
    assert [(item["section"], item["due_on"], item["due_time"]) for item in found] == [
        ("overdue", "2025-03-18", None),
        ("today", "2025-03-20", "09:30"),
    ]
    call = found[1]
    assert call["title"] == "Call about the role"
    assert (call["step"], call["step_label"], call["channel"]) == ("other", "Other", "phone")
    assert (call["company"], call["contact"], call["opportunity"]) == (
        "Acme",
        "Ana Lopez",
        "Data Engineer",
    )
    assert call["contact_id"] == world.manager and call["opportunity_id"] == world.opportunity


def test_print_an_empty_agenda(store: Store) -> None:
    out = io.StringIO()
    print_agenda(store.sessions, TODAY, 1, False, out)
    assert "Next 1 day\n  Nothing." in out.getvalue()
    out = io.StringIO()
    print_agenda(store.sessions, TODAY, 1, True, out)
    assert json.loads(out.getvalue()) == []
