"""One row of an export, checked and turned into the row as SQLite stores it (no Qt)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table

from runnerup_desktop.store.change import ServiceError
from runnerup_desktop.store.export_format import DERIVED, BadValue, fields, table_words

__all__ = ["ImportRefused", "RowDecoder"]


class ImportRefused(ServiceError):
    """The file cannot be imported; ``str(exc)`` is a sentence for the user."""


class RowDecoder:
    """A file's row object -> the row as stored, checking every value on the way."""

    def __init__(self, table: Table) -> None:
        self.columns = fields(table)
        self.known = {column.name for column in self.columns} | DERIVED.get(table.name, frozenset())
        self.words = table_words(table.name)
        #: (name, the type a valid value has as it is, its range check, the decoder, may it
        #: be null)
        self.specs = [
            (column.name, column.plain, column.check, column.decode, column.nullable)
            for column in self.columns
        ]

    def __call__(self, item: dict[str, Any], number: int) -> dict[str, Any]:
        row: dict[str, Any] = {}
        try:
            for name, plain, check, decode, nullable in self.specs:
                value = item[name]
                if value is None:
                    if not nullable:
                        raise self._refuse(number, f"has no {name}, which it needs")
                    row[name] = None
                elif type(value) is plain:
                    if check is not None:
                        check(value)
                    row[name] = value
                else:
                    row[name] = decode(value)
        except KeyError:
            return self._with_defaults(item, number)
        except BadValue as bad:
            raise self._refuse(number, f"has {bad.shown} for {name}, which {bad.why}") from None
        if len(item) > len(row):
            self._no_strangers(item, number)
        return row

    def _with_defaults(self, item: dict[str, Any], number: int) -> dict[str, Any]:
        """The slow way, for a row missing columns (a file from before they were added):
        each gets its default."""
        row: dict[str, Any] = {}
        for column in self.columns:
            name = column.name
            if name not in item:
                if column.default is None:
                    raise self._refuse(number, f"has no {name}, which it needs")
                row[name] = column.default()
            elif item[name] is None:
                if not column.nullable:
                    raise self._refuse(number, f"has no {name}, which it needs")
                row[name] = None
            else:
                try:
                    row[name] = column.decode(item[name])
                except BadValue as bad:
                    raise self._refuse(
                        number, f"has {bad.shown} for {name}, which {bad.why}"
                    ) from None
        self._no_strangers(item, number)
        return row

    def _no_strangers(self, item: dict[str, Any], number: int) -> None:
        extra = sorted(set(item) - self.known)
        if extra:
            raise self._refuse(
                number,
                f"has “{extra[0]}”, which this version of RunnerUp does not know; the file "
                "may come from a newer version",
            )

    def _refuse(self, number: int, what: str) -> ImportRefused:
        return ImportRefused(f"Row {number} of the file's {self.words} {what}.")
