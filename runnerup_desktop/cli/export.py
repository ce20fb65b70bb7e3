"""``runnerup export OUT [--db PATH] [--demo] [--format json|csv|ics|vcard]``: everything
as JSON (one file, or ``-`` for standard output) or as CSV (a folder of one file per
table); the plan as iCalendar or the contacts as vCards (:mod:`.open_formats`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from runnerup_desktop.cli.launch import Options, open_database
from runnerup_desktop.cli.open_formats import export_format, export_open
from runnerup_desktop.cli.outcome import cannot_write, refused
from runnerup_desktop.system.paths import AppPaths


def choose_format(out: str, given: str | None) -> str | None:
    """json, csv, ics or vcard: as given, else from OUT (``-`` and ``.json``: JSON;
    ``.ics``: iCalendar; ``.vcf``: vCard; a folder, or a name without an extension: CSV);
    ``None`` if OUT does not say."""
    if given:
        return given
    if out != "-" and (open_format := export_format(out)):
        return open_format
    path = Path(out)
    if out == "-" or path.suffix.lower() == ".json":
        return "json"
    if path.is_dir() or not path.suffix:
        return "csv"
    return None


def run(options: Options, args: argparse.Namespace) -> int:
    from runnerup_desktop.store.database import StoreRefused
    from runnerup_desktop.store.export_csv import export_csv
    from runnerup_desktop.store.export_format import describe_counts
    from runnerup_desktop.store.export_json import export_json, export_json_file

    out: str = args.out
    chosen = choose_format(out, args.format)
    if chosen is None:
        return refused(
            f"cannot tell the format from “{out}”: name a .json, .ics or .vcf file, or a "
            "folder for CSV, or give --format json, csv, ics or vcard."
        )
    if chosen in ("ics", "vcard"):
        return export_open(options, out, chosen)
    if chosen == "csv" and out == "-":
        return refused("CSV export writes a folder of files, so it cannot go to standard output.")
    if chosen == "csv" and Path(out).exists() and not Path(out).is_dir():
        return refused(f"CSV export writes one file per table into a folder, and {out} is a file.")
    try:
        store = open_database(AppPaths.default(), options)
    except StoreRefused as refusal:
        return refused(str(refusal))
    target = Path(out).expanduser()
    try:
        if out == "-":
            with store.engine.connect() as conn, conn.begin():
                result = export_json(conn, sys.stdout)
            sys.stdout.flush()
        elif chosen == "json":
            result = export_json_file(store.engine, target)
        else:
            with store.engine.connect() as conn, conn.begin():
                result = export_csv(conn, target)
    except OSError as error:
        return cannot_write(f"cannot write {out}: {error.strerror or error}.")
    finally:
        store.close()
    where = "standard output" if out == "-" else str(target)
    what = "CSV files" if chosen == "csv" else "JSON"
    report = sys.stderr if out == "-" else sys.stdout
    report.write(f"Exported {describe_counts(result.counts)} as {what} to {where}.\n")
    return 0
