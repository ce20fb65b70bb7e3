"""What a JSON import refuses, in a sentence, with the database left as it was."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from runnerup_desktop.store.database import Store, open_store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.export_json import export_json
from runnerup_desktop.store.import_json import ImportRefused, import_file
from runnerup_desktop.store.template_services import MessageTemplates


def document(**tables: list[dict[str, Any]]) -> dict[str, Any]:
    return {"format": "runnerup-export", "format_version": 1, "tables": tables}


COMPANY = {
    "id": 7,
    "name": "Ação Café",
    "industry": "Food",
    "location": "Porto",
    "website": "",
    "status": "target",
    "notes": "",
    "last_touch_on": None,
    "created_at": "2026-03-01T09:30:00",
    "updated_at": "2026-03-01T09:30:00",
}
CONTACT = {
    "id": 3,
    "company_id": 7,
    "name": "Zoë Müller",
    "role": "recruiter",
    "title": "Recruiter",
    "email": "zoe@example.com",
    "phone": "",
    "linkedin_url": "",
    "notes": "",
    "last_touch_on": None,
    "created_at": "2026-03-01T09:30:00",
    "updated_at": "2026-03-01T09:30:00",
}

PROFILE = {
    "id": 1,
    "name": "Ana Lima",
    "email": "ana@example.com",
    "phone": "",
    "signature": "Ana",
    "created_at": "2026-03-01T09:30:00",
    "updated_at": "2026-03-01T09:30:00",
}


def write(path: Path, content: Any) -> Path:
    path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    return path


def digest(store: Store) -> str:
    store.engine.dispose()
    for suffix in ("-wal", "-shm"):
        assert not Path(f"{store.path}{suffix}").exists() or True
    conn = sqlite3.connect(store.path)
    try:
        dump = "\n".join(conn.iterdump())
    finally:
        conn.close()
    return hashlib.sha256(dump.encode()).hexdigest()


def refusal(store: Store, path: Path, *, dry_run: bool = False) -> str:
    before = digest(store)
    with pytest.raises(ImportRefused) as refused:
        import_file(store.engine, path, dry_run=dry_run)
    assert digest(store) == before, "a refused import changed the database"
    return str(refused.value)


def test_a_database_with_data_is_refused(
    store: Store, services: DirectoryServices, tmp_path: Path
) -> None:
    services.add_company({"name": "Mine"})
    path = write(tmp_path / "in.json", document(company=[COMPANY]))
    assert refusal(store, path) == (
        "This database already holds data, so RunnerUp will not import a full export into "
        "it; import it into a new, empty database instead."
    )


def test_shipped_templates_do_not_count_and_are_replaced(store: Store, tmp_path: Path) -> None:
    templates = MessageTemplates(store.sessions)
    shipped = templates.all()  # the first read adds the shipped defaults
    assert shipped
    template = {
        "id": 1,
        "name": "Mine",
        "step": None,
        "subject": "Olá",
        "body": "Obrigado 🙏",
        "builtin": None,
        "created_at": "2026-03-01T09:30:00",
        "updated_at": "2026-03-01T09:30:00",
    }
    path = write(tmp_path / "in.json", document(message_template=[template]))
    result = import_file(store.engine, path)
    assert result.counts == {"message_template": 1}
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT id, name, builtin FROM message_template").all()
    assert rows == [(1, "Mine", None)]


def test_an_edited_shipped_template_counts_as_data(store: Store, tmp_path: Path) -> None:
    templates = MessageTemplates(store.sessions)
    first = templates.all()[0]
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE message_template SET body = 'mine' WHERE id = ?", (first.id,))
    path = write(tmp_path / "in.json", document())
    assert "already holds data" in refusal(store, path)


@pytest.mark.parametrize(
    ("content", "sentence"),
    [
        ("not json at all", "The file is not a RunnerUp export: it is not a JSON object."),
        ('{"format": "runnerup-export", "format_version": 1, "tables": {]}', None),
        ("[1, 2]", "The file is not a RunnerUp export: it is not a JSON object."),
        (
            {"format": "something-else", "format_version": 1, "tables": {}},
            "The file is not a RunnerUp export: its “format” is not “runnerup-export”.",
        ),
        (
            {"format": "runnerup-export", "format_version": 9, "tables": {}},
            "The file was written by a newer RunnerUp (format version 9; this one reads up "
            "to 1). Update RunnerUp to import it.",
        ),
        (
            {"format": "runnerup-export", "format_version": 1},
            "The file has no tables, so there is nothing to import.",
        ),
        (
            document(contact_group=[]),
            "The file has a table “contact_group” that this version of RunnerUp does not "
            "know; it may come from a newer version.",
        ),
        (
            document(company=[{**COMPANY, "status": "dreaming"}]),
            "Row 1 of the file's companies has “dreaming” for status, which is not one of: "
            "target, in_process, runner_up, hired, archived.",
        ),
        (
            document(company=[COMPANY, {**COMPANY, "id": 8, "created_at": "yesterday"}]),
            "Row 2 of the file's companies has “yesterday” for created_at, which is not a "
            "date and time (YYYY-MM-DDTHH:MM:SS).",
        ),
        (
            document(company=[{**COMPANY, "name": None}]),
            "Row 1 of the file's companies has no name, which it needs.",
        ),
        (
            document(company=[{**COMPANY, "id": "7"}]),
            "Row 1 of the file's companies has “7” for id, which is not a whole number.",
        ),
        (
            document(company=[{**COMPANY, "shoe_size": 44}]),
            "Row 1 of the file's companies has “shoe_size”, which this version of RunnerUp "
            "does not know; the file may come from a newer version.",
        ),
        (
            document(company=[COMPANY, COMPANY]),
            "The file holds a row twice, or one that breaks a rule of the database (UNIQUE "
            "constraint failed: company.id); nothing was imported.",
        ),
        ('{"format": "runnerup-export", "format_version": 1, "tables": {"company": [', None),
        # The ranges every write of the app keeps to (store/limits.py) hold for an import.
        (
            document(company=[{**COMPANY, "name": "Ç" * 201}]),
            f"Row 1 of the file's companies has “{'Ç' * 36}… for name, "
            "which is longer than 200 characters.",
        ),
        (
            document(company=[{**COMPANY, "notes": "Ç" * 10_001}]),
            f"Row 1 of the file's companies has “{'Ç' * 36}… for notes, "
            "which is longer than 10,000 characters.",
        ),
        (
            document(company=[{**COMPANY, "notes": "broken paste \ud83c"}]),
            "Row 1 of the file's companies has “broken paste \\ud83c” for notes, which holds "
            "half of a character pair (U+D83C) that cannot be saved.",
        ),
        (
            document(company=[{**COMPANY, "last_touch_on": "9999-12-31"}]),
            "Row 1 of the file's companies has “9999-12-31” for last_touch_on, which is not "
            "a day from 1900-01-01 to 2199-12-31.",
        ),
        (
            document(company=[{**COMPANY, "id": 2**63}]),
            "Row 1 of the file's companies has 9223372036854775808 for id, which is not a "
            "whole number from 1 to 9,223,372,036,854,775,807.",
        ),
        (
            document(company=[{**COMPANY, "id": 0}]),
            "Row 1 of the file's companies has 0 for id, which is not a whole number from 1 "
            "to 9,223,372,036,854,775,807.",
        ),
        (
            document(profile=[{**PROFILE, "id": 2}]),
            "Row 1 of the file's profiles has 2 for id, which is not 1: RunnerUp keeps a "
            "single profile, with id 1.",
        ),
    ],
)
def test_a_file_that_does_not_fit_is_refused_in_a_sentence(
    store: Store, tmp_path: Path, content: Any, sentence: str | None
) -> None:
    said = refusal(store, write(tmp_path / "in.json", content))
    if sentence is None:
        assert said.startswith("The file is not valid JSON: "), said
    else:
        assert said == sentence


def test_a_row_referring_to_a_missing_one_is_refused_with_or_without_dry_run(
    store: Store, tmp_path: Path
) -> None:
    path = write(tmp_path / "in.json", document(contact=[CONTACT]))
    assert refusal(store, path, dry_run=True) == (
        "The file's contacts row 3 refers to one of its companies that is not in the file; "
        "nothing was imported."
    )
    assert refusal(store, path) == (
        "Some of the file's rows refer to rows that are not in the file, so it is not a "
        "whole export; nothing was imported."
    )


def test_rows_may_come_before_their_parents_and_missing_columns_get_defaults(
    store: Store, tmp_path: Path
) -> None:
    """A file written by hand: contacts first, and columns left out (notes, dates)."""
    contact = {key: value for key, value in CONTACT.items() if key not in ("notes", "phone")}
    company = {key: value for key, value in COMPANY.items() if key != "created_at"}
    path = write(tmp_path / "in.json", {**document(contact=[contact], company=[company])})
    result = import_file(store.engine, path)
    assert result.counts == {"contact": 1, "company": 1}
    with store.engine.connect() as conn:
        key, notes = conn.exec_driver_sql("SELECT search_key, notes FROM contact").one()
        created = conn.exec_driver_sql("SELECT created_at FROM company").scalar()
    assert key == "zoe muller | zoe@example.com | recruiter | acao cafe"
    assert notes == ""
    assert created is not None


def test_values_at_the_ends_of_their_ranges_import(store: Store, tmp_path: Path) -> None:
    """What the app itself may store, the longest and the first and last days, goes in."""
    company = {
        **COMPANY,
        "id": 2**63 - 1,
        "name": "Ç" * 200,
        "notes": "🎉" * 10_000,
        "last_touch_on": "1900-01-01",
    }
    contact = {**CONTACT, "company_id": 2**63 - 1, "last_touch_on": "2199-12-31"}
    path = write(
        tmp_path / "in.json", document(company=[company], contact=[contact], profile=[PROFILE])
    )
    assert import_file(store.engine, path).counts == {"company": 1, "contact": 1, "profile": 1}


def test_a_dry_run_counts_and_writes_nothing(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "in.json", document(company=[COMPANY], contact=[CONTACT]))
    before = digest(store)
    result = import_file(store.engine, path, dry_run=True)
    assert result.dry_run and result.counts == {"company": 1, "contact": 1}
    assert digest(store) == before


def test_an_export_with_a_byte_order_mark_and_other_formatting_imports(
    store: Store, tmp_path: Path
) -> None:
    """Pretty-printed by another tool (keys in another order, indented), saved with a BOM."""
    pretty = json.dumps(document(company=[dict(reversed(COMPANY.items()))]), indent=4)
    path = tmp_path / "in.json"
    path.write_bytes(b"\xef\xbb\xbf" + pretty.encode())
    assert import_file(store.engine, path).counts == {"company": 1}


def test_not_utf8_is_refused(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_bytes(json.dumps(document(company=[COMPANY])).encode("utf-16"))
    assert "not valid JSON" in refusal(store, path) or "not UTF-8" in refusal(store, path)


def test_an_export_of_the_same_database_round_trips(tmp_path: Path) -> None:
    source = open_store(tmp_path / "a.sqlite3")
    DirectoryServices(source.sessions).add_company({"name": "Ünïcödé 🎉"})
    out = io.StringIO()
    with source.engine.connect() as conn, conn.begin():
        export_json(conn, out)
    source.close()
    copy = open_store(tmp_path / "b.sqlite3")
    path = write(tmp_path / "x.json", out.getvalue())
    assert import_file(copy.engine, path).counts["company"] == 1
    copy.close()
