"""100 follow-ups and 500 contacts: synced, counted on the server, then a sync in which
nothing changed costs one request per collection."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from runnerup_desktop.core.domain import Channel, ContactRole, FollowUpStatus, Step
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.models import Company, Contact, FollowUp
from runnerup_desktop.store.sync_models import SyncItem
from runnerup_desktop.sync.connection import Connection, multistatus
from tests.sync.conftest import TODAY, Syncing, engine_for
from tests.sync.dav_servers import PASSWORD, DavServer

FOLLOW_UPS, CONTACTS = 100, 500


def fill(store: Store) -> None:
    with store.sessions.begin() as session:
        companies = [Company(name=f"Company {n:02d}", industry="Software") for n in range(25)]
        session.add_all(companies)
        session.flush()
        contacts = [
            Contact(
                company_id=companies[n % 25].id,
                name=f"Pérson {n:03d} Ñame",
                role=ContactRole.RECRUITER,
                title="Recruiter",
                email=f"person{n}@company{n % 25}.example",
                phone=f"+1 555 01{n:03d}",
            )
            for n in range(CONTACTS)
        ]
        session.add_all(contacts)
        session.flush()
        session.add_all(
            FollowUp(
                company_id=contacts[n].company_id,
                contact_id=contacts[n].id,
                step=Step.DEMONSTRATE_VALUE,
                channel=Channel.EMAIL,
                due_on=TODAY + dt.timedelta(days=n),
                status=FollowUpStatus.PLANNED,
                notes=f"Value message {n}",
            )
            for n in range(FOLLOW_UPS)
        )


def members(server: DavServer, collection: str) -> int:
    conn = Connection(server.url, "ana", PASSWORD)
    body = '<d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>'
    reply = conn.request(collection, "PROPFIND", body, {"Depth": "1"})
    return sum(1 for e in multistatus(reply, collection).entries if e.href != collection)


@pytest.mark.slow
def test_a_hundred_follow_ups_and_five_hundred_contacts(store: Store, radicale: DavServer) -> None:
    fill(store)
    syncing = Syncing(store, engine_for(store), radicale, "ana", PASSWORD)
    first = syncing.sync()
    assert first.ok, first.as_text()
    assert len(first.sent) == FOLLOW_UPS + CONTACTS
    assert radicale.requests["PUT"] == FOLLOW_UPS + CONTACTS
    with store.sessions() as session:
        urls = dict(
            session.execute(
                select(SyncItem.collection, func.min(SyncItem.href)).group_by(SyncItem.collection)
            ).all()
        )
        assert session.scalar(select(func.count(SyncItem.id))) == FOLLOW_UPS + CONTACTS
    calendar = urls["calendar"].rsplit("/", 1)[0] + "/"
    book = urls["addressbook"].rsplit("/", 1)[0] + "/"
    assert members(radicale, calendar) == FOLLOW_UPS
    assert members(radicale, book) == CONTACTS

    radicale.reset_counts()
    quiet = syncing.sync()
    assert quiet.ok and not quiet.sent and not quiet.received
    assert dict(radicale.requests) == {"REPORT": 2}  # one per collection
