"""A server that goes away in the middle of a sync, and comes back: nothing lost, nothing
sent twice; and changes made while it is away go when it is back."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import vobject
from sqlalchemy import func, select

from runnerup_desktop.core.domain import FollowUpStatus, Step
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.models import Contact, FollowUp
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.sync.errors import Problem
from tests.sync.conftest import TODAY, Syncing


@pytest.fixture(params=["radicale", "xandikos"])
def syncing(request: pytest.FixtureRequest) -> Syncing:
    fixture: Syncing = request.getfixturevalue(f"on_{request.param}")
    return fixture


def counts(syncing: Syncing) -> tuple[int, int]:
    with syncing.store.sessions() as session:
        planned = session.scalar(
            select(func.count(FollowUp.id)).where(FollowUp.status == FollowUpStatus.PLANNED)
        )
        contacts = session.scalar(select(func.count(Contact.id)))
    return int(planned or 0), int(contacts or 0)


def on_the_phone(syncing: Syncing, phone_of: Any) -> tuple[list[str], list[str]]:
    phone = phone_of(syncing)
    uids = [str(t.get_icalendar_component()["uid"]) for t in phone.todos()]
    cards = [vobject.readOne(text).uid.value for _etag, text in phone.cards().values()]
    return uids, cards


def test_the_answer_to_a_write_is_lost_and_the_server_goes_away(
    syncing: Syncing, phone_of: Any
) -> None:
    before = counts(syncing)
    # The server stores the third card, its answer never arrives, and the port closes.
    syncing.server.drop_on = ("PUT", 8 + 3)
    first = syncing.sync()
    assert first.problem is not None and first.problem.kind is Problem.OFFLINE
    assert first.problem.kind.transient
    assert len(first.sent) == 8 + 2
    assert len(first.failed) == 4  # the card whose answer was lost, and three not sent
    assert "go out at the next sync" in str(first.problem)
    # While it is away: a change here waits.
    playbook = PlaybookServices(syncing.store.sessions, today=lambda: TODAY)
    with syncing.store.sessions() as session:
        check_in = session.scalars(
            select(FollowUp).where(FollowUp.step == Step.OFFER_CHECK_IN)
        ).one()
    playbook.reschedule(check_in.id, TODAY + dt.timedelta(days=2))
    away = syncing.sync()
    assert away.problem is not None and away.problem.kind is Problem.OFFLINE

    syncing.server.come_back()
    back = syncing.sync()
    assert back.ok, back.as_text()
    assert counts(syncing) == before  # nothing lost here
    uids, cards = on_the_phone(syncing, phone_of)
    assert len(uids) == len(set(uids)) == before[0]  # nothing doubled there
    assert len(cards) == len(set(cards)) == before[1]
    todo = phone_of(syncing).todo("One check-in on the offer")
    assert todo.get_icalendar_component()["due"].dt == TODAY + dt.timedelta(days=2)
    syncing.server.reset_counts()
    assert syncing.sync().sent == [] and syncing.server.total == 2


def test_lost_in_the_middle_of_updates(on_radicale: Syncing, phone_of: Any) -> None:
    assert on_radicale.sync().ok
    services = DirectoryServices(on_radicale.store.sessions)
    with on_radicale.store.sessions() as session:
        ids = list(session.scalars(select(Contact.id).order_by(Contact.id)))
    for number, contact_id in enumerate(ids):
        services.update_contact(contact_id, {"title": f"Title {number}"})
    on_radicale.server.reset_counts()
    on_radicale.server.drop_on = ("PUT", 2)
    assert on_radicale.sync().problem is not None
    on_radicale.server.come_back()
    assert on_radicale.sync().ok
    phone = phone_of(on_radicale)
    titles = sorted(vobject.readOne(text).title.value for _e, text in phone.cards().values())
    assert titles == sorted(f"Title {n}" for n in range(len(ids)))
    assert len(phone.cards()) == len(ids)
