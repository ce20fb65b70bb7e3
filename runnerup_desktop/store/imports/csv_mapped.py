"""Another tracker's CSV export, read through a column mapping the person chose.

A mapping says which column holds each of a contact's fields (a full name, or a first
and a last name; the rest optional). It is saved by name in the database
(``import_mapping``) so that the next export of the same tracker imports in one step,
from the window or with ``runnerup import FILE --mapping NAME``. The header is the first
line that is not blank; columns are found by their header, exactly or ignoring case.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from runnerup_desktop.store.imports.people import person
from runnerup_desktop.store.imports.reading import Source, open_text, sniff_encoding
from runnerup_desktop.store.imports.records import ImportRefused, Parsed, Reading, Unreadable
from runnerup_desktop.store.imports.tables import Header, find_header, rows

WANTED = "a CSV file"
#: The fields a column may fill, in the order the mapping step offers them, and their labels.
FIELDS: dict[str, str] = {
    "name": "Full name",
    "first_name": "First name",
    "last_name": "Last name",
    "company": "Company",
    "title": "Job title",
    "email": "Email",
    "phone": "Phone",
    "linkedin_url": "LinkedIn address",
    "notes": "Notes",
}
MAX_MAPPING_NAME = 100


@dataclass(frozen=True)
class ColumnMapping:
    """Which column (by its header) fills each field."""

    columns: Mapping[str, str] = field(default_factory=dict)

    def problem(self) -> str | None:
        """Why the mapping cannot import anything, or ``None``."""
        unknown = sorted(set(self.columns) - set(FIELDS))
        if unknown:
            return f"Unknown fields in the mapping: {', '.join(unknown)}."
        if not any(self.columns.get(key) for key in ("name", "first_name", "last_name")):
            return "Choose the column with the full name, or those with the first and last name."
        return None

    def to_json(self) -> str:
        return json.dumps({k: v for k, v in self.columns.items() if v}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ColumnMapping:
        loaded = json.loads(text)
        if not isinstance(loaded, dict):
            return cls()
        return cls({str(k): str(v) for k, v in loaded.items() if k in FIELDS and v})

    def guessed(self, header: tuple[str, ...]) -> ColumnMapping:
        """This mapping completed with the columns whose header names a field: first
        those named exactly so ("Job title", "E-mail"), then those with such a word in
        their name ("Role title")."""
        columns = dict(self.columns)
        taken = set(columns.values())
        for exact in (True, False):
            for key, label in FIELDS.items():
                if key in columns:
                    continue
                if exact:
                    names = {label.casefold(), key.replace("_", " "), *_SYNONYMS.get(key, ())}
                else:
                    names = set(_KEYWORDS.get(key, ()))
                found = next(
                    (n for n in header if n not in taken and _names(n, names, exact)), None
                )
                if found is not None:
                    columns[key] = found
                    taken.add(found)
        return ColumnMapping(columns)


_SYNONYMS = {
    "name": ("name", "contact", "contact name", "person"),
    "first_name": ("first", "given name", "firstname"),
    "last_name": ("last", "surname", "family name", "lastname"),
    "company": ("organization", "organisation", "employer", "company name"),
    "title": ("title", "position", "role", "job"),
    "email": ("email address", "e-mail", "mail"),
    "phone": ("phone number", "telephone", "mobile", "tel"),
    "linkedin_url": ("linkedin", "linkedin url", "profile url", "url"),
    "notes": ("note", "comments", "comment", "description"),
}


#: Words that, anywhere in a header, name a field ("Role title", "Work email"); names
#: are left out: "Last contacted" is no last name.
_KEYWORDS = {
    "company": ("company", "organisation", "organization", "employer"),
    "title": ("title", "position", "role"),
    "email": ("email", "mail"),
    "phone": ("phone", "mobile", "telephone"),
    "linkedin_url": ("linkedin",),
    "notes": ("notes", "note", "comments"),
}


def _names(header: str, names: set[str], exact: bool) -> bool:
    folded = " ".join(header.casefold().replace("_", " ").split())
    if exact:
        return folded in names or header.casefold() in names
    words = set(folded.replace("-", "").split())
    return bool(words & names)


def _any_header(names: tuple[str, ...]) -> bool:
    return any(name for name in names)


def _source(path: Path) -> Source:
    return Source.file(Path(path))


def header_of(path: Path, samples: int = 5) -> tuple[Header, list[list[str]], list[str]]:
    """The header, the first ``samples`` rows (for the mapping step) and the notices."""
    source = _source(path)
    encoding = sniff_encoding(source, WANTED)
    with open_text(source, encoding) as (text, _position):
        header = _header(text, source)
        found: list[list[str]] = []
        for _line, values in rows(text, header, source.label):
            if not isinstance(values, str):
                found.append(values)
            if len(found) >= samples:
                break
    notices = [encoding.notice] if encoding.notice else []
    return header, found, notices


def _header(text: TextIO, source: Source) -> Header:
    header = find_header(text, _any_header, 50)
    if header is None:
        raise ImportRefused(f"{source.label} has no header line: there is nothing to map.")
    return header


@contextmanager
def read_mapped(path: Path, mapping: ColumnMapping, name: str = "") -> Iterator[Reading]:
    """The contacts of a CSV file, its columns read as ``mapping`` (saved as ``name``) says."""
    problem = mapping.problem()
    if problem is not None:
        raise ImportRefused(problem)
    source = _source(path)
    encoding = sniff_encoding(source, WANTED)
    with open_text(source, encoding) as (text, position):
        header = _header(text, source)
        places = _places(header, mapping, name, source.label)
        notices = [encoding.notice] if encoding.notice else []
        used = set(places.values())
        unused = [n for at, n in enumerate(header.names) if at not in used and n]
        if unused:
            notices.append(f"Columns not in the mapping, left out: {', '.join(unused)}.")
        records = _records(text, header, places, source.label)
        yield Reading(records, source.size, position, notices)


def _places(header: Header, mapping: ColumnMapping, name: str, label: str) -> dict[str, int]:
    """Where each mapped field's column is in the header."""
    places: dict[str, int] = {}
    folded = [n.casefold() for n in header.names]
    for key, column in mapping.columns.items():
        if not column:
            continue
        if column in header.names:
            position = header.names.index(column)
        elif column.casefold() in folded:
            position = folded.index(column.casefold())
        else:
            mapped = f"The mapping “{name}”" if name else "The mapping"
            raise ImportRefused(
                f"{mapped} takes the {FIELDS[key].lower()} from the column “{column}”, which "
                f"{label} does not have. Its columns: {', '.join(header.names)}."
            )
        places[key] = position
    return places


def _records(text: TextIO, header: Header, places: dict[str, int], label: str) -> Iterator[Parsed]:
    for line, values in rows(text, header, label):
        if isinstance(values, str):
            yield Unreadable(line, values)
            continue
        yield person(line, {key: values[at] for key, at in places.items()})
