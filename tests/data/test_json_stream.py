"""The streaming JSON reader, at every chunk boundary, and the import's bounded memory."""

from __future__ import annotations

import io
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runnerup_desktop.store import json_stream
from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.import_json import import_file
from runnerup_desktop.store.json_stream import JsonError, JsonStream


def read_document(text: str) -> dict[str, Any]:
    """The reader's own walk of an export-shaped document, rebuilt."""
    stream = JsonStream(io.StringIO(text))
    found: dict[str, Any] = {}
    for key in stream.members():
        if key == "tables":
            found[key] = {name: list(stream.items()) for name in stream.members()}
        else:
            found[key] = stream.value()
    stream.end()
    return found


values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)
documents = st.fixed_dictionaries(
    {
        "format": st.text(),
        "tables": st.dictionaries(
            st.text(), st.lists(st.dictionaries(st.text(), values, max_size=4), max_size=4)
        ),
    }
)


@settings(max_examples=200, deadline=None)
@given(document=documents, chunk=st.integers(1, 9), indent=st.sampled_from([None, 0, 2]))
def test_any_document_reads_back_whatever_the_chunk_size(
    document: dict[str, Any], chunk: int, indent: int | None
) -> None:
    text = json.dumps(document, indent=indent, ensure_ascii=False)
    original = json_stream.CHUNK
    json_stream.CHUNK = chunk  # every value is cut by a chunk's end somewhere
    try:
        assert read_document(text) == document
    finally:
        json_stream.CHUNK = original


def test_a_number_cut_by_a_chunk_is_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_stream, "CHUNK", 3)
    assert read_document('{"tables": {"t": [12345678, -0.5e10]}}') == {
        "tables": {"t": [12345678, -0.5e10]}
    }


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"tables": {"t": [1 2]}}', "expected “]” but found “2” at character 20"),
        ('{"tables": {"t": [1]}} trailing', "unexpected “t” after the end, at character 23"),
        ('{"tables": {"t": [', "the text ends early, at character 18"),
        ('{"tables": {"t": ["unterminated', "unterminated string starting at character 18"),
    ],
)
def test_bad_json_says_where(text: str, said: str) -> None:
    with pytest.raises(JsonError) as error:
        read_document(text)
    assert str(error.value).startswith(said), str(error.value)


def test_a_value_larger_than_the_cap_is_refused_not_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(json_stream, "MAX_VALUE", 1000)
    monkeypatch.setattr(json_stream, "CHUNK", 100)
    text = '{"tables": {"t": ["' + "x" * 5000 + '"]}}'
    with pytest.raises(JsonError, match="longer than"):
        read_document(text)


def write_export(path: Path, contacts: int) -> None:
    """An export of 10 companies and ``contacts`` contacts with 400-character notes."""
    note = ("Talked about the team's roadmap, ça va, 🎉. " * 10)[:400]
    stamp = "2026-03-01T09:30:00"
    with path.open("w", encoding="utf-8") as out:
        out.write('{"format": "runnerup-export", "format_version": 1, "tables": {"company": [')
        out.write(
            ",".join(
                json.dumps(
                    {
                        "id": n,
                        "name": f"Company {n}",
                        "industry": "",
                        "location": "",
                        "website": "",
                        "status": "target",
                        "notes": "",
                        "last_touch_on": None,
                        "created_at": stamp,
                        "updated_at": stamp,
                    }
                )
                for n in range(1, 11)
            )
        )
        out.write('], "contact": [')
        for n in range(1, contacts + 1):
            row = {"id": n, "company_id": n % 10 + 1, "name": f"Zoë Person {n}",
                   "role": "other", "title": "Engineer", "email": f"p{n}@example.com",
                   "phone": "", "linkedin_url": "", "notes": note, "last_touch_on": None,
                   "created_at": stamp, "updated_at": stamp}  # fmt: skip
            out.write(("," if n > 1 else "") + json.dumps(row, ensure_ascii=False))
        out.write("]}}\n")


def peak_importing(folder: Path, contacts: int) -> tuple[int, int]:
    """(peak bytes Python held while importing, the file's size)."""
    path = folder / f"export-{contacts}.json"
    write_export(path, contacts)
    store = open_store(folder / f"import-{contacts}.sqlite3")
    tracemalloc.start()
    try:
        result = import_file(store.engine, path)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        store.close()
    assert result.counts == {"company": 10, "contact": contacts}
    return peak, path.stat().st_size


@pytest.mark.slow
def test_importing_100000_contacts_holds_a_bounded_amount_in_memory(tmp_path: Path) -> None:
    """Rows stream through: five times the contacts, about the same peak, and a small
    part of the file."""
    small, _ = peak_importing(tmp_path, 20_000)
    peak, size = peak_importing(tmp_path, 100_000)
    assert size > 50_000_000
    assert peak < 1.25 * small, f"{small / 1e6:.1f} MB at 20,000, {peak / 1e6:.1f} at 100,000"
    assert peak < size / 3, f"peak {peak / 1e6:.1f} MB for a {size / 1e6:.0f} MB file"
