"""The open formats of ``runnerup export`` and ``runnerup import`` (no Qt widgets):

- ``runnerup export OUT --format ics|vcard``: the plan as an iCalendar file (date-only
  follow-ups as all-day events or to-dos, as the window's preference says; alarms at the
  reminder time), or every contact as vCard 3.0. Without ``--format``, from OUT's
  extension (``.ics``, ``.vcf``).
- ``runnerup import FILE [--format vcard|linkedin|csv] [--mapping NAME]
  [--companies existing|all|none] [--dry-run] [--json]``: contacts from vCards,
  LinkedIn's Connections.csv (or its export's zip), or another tracker's CSV through a
  column mapping saved in the window. Exit 0 also when lines were skipped: they are
  reported. The ``--json`` summary's keys are those of
  :meth:`~runnerup_desktop.store.imports.preview.ImportSummary.to_json`, plus ``file``
  and ``database``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from runnerup_desktop.cli.launch import Options, close_database, open_database
from runnerup_desktop.cli.outcome import EXIT_CANNOT_WRITE, refused
from runnerup_desktop.system.paths import AppPaths

if TYPE_CHECKING:
    from runnerup_desktop.store.imports.preview import ImportSummary

#: Formats ``export`` writes here, by the extension that names them.
EXPORT_EXTENSIONS = {".ics": "ics", ".ical": "ics", ".vcf": "vcard", ".vcard": "vcard"}


def export_format(out: str) -> str | None:
    """``ics`` or ``vcard`` when OUT's extension names one."""
    return EXPORT_EXTENSIONS.get(Path(out).suffix.casefold())


def calendar_preferences(paths: AppPaths) -> tuple[str, str]:
    """The window's preferences for the calendar: (date-only as, reminder time)."""
    from PySide6.QtCore import QSettings  # QtCore only: no display needed

    settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
    untimed = str(settings.value("calendar/untimedAs", "event"))
    reminder = str(settings.value("reminders/timeOfDay", "09:00"))
    return ("todo" if untimed == "todo" else "event"), reminder


def export_open(options: Options, out: str, chosen: str, paths: AppPaths | None = None) -> int:
    """Write the plan (``ics``) or the contacts (``vcard``) to OUT (``-``: stdout)."""
    from runnerup_desktop.core.reminders import DEFAULT_REMINDER_TIME, parse_time_of_day
    from runnerup_desktop.store.database import StoreRefused
    from runnerup_desktop.store.exports.files import ExportFailed
    from runnerup_desktop.store.exports.ics import CalendarOptions, plan_calendar, write_calendar
    from runnerup_desktop.store.exports.vcard import contact_cards, write_vcards
    from runnerup_desktop.system.zones import local_zone

    paths = paths or AppPaths.default()
    try:
        store = open_database(paths, options)
    except StoreRefused as refusal:
        return refused(str(refusal))
    target = Path(out).expanduser()
    try:
        with store.sessions() as session:
            if chosen == "ics":
                untimed, reminder = calendar_preferences(paths)
                calendar_options = CalendarOptions(
                    zone=local_zone(),
                    reminder_time=parse_time_of_day(reminder) or DEFAULT_REMINDER_TIME,
                    untimed_as="todo" if untimed == "todo" else "event",
                )
                if out == "-":
                    text = plan_calendar(session, calendar_options).to_ical().decode()
                    sys.stdout.write(text)
                    count = text.count("BEGIN:VEVENT") + text.count("BEGIN:VTODO")
                else:
                    count = write_calendar(session, target, calendar_options)
                what = "follow-up"
            else:
                if out == "-":
                    count = _write_all(sys.stdout, contact_cards(session))
                else:
                    count = write_vcards(session, target)
                what = "contact"
    except ExportFailed as error:
        sys.stderr.write(f"runnerup: {error}\n")
        return EXIT_CANNOT_WRITE
    finally:
        close_database(store, options)  # the demo's folder goes with it
    where = "standard output" if out == "-" else str(target)
    report = sys.stderr if out == "-" else sys.stdout
    kind = "an iCalendar file" if chosen == "ics" else "vCards"
    report.write(f"Exported {count:,} {what}{'' if count == 1 else 's'} as {kind} to {where}.\n")
    return 0


def _write_all(out: TextIO, cards: Iterable[str]) -> int:
    count = 0
    for card in cards:
        out.write(card)
        count += 1
    return count


def import_contacts(
    options: Options, args: argparse.Namespace, chosen: str, paths: AppPaths | None = None
) -> int:
    """``runnerup import FILE`` for vCard, LinkedIn and mapped CSV files."""
    from runnerup_desktop.store.database import StoreRefused
    from runnerup_desktop.store.imports.preview import CompanyPolicy
    from runnerup_desktop.store.imports.records import ImportRefused
    from runnerup_desktop.store.imports.service import ImportRequest, ImportServices

    source = Path(args.file).expanduser()
    mapping: str = getattr(args, "mapping", None) or ""
    if chosen == "csv" and not mapping:
        return refused(
            f"{source.name} is a CSV file from another tracker: name the column mapping "
            "saved in the window with --mapping NAME (File ▸ Import contacts… saves one)."
        )
    policy = CompanyPolicy.named(getattr(args, "companies", None) or "existing")
    try:
        store = open_database(paths or AppPaths.default(), options)
    except StoreRefused as refusal:
        return refused(str(refusal))
    request = ImportRequest(source, chosen, policy, mapping_name=mapping)
    services = ImportServices(store.sessions)
    try:
        if args.dry_run:
            summary = services.preview(request)
        else:
            summary, _change = services.run(request)
    except ImportRefused as refusal:
        return refused(str(refusal))
    finally:
        close_database(store, options)  # the demo's folder goes with it
    if args.json:
        report = {"file": str(source), "database": str(store.path), **summary.to_json()}
        json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(summary_text(summary))
    return 0


def summary_text(summary: ImportSummary) -> str:
    """The sentence, then the notices and every skipped line with its reason."""
    lines = [summary.sentence()]
    if summary.dry_run:
        lines[0] += " Nothing was written (--dry-run)."
    lines += [f"  {notice}" for notice in summary.notices]
    missing = summary.to_json()["companies_missing"]
    if missing:
        more = f" and {len(missing) - 5:,} more" if len(missing) > 5 else ""
        shown = ", ".join(missing[:5]) + more
        lines.append(
            f"  Kept without a company (not in RunnerUp; --companies all creates them): {shown}."
        )
    for line in summary.skipped_lines():
        who = f" ({line.name})" if line.name else ""
        lines.append(f"  line {line.line}{who}: skipped, {line.reason}")
    return "\n".join(lines) + "\n"
