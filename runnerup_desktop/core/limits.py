"""The ranges every stored value keeps to, shared by the services, the dialogs and the
command line: ids as SQLite stores them, days from 1900 to 2199, texts that fit."""

from __future__ import annotations

import datetime as dt
from typing import Final

#: The largest id SQLite can store (a signed 64-bit integer); ids start at 1.
MAX_ID: Final = 2**63 - 1
#: The first and last day any date field accepts: room for every plan the playbook makes
#: (years ahead at most), and far from the ends of Python's dates, so that adding days to
#: any accepted day can never overflow.
FIRST_DAY: Final = dt.date(1900, 1, 1)
LAST_DAY: Final = dt.date(2199, 12, 31)
#: A long text (notes, summaries, details) when nothing narrower is said.
MAX_TEXT: Final = 10_000


def day_range() -> str:
    """The accepted days, as a sentence's end says them."""
    return f"from {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"


def check_day(day: dt.date, what: str) -> str | None:
    """``None`` for a day in range, else a sentence starting with ``what``."""
    if FIRST_DAY <= day <= LAST_DAY:
        return None
    return f"{what} must be a day {day_range()}; {day.isoformat()} is not."


def valid_id(value: object) -> bool:
    """Whether ``value`` can be an id of a stored row."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_ID


def unstorable(text: str) -> str | None:
    """The first character of ``text`` that cannot be stored (half of a surrogate pair,
    as a broken paste may leave), or ``None``."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return text[error.start]
    return None
