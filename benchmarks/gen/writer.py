"""Writing rows fast, and exactly as the app's own models would store them.

Every table is filled with SQLAlchemy Core inserts compiled from the ORM's own tables,
run with ``executemany`` in batches inside one transaction, so the schema, the indexes
and the stored formats (dates, timestamps, enum values) are the app's own. Two things
make that fast: the secondary indexes, triggers and full-text indexes are dropped for the
load and rebuilt from the exact statements SQLite recorded for them (see
:func:`drop_derived`); values go through SQLAlchemy's bind processors without its
per-row bookkeeping; and SQLite works in a thread of its own while Python makes the next
rows (see :class:`Loader`).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, DateTime, Dialect, Insert, Table, Update, insert
from sqlalchemy.types import TypeEngine

Row = dict[str, Any]

#: Rows per ``executemany`` call.
BATCH = 10_000

#: Write through :func:`execute_many`'s quick path (see there).
QUICK_WRITES = True


def tune(conn: Connection) -> None:
    """Speed settings for this one connection, set before its transaction begins.

    No fsync, and a big page cache: safe here because nobody else has the new file
    open, and a failed run deletes it.
    """
    raw = conn.connection.dbapi_connection
    assert raw is not None
    cursor = raw.cursor()
    try:
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA cache_size=-262144")
        cursor.execute("PRAGMA temp_store=MEMORY")
    finally:
        cursor.close()


def table_of(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


class Loader:
    """Writes through one connection, handing a long statement (the full-text build) to a
    thread while the caller makes the next rows: ``sqlite3`` lets go of the GIL while
    SQLite works, so with two cores that build and Python's work overlap.

    Batches made meanwhile wait, in order, and are written once the build is done: the
    connection does one thing at a time, and a job sees every row given before it.
    (Inserts stay in the caller's thread: ``executemany`` takes the GIL back for every
    row, so a writer thread would mostly wait for it.)
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._waiting: list[Callable[[], object]] = []
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    def insert(self, table: Table, rows: Iterable[Row]) -> int:
        """Insert ``rows`` (dicts with every column) into ``table``; returns how many."""
        return self.execute_many(insert(table), rows, [column.key for column in table.columns])

    def execute_many(
        self,
        statement: Insert | Update,
        rows: Iterable[Row],
        column_keys: list[str] | None = None,
    ) -> int:
        """Run a Core statement once per row with ``executemany``, in batches.

        The statement is compiled by SQLAlchemy once, and every value goes through
        SQLAlchemy's own bind processor for its parameter, so what is stored is exactly
        what ``conn.execute(statement, rows)`` stores (the tests check that). Only
        SQLAlchemy's per-row parameter bookkeeping is skipped: it cost a third of the
        run. With ``QUICK_WRITES = False`` this is plain ``conn.execute``.
        """
        dialect = self.conn.dialect
        compiled = statement.compile(dialect=dialect, column_keys=column_keys)
        order = compiled.positiontup
        assert order is not None, "SQLite's paramstyle is positional"
        stamps: dict[str, QuickStamp] = {}  # one per timestamp type: see QuickStamp.last
        plan = [(name, _converter(compiled.binds[name].type, dialect, stamps)) for name in order]
        sql = str(compiled)
        count = 0
        batch: list[Any] = []
        for row in rows:
            if QUICK_WRITES:
                batch.append(tuple([row[name] if c is None else c(row[name]) for name, c in plan]))
            else:
                batch.append(row)
            if len(batch) == BATCH:
                count += self._flush(statement, sql, batch)
                batch = []
        if batch:
            count += self._flush(statement, sql, batch)
        return count

    def execute(self, sql: str, *, background: bool = False) -> None:
        """Run one statement (an index, a trigger) in turn; ``background``: in a thread,
        while the caller goes on (a full-text rebuild)."""
        if not background:
            self._run(lambda: self.conn.exec_driver_sql(sql))
            return
        self._catch_up()

        def work() -> None:
            try:
                self.conn.exec_driver_sql(sql)
            except BaseException as exc:  # raised again in the caller's thread
                self._error = exc

        self._thread = threading.Thread(target=work, name="generate-rebuild", daemon=True)
        self._thread.start()

    def finish(self) -> None:
        """Wait for the statement in the thread, then write what waited for it."""
        self._catch_up()

    def abandon(self) -> None:
        """Wait for the statement in the thread and drop the rest: the caller failed."""
        if self._thread is not None:
            self._thread.join()
        self._thread, self._waiting = None, []

    def _flush(self, statement: Insert | Update, sql: str, batch: list[Any]) -> int:
        if QUICK_WRITES:
            self._run(lambda: self.conn.exec_driver_sql(sql, batch))
        else:
            self._run(lambda: self.conn.execute(statement, batch))
        return len(batch)

    def _run(self, job: Callable[[], object]) -> None:
        if self._thread is not None and self._thread.is_alive():
            self._waiting.append(job)
            return
        self._catch_up()
        job()

    def _catch_up(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None
            if self._error is not None:
                raise self._error
        waiting, self._waiting = self._waiting, []
        for job in waiting:
            job()


#: Write through :func:`execute_many`'s quick path (see there).
def _converter(
    column_type: TypeEngine[Any], dialect: Dialect, stamps: dict[str, QuickStamp]
) -> Callable[[Any], Any] | None:
    """SQLAlchemy's bind processor for a column, made cheap to call for every row.

    Dates, times, enums and booleans take few distinct values, so each is converted
    once and remembered. Timestamps are nearly all distinct: they are formatted
    directly, after the first ones have been shown to come out as SQLAlchemy's do.
    """
    process = column_type.dialect_impl(dialect).bind_processor(dialect)
    if process is None:
        return None
    if isinstance(column_type, DateTime):
        return stamps.setdefault(repr(column_type), QuickStamp(process))
    memo: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        try:
            return memo[value]
        except KeyError:
            memo[value] = converted = process(value)
            return converted

    return convert


class QuickStamp:
    """A timestamp in SQLAlchemy's SQLite format, checked against its processor."""

    CHECKED_VALUES = 1000

    def __init__(self, process: Callable[[Any], Any]) -> None:
        self.process = process
        self.checked = 0
        self.quick = True
        self.last: tuple[dt.datetime | None, Any] = (None, None)

    def __call__(self, value: dt.datetime | None) -> Any:
        if value is None:
            return None
        if self.quick and self.checked >= self.CHECKED_VALUES:
            last, text = self.last
            if value is not last:  # created_at and updated_at are often one object
                text = value.isoformat(" ", "microseconds")[:26]
                self.last = (value, text)
            return text
        converted = self.process(value)
        if self.quick:
            self.checked += 1
            self.quick = value.isoformat(" ", "microseconds")[:26] == converted
        return converted


@dataclass(frozen=True)
class Derived:
    """What SQLite derives from the tables: indexes, triggers and full-text indexes."""

    indexes: list[str]
    triggers: list[str]
    full_text: list[str]

    def rebuild(self, name: str) -> str:
        """The statement that fills the external-content full-text index ``name``."""
        return f'INSERT INTO "{name}"("{name}") VALUES (\'rebuild\')'


def drop_derived(conn: Connection) -> Derived:
    """Drop the secondary indexes and the triggers; return the statements that make them
    again, and the full-text indexes to rebuild from their tables (in that order, the
    triggers last so that no rebuild is written twice).

    Filling tables and then building each index once is much faster than keeping every
    index (and every external-content full-text index, through its triggers) in step row
    by row. The statements are the migrations' own, as SQLite recorded them, so the
    rebuilt schema is identical.
    """
    found = conn.exec_driver_sql(
        "SELECT type, name, sql FROM sqlite_master"
        " WHERE type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name"
    ).all()
    for kind, name, _sql in found:
        conn.exec_driver_sql(f'DROP {kind.upper()} "{name}"')
    full_text = conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table'"
        " AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%' ORDER BY name"
    ).scalars()
    return Derived(
        indexes=[sql for kind, _name, sql in found if kind == "index"],
        triggers=[sql for kind, _name, sql in found if kind == "trigger"],
        full_text=list(full_text),
    )
