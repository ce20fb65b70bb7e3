"""What kind of file an import was given: by its extension, then by its first lines.

``.vcf`` is vCard, ``.json`` RunnerUp's own export, ``.zip`` LinkedIn's data export; a
``.csv`` (or ``.tsv``, ``.txt``) is LinkedIn's Connections.csv when its first lines hold
LinkedIn's header (after its notes), another tracker's CSV otherwise, which needs a column
mapping. A calendar (``.ics``) is refused with a sentence: RunnerUp exports the plan as
one, but imports contacts.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from runnerup_desktop.store.imports.linkedin import looks_like_connections
from runnerup_desktop.store.imports.reading import Source, head_text, what_binary
from runnerup_desktop.store.imports.records import ImportRefused

#: The formats ``runnerup import --format`` takes.
FORMATS = ("json", "vcard", "linkedin", "csv")
_CALENDAR = (".ics", ".ical", ".icalendar", ".ifb", ".vcs")
_TABLES = (".csv", ".tsv", ".txt", ".tab")
_SPREADSHEETS = (".xlsx", ".xls", ".ods", ".numbers")
SNIFF = 64 * 1024


def spreadsheet_refusal(label: str) -> ImportRefused:
    return ImportRefused(
        f"{label} is a spreadsheet workbook: save it as CSV (UTF-8) from the spreadsheet "
        "program, then import the CSV file."
    )


def calendar_refusal(label: str) -> ImportRefused:
    return ImportRefused(
        f"{label} is a calendar (iCalendar: events and to-dos), not contacts. RunnerUp "
        "exports your plan as a calendar, and imports contacts from vCard, LinkedIn and "
        "CSV files."
    )


def detect_format(path: Path) -> str:
    """One of :data:`FORMATS`, or a refusal saying why none fits."""
    path = Path(path)
    suffix = path.suffix.casefold()
    if suffix in (".vcf", ".vcard"):
        return "vcard"
    if suffix == ".json":
        return "json"
    if suffix in _CALENDAR:
        raise calendar_refusal(path.name)
    if suffix in _SPREADSHEETS:
        raise spreadsheet_refusal(path.name)
    source = Source.file(path)
    if suffix == ".zip" or zipfile.is_zipfile(path):
        return "linkedin"
    with source.opener() as raw:
        head = raw.read(SNIFF)
    kind = what_binary(head)
    text = head_text(head)
    if kind is not None or "\x00" in text:
        raise ImportRefused(
            f"{path.name} is {kind or 'binary data'}, not contacts RunnerUp can import."
        )
    first = next((line.strip().upper() for line in text.splitlines() if line.strip()), "")
    if first == "BEGIN:VCARD":
        return "vcard"
    if first == "BEGIN:VCALENDAR":
        raise calendar_refusal(path.name)
    if first.startswith(("{", "[")):
        return "json"
    if looks_like_connections(io.StringIO(text, newline="")):
        return "linkedin"
    if suffix in _TABLES:
        return "csv"
    raise ImportRefused(
        f"RunnerUp cannot tell what {path.name} holds: name the format (vCard, LinkedIn, "
        "CSV or JSON)."
    )
