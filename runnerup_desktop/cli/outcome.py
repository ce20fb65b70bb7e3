"""How the data commands (backup, restore, export, import) end: exit codes and the one
sentence on standard error (no Qt)."""

from __future__ import annotations

import sys

from runnerup_desktop.cli.launch import EXIT_REFUSED, Options

#: An output file could not be written (as ``plan`` exits).
EXIT_CANNOT_WRITE = 1


def refused(message: str) -> int:
    """A refusal: one sentence, exit 2; the database was not touched."""
    sys.stderr.write(f"runnerup: {message}\n")
    return EXIT_REFUSED


def cannot_write(message: str) -> int:
    sys.stderr.write(f"runnerup: {message}\n")
    return EXIT_CANNOT_WRITE


def refuse_demo(options: Options, command: str) -> int | None:
    """``--demo`` is for reading commands; these work on a real database."""
    if options.demo:
        return refused(
            f"runnerup {command} works on your own database (or --db PATH); "
            "--demo is for agenda, plan and export."
        )
    return None
