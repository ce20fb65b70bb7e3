"""The first page painted before SQLAlchemy loads is the page CompanyListing gives."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.generate import generate
from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.directory_queries import CompanyListing
from runnerup_desktop.store.first_page import FirstPageCompanies, ReadOnlyFile
from runnerup_desktop.store.paging import PageKey, PageRequest


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("first-page") / "companies.sqlite3"
    generate(
        path,
        companies=80,
        contacts=200,
        follow_ups=200,
        interactions=300,
        seed=3,
        today=dt.date(2026, 3, 15),
    )
    return path


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("column", FirstPageCompanies.columns)
def test_every_order_gives_the_listings_rows_value_for_value(
    generated: Path, column: str, descending: bool
) -> None:
    request = PageRequest(sort_column=column, descending=descending, limit=30)
    store = open_store(generated)
    try:
        with store.sessions() as session:
            expected = CompanyListing().page(session, request)
    finally:
        store.close()
    with ReadOnlyFile(generated)() as connection:
        found = FirstPageCompanies().page(connection, request)
    assert len(found) == 30
    assert found == expected
    assert [tuple(map(type, row)) for row in found] == [tuple(map(type, r)) for r in expected]
    assert all(isinstance(row[-1], PageKey) for row in found)


def test_the_columns_are_the_listings() -> None:
    assert FirstPageCompanies.columns == CompanyListing.columns


def test_later_pages_are_left_to_the_full_listing(generated: Path) -> None:
    with ReadOnlyFile(generated)() as connection:
        listing = FirstPageCompanies()
        first = listing.page(connection, PageRequest(limit=5))
        assert listing.page(connection, PageRequest(after=first[-1][-1])) == []


#: What a person may type while the window loads: letters, a name's start, accents, two
#: words, what matches nothing, LIKE's own wildcards and escape, a NUL.
SEARCHES = ["a", "sa", "SØR", "ber logi", "zzzz", "%", "_", "/", "50%_off/", "a\x00b", "  "]


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("column", FirstPageCompanies.columns)
def test_a_search_typed_while_loading_is_answered_as_the_listing_answers(
    generated: Path, column: str, descending: bool
) -> None:
    store = open_store(generated)
    try:
        with store.sessions() as session, ReadOnlyFile(generated)() as connection:
            for search in SEARCHES:
                request = PageRequest(
                    search=search, sort_column=column, descending=descending, limit=50
                )
                expected = CompanyListing().page(session, request)
                assert FirstPageCompanies().page(connection, request) == expected, search
    finally:
        store.close()


def test_the_read_never_writes(generated: Path) -> None:
    before = generated.read_bytes()
    with ReadOnlyFile(generated)() as connection:
        FirstPageCompanies().page(connection, PageRequest())
        with pytest.raises(Exception, match="readonly"):
            connection.execute("DELETE FROM company")
    assert generated.read_bytes() == before


def test_the_first_paint_path_imports_no_sqlalchemy() -> None:
    """What start-up needs before the first paint loads without SQLAlchemy or the models."""
    code = (
        "import sys\n"
        "import runnerup_desktop.ui.shell.startup, runnerup_desktop.cli.main\n"
        "import runnerup_desktop.store.first_page, runnerup_desktop.ui.directory.first_paint\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')"
        " or m == 'runnerup_desktop.store.models')\n"
        "print(heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
