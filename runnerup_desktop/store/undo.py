"""Undo and redo of a person's changes, at the store level (no Qt).

How it works: SQLite's documented trigger-based undo log (https://sqlite.org/undoredo.html),
made per step and per connection:

- :meth:`UndoHistory.step` runs one person's operation in one transaction on a connection of
  its own. Services called inside it (on that thread) join that transaction through
  :class:`Sessions`: each of their ``with sessions.begin()`` blocks becomes a savepoint, so a
  refusal rolls back its own part and the step as a whole commits once, or not at all.
- On that connection, TEMP triggers on every user table write the inverse of each row
  change into a TEMP log table: an insert logs a ``DELETE``, a delete logs the ``INSERT`` of
  the whole row, an update logs an ``UPDATE`` of the columns it changed, back to their old
  values. Foreign-key cascades (deleting a company deletes its contacts, deleting a contact
  clears its follow-ups' person) fire the triggers too, so "everything that went with it"
  is in the log. A per-connection gate (a TEMP table) makes the triggers record only inside
  a step: reminder bookkeeping, sync-in, job-board watch results and backup bookkeeping
  write through other connections or outside steps and are never recorded.
- Each logged inverse is SQL with numbered parameters and the row's values as a JSON array
  (``json_array``), so a replay prepares each kind of statement once, not once per row:
  undoing the delete of a company with 20,000 contacts takes about 2 s. The user tables
  hold text, integers and nulls; ``json_array`` refuses a BLOB, so a BLOB column would need
  handling of its own (a test checks there is none).
- At the end of the step, still inside its transaction, the log is read out into memory
  (:class:`Entry`) and emptied; the triggers are TEMP, the log never reaches the file, its
  backups or exports.
- :meth:`UndoHistory.undo` runs an entry's statements in reverse order in one transaction,
  with the gate open: the triggers record the inverse of the inverse, which is the redo
  entry (and the other way round for :meth:`UndoHistory.redo`).

What this gives for free, and why it was chosen over inverse operations in each service:
every write a service makes is covered, including ones written later, without a line of
undo code per action; ORM-kept columns (search keys, ``open_opportunities``,
``last_touch_on``) come back exactly as they were; the full-text index ``contact_fts``
follows, since its own triggers on ``contact`` fire for the undo's plain statements as for
any other; and a failing undo or redo rolls back whole and says so.

Bookkeeping: ``follow_up.notified_at`` (a reminder went out) is written by the reminder
service outside any step. The log restores it only together with what it depends on: an
undo that moves a follow-up's day, time or status back also puts back whether it was
reminded for that day; an undo that changes only, say, its notes leaves the reminder
service's mark alone.

Restarts: the history lives in memory, per open database, up to :data:`MAX_STEPS` steps,
and ends when the app quits (or the database is restored: :meth:`UndoHistory.clear`). It is
not kept across restarts on purpose: between two runs the file may be upgraded (the logged
statements name columns of one schema), synced, restored or imported into, and an undo
that reaches back over those would act on rows it no longer knows.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, exc
from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop.store.change import Change, ServiceError
from runnerup_desktop.store.engine import JOINED, WRITE

#: Steps kept for undo; the oldest goes first.
MAX_STEPS = 100

_PREFIX = "runnerup_undo"
_LOG = f"temp.{_PREFIX}_log"
_GATE = f"temp.{_PREFIX}_gate"
_INSTALLED = f"{_PREFIX}_schema"

#: Tables the log never covers: Alembic's own.
_SKIPPED_TABLES = frozenset({"alembic_version"})

#: Bookkeeping columns, restored only along with the columns they depend on (see the
#: module's docstring): ``{(table, column): columns}``.
BOOKKEEPING: dict[tuple[str, str], tuple[str, ...]] = {
    ("follow_up", "notified_at"): ("due_on", "due_time", "status"),
}

#: What a table's rows are, for the :class:`Change` an undo or redo announces.
_CHANGE_FLAGS: dict[str, str] = {
    "follow_up": "follow_ups",
    "interaction": "interactions",
    "opportunity": "opportunities",
    "feedback_item": "opportunities",
    "message_template": "templates",
    "profile": "profile",
    "message_draft": "follow_ups",
}


class _Ambient(threading.local):
    """The connection of the step running on this thread, if any."""

    connection: Connection | None = None


class Sessions(sessionmaker[Session]):
    """A session factory whose sessions, inside an undo step on the same thread, join the
    step's transaction (each ``begin()`` a savepoint in it); elsewhere, plain sessions."""

    def __init__(self, engine: Engine, **kw: Any) -> None:
        super().__init__(engine, **kw)
        self.ambient = _Ambient()

    def __call__(self, **local_kw: Any) -> Session:
        connection = self.ambient.connection
        if connection is not None and "bind" not in local_kw:
            local_kw = {
                "bind": connection,
                "join_transaction_mode": "create_savepoint",
                "info": {JOINED: True},
            } | local_kw
        return super().__call__(**local_kw)

    @contextmanager
    def begin(self) -> Iterator[Session]:
        """A session in a write transaction: it begins IMMEDIATE (the engine's
        :class:`~runnerup_desktop.store.engine.StoreSession`), so two writers wait for each
        other instead of one failing on an outdated snapshot; inside an undo step, a
        savepoint in the step's transaction."""
        with self() as session, session.begin():
            yield session


#: One logged inverse: SQL with numbered parameters (``?1`` is the rowid), and the values
#: as a JSON array. The same few statements come back row after row, so SQLite prepares
#: each once per replay instead of once per row.
Statement = tuple[str, str]


@dataclass(frozen=True)
class Entry:
    """One undoable step: its name and the statements that take it back, in the order they
    were logged (they run in reverse)."""

    label: str
    statements: tuple[Statement, ...]
    change: Change
    #: ``{table: {rowid, ...}}`` the step touched.
    rows: dict[str, frozenset[int]] = field(default_factory=dict)
    #: Whatever the caller kept with the step (the UI: where the person was).
    memo: object = None


@dataclass
class StepHandle:
    """What :meth:`UndoHistory.step` yields: set :attr:`change` to what the operation
    reported, so that its undo reports the same to the views, and :attr:`memo` to anything
    to have back with it (:attr:`UndoHistory.undo_memo`)."""

    label: str
    change: Change = field(default_factory=Change)
    memo: object = None


class UndoHistory:
    """The undo and redo stacks of one open database."""

    def __init__(self, engine: Engine, sessions: Sessions, max_steps: int = MAX_STEPS) -> None:
        self._engine = engine
        self._ambient = sessions.ambient
        self._max_steps = max_steps
        self._undo: list[Entry] = []
        self._redo: list[Entry] = []
        self._lock = threading.Lock()
        self._listeners: list[Callable[[], None]] = []

    # the person's operations -------------------------------------------------------------
    @contextmanager
    def step(self, label: str) -> Iterator[StepHandle]:
        """Run the ``with`` block as one undoable step named ``label``, in one transaction.

        An exception rolls back everything the block wrote and leaves the history as it
        was. A step that changes nothing is not kept. Steps do not nest: a step inside a
        step on the same thread joins the outer one.
        """
        handle = StepHandle(label)
        if self._ambient.connection is not None:
            yield handle
            return
        with self._engine.connect() as connection, _transaction(connection):
            connection.exec_driver_sql(f"UPDATE {_GATE} SET active = 1")
            self._ambient.connection = connection
            try:
                yield handle
            finally:
                self._ambient.connection = None
            statements, rows = _take_log(connection)
            connection.exec_driver_sql(f"UPDATE {_GATE} SET active = 0")
        if statements:
            self._push(Entry(label, statements, handle.change, rows, handle.memo))

    def undo(self) -> tuple[str, Change]:
        """Take back the last step: ``(its label, what changed)``; refused when there is none
        or when its rows were changed since in a way that makes it impossible."""
        return self._replay(self._undo, self._redo, "undo")

    def redo(self) -> tuple[str, Change]:
        """Make the last undone step again."""
        return self._replay(self._redo, self._undo, "redo")

    def clear(self) -> None:
        """Forget every step (after a restore, or when the database closes)."""
        with self._lock:
            self._undo.clear()
            self._redo.clear()
        self._notify()

    # what the Edit menu shows ------------------------------------------------------------
    @property
    def undo_label(self) -> str | None:
        """The label of the step :meth:`undo` would take back, if any."""
        with self._lock:
            return self._undo[-1].label if self._undo else None

    @property
    def redo_label(self) -> str | None:
        with self._lock:
            return self._redo[-1].label if self._redo else None

    @property
    def undo_memo(self) -> object:
        """The memo kept with the step :meth:`undo` would take back (``None`` if none)."""
        with self._lock:
            return self._undo[-1].memo if self._undo else None

    @property
    def undo_count(self) -> int:
        """How many steps can be undone."""
        with self._lock:
            return len(self._undo)

    @property
    def can_undo(self) -> bool:
        return self.undo_label is not None

    @property
    def can_redo(self) -> bool:
        return self.redo_label is not None

    def subscribe(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` after every change of the stacks (on the thread that made it)."""
        self._listeners.append(listener)

    # inside ------------------------------------------------------------------------------
    def _push(self, entry: Entry) -> None:
        with self._lock:
            self._undo.append(entry)
            del self._undo[: -self._max_steps]
            self._redo.clear()
        self._notify()

    def _replay(self, source: list[Entry], target: list[Entry], verb: str) -> tuple[str, Change]:
        with self._lock:
            if not source:
                raise ServiceError(f"There is nothing to {verb}.")
            entry = source[-1]
        try:
            statements, rows = self._run_reversed(entry.statements)
        except exc.DBAPIError as error:
            with self._lock:
                source.clear()
            self._notify()
            raise ServiceError(
                f"“{entry.label}” cannot be {verb}ne: the records it changed were changed "
                f"since ({type(error.orig).__name__}). Nothing was changed; the {verb} "
                f"history was cleared."
            ) from error
        with self._lock:
            source.pop()
            target.append(Entry(entry.label, statements, entry.change, rows, entry.memo))
        self._notify()
        return entry.label, entry.change | _change_of(entry.rows) | _change_of(rows)

    def _run_reversed(
        self, statements: tuple[Statement, ...]
    ) -> tuple[tuple[Statement, ...], dict[str, frozenset[int]]]:
        with self._engine.connect() as connection, _transaction(connection):
            # A row and the rows that point at it come back in any order; the
            # constraints are checked once, at the commit.
            connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            connection.exec_driver_sql(f"UPDATE {_GATE} SET active = 1")
            cursor = connection.connection.cursor()  # the driver's: no per-row overhead
            try:
                for statement, values in reversed(statements):
                    cursor.execute(statement, json.loads(values))
            except sqlite3.DatabaseError as error:
                raise exc.DBAPIError(statement, values, error) from error
            finally:
                cursor.close()
            logged = _take_log(connection)
            connection.exec_driver_sql(f"UPDATE {_GATE} SET active = 0")
        return logged

    def _notify(self) -> None:
        for listener in list(self._listeners):
            listener()


# the log ---------------------------------------------------------------------------------
def _take_log(
    connection: Connection,
) -> tuple[tuple[Statement, ...], dict[str, frozenset[int]]]:
    """The step's logged statements in order, and the rows they touch; the log emptied."""
    rows = connection.exec_driver_sql(f"SELECT tbl, rid, stmt, args FROM {_LOG} ORDER BY seq").all()
    connection.exec_driver_sql(f"DELETE FROM {_LOG}")
    touched: dict[str, set[int]] = {}
    for table, rowid, _statement, _values in rows:
        touched.setdefault(table, set()).add(int(rowid))
    statements = tuple((str(row[2]), str(row[3])) for row in rows)
    return statements, {t: frozenset(ids) for t, ids in touched.items()}


def _change_of(rows: dict[str, frozenset[int]]) -> Change:
    """What an undo or redo touched, named for the views: the rows' own tables, and
    ``deleted`` so that each view checks what it shows still exists."""
    flags = {_CHANGE_FLAGS[t]: True for t in rows if t in _CHANGE_FLAGS}
    return Change(
        companies=rows.get("company", frozenset()),
        contacts=rows.get("contact", frozenset()),
        deleted=True,
        **flags,
    )


@contextmanager
def _transaction(connection: Connection) -> Iterator[None]:
    """One transaction on ``connection`` with the log, the gate and the triggers in place
    (created in it, once per connection and schema: a rollback takes them back, and they
    are made again next time).

    It begins IMMEDIATE: a step reads, then writes, and a deferred transaction whose
    snapshot another connection outdated in between could not write at all (SQLite's
    busy snapshot). Holding the write lock from the start, a person's operation waits
    for a background write to finish instead, and background writes wait for it."""
    connection.info[WRITE] = True
    try:
        with connection.begin():
            version = connection.exec_driver_sql("PRAGMA main.schema_version").scalar()
            if connection.info.get(_INSTALLED) != version:
                connection.info.pop(_INSTALLED, None)
                for statement in _install_statements(connection):
                    connection.exec_driver_sql(statement)
                connection.info[_INSTALLED] = version
            yield
    except BaseException:
        connection.info.pop(_INSTALLED, None)
        raise
    finally:
        connection.info.pop(WRITE, None)


def user_tables(connection: Connection) -> list[str]:
    """RunnerUp's own tables: not SQLite's, not a full-text index or its shadow tables,
    not Alembic's."""
    listed = connection.exec_driver_sql("PRAGMA main.table_list").all()
    return sorted(
        name
        for _schema, name, kind, *_rest in listed
        if kind == "table" and not name.startswith("sqlite_") and name not in _SKIPPED_TABLES
    )


def _install_statements(connection: Connection) -> list[str]:
    existing = connection.exec_driver_sql(
        "SELECT name FROM temp.sqlite_master WHERE type = 'trigger' AND name LIKE ?",
        (f"{_PREFIX}_%",),
    ).scalars()
    statements = [f'DROP TRIGGER temp."{name}"' for name in existing]
    statements += [
        f"CREATE TEMP TABLE IF NOT EXISTS {_PREFIX}_log ("
        "seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, rid INTEGER NOT NULL, stmt TEXT NOT NULL, "
        "args TEXT NOT NULL)",
        f"CREATE TEMP TABLE IF NOT EXISTS {_PREFIX}_gate (active INTEGER NOT NULL)",
        f"DELETE FROM {_GATE}",
        f"INSERT INTO {_GATE} (active) VALUES (0)",
    ]
    for table in user_tables(connection):
        columns = [
            row[1] for row in connection.exec_driver_sql(f'PRAGMA main.table_info("{table}")').all()
        ]
        statements += _triggers(table, columns)
    return statements


def _q(name: str) -> str:
    """An identifier, quoted for SQL."""
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    """A string literal, quoted for SQL."""
    return "'" + text.replace("'", "''") + "'"


def _triggers(table: str, columns: list[str]) -> list[str]:
    """The three TEMP triggers that log the inverse of each row change to ``table``: SQL
    with numbered parameters, and the row's values (``?1`` the rowid, ``?2``... its
    columns) as a JSON array."""
    target = f"main.{_q(table)}"
    gate = f"(SELECT active FROM {_GATE})"

    def log(event: str, row: str, statement: str) -> str:
        every = [f"{row}.rowid", *(f"{row}.{_q(c)}" for c in columns)]
        values = ", ".join(every if event != "INSERT" else every[:1])
        return (
            f"CREATE TEMP TRIGGER {_q(f'{_PREFIX}_{table}_{event}')} AFTER {event} "
            f"ON {target} WHEN {gate}{' AND ' + changed if event == 'UPDATE' else ''} BEGIN "
            f"INSERT INTO {_PREFIX}_log (tbl, rid, stmt, args) VALUES ({_literal(table)}, "
            f"{row}.rowid, {statement}, json_array({values})); END"
        )

    delete = _literal(f"DELETE FROM {target} WHERE rowid = ?1")
    names = ", ".join(["rowid", *(_q(c) for c in columns)])
    marks = ", ".join(f"?{n}" for n in range(1, len(columns) + 2))
    insert = _literal(f"INSERT INTO {target} ({names}) VALUES ({marks})")

    def differs(column: str) -> str:
        depends = BOOKKEEPING.get((table, column), ())
        return " OR ".join(f"old.{_q(c)} IS NOT new.{_q(c)}" for c in (column, *depends))

    plain = [c for c in columns if (table, c) not in BOOKKEEPING]
    changed = "(" + " OR ".join(differs(c) for c in plain) + ")"
    sets = " || ".join(
        f"CASE WHEN {differs(c)} THEN {_literal(f', {_q(c)} = ?{n}')} ELSE '' END"
        for n, c in enumerate(columns, start=2)
    )
    # The statement must use the last parameter for SQLite to take all the values given;
    # ``?n IS ?n`` is always true.
    last = len(columns) + 1
    update = (
        f"{_literal(f'UPDATE {target} SET ')} || substr({sets}, 3) || "
        f"{_literal(f' WHERE rowid = ?1 AND ?{last} IS ?{last}')}"
    )
    return [
        log("INSERT", "new", delete),
        log("DELETE", "old", insert),
        log("UPDATE", "old", update),
    ]
