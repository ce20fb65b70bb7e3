"""``runnerup import FILE [--db PATH] [--format json|vcard|linkedin|csv] [--dry-run]
[--json]``: a JSON export read into an empty database, and what it added (or would add),
as text or as JSON::

    {"file": "...", "database": "...", "dry_run": false, "format": "runnerup-export",
     "format_version": 1, "schema_revision": "0004",
     "added": {"company": 20, "contact": 100, ...}, "total": 120}

Contacts from vCards, LinkedIn's export and other trackers' CSV files go on to
:func:`.open_formats.import_contacts` (the format from ``--format``, else from the file).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from runnerup_desktop.cli.launch import Options, open_database
from runnerup_desktop.cli.open_formats import import_contacts
from runnerup_desktop.cli.outcome import refuse_demo, refused
from runnerup_desktop.system.paths import AppPaths

if TYPE_CHECKING:
    from runnerup_desktop.store.import_json import ImportResult


def run(options: Options, args: argparse.Namespace) -> int:
    from runnerup_desktop.store.database import StoreRefused
    from runnerup_desktop.store.import_json import ImportRefused, import_file, import_stream
    from runnerup_desktop.store.imports.formats import detect_format
    from runnerup_desktop.store.imports.records import ImportRefused as NotContacts

    if (code := refuse_demo(options, "import")) is not None:
        return code
    source: str = args.file
    chosen: str | None = args.format
    if chosen is None and source != "-":
        try:
            chosen = detect_format(Path(source).expanduser())
        except NotContacts as refusal:
            return refused(str(refusal))
        except OSError as error:
            return refused(f"cannot read {source}: {error.strerror or error}.")
    if chosen not in (None, "json"):
        if source == "-":
            return refused("contacts are imported from a file: name it instead of -.")
        return import_contacts(options, args, chosen)
    try:
        store = open_database(AppPaths.default(), options)
    except StoreRefused as refusal:
        return refused(str(refusal))
    try:
        if source == "-":
            result = import_stream(store.engine, sys.stdin, dry_run=args.dry_run)
        else:
            result = import_file(store.engine, Path(source).expanduser(), dry_run=args.dry_run)
    except ImportRefused as refusal:
        return refused(str(refusal))
    finally:
        store.close()
    if args.json:
        json.dump(report_json(source, store.path, result), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(report_text(source, store.path, result))
    return 0


def report_text(source: str, db: Path, result: ImportResult) -> str:
    from runnerup_desktop.store.export_format import describe_counts

    name = "standard input" if source == "-" else source
    if result.dry_run:
        return (
            f"{name} would add {describe_counts(result.counts)} to {db}. "
            "Nothing was written (--dry-run).\n"
        )
    return f"Imported {describe_counts(result.counts)} from {name} into {db}.\n"


def report_json(source: str, db: Path, result: ImportResult) -> dict[str, Any]:
    from runnerup_desktop.store.export_format import FORMAT

    return {
        "file": source,
        "database": str(db),
        "dry_run": result.dry_run,
        "format": FORMAT,
        "format_version": result.format_version,
        "schema_revision": result.schema_revision,
        "added": result.counts,
        "total": result.rows,
    }
