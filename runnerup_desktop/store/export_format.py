"""RunnerUp's export format: which tables, which columns, how each value is written (no Qt).

The tables and their columns come from the models (:mod:`runnerup_desktop.store.models`):
every table of ``Base.metadata`` is exported, in the order its foreign keys need, unless
:data:`NOT_EXPORTED` names it with the reason. A table a later migration adds is therefore
exported as soon as it has a model; a test fails for a table in the database that is
neither exported nor listed here (one made by hand in a migration, say).

Columns the store derives from others (:data:`DERIVED`) are left out of the file and
computed again on import, as the app's own writes compute them. Values are JSON's own
types, with dates, times and timestamps as ISO 8601 text and choices as their stored
words; ``docs/export-format.md`` describes the whole format.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    String,
    Table,
    Time,
    TypeDecorator,
)
from sqlalchemy import Enum as SaEnum

from runnerup_desktop.core.limits import FIRST_DAY, LAST_DAY, day_range, unstorable
from runnerup_desktop.store.column_types import StoredEnum
from runnerup_desktop.store.limits import text_limit, whole_number_range
from runnerup_desktop.store.models import Base
from runnerup_desktop.store.profile_services import PROFILE_ID

#: What the file calls itself, and the version of its layout. A file whose
#: ``format_version`` is higher than this was written by a newer RunnerUp.
FORMAT = "runnerup-export"
FORMAT_VERSION = 1

#: Tables in the database that are not exported, with the reason.
NOT_EXPORTED: dict[str, str] = {
    "alembic_version": "the schema's revision: the file names it as schema_revision",
    "contact_fts": "the contacts' search index, kept in step with the contacts by triggers",
    "sync_account": "the sync's account and this database's own marks on the server (its "
    "uid, its serial): a copy that carried them would pass for this database there; a copy "
    "sets up its own sync",
    "sync_collection": "the server's collections and sync tokens: the state of one sync",
    "sync_item": "what is on the server and the last synced copies: the state of one sync",
    "sync_log": "the sync's log of what it did, kept for its questions",
}
#: Virtual tables whose SQLite shadow tables (``<name>_data``, ...) are left out with them.
VIRTUAL = ("contact_fts",)

#: Columns computed from the row (and its company), never read from a file.
DERIVED: dict[str, frozenset[str]] = {
    "company": frozenset({"name_key", "search_key", "open_opportunities"}),
    "contact": frozenset({"name_key", "search_key"}),
    "import_mapping": frozenset({"name_key"}),
}

#: Tables that hold at most one row, always with this id (the app looks for no other).
SINGLE_ROW: dict[str, int] = {"profile": PROFILE_ID}


class BadValue(ValueError):
    """A value in a file that does not fit its column: ``shown`` is the value as a person
    reads it, ``why`` the rest of the sentence (``is not a whole number``)."""

    def __init__(self, value: Any, why: str) -> None:
        self.shown = _shown(value)
        self.why = why
        super().__init__(f"{self.shown} {why}")


class Progress(Protocol):
    """How a long export or import tells how far it got, and learns it should stop:
    ``check`` raises (the change path's ``Cancelled``) when the person cancelled."""

    def report(self, done: int, total: int) -> None: ...

    def check(self) -> None: ...


class NoProgress:
    def report(self, done: int, total: int) -> None:
        pass

    def check(self) -> None:
        pass


def exported_tables() -> list[Table]:
    """Every table a person owns, parents before children."""
    return [table for table in Base.metadata.sorted_tables if table.name not in NOT_EXPORTED]


def is_excluded(name: str) -> bool:
    return name in NOT_EXPORTED or any(name.startswith(f"{base}_") for base in VIRTUAL)


@dataclass(frozen=True)
class Field:
    """One column as the file holds it."""

    name: str
    nullable: bool
    #: The value SQLAlchemy reads -> the JSON value.
    encode: Callable[[Any], Any]
    #: The JSON value -> the value as SQLite stores it; raises :class:`BadValue`.
    decode: Callable[[Any], Any]
    #: A row of a file without this column gets this (a column added after the export).
    default: Callable[[], Any] | None
    #: The type a valid value has when it is stored as it is (text, a whole number).
    plain: type | None = None
    #: For a value of the ``plain`` type: raises :class:`BadValue` when it is out of the
    #: column's range (:mod:`.limits`, as every write of the app keeps to); ``decode``
    #: checks the same.
    check: Callable[[Any], None] | None = None


def fields(table: Table) -> list[Field]:
    derived = DERIVED.get(table.name, frozenset())
    return [_field(column) for column in table.columns if column.name not in derived]


def _field(column: Column[Any]) -> Field:
    encode, decode = _codec(column)
    plains: dict[Callable[[Any], Any], type] = {_str: str, _int: int}
    plain = plains.get(decode)
    check = _range_check(column) if plain is not None else None
    if check is not None:
        decode = _checked(decode, check)
    return Field(column.name, bool(column.nullable), encode, decode, _default(column), plain, check)


def _checked(decode: Callable[[Any], Any], check: Callable[[Any], None]) -> Callable[[Any], Any]:
    def decode_and_check(value: Any) -> Any:
        stored = decode(value)
        check(stored)
        return stored

    return decode_and_check


def _range_check(column: Column[Any]) -> Callable[[Any], None] | None:
    """What a file's value must keep to beyond its type: the limits the app's own writes
    keep to (:mod:`runnerup_desktop.store.limits`), so that an import stores nothing the
    app would refuse, or could not store at all."""
    where = f"{column.table.name}.{column.name}"
    limit = text_limit(column.type, where)
    if limit is not None:
        return _text_check(limit)
    only = SINGLE_ROW.get(column.table.name) if column.primary_key else None
    if only is not None:
        return _only_check(only, table_words(column.table.name, 1))
    if isinstance(column.type, Integer):
        return _number_check(*whole_number_range(where))
    return None


def _text_check(limit: int) -> Callable[[Any], None]:
    def check(value: str) -> None:
        if len(value) > limit:
            raise BadValue(value, f"is longer than {limit:,} characters")
        if not value.isascii():
            bad = unstorable(value)
            if bad is not None:
                raise BadValue(
                    value,
                    f"holds half of a character pair (U+{ord(bad):04X}) that cannot be saved",
                )

    return check


def _number_check(low: int, high: int) -> Callable[[Any], None]:
    def check(value: int) -> None:
        if not low <= value <= high:
            raise BadValue(value, f"is not a whole number from {low:,} to {high:,}")

    return check


def _only_check(only: int, words: str) -> Callable[[Any], None]:
    def check(value: int) -> None:
        if value != only:
            raise BadValue(value, f"is not {only}: RunnerUp keeps a single {words}, with id {only}")

    return check


def _default(column: Column[Any]) -> Callable[[], Any] | None:
    """The column's default, as stored: the model's value or function, else a number
    the schema gives, else ``None`` for a column that may be empty."""
    default: Any = column.default
    if default is not None and default.is_scalar:
        value = stored(default.arg)
        return lambda: value
    if default is not None and default.is_callable:
        return lambda: stored(default.arg(None))
    server = getattr(column.server_default, "arg", None)
    if isinstance(server, str) and isinstance(column.type, Integer | String):
        value = int(server) if isinstance(column.type, Integer) else server
        return lambda: value
    return (lambda: None) if column.nullable else None


def stored(value: Any) -> Any:
    """A Python value as SQLAlchemy stores it in SQLite."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, dt.time):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _same(value: Any) -> Any:
    return value


def _codec(column: Column[Any]) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    """(encode, decode). ``encode`` reads the value as SQLite stores it (SQLAlchemy's
    text formats for dates and times, an enum's word, 0 or 1), which is already the
    file's form for most columns: exporting a row costs no parsing."""
    kind = column.type
    if isinstance(kind, StoredEnum):
        return _same, _enum_decoder(kind.enum_class)
    if isinstance(kind, TypeDecorator):  # a checked date or time: stored as its base type
        kind = kind.impl_instance
    if isinstance(kind, SaEnum) and kind.enum_class is not None:
        return _same, _enum_decoder(kind.enum_class)
    if isinstance(kind, Boolean):
        return bool, _bool
    if isinstance(kind, DateTime):
        return _stored_moment, _datetime
    if isinstance(kind, Date):
        return _same, _date
    if isinstance(kind, Time):
        return _stored_moment, _time
    if isinstance(kind, Integer):
        return _same, _int
    if isinstance(kind, Float):
        return _same, _float
    if isinstance(kind, String):  # Text is a String
        return _same, _str
    raise TypeError(
        f"{column.table.name}.{column.name}: no export format for {kind!r}; "
        "add one to store/export_format.py"
    )


def _stored_moment(value: str) -> str:
    """SQLAlchemy's ``2026-03-01 09:30:00.000000`` (or ``09:30:00.000000``) as ISO 8601,
    the form ``isoformat()`` gives: ``2026-03-01T09:30:00``."""
    if value.endswith(".000000"):
        value = value[:-7]
    return value.replace(" ", "T", 1)


def _enum_decoder(cls: type[enum.Enum]) -> Callable[[Any], Any]:
    members = {member.value: member for member in cls}
    words = ", ".join(str(key) for key in members)

    def decode(value: Any) -> Any:
        try:
            return members[value].value
        except (KeyError, TypeError):
            raise BadValue(value, f"is not one of: {words}") from None

    return decode


def _bool(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    raise BadValue(value, "is not true or false")


def _int(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise BadValue(value, "is not a whole number")


def _float(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise BadValue(value, "is not a number")


def _str(value: Any) -> Any:
    if isinstance(value, str):
        return value
    raise BadValue(value, "is not text")


def _date(value: Any) -> Any:
    try:
        day = dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise BadValue(value, "is not a date (YYYY-MM-DD)") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise BadValue(value, f"is not a day {day_range()}")
    return day.isoformat()


def _time(value: Any) -> Any:
    try:
        moment = dt.time.fromisoformat(value)
    except (TypeError, ValueError):
        moment = None
    if moment is None or moment.tzinfo is not None:
        raise BadValue(value, "is not a time of day (HH:MM:SS)")
    return moment.isoformat(timespec="microseconds")


def _datetime(value: Any) -> Any:
    try:
        moment = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise BadValue(value, "is not a date and time (YYYY-MM-DDTHH:MM:SS)") from None
    if moment.tzinfo is not None:  # stored as UTC wall time, without a zone
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.isoformat(sep=" ", timespec="microseconds")


def _shown(value: Any) -> str:
    if isinstance(value, str):
        # (half of a character pair cannot be printed or shown: written as its code)
        text = f"“{value.encode('utf-8', 'backslashreplace').decode('utf-8')}”"
    else:
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def encoder(table: Table) -> Callable[[Sequence[Any]], dict[str, Any]]:
    """A function from a row as SQLite stores it (columns in :func:`fields` order) to
    the file's object."""
    names = [field.name for field in fields(table)]
    special = [(field.name, field.encode) for field in fields(table) if field.encode is not _same]

    def encode_row(row: Sequence[Any]) -> dict[str, Any]:
        values = dict(zip(names, row, strict=True))
        for name, encode in special:
            value = values[name]
            if value is not None:
                values[name] = encode(value)
        return values

    return encode_row


#: How the tables are named to a person: (one, many).
_WORDS: dict[str, tuple[str, str]] = {
    "company": ("company", "companies"),
    "contact": ("contact", "contacts"),
    "opportunity": ("opportunity", "opportunities"),
    "feedback_item": ("feedback item", "feedback items"),
    "value_item": ("value item", "value items"),
    "follow_up": ("follow-up", "follow-ups"),
    "interaction": ("interaction", "interactions"),
    "message_template": ("message template", "message templates"),
    "job_board": ("job board", "job boards"),
    "job_posting": ("job posting", "job postings"),
    "profile": ("profile", "profiles"),
    "message_draft": ("message draft", "message drafts"),
}


def table_words(name: str, count: int = 2) -> str:
    """``follow-ups`` for ``follow_up`` (``follow-up`` when ``count`` is 1)."""
    plain = name.replace("_", " ")
    one, many = _WORDS.get(name, (f"{plain} row", f"{plain} rows"))
    return one if count == 1 else many


def describe_counts(counts: dict[str, int], *, zeros: bool = False) -> str:
    """``20 companies, 1 contact, 3 follow-ups`` (the tables with no rows left out unless
    ``zeros``; ``nothing`` when every one is empty)."""
    shown = [
        f"{count:,} {table_words(name, count)}" for name, count in counts.items() if count or zeros
    ]
    return ", ".join(shown) or "nothing"
