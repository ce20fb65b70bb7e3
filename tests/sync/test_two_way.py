"""Edits on each side, a phone's completion and move, conflicts and deletions, with the
``caldav`` library acting as the phone on the same account."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import vobject
from sqlalchemy import select

from runnerup_desktop.core.domain import FollowUpStatus, Step
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.models import Company, Contact, FollowUp, Interaction
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.store.sync_models import SyncItem, SyncLog
from runnerup_desktop.store.sync_store import SyncQueries
from tests.sync.conftest import NOW, TODAY, Syncing


@pytest.fixture(params=["radicale", "xandikos"])
def synced(request: pytest.FixtureRequest) -> Syncing:
    syncing: Syncing = request.getfixturevalue(f"on_{request.param}")
    assert syncing.sync().ok
    return syncing


def follow_up(syncing: Syncing, step: Step) -> FollowUp:
    with syncing.store.sessions() as session:
        return session.scalars(select(FollowUp).where(FollowUp.step == step)).first()  # type: ignore[return-value]


def contact(syncing: Syncing, name: str) -> Contact:
    with syncing.store.sessions() as session:
        return session.scalars(select(Contact).where(Contact.name == name)).one()


def later() -> dt.datetime:
    """A modification time after anything the test's database wrote."""
    return dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)


def test_an_edit_here_reaches_the_phone(synced: Syncing, phone_of: Any) -> None:
    playbook = PlaybookServices(synced.store.sessions, today=lambda: TODAY)
    check_in = follow_up(synced, Step.OFFER_CHECK_IN)
    playbook.reschedule(check_in.id, TODAY + dt.timedelta(days=3))
    lukasz = contact(synced, "Łukasz Wróbel")
    DirectoryServices(synced.store.sessions).update_contact(
        lukasz.id, {"title": "Head of Talent", "phone": "+351 21 555 0100"}
    )
    report = synced.sync()
    assert report.ok
    assert sorted(e.action for e in report.sent) == ["updated", "updated"]
    phone = phone_of(synced)
    todo = phone.todo("One check-in on the offer")
    assert todo.get_icalendar_component()["due"].dt == TODAY + dt.timedelta(days=3)
    _href, _etag, card = phone.card("Łukasz Wróbel")
    assert card.title.value == "Head of Talent"
    assert card.tel.value == "+351 21 555 0100"
    assert synced.sync().sent == []


def test_done_and_moved_on_the_phone_come_back_with_the_cadence_guard(
    synced: Syncing, phone_of: Any
) -> None:
    phone = phone_of(synced)
    value_1 = follow_up(synced, Step.DEMONSTRATE_VALUE)
    # Moved to the day after the recruiter's check-in would be fine; next to the meeting
    # with Hana (six days before the news) is too close: warned, and still moved.
    too_close = TODAY - dt.timedelta(days=10)
    phone.move("Value message 1", too_close, later())
    phone.complete("One check-in on the offer", NOW)
    report = synced.sync()
    assert report.ok, report.as_text()

    moved = follow_up(synced, Step.DEMONSTRATE_VALUE)
    assert moved.id == value_1.id and moved.due_on == too_close
    assert moved.notified_at is None
    assert any("too close" in w.lower() or "days" in w for w in report.warnings), report.warnings
    done = follow_up(synced, Step.OFFER_CHECK_IN)
    assert done.status is FollowUpStatus.DONE and done.completed_on == TODAY
    with synced.store.sessions() as session:
        logged = session.scalars(
            select(Interaction).where(Interaction.follow_up_id == done.id)
        ).one()
    assert logged.summary == "Marked done on the server (127.0.0.1)."
    questions = SyncQueries(synced.store.sessions).questions()
    assert [q.code for q in questions] == ["what_was_done"]
    assert questions[0].interaction_id == logged.id
    assert "One check-in on the offer" in questions[0].message
    assert {e.action for e in report.received} == {"moved", "completed"}
    assert report.change.follow_ups and report.change.interactions
    # Nothing comes back to the phone that it did not already have, and then all is quiet.
    assert synced.sync().sent == []
    synced.server.reset_counts()
    assert synced.sync().sent == [] and synced.server.total == 2


def test_a_card_edited_on_the_phone_keeps_what_the_phone_added(
    synced: Syncing, phone_of: Any
) -> None:
    phone = phone_of(synced)
    href, etag, card = phone.card("Hana Kobayashi")
    card.title.value = "VP Engineering"
    second = card.add("email")
    second.value = "hana@home.example"
    second.type_param = "HOME"
    card.add("bday").value = "1980-04-01"
    assert phone.put_card(href, card, etag) in (201, 204)
    report = synced.sync()
    assert report.ok
    assert contact(synced, "Hana Kobayashi").title == "VP Engineering"
    assert contact(synced, "Hana Kobayashi").email == "hana.kobayashi@northwind.example"

    DirectoryServices(synced.store.sessions).update_contact(
        contact(synced, "Hana Kobayashi").id, {"phone": "+351 21 555 0111"}
    )
    assert [e.action for e in synced.sync().sent] == ["updated"]
    _href, _etag, card = phone.card("Hana Kobayashi")
    assert card.tel.value == "+351 21 555 0111"
    assert card.title.value == "VP Engineering"
    assert sorted(e.value for e in card.email_list) == [
        "hana.kobayashi@northwind.example",
        "hana@home.example",
    ]
    assert card.bday.value == "1980-04-01"


def test_a_conflict_goes_to_the_later_change_field_by_field(synced: Syncing, phone_of: Any) -> None:
    phone = phone_of(synced)
    services = DirectoryServices(synced.store.sessions)
    zoe = contact(synced, "Zoë Müller")
    # Here: the title and the phone number; on the phone, later: the title and the email.
    services.update_contact(zoe.id, {"title": "Principal Engineer", "phone": "+44 20 7946 0958"})
    href, etag, card = phone.card("Zoë Müller")
    card.title.value = "Engineering Manager"
    card.email.value = "zoe@northwind.example"
    card.rev.value = later().strftime("%Y%m%dT%H%M%SZ")
    phone.put_card(href, card, etag)
    report = synced.sync()
    assert report.ok
    zoe = contact(synced, "Zoë Müller")
    assert (zoe.title, zoe.email, zoe.phone) == (
        "Engineering Manager",  # both changed it: the phone's change is later
        "zoe@northwind.example",  # only the phone changed it
        "+44 20 7946 0958",  # only this computer changed it
    )
    assert any("title changed here and on the server" in w for w in report.warnings)
    _href, _etag, card = phone.card("Zoë Müller")
    assert card.tel.value == "+44 20 7946 0958"

    # The other way round: the phone's change is older than this computer's.
    href, etag, card = phone.card("Zoë Müller")
    card.title.value = "Staff Engineer II"
    card.rev.value = "20200101T000000Z"
    phone.put_card(href, card, etag)
    services.update_contact(zoe.id, {"title": "Distinguished Engineer"})
    synced.sync()
    assert contact(synced, "Zoë Müller").title == "Distinguished Engineer"
    assert phone.card("Zoë Müller")[2].title.value == "Distinguished Engineer"


def test_deletions_on_the_server_ask_and_deletions_here_go_there(
    synced: Syncing, phone_of: Any
) -> None:
    phone = phone_of(synced)
    href, _etag, _card = phone.card("Mateo Álvarez")
    assert phone.delete(href) in (200, 204)
    phone.todo("Find a twin company").delete()
    report = synced.sync()
    assert report.ok
    assert contact(synced, "Mateo Álvarez")  # still here
    assert follow_up(synced, Step.FIND_A_TWIN).status is FollowUpStatus.PLANNED
    codes = sorted(q.code for q in SyncQueries(synced.store.sessions).questions())
    assert codes == ["deleted_on_server", "deleted_on_server"]
    assert any("Mateo Álvarez" in q for q in report.questions)
    # While the question is open, the contact is not put back on its own.
    DirectoryServices(synced.store.sessions).update_contact(
        contact(synced, "Mateo Álvarez").id, {"title": "Senior Talent Partner"}
    )
    assert synced.sync().sent == []

    # Deleted, skipped and done here: removed from the server, or completed there.
    services = DirectoryServices(synced.store.sessions)
    services.delete_contact(contact(synced, "Amélie Tremblay").id)
    playbook = PlaybookServices(synced.store.sessions, today=lambda: TODAY)
    playbook.skip(follow_up(synced, Step.WIDEN_NETWORK).id)
    playbook.complete(follow_up(synced, Step.RECALIBRATE).id, "Wrote the action items.", TODAY)
    report = synced.sync()
    assert sorted(e.action for e in report.sent) == ["deleted", "deleted", "updated"]
    names = [vobject.readOne(text).fn.value for _e, text in phone.cards().values()]
    assert "Amélie Tremblay" not in names
    summaries = [str(t.get_icalendar_component()["summary"]) for t in phone.todos()]
    assert not any(s.startswith("Widen your network") for s in summaries)
    done = phone.todo("Turn the feedback into action items").get_icalendar_component()
    assert str(done["status"]) == "COMPLETED"


def test_a_card_made_on_the_phone_becomes_a_contact(synced: Syncing, phone_of: Any) -> None:
    phone = phone_of(synced)
    book = phone.book_url()
    card = vobject.vCard()
    card.add("uid").value = "made-on-the-phone-1"
    card.add("fn").value = "Priya Raman"
    card.add("n").value = vobject.vcard.Name(family="Raman", given="Priya")
    card.add("org").value = ["Fjordline Logistics"]
    card.add("email").value = "priya@fjordline.example"
    path = book.removeprefix(synced.server.url.rstrip("/")) + "made-on-the-phone-1.vcf"
    assert phone.put_card(path, card, None) == 201
    nobody = vobject.vCard()
    nobody.add("uid").value = "no-company"
    nobody.add("fn").value = "Someone Else"
    phone.put_card(path.replace("made-on-the-phone-1", "no-company"), nobody, None)
    report = synced.sync()
    assert report.ok
    priya = contact(synced, "Priya Raman")
    with synced.store.sessions() as session:
        company = session.get(Company, priya.company_id)
        assert company is not None and company.name == "Fjordline Logistics"
        assert (
            session.scalar(select(SyncItem.uid).where(SyncItem.contact_id == priya.id))
            == "made-on-the-phone-1"
        )
        left = session.scalars(select(SyncLog.message).where(SyncLog.code == "left")).all()
    assert priya.email == "priya@fjordline.example"
    assert left == [
        "Someone Else on the server (127.0.0.1) is not a RunnerUp contact: left as it is."
    ]
    assert synced.sync().sent == []
