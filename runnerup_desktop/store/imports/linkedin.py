"""LinkedIn's ``Connections.csv``, alone or inside the zip of LinkedIn's data export.

The file opens with a few lines of notes ("Notes:", a quoted paragraph about missing
email addresses, a blank line), then the header ``First Name, Last Name, URL, Email
Address, Company, Position, Connected On`` and one line per connection. Emails are mostly
empty (people choose whether to share theirs); dates read like ``24 Aug 2023``. The date
a person connected has no field of its own in RunnerUp: it goes into the contact's notes.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from runnerup_desktop.store.imports.people import person
from runnerup_desktop.store.imports.reading import Source, open_text, sniff_encoding
from runnerup_desktop.store.imports.records import ImportRefused, Parsed, Reading, Unreadable
from runnerup_desktop.store.imports.tables import Header, find_header, rows

WANTED = "LinkedIn's Connections.csv"
#: LinkedIn's columns, folded, and the field each fills.
COLUMNS = {
    "first name": "first_name",
    "last name": "last_name",
    "url": "linkedin_url",
    "profile url": "linkedin_url",
    "email address": "email",
    "company": "company",
    "position": "title",
    "connected on": "connected_on",
}
_USUAL = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
#: How many lines of notes may come before the header.
PREAMBLE_LINES = 40
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([A-Za-z]+)\.?[ ,-]*(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+)\.? (\d{1,2}),? (\d{4})")


def is_connections_header(names: tuple[str, ...]) -> bool:
    folded = {name.casefold() for name in names}
    return {"first name", "last name"} <= folded and bool(
        folded & {"url", "profile url", "connected on", "email address"}
    )


def looks_like_connections(text: TextIO) -> bool:
    """Whether a CSV's first lines hold LinkedIn's header (format detection)."""
    return find_header(text, is_connections_header, PREAMBLE_LINES) is not None


def connections_source(path: Path) -> Source:
    """The file itself, or the ``Connections.csv`` inside LinkedIn's export zip."""
    path = Path(path)
    source = Source.file(path)
    if not zipfile.is_zipfile(path):
        return source
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            members = [
                info
                for info in archive.infolist()
                if Path(info.filename).name.casefold() == "connections.csv" and not info.is_dir()
            ]
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportRefused(f"{path.name} is a damaged zip archive ({exc}).") from exc
    if not members and ("[Content_Types].xml" in names or "mimetype" in names):
        raise ImportRefused(
            f"{path.name} is a spreadsheet or document, not LinkedIn's export: save it as "
            "CSV (UTF-8) from the spreadsheet program, then import the CSV file."
        )
    if not members:
        raise ImportRefused(
            f"{path.name} is a zip archive without Connections.csv in it. LinkedIn's data "
            "export has it when Connections was ticked; import that file or that archive."
        )
    members.sort(key=lambda info: info.filename.count("/"))
    return Source.member(path, members[0])


@contextmanager
def read_connections(path: Path) -> Iterator[Reading]:
    """The connections in ``path`` (a Connections.csv or LinkedIn's export zip)."""
    source = connections_source(path)
    encoding = sniff_encoding(source, WANTED)
    with open_text(source, encoding) as (text, position):
        header = find_header(text, is_connections_header, PREAMBLE_LINES)
        if header is None:
            raise ImportRefused(
                f"{source.label} is not {WANTED}: none of its first {PREAMBLE_LINES} lines "
                "has the columns First Name and Last Name. If it comes from another "
                "tracker, import it as CSV with a column mapping."
            )
        notices = [encoding.notice] if encoding.notice else []
        notices += _column_notices(header)
        yield Reading(_records(text, header, source.label), source.size, position, notices)


def _column_notices(header: Header) -> list[str]:
    notices: list[str] = []
    known = {COLUMNS[name.casefold()] for name in header.names if name.casefold() in COLUMNS}
    missing = [name for name in _USUAL if COLUMNS[name.casefold()] not in known]
    if missing:
        notices.append(
            f"The file has no {_columns(missing, article=False)}: those fields stay empty "
            "(a name is enough)."
        )
    extra = [name for name in header.names if name.casefold() not in COLUMNS]
    if extra:
        notices.append(f"RunnerUp does not use {_columns(extra)}: it was left out.")
    if header.separator != ",":
        notices.append(f"The file separates values with {header.separator_word}.")
    return notices


def _columns(names: list[str], article: bool = True) -> str:
    """``the column “A”``, ``the columns “A”, “B” and “C”`` (without ``the``: no article)."""
    quoted = [f"“{name}”" if name else "“” (no name)" for name in names]
    the = "the " if article else ""
    if len(quoted) == 1:
        return f"{the}column {quoted[0]}"
    return f"{the}columns " + ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _records(text: TextIO, header: Header, label: str) -> Iterator[Parsed]:
    keys = [COLUMNS.get(name.casefold()) for name in header.names]
    for line, values in rows(text, header, label):
        if isinstance(values, str):
            yield Unreadable(line, values)
            continue
        fields = {key: value for key, value in zip(keys, values, strict=True) if key}
        connected = fields.pop("connected_on", "").strip()
        if connected:
            day = connected_on(connected)
            fields["notes"] = (
                f"Connected on LinkedIn on {day.isoformat()}."
                if day is not None
                else f"Connected on LinkedIn on {connected}."
            )
        yield person(line, fields)


@functools.lru_cache(maxsize=8192)
def connected_on(text: str) -> dt.date | None:
    """``24 Aug 2023`` (LinkedIn's), ``Aug 24, 2023`` or ``2023-08-24``; else ``None``.
    (A network's dates repeat: each is worked out once.)"""
    text = text.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    for pattern, order in ((_DAY_MONTH_YEAR, (0, 1, 2)), (_MONTH_DAY_YEAR, (1, 0, 2))):
        found = pattern.fullmatch(text)
        if found is None:
            continue
        groups = found.groups()
        day, month, year = groups[order[0]], groups[order[1]], groups[order[2]]
        number = _MONTHS.get(month.casefold())
        if number is None:
            return None
        try:
            return dt.date(int(year), number, int(day))
        except ValueError:
            return None
    return None
