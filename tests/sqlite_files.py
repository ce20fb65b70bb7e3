"""A plain sqlite3 connection for a test's look at a file: committed, then closed.

``with sqlite3.connect(path) as conn`` commits but never closes; Python 3.13 warns of
every connection left to the garbage collector (a ResourceWarning, an error in these tests:
seen on Debian 13).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


@contextmanager
def connected(path: str | Path, **options: Any) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(path, **options)
    try:
        with conn:  # commit on success, roll back on an error
            yield conn
    finally:
        conn.close()
