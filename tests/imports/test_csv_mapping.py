"""Other trackers' CSV exports, through a column mapping saved by name; and telling a
file's format."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from runnerup_desktop.store.database import Store
from runnerup_desktop.store.imports.csv_mapped import ColumnMapping, header_of
from runnerup_desktop.store.imports.formats import detect_format
from runnerup_desktop.store.imports.preview import CompanyPolicy, Outcome
from runnerup_desktop.store.imports.records import ImportRefused
from runnerup_desktop.store.imports.service import ImportRequest, ImportServices
from tests.imports.real_files import connections_csv, snapshot, write_export_zip

#: A job tracker's contacts export: its own column names, a column RunnerUp has no use for.
TRACKER = (
    "Contact Name;Employer;Job Title;E-mail;Mobile;Tags\n"
    "Ana Lopez;Acme;Head of Data;ana@acme.example;+34 600 123 456;warm\n"
    'Rui Costa;Northwind;"Talent; Partner";;;\n'
    ";Acme;;nobody@acme.example;;\n"
)
HUNTR = ColumnMapping(
    {"name": "Contact Name", "company": "Employer", "title": "Job Title", "email": "E-mail"}
)


@pytest.fixture
def tracker_file(tmp_path: Path) -> Path:
    path = tmp_path / "contacts-export.csv"
    path.write_text(TRACKER, encoding="utf-8")
    return path


def test_the_mapping_step_sees_the_columns_and_a_guess(tracker_file: Path) -> None:
    header, samples, notices = header_of(tracker_file)
    assert header.names == ("Contact Name", "Employer", "Job Title", "E-mail", "Mobile", "Tags")
    assert header.separator == ";"
    assert samples[0][:2] == ["Ana Lopez", "Acme"]
    assert notices == []
    guessed = ColumnMapping().guessed(header.names)
    loose = ColumnMapping().guessed(("Name", "Work E-mail", "Role title", "Last contacted"))
    assert dict(loose.columns) == {"name": "Name", "email": "Work E-mail", "title": "Role title"}
    assert dict(guessed.columns) == {
        "name": "Contact Name",
        "company": "Employer",
        "title": "Job Title",
        "email": "E-mail",
        "phone": "Mobile",
    }


def test_a_saved_mapping_imports_by_name(
    tracker_file: Path, store: Store, imports: ImportServices
) -> None:
    imports.save_mapping("  Huntr  export ", HUNTR)
    assert imports.mapping_names() == ["Huntr export"]
    assert imports.mapping("huntr EXPORT") == HUNTR
    request = ImportRequest(
        tracker_file, "csv", CompanyPolicy.named("all"), mapping_name="Huntr export"
    )
    summary, change = imports.run(request)
    assert change.everything
    assert [(line.line, line.outcome, line.name, line.company) for line in summary.lines] == [
        (2, Outcome.NEW, "Ana Lopez", "Acme"),
        (3, Outcome.NEW, "Rui Costa", "Northwind"),
        (4, Outcome.SKIPPED, "", ""),
    ]
    assert summary.notices == ["Columns not in the mapping, left out: Mobile, Tags."]
    assert summary.skipped_lines()[0].reason == "no name"
    # Saving again under the same name (any case) replaces it.
    imports.save_mapping("HUNTR EXPORT", ColumnMapping({"name": "Contact Name"}))
    assert imports.mapping_names() == ["HUNTR EXPORT"]
    imports.delete_mapping("huntr export")
    assert imports.mapping_names() == []


def test_csv_without_a_mapping_or_with_a_wrong_one_is_refused(
    tracker_file: Path, store: Store, imports: ImportServices
) -> None:
    before = snapshot(store)
    with pytest.raises(ImportRefused, match="Choose a saved column mapping"):
        imports.run(ImportRequest(tracker_file, "csv"))
    with pytest.raises(ImportRefused, match=r"There is no saved column mapping “Nope”\. None"):
        imports.run(ImportRequest(tracker_file, "csv", mapping_name="Nope"))
    imports.save_mapping("Other", ColumnMapping({"name": "Full Name", "email": "Email"}))
    before = snapshot(store)
    with pytest.raises(
        ImportRefused,
        match=r"The mapping “Other” takes the full name from the column “Full Name”, which "
        r"contacts-export\.csv does not have\. Its columns: Contact Name, Employer",
    ):
        imports.run(ImportRequest(tracker_file, "csv", mapping_name="Other"))
    assert snapshot(store) == before


def test_a_mapping_needs_a_name_column(imports: ImportServices) -> None:
    with pytest.raises(ImportRefused, match="Choose the column with the full name"):
        imports.save_mapping("Empty", ColumnMapping({"email": "E-mail"}))
    with pytest.raises(ImportRefused, match="Give the mapping a name"):
        imports.save_mapping("  ", HUNTR)
    assert ColumnMapping({"first_name": "First"}).problem() is None


def test_formats_are_told_by_extension_then_content(
    tmp_path: Path, imports: ImportServices
) -> None:
    def preview(path: Path) -> None:
        imports.preview(ImportRequest(path, detect_format(path)))

    def write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode() if isinstance(text, str) else text)
        return path

    assert detect_format(write("a.vcf", "anything")) == "vcard"
    assert detect_format(write("a.json", "{}")) == "json"
    assert detect_format(write_export_zip(tmp_path / "export.zip")) == "linkedin"
    assert detect_format(write("Connections.csv", connections_csv())) == "linkedin"
    assert detect_format(write("no-notes.csv", connections_csv(notes=False))) == "linkedin"
    assert detect_format(write("tracker.csv", TRACKER)) == "csv"
    assert detect_format(write("cards", "\n\nBEGIN:VCARD\nFN:A\nEND:VCARD\n")) == "vcard"
    assert detect_format(write("backup", '{"format_version": 1}')) == "json"
    assert detect_format(write("c.txt", connections_csv().encode("utf-16"))) == "linkedin"
    with pytest.raises(ImportRefused, match="is a calendar"):
        detect_format(write("plan.ics", "BEGIN:VCALENDAR"))
    with pytest.raises(ImportRefused, match=r"cannot tell what notes\.md holds"):
        detect_format(write("notes.md", "# hello\n"))
    with pytest.raises(ImportRefused, match="is a PDF document"):
        detect_format(write("scan.csv", b"%PDF-1.4\n"))
    with pytest.raises(ImportRefused, match="is a spreadsheet workbook: save it as CSV"):
        detect_format(write("book.xlsx", b"PK\x03\x04"))
    with zipfile.ZipFile(tmp_path / "book.zip", "w") as book:
        book.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(ImportRefused, match="is a spreadsheet or document, not LinkedIn"):
        preview(tmp_path / "book.zip")
