"""What the importers read from a file, before it meets the database (no SQL here).

Every reader turns a file into a stream of :class:`Person` (a contact as the file has it)
and :class:`Unreadable` (a line it could not use, and why), in the file's order, one at a
time: a 100,000-line file is never held whole. A file that cannot be imported at all is
refused with :class:`ImportRefused`, whose text is one sentence for the person.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from runnerup_desktop.core.domain import ContactRole
from runnerup_desktop.store.change import ServiceError


class ImportRefused(ServiceError):
    """The file cannot be imported; ``str(exc)`` says why. Nothing was written."""


class Progress(Protocol):
    """What a long import reports to (the window's progress dialog, or nothing).

    ``report(done, total)`` counts bytes of the file read; ``check()`` raises when the
    person cancelled, which rolls the import's transaction back.
    """

    def report(self, done: int, total: int) -> None: ...

    def check(self) -> None: ...


class NoProgress:
    """For the command line and tests: nobody watching, nobody cancelling."""

    def report(self, done: int, total: int) -> None:
        return None

    def check(self) -> None:
        return None


@dataclass(frozen=True, slots=True)
class Person:
    """One contact as a file gives it: text, not yet checked against the database.

    ``line`` is where it starts in the file (1 for the first line). ``left_out`` names
    the fields the reader dropped because they did not pass the checks, with why.
    """

    line: int
    name: str
    company: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""
    linkedin_url: str = ""
    notes: str = ""
    role: ContactRole | None = None
    left_out: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A line (or a card) the reader could not use."""

    line: int
    reason: str


Parsed = Person | Unreadable


@dataclass
class Reading:
    """A reader's stream, what it noticed about the file, and how far it has read.

    ``notices`` are sentences about the file as a whole ("read as UTF-16", "the column
    Notes was not used"); they are complete once ``records`` has been read through.
    """

    records: Iterator[Parsed]
    total_bytes: int
    #: How many bytes of the file have been read so far.
    position: Callable[[], int]
    notices: list[str] = field(default_factory=list)
