"""Loading many rows into SQLite at once, inside the caller's transaction (no Qt).

Each index of a table costs a B-tree insert per row, in an order unrelated to the rows';
the contacts' trigram search index (``contact_fts``) costs a hundred entries per contact,
through its trigger. :func:`bulk_load` drops the indexes and those triggers while the rows
go in, then builds each index once, sorted, and the search index in one pass: at 100,000
contacts an import takes a third of the time. All of it is DDL inside the transaction, so
a rollback (a refusal, a cancel) brings every index back as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

#: Full-text indexes kept in step by triggers: the index -> the table it indexes.
SEARCH_INDEXES: dict[str, str] = {"contact_fts": "contact"}


@contextmanager
def bulk_load(conn: Connection, tables: Iterable[str]) -> Iterator[None]:
    names = sorted(set(tables))
    if not names:
        yield
        return
    marks = ", ".join("?" for _ in names)
    indexes = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({marks})",
        tuple(names),
    ).all()
    searched = [index for index, table in SEARCH_INDEXES.items() if table in names]
    triggers = [
        (name, sql)
        for name, sql in conn.exec_driver_sql(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ({marks})",
            tuple(names),
        ).all()
        if any(index in sql for index in searched)
    ]
    for name, _sql in indexes:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    for name, _sql in triggers:
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    yield
    for _name, sql in indexes:
        conn.exec_driver_sql(sql)
    for _name, sql in triggers:
        conn.exec_driver_sql(sql)
    for index in searched:
        conn.exec_driver_sql(f'INSERT INTO "{index}"("{index}") VALUES (\'rebuild\')')
