"""Export JSON, import it into an empty database, export again: the same content, for
generated data in every table (accents, right-to-left scripts, emoji, long notes)."""

from __future__ import annotations

import io
import json
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.export_format import exported_tables
from runnerup_desktop.store.export_json import export_json
from runnerup_desktop.store.import_json import import_file
from runnerup_desktop.store.schema import HEAD
from tests.data.generated import HEBREW, database_rows, fill, fresh_database, raw_rows


def export_text(db: Path) -> str:
    store = open_store(db)
    try:
        out = io.StringIO()
        with store.engine.connect() as conn, conn.begin():
            export_json(conn, out)
        return out.getvalue()
    finally:
        store.close()


def content(exported: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(exported)
    del document["exported_at"]
    return document


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(drawn=database_rows())
def test_export_import_export_gives_the_same_content(
    drawn: dict[str, list[dict[str, Any]]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        template = base / "template.sqlite3"
        source = fresh_database(template, base / "source.sqlite3")
        fill(source, drawn)
        first = export_text(source)
        exported = base / "export.json"
        exported.write_text(first, encoding="utf-8")

        copy = fresh_database(template, base / "copy.sqlite3")
        store = open_store(copy)
        try:
            result = import_file(store.engine, exported)
        finally:
            store.close()
        assert result.counts == {name: len(rows) for name, rows in drawn.items()}
        second = export_text(copy)

        assert content(second) == content(first)
        assert second.split("\n", 6)[6] == first.split("\n", 6)[6]  # byte for byte
        # Every column as stored, the derived ones (search keys, counts) included.
        assert raw_rows(copy) == raw_rows(source)
        conn = sqlite3.connect(copy)
        try:
            conn.execute("INSERT INTO contact_fts(contact_fts) VALUES ('integrity-check')")
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        finally:
            conn.close()


def test_every_table_is_in_the_file_even_empty(tmp_path: Path) -> None:
    db = tmp_path / "empty.sqlite3"
    open_store(db).close()
    document = json.loads(export_text(db))
    assert list(document["tables"]) == [table.name for table in exported_tables()]
    assert all(rows == [] for rows in document["tables"].values())
    assert document["format"] == "runnerup-export" and document["format_version"] == 1
    assert document["schema_revision"] == HEAD


def test_the_profile_and_drafts_come_back_as_the_app_reads_them(tmp_path: Path) -> None:
    """A draft's key is its follow-up's id (it has no id of its own); the profile is the
    one row the app reads. Both come back from an export as the services see them."""
    from sqlalchemy import select

    from runnerup_desktop.store.demo import seed_demo
    from runnerup_desktop.store.models import FollowUp
    from runnerup_desktop.store.profile_services import Draft, ProfileServices, ProfileValues

    source_db = tmp_path / "source.sqlite3"
    source = open_store(source_db)
    try:
        seed_demo(source.sessions)
        with source.sessions() as session:
            first, second = session.scalars(select(FollowUp.id).order_by(FollowUp.id)).all()[:2]
        services = ProfileServices(source.sessions)
        me = ProfileValues("Zoë Lima", "zoe@example.com", "+351 912 345 678", "Zoë\n🎉")
        services.save_profile(me)
        drafts = [
            Draft(first, "ana@example.com", "Obrigada 🙏", f"{HEBREW}\nBest,\nZoë"),
            Draft(second, "", "", ""),
        ]
        for draft in drafts:
            services.save_draft(draft)
    finally:
        source.close()
    first_export = export_text(source_db)
    exported = tmp_path / "export.json"
    exported.write_text(first_export, encoding="utf-8")

    copy_db = tmp_path / "copy.sqlite3"
    copy = open_store(copy_db)
    try:
        counts = import_file(copy.engine, exported).counts
        assert (counts["profile"], counts["message_draft"]) == (1, 2)
        services = ProfileServices(copy.sessions)
        assert services.profile() == me
        assert [services.draft(draft.follow_up_id) for draft in drafts] == drafts
    finally:
        copy.close()
    assert content(export_text(copy_db)) == content(first_export)
