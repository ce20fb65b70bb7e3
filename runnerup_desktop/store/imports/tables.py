"""Comma-, semicolon- or tab-separated text, read row by row (LinkedIn's and other
trackers' CSV exports).

The separator is the one the header line uses most, outside quotes (a spreadsheet saved
with a European locale writes semicolons; Excel's "Unicode text" writes tabs). Values may
hold quoted separators and quoted newlines; each row is numbered by the file line it
starts on. A row with more or fewer values than the header is not guessed at: it is
reported as unreadable, with both counts. A value over :mod:`csv`'s limit (128 KiB) is a
quote that never closed, swallowing the rest of the file: the file is refused.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TextIO

from runnerup_desktop.store.imports.records import ImportRefused

SEPARATORS = (",", ";", "\t")
_SEPARATOR_WORDS = {",": "commas", ";": "semicolons", "\t": "tabs"}


@dataclass(frozen=True)
class Header:
    names: tuple[str, ...]
    #: The file line it is on (1 for the first).
    line: int
    separator: str

    @property
    def separator_word(self) -> str:
        return _SEPARATOR_WORDS[self.separator]


def separator_of(line: str) -> str:
    """The separator a header line uses most (outside quotes); a comma when none."""
    counts = dict.fromkeys(SEPARATORS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def split_header(line: str, separator: str) -> tuple[str, ...]:
    fields = next(csv.reader([line], delimiter=separator), [])
    return tuple(field.strip().lstrip("\ufeff").strip() for field in fields)


def find_header(
    text: TextIO, is_header: Callable[[tuple[str, ...]], bool], within: int
) -> Header | None:
    """Read lines up to the header (the first line ``is_header`` accepts, within the
    first ``within`` lines), leaving ``text`` just after it."""
    for number in range(1, within + 1):
        line = text.readline()
        if not line:
            return None
        if not line.strip():
            continue
        separator = separator_of(line)
        names = split_header(line.rstrip("\r\n"), separator)
        if is_header(names):
            return Header(names, number, separator)
    return None


def rows(text: TextIO, header: Header, label: str) -> Iterator[tuple[int, list[str] | str]]:
    """Each row after the header as ``(line, values)``, or ``(line, why it is unreadable)``
    when its count of values differs from the header's. Blank lines are passed over."""
    reader = csv.reader(text, delimiter=header.separator, strict=False)
    wanted = len(header.names)
    ended = 0
    while True:
        start = header.line + ended + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ImportRefused(
                f"{label} cannot be read from line {start} on: a quote opens a value there "
                f"that never closes ({exc})."
            ) from exc
        ended = reader.line_num
        if not values or (len(values) == 1 and not values[0].strip()):
            continue
        if len(values) != wanted:
            more = "more" if len(values) > wanted else "fewer"
            yield (
                start,
                f"{len(values)} values where the header has {wanted} ({more}; "
                f"the file separates values with {header.separator_word})",
            )
            continue
        yield start, values
