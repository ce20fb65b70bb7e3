"""A person's data, whole: a backup, a JSON export and a JSON import at full size.

- Backup: ``take_backup`` (SQLite's online backup into a partial file, made a single
  file, flushed to disk, renamed), of the benchmark database.
- Export JSON: ``export_json_file``, every table, to a file.
- Import JSON: ``import_file`` of that export into a new, empty database (one
  transaction: the rows, the indexes and the search index rebuilt, the commit).

The baseline of all three is a plain copy of the database file (``shutil.copyfile``):
reading and writing the same bytes once, with nothing understood, so that a slow disk or
a busy machine shows in both. The work happens in a scratch folder beside nothing of the
person's; the benchmark database is only read.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from runnerup_desktop.store.backups import take_backup
from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.export_json import export_json_file
from runnerup_desktop.store.import_json import import_file

BASELINE = "a copy of the database file (shutil.copyfile)"


def measure_data(db: Path, repeat: int) -> list[dict[str, Any]]:
    """Figures (as dicts for the report) for backup, export and import."""
    with tempfile.TemporaryDirectory(prefix="runnerup-bench-data-") as scratch:
        folder = Path(scratch)
        baseline = []
        backups = []
        exports = []
        imports = []
        exported = folder / "export.json"
        store = open_store(db)  # checks, and the schema of today's build
        store.close()
        rows = 0
        for number in range(repeat):
            copy = folder / f"copy-{number}.sqlite3"
            started = time.perf_counter()
            shutil.copyfile(db, copy)
            baseline.append(time.perf_counter() - started)
            copy.unlink()

            target = folder / f"backup-{number}.sqlite3"
            started = time.perf_counter()
            take_backup(db, to=target)
            backups.append(time.perf_counter() - started)
            target.unlink()

            store = open_store(db)
            try:
                started = time.perf_counter()
                result = export_json_file(store.engine, exported)
                exports.append(time.perf_counter() - started)
            finally:
                store.close()
            rows = result.rows

            empty = open_store(folder / f"import-{number}.sqlite3")
            try:
                started = time.perf_counter()
                import_file(empty.engine, exported)
                imports.append(time.perf_counter() - started)
            finally:
                empty.close()
            shutil.rmtree(folder / "backups", ignore_errors=True)
            for leftover in folder.glob(f"import-{number}.sqlite3*"):
                leftover.unlink()
        info = {
            "database_bytes": db.stat().st_size,
            "json_bytes": exported.stat().st_size,
            "rows": rows,
        }
    return [
        _figure("backup", "Backup (SQLite online backup, flushed)", backups, baseline, info),
        _figure("export_json", "Export everything as JSON", exports, baseline, info),
        _figure("import_json", "Import that JSON into an empty database", imports, baseline, info),
    ]


def _figure(
    name: str, label: str, samples: list[float], baseline: list[float], info: dict[str, Any]
) -> dict[str, Any]:
    return {"name": name, "label": label, "samples": samples, "baseline": baseline, "info": info}
