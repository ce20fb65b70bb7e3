"""Contacts kept without a company (migration 0006): upgrading keeps every reference, the
listings show them, sorted by company they come last, and the services say what they
cannot do for them."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from alembic import command

from runnerup_desktop.core.domain import InteractionKind
from runnerup_desktop.store.change import ServiceError
from runnerup_desktop.store.database import Store, alembic_config, make_engine, open_store
from runnerup_desktop.store.directory_queries import ContactListing, PageRequest, Row
from runnerup_desktop.store.directory_services import DirectoryServices

STAMP = "'2026-01-01 00:00:00'"


def _old_database(path: Path) -> None:
    """A database at revision 0004 with a contact that follow-ups, an interaction and an
    opportunity point at."""
    path.touch(mode=0o600)
    engine = make_engine(path)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
        run = conn.exec_driver_sql
        run(
            "INSERT INTO company (id, name, name_key, search_key, industry, location, website,"
            f" status, notes, created_at, updated_at) VALUES (7, 'Acme', 'acme', 'acme', '', '',"
            f" '', 'target', '', {STAMP}, {STAMP})"
        )
        run(
            "INSERT INTO contact (id, company_id, name, name_key, search_key, role, title,"
            " email, phone, linkedin_url, notes, created_at, updated_at) VALUES (41, 7,"
            " 'Zoë Müller', 'zoe muller', 'zoe muller | zoe@acme.example | cto | acme',"
            f" 'other', 'CTO', 'zoe@acme.example', '', '', '', {STAMP}, {STAMP})"
        )
        run("INSERT INTO contact_fts(contact_fts) VALUES ('rebuild')")
        run(
            "INSERT INTO opportunity (id, company_id, title, job_level, stage, winner_name,"
            " strong_stories, notes, news_from_id, created_at, updated_at) VALUES (3, 7, 'CTO',"
            f" 'individual_contributor', 'runner_up', '', '', '', 41, {STAMP}, {STAMP})"
        )
        run(
            "INSERT INTO follow_up (company_id, contact_id, step, channel, due_on, status,"
            f" notes, created_at, updated_at) VALUES (7, 41, 'other', 'email', '2026-02-01',"
            f" 'planned', '', {STAMP}, {STAMP})"
        )
        run(
            "INSERT INTO interaction (company_id, contact_id, kind, direction, occurred_on,"
            f" summary, created_at, updated_at) VALUES (7, 41, 'call', 'inbound', '2026-01-05',"
            f" '', {STAMP}, {STAMP})"
        )
    engine.dispose()


def test_upgrading_keeps_every_reference_to_a_contact(tmp_path: Path) -> None:
    """The contact table is rebuilt; nothing that pointed at a contact is nulled."""
    path = tmp_path / "old.sqlite3"
    _old_database(path)
    store = open_store(path, backup_dir=tmp_path / "backups")
    try:
        services = DirectoryServices(store.sessions)
        with store.sessions() as session:
            found = ContactListing().page(session, PageRequest(search="muller cto"))
            assert [(row[0], row[1], row[2]) for row in found] == [(41, "Zoë Müller", "Acme")]
        # The trigram index's triggers were made again: a new contact is found by it.
        new_id, _ = services.add_contact({"company_id": 7, "name": "Ivo Quaresma"})
        services.update_contact(41, {"title": "Chief Technology Officer"})
        with store.sessions() as session:
            found = ContactListing().page(session, PageRequest(search="quaresma"))
            assert [row[0] for row in found] == [new_id]
            found = ContactListing().page(session, PageRequest(search="technology"))
            assert [row[0] for row in found] == [41]
    finally:
        store.close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT contact_id FROM follow_up").fetchall() == [(41,)]
        assert conn.execute("SELECT contact_id FROM interaction").fetchall() == [(41,)]
        assert conn.execute("SELECT news_from_id FROM opportunity").fetchall() == [(41,)]
        assert conn.execute("PRAGMA foreign_keys").fetchone() == (0,)  # a fresh connection
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        triggers = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
        }
        assert triggers == {"contact_fts_insert", "contact_fts_delete", "contact_fts_update"}
    finally:
        conn.close()


def test_the_upgrade_turns_foreign_keys_back_on(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _old_database(path)
    store = open_store(path, backup_dir=tmp_path / "backups")
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        store.close()


def _network(services: DirectoryServices) -> dict[str, int]:
    ids: dict[str, int] = {}
    for company, people in (("Beta", ["Bo", "Al"]), ("Alpha", ["Cy"])):
        company_id, _ = services.add_company({"name": company})
        for name in people:
            ids[name], _ = services.add_contact({"company_id": company_id, "name": name})
    for name in ("Zed Unattached", "Ann Unattached", "Mo Unattached"):
        ids[name], _ = services.add_contact({"company_id": None, "name": name, "title": "CTO"})
    return ids


def _pages(store: Store, request: PageRequest, size: int) -> list[Row]:
    """Every row, a page of ``size`` at a time, each page after the last one's key."""
    listing = ContactListing()
    rows: list[Row] = []
    after = None
    with store.sessions() as session:
        while True:
            page = listing.page(
                session,
                PageRequest(
                    search=request.search,
                    sort_column=request.sort_column,
                    descending=request.descending,
                    limit=size,
                    after=after,
                ),
            )
            rows += page
            if len(page) < size:
                return rows
            after = page[-1][-1]


@pytest.mark.parametrize("size", [1, 2, 4, 50])
@pytest.mark.parametrize("descending", [False, True])
def test_sorted_by_company_those_without_one_come_last(
    services: DirectoryServices, store: Store, size: int, descending: bool
) -> None:
    _network(services)
    rows = _pages(store, PageRequest(sort_column="company", descending=descending), size)
    shown = [(row[2], row[1]) for row in rows]
    attached = [("Alpha", "Cy"), ("Beta", "Al"), ("Beta", "Bo")]
    unattached = [(None, f"{n} Unattached") for n in ("Ann", "Mo", "Zed")]
    if descending:
        attached.reverse()
        unattached.reverse()
    assert shown == attached + unattached


def test_everyone_includes_those_without_a_company(
    services: DirectoryServices, store: Store
) -> None:
    ids = _network(services)
    listing = ContactListing()
    with store.sessions() as session:
        by_name = listing.page(session, PageRequest())
        assert [row[1] for row in by_name] == [
            "Al",
            "Ann Unattached",
            "Bo",
            "Cy",
            "Mo Unattached",
            "Zed Unattached",
        ]
        found = listing.page(session, PageRequest(search="unattached cto", sort_column="title"))
        assert {row[0] for row in found} == {ids[n] for n in ids if "Unattached" in n}
        assert listing.row(session, ids["Mo Unattached"])[2] is None  # type: ignore[index]
        mine = listing.page(session, PageRequest(company_id=-1))
        assert mine == []
    assert ContactListing.blanks["company"] == "No company"


def test_what_a_contact_without_a_company_cannot_do(services: DirectoryServices) -> None:
    ids = _network(services)
    with pytest.raises(ServiceError, match="has no company yet"):
        services.log_interaction(
            {
                "contact_id": ids["Ann Unattached"],
                "kind": InteractionKind.CALL,
                "occurred_on": dt.date(2026, 3, 1),
            }
        )
    with pytest.raises(ServiceError, match="choose one"):
        services.add_contact({"name": "Nobody"})
    with pytest.raises(ServiceError, match="no longer exists"):
        services.update_contact(ids["Ann Unattached"], {"company_id": 999})
    assert services.contact_duplicates("ann unattached", "") == [
        "Ann Unattached (no company) is already a contact."
    ]


def test_a_contact_is_given_a_company_later(services: DirectoryServices, store: Store) -> None:
    ids = _network(services)
    company_id, _ = services.add_company({"name": "Gamma"})
    change = services.update_contact(ids["Ann Unattached"], {"company_id": company_id})
    assert change.companies == {company_id}
    with store.sessions() as session:
        row = ContactListing().row(session, ids["Ann Unattached"])
        assert row is not None and row[2] == "Gamma"
        found = ContactListing().page(session, PageRequest(search="gamma"))
        assert [r[0] for r in found] == [ids["Ann Unattached"]]
