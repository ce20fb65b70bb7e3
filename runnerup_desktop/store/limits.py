"""Every row a service writes keeps to its columns' ranges, checked in one place before it
is flushed: a refusal with a sentence (a :class:`ServiceError`) instead of an
``OverflowError``, a ``UnicodeEncodeError`` or an unknown value stored for good.

- text: no character that cannot be stored (half of a surrogate pair); at most the
  column's length (``String(n)``), or :data:`TEXT_LIMITS` for long texts;
- whole numbers: within SQLite's 64-bit range (ids from 1);
- days: :data:`~runnerup_desktop.core.limits.FIRST_DAY` to
  :data:`~runnerup_desktop.core.limits.LAST_DAY`;
- enums: a value the enum knows (an unknown one read from the file may stay as it was).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Integer, String, Text, inspect
from sqlalchemy.orm import Session, UOWTransaction

from runnerup_desktop.core.domain import UnknownValue
from runnerup_desktop.core.limits import MAX_ID, MAX_TEXT, check_day, unstorable
from runnerup_desktop.core.templates import MAX_BODY
from runnerup_desktop.store.change import ServiceError
from runnerup_desktop.store.column_types import StoredEnum

#: The longest text of each ``Text`` column, where it is not :data:`MAX_TEXT`.
TEXT_LIMITS: dict[str, int] = {"message_template.body": MAX_BODY}


def check_rows(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    """``before_flush``: refuse the first value out of its range (see the docstring)."""
    for row in [*session.new, *session.dirty]:
        state = inspect(row)
        table = state.mapper.local_table
        for attribute in state.mapper.column_attrs:
            if attribute.key not in state.dict:
                continue
            if row in session.dirty and not state.attrs[attribute.key].history.has_changes():
                continue
            column = attribute.columns[0]
            problem = _problem(
                column.type, state.dict[attribute.key], f"{table.name}.{column.name}"
            )
            if problem is not None:
                raise ServiceError(problem.format(field=_label(column.name)))


def _problem(kind: Any, value: Any, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(kind, StoredEnum):
        return _enum_problem(kind, value)
    if isinstance(value, str):
        return _text_problem(kind, value, where)
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and isinstance(kind, Integer):
        low, high = whole_number_range(where)
        if not low <= value <= high:
            return "{field} is out of range: " + f"{low} to {high}."
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return check_day(value, "{field}")
    return None


def _text_problem(kind: Any, value: str, where: str) -> str | None:
    bad = unstorable(value)
    if bad is not None:
        return (
            "{field} holds a character that cannot be saved "
            f"(U+{ord(bad):04X}, half of a pair, as a broken paste can leave): remove it."
        )
    limit = text_limit(kind, where)
    if limit is None:
        return None
    if len(value) > limit:
        return "{field} can be at most " + f"{limit:,} characters; this one has {len(value):,}."
    return None


def text_limit(kind: Any, where: str) -> int | None:
    """The most characters a text column (``where``: ``table.column``) holds, or ``None``
    for a type that is not text (or a text of any length)."""
    if isinstance(kind, Text):
        return TEXT_LIMITS.get(where, MAX_TEXT)
    if isinstance(kind, String) and kind.length is not None:
        return int(kind.length)
    return None


def whole_number_range(where: str) -> tuple[int, int]:
    """The lowest and highest whole number of the column ``where`` (``table.column``):
    ids from 1, every other number within SQLite's 64 bits."""
    return (1 if where.endswith("id") else -MAX_ID - 1), MAX_ID


def _enum_problem(kind: StoredEnum, value: Any) -> str | None:
    if isinstance(value, kind.enum_class):
        return None  # a known member, or an unknown one kept as it was read
    try:
        kind.enum_class.parse(value, "{field}")
    except UnknownValue as refusal:
        return str(refusal)
    return None


def _label(column: str) -> str:
    """``linkedin_url`` -> "The field “linkedin url”"."""
    words = column.removesuffix("_id").replace("_", " ")
    return f"The field “{words}”"
