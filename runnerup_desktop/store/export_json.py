"""Everything a person owns, as one JSON document, written as it is read (no Qt).

The document (``docs/export-format.md``)::

    {
     "format": "runnerup-export",
     "format_version": 1,
     "schema_revision": "0004",
     "app_version": "0.1.0",
     "exported_at": "2026-03-01T09:30:00Z",
     "tables": {
      "company": [
       {"id": 1, "name": "Acme", ...},
       ...
      ],
      ...
     }
    }

Rows go out one a line, in primary-key order, read in pages inside one read transaction
(one snapshot, however long the export takes), so memory stays bounded however many rows
there are.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Connection, Engine, Table, func, select, text

from runnerup_desktop import __version__
from runnerup_desktop.store.export_format import (
    FORMAT,
    FORMAT_VERSION,
    NoProgress,
    Progress,
    encoder,
    exported_tables,
    fields,
)

#: Rows read from SQLite at a time.
PAGE = 2000

dumps = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


@dataclass(frozen=True)
class ExportResult:
    #: Rows written, by table, in the file's order.
    counts: dict[str, int]

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def export_json(
    conn: Connection,
    out: TextIO,
    *,
    progress: Progress | None = None,
    now: dt.datetime | None = None,
) -> ExportResult:
    """Write the whole database behind ``conn`` to ``out``. Run it inside a transaction
    on ``conn`` for one consistent snapshot."""
    progress = progress or NoProgress()
    tables = exported_tables()
    total = table_counts(conn, tables)
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    header = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_revision": schema_revision(conn),
        "app_version": __version__,
        "exported_at": moment.isoformat().replace("+00:00", "Z"),
    }
    out.write("{\n")
    for key, value in header.items():
        out.write(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n")
    out.write(' "tables": {')
    counts: dict[str, int] = {}
    done = 0
    grand_total = sum(total.values())
    progress.report(0, grand_total)
    for number, table in enumerate(tables):
        out.write(f"{',' if number else ''}\n  {json.dumps(table.name)}: [")
        count = 0
        for row in rows(conn, table):
            out.write(f"{',' if count else ''}\n   {dumps(row)}")
            count += 1
            if count % PAGE == 0:
                progress.check()
                progress.report(done + count, grand_total)
        out.write("\n  ]" if count else "]")
        counts[table.name] = count
        done += count
        progress.check()
        progress.report(done, grand_total)
    out.write("\n }\n}\n")
    return ExportResult(counts)


def rows(conn: Connection, table: Table) -> Iterator[dict[str, Any]]:
    """The table's rows as the file has them, in primary-key order.

    Read through the driver's own cursor: the values come as SQLite stores them, which
    :func:`~runnerup_desktop.store.export_format.encoder` turns into the file's form
    without SQLAlchemy parsing each date only for it to be written out again."""
    encode = encoder(table)
    columns = [table.c[field.name] for field in fields(table)]
    statement = select(*columns).order_by(*table.primary_key.columns)
    sql = str(statement.compile(dialect=conn.dialect))
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql)
        while batch := cursor.fetchmany(PAGE):
            for row in batch:
                yield encode(row)
    finally:
        cursor.close()


def table_counts(conn: Connection, tables: list[Table]) -> dict[str, int]:
    return {
        table.name: int(conn.scalar(select(func.count()).select_from(table)) or 0)
        for table in tables
    }


def schema_revision(conn: Connection) -> str | None:
    value: Any = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return None if value is None else str(value)


def export_json_file(
    engine: Engine, target: Path, *, progress: Progress | None = None
) -> ExportResult:
    """Export to the file ``target``, written beside it and renamed once whole (a
    failure or a cancel leaves no half file). Raises ``OSError`` when it cannot be
    written."""
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        with open(fd, "w", encoding="utf-8") as out, engine.connect() as conn, conn.begin():
            result = export_json(conn, out, progress=progress)
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return result
