"""Every table a person owns as a CSV file, for spreadsheets (no Qt).

One file per table (``company.csv``, ``contact.csv``, ...) in a folder, with a header row
of column names and the values as the JSON export has them (ISO dates, choices as their
stored words, ``true``/``false``), an empty cell for nothing. UTF-8 with a byte-order
mark, which spreadsheet programs need to read accents and other scripts right. Each file
is written beside its name and renamed once whole. CSV is for reading elsewhere: it does
not import back (the JSON export does).
"""

from __future__ import annotations

import contextlib
import csv
import os
import secrets
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from runnerup_desktop.store.export_format import NoProgress, Progress, exported_tables, fields
from runnerup_desktop.store.export_json import PAGE, ExportResult, rows, table_counts


def export_csv(conn: Connection, folder: Path, *, progress: Progress | None = None) -> ExportResult:
    """Write one CSV file per table into ``folder`` (made if missing). Run it inside a
    transaction on ``conn`` for one consistent snapshot. Raises ``OSError`` when a file
    cannot be written."""
    progress = progress or NoProgress()
    tables = exported_tables()
    total = sum(table_counts(conn, tables).values())
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    counts: dict[str, int] = {}
    done = 0
    progress.report(0, total)
    for table in tables:
        names = [field.name for field in fields(table)]
        target = folder / f"{table.name}.csv"
        partial = folder / f".{table.name}.csv.{secrets.token_hex(4)}.partial"
        fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        try:
            with open(fd, "w", encoding="utf-8-sig", newline="") as out:
                writer = csv.writer(out)
                writer.writerow(names)
                count = 0
                for row in rows(conn, table):
                    writer.writerow([_cell(row[name]) for name in names])
                    count += 1
                    if count % PAGE == 0:
                        progress.check()
                        progress.report(done + count, total)
            os.replace(partial, target)
        except BaseException:
            with contextlib.suppress(OSError):
                partial.unlink()
            raise
        counts[table.name] = count
        done += count
        progress.report(done, total)
    return ExportResult(counts)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
