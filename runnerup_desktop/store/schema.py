"""The schema revisions this version of RunnerUp knows, oldest first.

Start-up reads these instead of Alembic's script directory, so that Alembic (about
0.6 s to import) loads only when a file actually needs an upgrade. A test checks this
list against the migrations folder: add each new revision here too.
"""

from __future__ import annotations

REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0008",
    "0007",
    "0005",
    "0006",
    "0009",
)
HEAD = REVISIONS[-1]
