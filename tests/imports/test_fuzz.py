"""Fuzzing the importers with hypothesis: whatever the bytes, an import either refuses
with a sentence (the database untouched) or accounts for every line it read.

``RUNNERUP_FUZZ_EXAMPLES`` sets the number of inputs per test (default 60); each test
counts the inputs it tried and prints the count (``pytest -s`` shows it).
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from runnerup_desktop.store.database import Store
from runnerup_desktop.store.imports.csv_mapped import ColumnMapping
from runnerup_desktop.store.imports.formats import detect_format
from runnerup_desktop.store.imports.preview import CompanyPolicy
from runnerup_desktop.store.imports.records import ImportRefused
from runnerup_desktop.store.imports.service import ImportRequest, ImportServices
from runnerup_desktop.store.models import Company, Contact
from tests.imports.real_files import LINKEDIN_HEADER, LINKEDIN_NOTES, snapshot

EXAMPLES = int(os.environ.get("RUNNERUP_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_names = itertools.count()

# Text that exercises the readers: separators, quotes, line ends, escapes, accents, RTL,
# emoji, NULs and stray bytes' characters.
_cell = st.text(
    alphabet=st.sampled_from(
        [*list("abcXYZ ,;\t\"'\r\n\\=:.@/-+0123456789"), "é", "ß", "ł", "ا", "🙂", "\x00", "\ufeff"]
    ),
    max_size=30,
)
_connections = st.builds(
    lambda notes, sep, rows: (
        (LINKEDIN_NOTES if notes else "")
        + sep.join(LINKEDIN_HEADER)
        + "\n"
        + "\n".join(sep.join(row) for row in rows)
    ),
    st.booleans(),
    st.sampled_from([",", ";", "\t"]),
    st.lists(st.lists(_cell, min_size=0, max_size=9), max_size=12),
)
_property = st.sampled_from(
    [
        "FN",
        "N",
        "ORG",
        "TITLE",
        "EMAIL;TYPE=pref",
        "TEL;CELL",
        "NOTE",
        "URL",
        "X-RUNNERUP-ROLE",
        "NOTE;ENCODING=QUOTED-PRINTABLE",
        "PHOTO;ENCODING=b",
        "item1.EMAIL",
        "VERSION",
        "BEGIN",
        "END",
        " ",
        "",
    ]
)
_vcard_line = st.builds(lambda name, value: f"{name}:{value}", _property, _cell)
_vcards = st.builds(
    lambda cards, end: "".join(
        "BEGIN:VCARD\r\n" + "\r\n".join(lines) + ("\r\nEND:VCARD\r\n" if end else "\r\n")
        for lines in cards
    ),
    st.lists(st.lists(_vcard_line, max_size=10), min_size=1, max_size=6),
    st.booleans(),
)
_encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252"])


def _write(folder: Path, suffix: str, data: bytes) -> Path:
    path = folder / f"fuzz-{next(_names)}{suffix}"
    path.write_bytes(data)
    return path


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


def _check(store: Store, imports: ImportServices, request: ImportRequest) -> None:
    """The property: refused and untouched, or every line accounted for and written."""
    before = snapshot(store)
    try:
        preview = imports.preview(request)
    except ImportRefused as refusal:
        assert str(refusal).strip()
        assert snapshot(store) == before
        with pytest.raises(ImportRefused):
            imports.run(request)
        assert snapshot(store) == before
        return
    assert snapshot(store) == before
    assert preview.new + preview.matched + preview.skipped == len(preview.lines)
    with store.sessions() as session:
        contacts = session.scalar(select(func.count(Contact.id)))
        companies = session.scalar(select(func.count(Company.id)))
    summary, change = imports.run(request)
    assert change.everything
    assert [line.outcome for line in summary.lines] == [line.outcome for line in preview.lines]
    with store.sessions() as session:
        assert session.scalar(select(func.count(Contact.id))) == (contacts or 0) + summary.new
        made = session.scalar(select(func.count(Company.id)))
        assert made == (companies or 0) + len(summary.created_companies)


class _Tried:
    def __init__(self, what: str) -> None:
        self.what, self.count = what, 0

    def __enter__(self) -> _Tried:
        return self

    def __exit__(self, *_exc: object) -> None:
        print(f"\nfuzz: {self.count} inputs tried on the {self.what} importer")


def test_fuzz_linkedin(tmp_path: Path, store: Store, imports: ImportServices) -> None:
    with _Tried("LinkedIn") as tried:

        @FUZZ
        @given(
            text=_connections, encoding=_encodings, raw=st.binary(max_size=200), mix=st.booleans()
        )
        def case(text: str, encoding: str, raw: bytes, mix: bool) -> None:
            tried.count += 1
            data = raw if mix and raw else _encode(text, encoding)
            path = _write(tmp_path, ".csv", data)
            policy = CompanyPolicy.named("all" if tried.count % 2 else "existing")
            _check(store, imports, ImportRequest(path, "linkedin", policy))

        case()


def test_fuzz_vcard(tmp_path: Path, store: Store, imports: ImportServices) -> None:
    with _Tried("vCard") as tried:

        @FUZZ
        @given(text=_vcards, encoding=_encodings, raw=st.binary(max_size=200), mix=st.booleans())
        def case(text: str, encoding: str, raw: bytes, mix: bool) -> None:
            tried.count += 1
            data = raw if mix and raw else _encode(text, encoding)
            path = _write(tmp_path, ".vcf", data)
            _check(store, imports, ImportRequest(path, "vcard", CompanyPolicy.named("all")))

        case()


def test_fuzz_mapped_csv(tmp_path: Path, store: Store, imports: ImportServices) -> None:
    mapping = ColumnMapping({"name": "Name", "company": "Org", "email": "Mail", "notes": "N"})
    table = st.builds(
        lambda header, rows, sep: (
            sep.join(header) + "\r\n" + "\r\n".join(sep.join(r) for r in rows)
        ),
        st.permutations(["Name", "Org", "Mail", "N"]),
        st.lists(st.lists(_cell, max_size=5), max_size=10),
        st.sampled_from([",", ";", "\t"]),
    )
    with _Tried("mapped CSV") as tried:

        @FUZZ
        @given(text=table, encoding=_encodings)
        def case(text: str, encoding: str) -> None:
            tried.count += 1
            path = _write(tmp_path, ".csv", _encode(text, encoding))
            _check(store, imports, ImportRequest(path, "csv", mapping=mapping))

        case()


def test_fuzz_format_detection(tmp_path: Path) -> None:
    with _Tried("format detection") as tried:

        @FUZZ
        @given(
            data=st.one_of(st.binary(max_size=300), _vcards.map(str.encode)),
            suffix=st.sampled_from([".csv", ".vcf", ".txt", ".zip", ".ics", ""]),
        )
        def case(data: bytes, suffix: str) -> None:
            tried.count += 1
            path = _write(tmp_path, suffix, data)
            try:
                assert detect_format(path) in ("json", "vcard", "linkedin", "csv")
            except ImportRefused as refusal:
                assert str(refusal).strip()

        case()
