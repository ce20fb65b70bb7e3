"""Generated databases for the export's tests: rows for every table of the models, drawn
by hypothesis from the columns' types, so a table a later migration adds is covered too.

Text mixes accents, right-to-left scripts, emoji and long notes with whatever else
hypothesis finds. Rows go in through the ORM, so the derived columns (search keys, the
open-opportunity count) are the app's own, and every value keeps to the ranges every write
keeps to (:mod:`runnerup_desktop.store.limits`: text lengths, days, ids from 1). Every
foreign key names a drawn row of its parent table, by the column it refers to (a draft's
key is its follow-up's id).
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    String,
    Table,
    Time,
    TypeDecorator,
)
from sqlalchemy import Enum as SaEnum

from runnerup_desktop.core.limits import FIRST_DAY, LAST_DAY
from runnerup_desktop.store.column_types import StoredEnum
from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.export_format import DERIVED, SINGLE_ROW, exported_tables
from runnerup_desktop.store.limits import text_limit
from runnerup_desktop.store.models import Base

HEBREW = "שלום, נפגשנו בכנס"
ARABIC = "مرحبا، التقينا في المؤتمر"
SPECIAL = [
    "Zoë Müller-Łukasiewicz",
    "Nguyễn Thị Hương",
    "Søren Ærø",
    HEBREW,
    ARABIC,
    f"Mixed {HEBREW} and English",
    "🎉 got the call 👩‍💻🇵🇹",
    'line one\nline two\ttabbed "quoted" \\ back',
    "",
    ("Long note about data contracts and on-call. " * 250)[:10_000],
]

text = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(
        st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Z", "Cc", "Cf")),
        max_size=60,
    ),
)
moments = st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 1, 1))


def _text(limit: int) -> st.SearchStrategy[str]:
    """Text of at most ``limit`` characters: the special texts cut to it, the longest
    text the column holds, or whatever hypothesis finds."""
    return st.one_of(
        text.map(lambda value: value[:limit]),
        st.sampled_from(SPECIAL[:-1]).map(lambda value: _repeated(value, limit)),
    )


def _repeated(value: str, limit: int) -> str:
    """``value`` over and over, exactly ``limit`` characters (nothing for nothing)."""
    return (value * (limit // max(len(value), 1) + 1))[:limit]


def _value(table: Table, name: str) -> st.SearchStrategy[Any]:
    column = table.c[name]
    kind = column.type
    limit = text_limit(kind, f"{table.name}.{name}")
    if isinstance(kind, StoredEnum):
        kind = SaEnum(kind.enum_class)
    elif isinstance(kind, TypeDecorator):  # a checked date or time
        kind = kind.impl_instance
    if isinstance(kind, SaEnum) and kind.enum_class is not None:
        base: st.SearchStrategy[Any] = st.sampled_from(list(kind.enum_class))
    elif isinstance(kind, Boolean):
        base = st.booleans()
    elif isinstance(kind, DateTime):
        base = moments
    elif isinstance(kind, Date):
        base = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)
    elif isinstance(kind, Time):
        base = st.times()
    elif isinstance(kind, Integer):
        base = st.integers(-(2**40), 2**40)
    elif isinstance(kind, String) and limit is not None:
        base = _text(limit)
    else:  # pragma: no cover - a new column type: teach this module and export_format
        raise TypeError(f"no strategy for {table.name}.{name}: {kind!r}")
    return st.one_of(st.none(), base) if column.nullable else base


def _unique_columns(table: Table) -> set[str]:
    names = {column.name for column in table.columns if column.unique}
    for index in table.indexes:
        if index.unique:
            names |= {column.name for column in index.columns}
    return names


#: Columns whose derived key is unique (``import_mapping.name_key`` folds ``name``): drawn
#: different in each row, as the app keeps them (it refuses a second "Mine" or "mine").
UNIQUE_SOURCES = {"import_mapping": "name"}


@st.composite
def database_rows(draw: st.DrawFn, max_rows: int = 3) -> dict[str, list[dict[str, Any]]]:
    """Rows for every exported table (at least one each), parents before children."""
    drawn: dict[str, list[dict[str, Any]]] = {}
    for table in exported_tables():
        derived = DERIVED.get(table.name, frozenset())
        unique = _unique_columns(table) | {column.name for column in table.primary_key}
        count = draw(st.integers(1, max_rows))
        only = SINGLE_ROW.get(table.name)
        if only is not None:
            count = 1
        for column in table.columns:  # one row per parent where a parent may have one
            if column.foreign_keys and column.name in unique:
                count = min(count, len(_keys(drawn, column)))
        first_id = draw(st.integers(1, 50))
        rows = []
        for number in range(count):
            row: dict[str, Any] = {}
            for column in table.columns:
                name = column.name
                if column.foreign_keys:
                    keys = _keys(drawn, column)
                    if name in unique:  # a different parent for each row
                        row[name] = keys[number]
                        continue
                    choice = st.sampled_from(keys)
                    row[name] = draw(st.one_of(st.none(), choice) if column.nullable else choice)
                elif column.primary_key:
                    row[name] = only if only is not None else first_id + 3 * number
                elif name in derived:
                    continue
                elif name in unique:
                    key = st.just(f"key-{number}")
                    row[name] = draw(st.one_of(st.none(), key) if column.nullable else key)
                else:
                    row[name] = draw(_value(table, name))
                    if UNIQUE_SOURCES.get(table.name) == name:
                        length = getattr(column.type, "length", None) or 100
                        row[name] = f"{number} {row[name]}"[:length]
            rows.append(row)
        drawn[table.name] = rows
    return drawn


def _keys(drawn: dict[str, list[dict[str, Any]]], column: Column[Any]) -> list[Any]:
    """The drawn values of the column that ``column`` refers to."""
    target = next(iter(column.foreign_keys)).column
    return [row[target.name] for row in drawn[target.table.name]]


def fresh_database(template: Path, target: Path) -> Path:
    """A new, empty database at ``target``, copied from a migrated ``template``."""
    if not template.exists():
        open_store(template).close()
    shutil.copyfile(template, target)
    return target


def fill(db: Path, drawn: dict[str, list[dict[str, Any]]]) -> None:
    """Write the drawn rows through the ORM, table by table."""
    store = open_store(db)
    classes = {
        str(mapper.local_table.description): mapper.class_ for mapper in Base.registry.mappers
    }
    try:
        for table in exported_tables():
            with store.sessions.begin() as session:
                for row in drawn[table.name]:
                    session.add(classes[table.name](**row))
    finally:
        store.close()


def raw_rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every exported table's rows exactly as stored, derived columns included."""
    conn = sqlite3.connect(db)
    try:
        rows = {}
        for table in exported_tables():
            key = ", ".join(f'"{column.name}"' for column in table.primary_key)
            rows[table.name] = conn.execute(
                f'SELECT * FROM "{table.name}" ORDER BY {key}'
            ).fetchall()
        return rows
    finally:
        conn.close()
