"""Files that are not what an import expects: each gets one clear sentence (a refusal, or
a notice in the preview when the file can still be read right), and a refused file
leaves the database as it was."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from runnerup_desktop.store.database import Store
from runnerup_desktop.store.imports.formats import detect_format
from runnerup_desktop.store.imports.preview import CompanyPolicy, Outcome
from runnerup_desktop.store.imports.records import ImportRefused
from runnerup_desktop.store.imports.service import ImportRequest, ImportServices
from tests.imports.real_files import (
    CONNECTIONS,
    LINKEDIN_HEADER,
    connections_csv,
    snapshot,
    write_connections,
)

NAMES = [f"{row[0]} {row[1]}" for row in CONNECTIONS]


def _names(imports: ImportServices, path: Path) -> tuple[list[str], list[str]]:
    summary = imports.preview(ImportRequest(path, detect_format(path)))
    return [line.name for line in summary.lines], summary.notices


@pytest.mark.parametrize(
    ("encoding", "notice"),
    [
        ("utf-8", None),
        ("utf-8-sig", None),  # Excel's "CSV UTF-8" starts with a byte-order mark
        ("utf-16", "It is in UTF-16; RunnerUp read it as such."),
        ("utf-16-le", "It is in UTF-16; RunnerUp read it as such."),  # no BOM
        ("utf-32", "It is in UTF-32; RunnerUp read it as such."),
        ("latin-1", "is not UTF-8: RunnerUp read it as Windows-1252"),
        ("cp1252", "is not UTF-8: RunnerUp read it as Windows-1252"),
    ],
)
def test_encodings_are_read_right_and_said(
    tmp_path: Path, imports: ImportServices, encoding: str, notice: str | None
) -> None:
    path = write_connections(tmp_path / "Connections.csv", encoding=encoding)
    names, notices = _names(imports, path)
    assert names == NAMES  # "Zoë Müller" with its accents, and no BOM in "First Name"
    if notice is None:
        assert notices == []
    else:
        assert len(notices) == 1 and notice in notices[0]


@pytest.mark.parametrize(("separator", "word"), [(";", "semicolons"), ("\t", "tabs")])
def test_semicolons_and_tabs_separate_values_too(
    tmp_path: Path, imports: ImportServices, separator: str, word: str
) -> None:
    text = connections_csv(separator=separator)
    path = write_connections(tmp_path / "Connections.csv", text, encoding="utf-16")
    names, notices = _names(imports, path)
    assert names == NAMES
    assert f"The file separates values with {word}." in notices


def test_missing_and_extra_columns_are_said(tmp_path: Path, imports: ImportServices) -> None:
    header = ("First Name", "Last Name", "URL", "Company", "Notes")
    rows = [(r[0], r[1], r[2], r[4], "n") for r in CONNECTIONS]
    path = write_connections(tmp_path / "c.csv", connections_csv(rows, header=header))
    names, notices = _names(imports, path)
    assert names == NAMES
    assert notices == [
        "The file has no columns “Email Address”, “Position” and “Connected On”: those "
        "fields stay empty (a name is enough).",
        "RunnerUp does not use the column “Notes”: it was left out.",
    ]


def test_rows_with_more_or_fewer_values_are_skipped_with_why(
    tmp_path: Path, imports: ImportServices
) -> None:
    text = connections_csv()
    text += "Only,Three,Values\n"
    text += "A,B,https://www.linkedin.com/in/ab,,Acme, Inc,Engineer,1 Jan 2020\n"
    path = write_connections(tmp_path / "c.csv", text)
    summary = imports.preview(ImportRequest(path, "linkedin"))
    skipped = [(line.line, line.reason) for line in summary.skipped_lines()]
    assert skipped == [
        (10, "3 values where the header has 7 (fewer; the file separates values with commas)"),
        (11, "8 values where the header has 7 (more; the file separates values with commas)"),
    ]
    assert summary.new == 5


def test_quoted_newlines_keep_the_line_numbers_right(
    tmp_path: Path, store: Store, imports: ImportServices
) -> None:
    rows = [
        ("Ana", "Lopez", "", "", "Acme", "Head of\nData,\n“Platform”", "24 Aug 2023"),
        ("Rui", "Costa", "", "", "", "", "1 Jan 2020"),
        ("", "", "", "", "", "", ""),
    ]
    path = write_connections(tmp_path / "c.csv", connections_csv(rows))
    summary, _ = imports.run(ImportRequest(path, "linkedin", CompanyPolicy.named("all")))
    assert [(line.line, line.outcome) for line in summary.lines] == [
        (5, Outcome.NEW),
        (8, Outcome.NEW),
        (9, Outcome.SKIPPED),
    ]
    with store.sessions() as session:
        from runnerup_desktop.store.models import Contact

        titles = {c.name: c.title for c in session.query(Contact)}
    # A job title is one line: its line breaks become spaces.
    assert titles["Ana Lopez"] == "Head of Data, “Platform”"


def _refused(imports: ImportServices, store: Store, path: Path, fmt: str, match: str) -> None:
    before = snapshot(store)
    with pytest.raises(ImportRefused, match=match):
        imports.run(ImportRequest(path, fmt, CompanyPolicy.named("all")))
    assert snapshot(store) == before


def test_a_file_too_large_is_refused_before_it_is_read(
    tmp_path: Path, store: Store, imports: ImportServices
) -> None:
    path = tmp_path / "Connections.csv"
    with path.open("wb") as out:  # 200 MB, sparse: nothing to read but its size
        out.write(connections_csv().encode())
        out.truncate(200_000_000)
    _refused(
        imports,
        store,
        path,
        "linkedin",
        r"^Connections.csv is 200 MB; RunnerUp imports files of up to 67 MB \(about 400,000 "
        r"contacts\). Split it into parts and import each.$",
    )


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is a PDF document, not LinkedIn's"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a PNG image, not LinkedIn's"),
        (b"SQLite format 3\x00" + bytes(100), "is a SQLite database, not LinkedIn's"),
        (os.urandom(64) + b"\x00" + os.urandom(64), "holds binary data"),
        (b"First Name,Last Name,URL\nA,B,\x00\n", r"binary data \(a NUL byte at byte 30\)"),
        (b"", "is empty: there is nothing in it to import"),
        (b"name,email\nAna,ana@example.com\n", "none of its first 40 lines has the columns"),
        (
            codecs.BOM_UTF16_LE + "First Name".encode("utf-16-le") + b"\x00\xd8",
            "starts as UTF-16 text but is not valid in it further on",
        ),
    ],
)
def test_files_that_are_not_connections_are_refused(
    tmp_path: Path, store: Store, imports: ImportServices, data: bytes, match: str
) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(data)
    _refused(imports, store, path, "linkedin", match)


def test_a_calendar_is_not_contacts(tmp_path: Path, store: Store, imports: ImportServices) -> None:
    calendar = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n"
        "BEGIN:VEVENT\r\nDTSTART:20260301T090000Z\r\nDTEND:20260301T100000Z\r\n"
        "UID:abc@google.com\r\nSUMMARY:Stand-up\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    for name in ("work.ics", "work.vcf", "work.txt"):
        path = tmp_path / name
        path.write_text(calendar)
        with pytest.raises(ImportRefused, match="is a calendar"):
            detect_format(path) if name != "work.vcf" else imports.preview(
                ImportRequest(path, "vcard")
            )
    _refused(imports, store, tmp_path / "work.vcf", "vcard", "is a calendar")


def test_a_header_only_file_imports_nothing(tmp_path: Path, imports: ImportServices) -> None:
    path = write_connections(tmp_path / "c.csv", ",".join(LINKEDIN_HEADER) + "\n")
    summary, _ = imports.run(ImportRequest(path, "linkedin"))
    assert (summary.new, summary.matched, summary.skipped) == (0, 0, 0)


def test_a_missing_file_and_a_folder_are_refused(tmp_path: Path, imports: ImportServices) -> None:
    with pytest.raises(ImportRefused, match="There is no file"):
        imports.preview(ImportRequest(tmp_path / "nope.csv", "linkedin"))
    with pytest.raises(ImportRefused, match="is a folder"):
        imports.preview(ImportRequest(tmp_path, "vcard"))
