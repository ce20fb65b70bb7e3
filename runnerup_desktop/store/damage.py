"""Looking for damage in the database file, on a connection of its own, read-only.

``PRAGMA integrity_check`` reads every page of the file and checks the b-trees, their
records, and that every index agrees with its table; ``PRAGMA quick_check`` skips the
last part, which is most of the work. Measured on the benchmark's database (311 MB,
100,000 contacts; benchmarks/README.md) on a 2-vCPU machine: quick_check 0.8–1.0 s
(0.4 s CPU) with the file in the page cache, 6 s from a cold cache; integrity_check
4.9–5.6 s (4.4 s CPU). Bytes flipped in the middle of each page of a small real database
(158 pages): integrity_check found 38 of them damaged, quick_check only 13 (a changed row
no longer matching its index entries, or an index entry changed, passes quick_check).

So the window runs integrity_check, once, on a worker thread after it is ready, where its
seconds cost nothing a person waits for. The headless commands, which a person does wait
for, run integrity_check too on a file up to :data:`THOROUGH_UP_TO` (half a second at
most), and on a larger one quick_check of the tables they read (0.4 s at the benchmark's
size). Damage they meet while reading is sorted as such either way (:mod:`.errors`,
:mod:`.column_types`).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

from runnerup_desktop.store.checks import LOCK_TIMEOUT_S, look_uri
from runnerup_desktop.store.errors import Kind, kind_of

log = logging.getLogger(__name__)

#: The largest file a headless command checks whole (integrity_check: about 0.5 s).
THOROUGH_UP_TO = 32 * 1024 * 1024


def headless_check(path: Path, tables: Sequence[str]) -> tuple[Sequence[str], bool]:
    """``(tables, quick)`` for a command that reads ``tables``: the whole file thoroughly
    when it is small, else a quick look at those tables (see the module's docstring)."""
    try:
        small = path.stat().st_size <= THOROUGH_UP_TO
    except OSError:
        small = False
    return ((), False) if small else (tables, True)


def find_damage(
    path: Path,
    *,
    tables: Sequence[str] = (),
    quick: bool = False,
    opened: Callable[[sqlite3.Connection], None] | None = None,
) -> bool | None:
    """Whether the file is damaged: ``True``, ``False``, or ``None`` when it could not be
    told (the file locked or unreadable for a moment, or the check interrupted). ``tables``
    limits the check to those tables and their indexes; ``quick`` runs quick_check instead
    of integrity_check; ``opened`` is given the connection (to ``interrupt()`` it).
    """
    pragma = "quick_check" if quick else "integrity_check"
    try:
        connection = sqlite3.connect(look_uri(path), uri=True, timeout=LOCK_TIMEOUT_S)
    except sqlite3.Error as error:
        return _failed(error)
    connection.text_factory = bytes  # its messages quote damaged bytes
    if opened is not None:
        opened(connection)
    try:
        targets: list[str | None] = [*tables] or [None]
        for table in targets:
            statement = f"PRAGMA {pragma}" if table is None else f'PRAGMA {pragma}("{table}")'
            rows = connection.execute(statement).fetchall()
            if rows != [(b"ok",)]:
                log.warning("%s found damage (%d findings)", pragma, len(rows))
                return True
    except (sqlite3.Error, UnicodeDecodeError) as error:
        return _failed(error)
    finally:
        connection.close()
    return False


def _failed(error: BaseException) -> bool | None:
    if getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_INTERRUPT:
        log.info("the damage check was interrupted (RunnerUp is quitting)")
        return None
    kind = kind_of(error)
    if kind is Kind.DAMAGED:
        log.warning("the damage check could not read the file: it is damaged")
        return True
    log.warning("the damage check could not run (%s)", kind.value if kind else "unknown")
    return None
