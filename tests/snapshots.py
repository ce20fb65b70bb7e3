"""Every user table of a RunnerUp file, row for row, read with plain sqlite3 (for undo tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.sqlite_files import connected

Snapshot = dict[str, list[tuple[Any, ...]]]


def snapshot(path: Path) -> Snapshot:
    """Each table's rows in rowid order: SQLite's own tables, the full-text index's shadow
    tables and virtual tables left out (the undo log is TEMP: it is never in the file)."""
    with connected(path) as connection:
        tables = [
            name
            for _schema, name, kind, *_rest in connection.execute("PRAGMA main.table_list")
            if kind == "table" and not name.startswith("sqlite_")
        ]
        found = {
            table: connection.execute(f'SELECT rowid, * FROM "{table}" ORDER BY rowid').fetchall()
            for table in sorted(tables)
        }
    connection.close()
    return found


def fts_in_step(path: Path) -> None:
    """Raise unless the contacts' full-text index matches the contact table exactly."""
    with connected(path) as connection:
        connection.execute(
            "INSERT INTO contact_fts(contact_fts, rank) VALUES ('integrity-check', 1)"
        )
    connection.close()


def differences(before: Snapshot, after: Snapshot) -> dict[str, tuple[set[Any], set[Any]]]:
    """Per table, the rows only in ``before`` and the rows only in ``after``."""
    found = {}
    for table in sorted(set(before) | set(after)):
        old, new = set(before.get(table, [])), set(after.get(table, []))
        if old != new:
            found[table] = (old - new, new - old)
    return found
