"""A JSON export read back into an empty database, as an exact copy (no Qt).

One transaction: a file that does not fit (another format, a newer version, a value that
does not fit its column, a row that refers to one the file lacks) is refused with a
sentence and nothing is written. The file is read as a stream
(:mod:`runnerup_desktop.store.json_stream`), rows are written in batches, and memory stays
bounded: the companies' names (for the contacts' search keys) are all it keeps.

"Empty" means no rows a person made: a fresh database may hold the shipped message
templates, unchanged (:data:`STARTER_ROWS`); the file's templates replace them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Connection, Engine, Table, bindparam, delete, func, select, update
from sqlalchemy.exc import IntegrityError

from runnerup_desktop.core.domain import OPEN_STAGES
from runnerup_desktop.core.templates import default_template
from runnerup_desktop.core.text import fold
from runnerup_desktop.store.bulk import bulk_load
from runnerup_desktop.store.export_format import (
    FORMAT,
    FORMAT_VERSION,
    NoProgress,
    Progress,
    exported_tables,
    table_words,
)
from runnerup_desktop.store.import_rows import ImportRefused as ImportRefused
from runnerup_desktop.store.import_rows import RowDecoder
from runnerup_desktop.store.json_stream import JsonError, JsonStream
from runnerup_desktop.store.models import (
    Base,
    MessageTemplate,
    company_search_key,
    contact_search_key,
)

#: Rows written at a time.
BATCH = 1000


@dataclass
class ImportResult:
    #: Rows added (or that would be added), by table, in the file's order.
    counts: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False
    format_version: int = FORMAT_VERSION
    schema_revision: str | None = None

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def import_json(
    conn: Connection,
    source: TextIO,
    *,
    size: int | None = None,
    progress: Progress | None = None,
    check_references: bool = True,
) -> ImportResult:
    """Read the export in ``source`` into the database behind ``conn``, inside the
    transaction the caller holds on it (the caller commits, or rolls back for a dry run
    or a cancel). ``size``: the file's length, for progress.

    Rows may refer to rows that come later in the file: foreign keys are checked when
    the transaction commits (SQLite refuses the commit if one refers to nothing). With
    ``check_references`` they are checked here too, for a sentence naming the row, at
    the cost of a pass over every reference (seconds at 100,000 contacts):
    :func:`import_file` does so only for a dry run, which never commits."""
    progress = progress or NoProgress()
    refuse_unless_empty(conn)
    conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")  # rows may come in any order
    stream = JsonStream(source)
    reader = _Reader(conn, stream, progress, size or 0)
    try:
        with bulk_load(conn, [table.name for table in exported_tables()]):
            result = reader.read()
        _finish(conn, reader.contacts_without_company, check_references)
    except JsonError as error:
        raise ImportRefused(f"The file is not valid JSON: {error}.") from None
    except IntegrityError as error:
        raise ImportRefused(
            f"The file holds a row twice, or one that breaks a rule of the database "
            f"({_sqlite_reason(error)}); nothing was imported."
        ) from None
    progress.report(size or 1, size or 1)
    return result


def import_file(
    engine: Engine, path: Path, *, dry_run: bool = False, progress: Progress | None = None
) -> ImportResult:
    """Import the export at ``path`` in one transaction, or only try it (``dry_run``):
    the result says what was (or would be) added."""
    try:
        size = path.stat().st_size
        source = path.open(encoding="utf-8-sig")
    except OSError as error:
        raise ImportRefused(f"RunnerUp cannot read {path}: {error.strerror}.") from None
    with source:
        return import_stream(engine, source, size=size, dry_run=dry_run, progress=progress)


def import_stream(
    engine: Engine,
    source: TextIO,
    *,
    size: int | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """:func:`import_json` in a transaction of its own, committed unless ``dry_run``."""
    try:
        with engine.connect() as conn:
            transaction = conn.begin()
            try:
                result = import_json(
                    conn, source, size=size, progress=progress, check_references=dry_run
                )
            except BaseException:
                transaction.rollback()
                raise
            if dry_run:
                transaction.rollback()
                result.dry_run = True
            else:
                transaction.commit()
    except UnicodeDecodeError:
        raise ImportRefused("The file is not a RunnerUp export: it is not UTF-8 text.") from None
    except IntegrityError:  # the commit's check of the references
        raise ImportRefused(
            "Some of the file's rows refer to rows that are not in the file, so it is not a "
            "whole export; nothing was imported."
        ) from None
    return result


def refuse_unless_empty(conn: Connection) -> None:
    for table in exported_tables():
        starter = STARTER_ROWS.get(table.name)
        count = conn.scalar(select(func.count()).select_from(table)) or 0
        if count and (starter is None or len(starter(conn)) != count):
            raise ImportRefused(
                "This database already holds data, so RunnerUp will not import a full "
                "export into it; import it into a new, empty database instead."
            )


def _unchanged_templates(conn: Connection) -> set[int]:
    """The shipped message templates, as they came."""
    ids = set()
    rows = conn.execute(
        select(
            MessageTemplate.id,
            MessageTemplate.builtin,
            MessageTemplate.name,
            MessageTemplate.subject,
            MessageTemplate.body,
        ).where(MessageTemplate.builtin.is_not(None))
    )
    for row_id, builtin, name, subject, body in rows:
        default = default_template(builtin or "")
        if default is not None and (name, subject, body) == (
            default.name,
            default.subject,
            default.body,
        ):
            ids.add(row_id)
    return ids


#: Rows a fresh database may hold that an import replaces: table -> their ids.
STARTER_ROWS: dict[str, Callable[[Connection], set[int]]] = {
    "message_template": _unchanged_templates,
}


class _Reader:
    def __init__(self, conn: Connection, stream: JsonStream, progress: Progress, size: int):
        self.conn = conn
        self.stream = stream
        self.progress = progress
        self.size = size
        self.tables = {table.name: table for table in exported_tables()}
        self.header: dict[str, Any] = {}
        self.result = ImportResult()
        self.company_names: dict[int, str] = {}
        self.contacts_without_company: list[int] = []

    def read(self) -> ImportResult:
        seen_tables = False
        try:
            names = self.stream.members()
            for name in names:
                if name == "tables":
                    self._check_header()
                    self._tables()
                    seen_tables = True
                else:
                    self.header[name] = self.stream.value()
        except JsonError as error:
            if not self.header and "expected “{”" in str(error):
                raise ImportRefused(
                    "The file is not a RunnerUp export: it is not a JSON object."
                ) from None
            raise
        self.stream.end()
        if not seen_tables:
            self._check_header()
            raise ImportRefused("The file has no tables, so there is nothing to import.")
        self.result.schema_revision = _text(self.header.get("schema_revision"))
        return self.result

    def _check_header(self) -> None:
        if self.header.get("format") != FORMAT:
            raise ImportRefused(
                f"The file is not a RunnerUp export: its “format” is not “{FORMAT}”"
                + (" (or it comes after its tables)." if "format" not in self.header else ".")
            )
        version = self.header.get("format_version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise ImportRefused("The file's format_version is missing or not a number.")
        if version > FORMAT_VERSION:
            raise ImportRefused(
                f"The file was written by a newer RunnerUp (format version {version}; this "
                f"one reads up to {FORMAT_VERSION}). Update RunnerUp to import it."
            )
        self.result.format_version = version

    def _tables(self) -> None:
        for name in self.stream.members():
            table = self.tables.get(name)
            if table is None:
                raise ImportRefused(
                    f"The file has a table “{name}” that this version of RunnerUp does not "
                    "know; it may come from a newer version."
                )
            if name in self.result.counts:
                raise ImportRefused(f"The file has the table “{name}” twice.")
            if name in STARTER_ROWS:
                ids = STARTER_ROWS[name](self.conn)
                key = next(iter(table.primary_key.columns))
                self.conn.execute(delete(table).where(key.in_(ids)))
            self.result.counts[name] = self._rows(table)

    def _rows(self, table: Table) -> int:
        decode = RowDecoder(table)
        derive = DERIVE.get(table.name)
        words = table_words(table.name)
        batch: list[dict[str, Any]] = []
        count = 0
        for item in self.stream.items():
            count += 1
            if not isinstance(item, dict):
                raise ImportRefused(f"Row {count} of the file's {words} is not an object.")
            row = decode(item, count)
            if derive is not None:
                derive(self, row)
            batch.append(row)
            if len(batch) == BATCH:
                self._write(table, batch)
                batch = []
        if batch:
            self._write(table, batch)
        return count

    def _write(self, table: Table, batch: list[dict[str, Any]]) -> None:
        names = [column.name for column in table.columns]
        row = itemgetter(*names)
        self.conn.exec_driver_sql(_insert_sql(table), [row(values) for values in batch])
        self.progress.check()
        self.progress.report(min(self.stream.position, self.size), self.size)

    def _company(self, row: dict[str, Any]) -> None:
        row["name_key"] = fold(row["name"])
        row["search_key"] = company_search_key(row["name"], row["industry"], row["location"])
        row["open_opportunities"] = 0  # counted once every opportunity is in
        self.company_names[row["id"]] = row["name"]

    def _contact(self, row: dict[str, Any]) -> None:
        row["name_key"] = fold(row["name"])
        company = self.company_names.get(row["company_id"])
        if company is None:  # its company comes later in the file: keyed at the end
            self.contacts_without_company.append(row["id"])
        row["search_key"] = contact_search_key(
            row["name"], row["email"], row["title"], company or ""
        )

    def _mapping(self, row: dict[str, Any]) -> None:
        row["name_key"] = fold(row["name"])


DERIVE: dict[str, Callable[[_Reader, dict[str, Any]], None]] = {
    "company": _Reader._company,
    "contact": _Reader._contact,
    "import_mapping": _Reader._mapping,
}


def _finish(conn: Connection, late_contacts: list[int], check_references: bool) -> None:
    """Derived values that need every row in, then the foreign keys, checked."""
    _key_late_contacts(conn, late_contacts)
    company = Base.metadata.tables["company"]
    opportunity = Base.metadata.tables["opportunity"]
    count = (
        select(func.count())
        .where(
            opportunity.c.company_id == company.c.id,
            opportunity.c.stage.in_([stage.value for stage in OPEN_STAGES]),
        )
        .scalar_subquery()
    )
    # (updated_at set to itself: the model's onupdate would stamp every row with now)
    conn.execute(update(company).values(open_opportunities=count, updated_at=company.c.updated_at))
    if not check_references:
        return
    problem = conn.exec_driver_sql("PRAGMA foreign_key_check").first()
    if problem is not None:
        table, rowid, parent, _index = problem
        raise ImportRefused(
            f"The file's {table_words(table)} row {rowid} refers to one of its "
            f"{table_words(parent)} that is not in the file; nothing was imported."
        )


def _key_late_contacts(conn: Connection, ids: list[int]) -> None:
    """Search keys for the contacts read before their company (only a file written by
    hand lists them so)."""
    contact = Base.metadata.tables["contact"]
    company = Base.metadata.tables["company"]
    for start in range(0, len(ids), BATCH):
        rows = conn.execute(
            select(contact.c.id, contact.c.name, contact.c.email, contact.c.title, company.c.name)
            .join_from(contact, company, contact.c.company_id == company.c.id)
            .where(contact.c.id.in_(ids[start : start + BATCH]))
        ).all()
        keys = [
            {"row_id": row_id, "key": contact_search_key(name, email, title, company_name)}
            for row_id, name, email, title, company_name in rows
        ]
        if keys:
            conn.execute(
                update(contact)
                .where(contact.c.id == bindparam("row_id"))
                .values(search_key=bindparam("key"), updated_at=contact.c.updated_at),
                keys,
            )


def _insert_sql(table: Table) -> str:
    names = [column.name for column in table.columns]
    quoted = ", ".join(f'"{name}"' for name in names)
    marks = ", ".join("?" for _ in names)
    return f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})'


def _sqlite_reason(error: IntegrityError) -> str:
    return str(error.orig) if error.orig is not None else "a constraint failed"


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None
