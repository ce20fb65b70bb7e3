"""Every table of the database is exported, or left out on purpose (NOT_EXPORTED).

A migration that adds a table without a model, or a model with a column type the export
cannot write, fails here, with what to do.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from runnerup_desktop.core.domain import CompanyStatus, ContactRole
from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.export_format import (
    DERIVED,
    NOT_EXPORTED,
    exported_tables,
    fields,
    is_excluded,
)
from runnerup_desktop.store.import_json import DERIVE, STARTER_ROWS
from runnerup_desktop.store.models import Base


def database_tables(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    finally:
        conn.close()
    return {name for (name,) in rows}


def test_every_table_of_a_migrated_database_is_exported_or_listed(tmp_path: Path) -> None:
    db = tmp_path / "schema.sqlite3"
    open_store(db).close()
    exported = {table.name for table in exported_tables()}
    neither = {
        name for name in database_tables(db) if name not in exported and not is_excluded(name)
    }
    assert not neither, (
        f"{sorted(neither)}: give each a model in store/models.py (then it is exported), or "
        "add it to NOT_EXPORTED in store/export_format.py with the reason"
    )
    # ...and nothing is listed that is not there, nor both exported and listed.
    assert set(NOT_EXPORTED) <= database_tables(db)
    assert not exported & set(NOT_EXPORTED)


def test_every_model_table_is_in_the_database(tmp_path: Path) -> None:
    db = tmp_path / "schema.sqlite3"
    open_store(db).close()
    assert {table.name for table in exported_tables()} <= database_tables(db)


def test_every_column_has_a_format_and_parents_come_first() -> None:
    seen: set[str] = set()
    for table in exported_tables():
        assert fields(table), table.name  # raises TypeError for a column type without one
        for key in table.foreign_keys:
            parent = key.column.table.name
            assert parent == table.name or parent in seen, (table.name, parent)
        seen.add(table.name)


def test_derived_columns_are_computed_on_import_and_exist() -> None:
    for name, columns in DERIVED.items():
        assert name in DERIVE, f"{name}: DERIVED names it, but the importer computes nothing"
        assert columns <= set(Base.metadata.tables[name].columns.keys())
    assert set(STARTER_ROWS) <= {table.name for table in exported_tables()}


def test_the_format_page_lists_every_exported_column() -> None:
    """docs/export-format.md keeps up with the models: each table's bullet names each of
    its columns, and each choice column's words are this version's."""
    page = (Path(__file__).resolve().parents[2] / "docs" / "export-format.md").read_text()
    bullets = {
        match[1]: match[2]
        for match in re.finditer(r"^- `(\w+)`: (.*?)(?=^- `|^$)", page, re.M | re.S)
    }
    for table in exported_tables():
        assert table.name in bullets, f"docs/export-format.md: no bullet for {table.name}"
        named = {name.rstrip("?") for name in re.findall(r"`([\w?]+)`", bullets[table.name])}
        missing = {field.name for field in fields(table)} - named
        assert not missing, f"docs/export-format.md, {table.name}: {sorted(missing)}"
    for cls, column in ((CompanyStatus, "status"), (ContactRole, "role")):
        words = re.search(rf"`{column}` \(([^)]*)\)", page)
        assert words is not None
        assert re.findall(r"`(\w+)`", words[1]) == [member.value for member in cls]
