"""The demo story's first sync, on Radicale (with a password) and on Xandikos, read back
as a phone reads it; then a sync in which nothing changed costs one request per
collection."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import vobject
from sqlalchemy import func, select

from runnerup_desktop.core.domain import FollowUpStatus
from runnerup_desktop.store.models import Contact, FollowUp
from runnerup_desktop.store.sync_models import SyncItem, SyncLog
from tests.sync.conftest import Syncing


@pytest.fixture(params=["radicale", "xandikos"])
def syncing(request: pytest.FixtureRequest) -> Syncing:
    fixture: Syncing = request.getfixturevalue(f"on_{request.param}")
    return fixture


def test_the_demo_story_reaches_the_phone_and_a_quiet_sync_costs_one_request_each(
    syncing: Syncing, phone_of: Any
) -> None:
    report = syncing.sync()
    assert report.ok, report.as_text()
    with syncing.store.sessions() as session:
        planned = session.scalars(
            select(FollowUp).where(FollowUp.status == FollowUpStatus.PLANNED)
        ).all()
        contacts = session.scalars(select(Contact)).all()
        by_title = {f.notes.split("\n")[0]: f for f in planned}
    assert len(report.sent) == len(planned) + len(contacts) == 8 + 6

    phone = phone_of(syncing)
    todos = {str(t.get_icalendar_component()["summary"]): t for t in phone.todos()}
    assert len(todos) == len(planned)
    check_in = next(t for s, t in todos.items() if s.startswith("One check-in on the offer"))
    component = check_in.get_icalendar_component()
    follow_up = by_title["One check-in on the offer"]
    assert str(component["summary"]) == (
        "One check-in on the offer · Łukasz Wróbel · Northwind Analytics"
    )
    assert component["due"].dt == follow_up.due_on
    assert str(component["status"]) == "NEEDS-ACTION"
    assert f"runnerup --follow-up {follow_up.id}" in str(component["description"])
    # Notes stay here unless "include notes" is ticked.
    assert "\n\n" not in str(component["description"])
    alarm = component.subcomponents[0]
    assert alarm.name == "VALARM"
    assert alarm["trigger"].dt == dt.datetime.combine(
        follow_up.due_on, dt.time(9, 0)
    ).astimezone().astimezone(dt.UTC)

    cards = {}
    for _href, (_etag, text) in phone.cards().items():
        card = vobject.readOne(text)
        cards[card.fn.value] = card
    assert set(cards) == {c.name for c in contacts}
    lukasz = cards["Łukasz Wróbel"]
    assert lukasz.email.value == "lukasz.wrobel@northwind.example"
    assert lukasz.tel.value == "+351 21 555 0199"
    assert lukasz.title.value == "Senior Technical Recruiter"
    assert lukasz.org.value == ["Northwind Analytics"]
    assert lukasz.n.value.family == "Wróbel" and lukasz.n.value.given == "Łukasz"
    assert "note" not in lukasz.contents  # notes stay local by default

    syncing.server.reset_counts()
    quiet = syncing.sync()
    assert quiet.ok and not quiet.sent and not quiet.received
    assert syncing.server.total == 2, syncing.server.log
    assert dict(syncing.server.requests) == {"REPORT": 2}
    assert quiet.requests == 2

    with syncing.store.sessions() as session:
        assert session.scalar(select(func.count(SyncItem.id))) == 14
        logged = session.scalars(select(SyncLog.message).where(SyncLog.code == "sent_created"))
        assert any("Łukasz Wróbel" in message for message in logged)


def test_include_notes_sends_them_and_unticking_takes_them_off(
    on_radicale: Syncing, phone_of: Any
) -> None:
    assert on_radicale.sync(include_notes=True).ok
    phone = phone_of(on_radicale)
    _href, _etag, hana = phone.card("Hana Kobayashi")
    assert hana.note.value == "Cares about coaching first-time managers."
    todo = phone.todo("Value message 1")
    assert "\n\n" in str(todo.get_icalendar_component()["description"])
    report = on_radicale.sync(include_notes=False)
    assert report.ok
    updated = {e.message for e in report.sent if e.kind == "contact"}
    assert updated == {
        f"Updated {name} on the server (127.0.0.1)."
        for name in ("Hana Kobayashi", "Łukasz Wróbel", "Zoë Müller")  # those with notes
    }
    _href, _etag, hana = phone.card("Hana Kobayashi")
    assert "note" not in hana.contents


def test_follow_ups_as_events(on_xandikos: Syncing, phone_of: Any) -> None:
    report = on_xandikos.sync(as_events=True, calendar="Job hunt")
    assert report.ok, report.as_text()
    events = phone_of(on_xandikos).calendar("Job hunt").get_events()
    assert len(events) == 8
    component = events[0].get_icalendar_component()
    assert isinstance(component["dtstart"].dt, dt.date)
    assert component["dtend"].dt - component["dtstart"].dt == dt.timedelta(days=1)
