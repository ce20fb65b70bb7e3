"""After a restore, the tokens are forgotten and the next sync compares everything under the
merge rule, deleting nothing on the server without asking."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import vobject
from sqlalchemy import select

from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.models import Contact
from runnerup_desktop.store.sync_models import SyncCollection
from runnerup_desktop.store.sync_store import SyncQueries, discard_tokens
from tests.sync.conftest import Syncing, engine_for


def copy_database(source: Path, target: Path) -> None:
    """SQLite's online backup, as a backup and a restore do it."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def test_a_restored_database_compares_everything_and_deletes_nothing(
    on_radicale: Syncing, phone_of: Any, tmp_path: Path
) -> None:
    assert on_radicale.sync().ok
    backup = tmp_path / "backup.sqlite3"
    copy_database(on_radicale.store.path, backup)

    # After the backup: a new contact and an edit, both sent to the server.
    services = DirectoryServices(on_radicale.store.sessions)
    with on_radicale.store.sessions() as session:
        hana = session.scalars(select(Contact).where(Contact.name == "Hana Kobayashi")).one()
    services.update_contact(hana.id, {"title": "VP Engineering"})
    services.add_contact({"company_id": hana.company_id, "name": "Noor Haddad"})
    assert on_radicale.sync().ok

    # The restore: the file goes back to the backup.
    on_radicale.store.close()
    copy_database(backup, on_radicale.store.path)
    store = open_store(on_radicale.store.path)
    restored = Syncing(store, engine_for(store), on_radicale.server, "ana", on_radicale.password)
    on_radicale.server.reset_counts()
    report = restored.sync()
    assert report.ok and report.restored, report.as_text()
    assert on_radicale.server.requests["DELETE"] == 0
    # The edit made after the backup is on the server and not changed here since: it wins.
    with store.sessions() as session:
        hana = session.scalars(select(Contact).where(Contact.name == "Hana Kobayashi")).one()
        assert hana.title == "VP Engineering"
        assert session.scalars(select(Contact).where(Contact.name == "Noor Haddad")).first() is None
    questions = SyncQueries(store.sessions).questions()
    assert [q.code for q in questions] == ["not_here"]
    assert "Noor Haddad" in questions[0].message
    cards = phone_of(restored).cards().values()
    names = [vobject.readOne(text).fn.value for _etag, text in cards]
    assert "Noor Haddad" in names  # still on the server: nothing deleted without asking

    on_radicale.server.reset_counts()
    again = restored.sync()
    assert again.ok and not again.restored and not again.sent
    assert on_radicale.server.total == 2
    store.close()


def test_the_restore_can_say_so_itself(on_radicale: Syncing) -> None:
    assert on_radicale.sync().ok
    with on_radicale.store.sessions.begin() as session:
        discard_tokens(session)
    with on_radicale.store.sessions() as session:
        rows = session.scalars(select(SyncCollection)).all()
        assert all(r.sync_token is None and r.full_comparison for r in rows)
    on_radicale.server.reset_counts()
    report = on_radicale.sync()
    assert report.ok and not report.sent
    assert on_radicale.server.requests["DELETE"] == 0


def test_answers_after_a_restore_add_a_card_here_or_delete_it_there(
    on_radicale: Syncing, phone_of: Any, tmp_path: Path
) -> None:
    from runnerup_desktop.sync.answers import ADD_HERE, DELETE_THERE, SyncAnswers

    assert on_radicale.sync().ok
    backup = tmp_path / "backup.sqlite3"
    copy_database(on_radicale.store.path, backup)
    services = DirectoryServices(on_radicale.store.sessions)
    with on_radicale.store.sessions() as session:
        company_id = session.scalars(select(Contact.company_id)).first()
    assert company_id is not None
    services.add_contact({"company_id": company_id, "name": "Noor Haddad"})
    services.add_contact({"company_id": company_id, "name": "Omar Farouk"})
    assert on_radicale.sync().ok
    on_radicale.store.close()
    copy_database(backup, on_radicale.store.path)
    store = open_store(on_radicale.store.path)
    restored = Syncing(store, engine_for(store), on_radicale.server, "ana", on_radicale.password)
    assert restored.sync().restored
    questions = {q.message.split(" (")[0]: q for q in SyncQueries(store.sessions).questions()}
    answers = SyncAnswers(store.sessions)
    change = answers.answer(questions["Noor Haddad"].id, ADD_HERE)
    assert change.contacts
    answers.answer(questions["Omar Farouk"].id, DELETE_THERE)
    report = restored.sync()
    # Omar goes from the server; Noor's card is written again, now this database's own.
    assert report.ok and sorted(e.action for e in report.sent) == ["deleted", "updated"]
    names = [vobject.readOne(t).fn.value for _e, t in phone_of(restored).cards().values()]
    assert "Noor Haddad" in names and "Omar Farouk" not in names
    with store.sessions() as session:
        assert session.scalars(select(Contact).where(Contact.name == "Noor Haddad")).one()
    assert not SyncQueries(store.sessions).questions()
    store.close()
