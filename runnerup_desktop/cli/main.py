"""The ``runnerup`` command: the window by default, or one of the headless commands.

The headless commands never load Qt's widgets (``plan`` uses QtGui's PDF writer, on the
offscreen platform when there is no display). They log to the same private log as the
window, and they end the same way whatever happens: 0 when done, 2 with one sentence on
stderr when the database is refused or fails in a known way (full, locked, damaged...),
70 with an allow-listed crash report (no personal data) for a bug.
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Sequence

from runnerup_desktop.cli.launch import EXIT_BUG, EXIT_REFUSED, Options
from runnerup_desktop.cli.parser import build_parser

#: The headless commands: name -> the module whose ``run(options, args)`` runs it.
COMMANDS = {
    "agenda": "runnerup_desktop.cli.agenda",
    "plan": "runnerup_desktop.cli.plan",
    "backup": "runnerup_desktop.cli.backup",
    "restore": "runnerup_desktop.cli.restore",
    "export": "runnerup_desktop.cli.export",
    "import": "runnerup_desktop.cli.import_",
    "sync": "runnerup_desktop.cli.sync",
    "watch": "runnerup_desktop.cli.watch",
}

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    options = Options(
        db=args.db,
        demo=bool(args.demo),
        exit_after_startup=args.exit_after_startup,
        background=args.background,
        follow_up=args.follow_up,
        args=tuple(sys.argv[1:] if argv is None else argv),
        startup_report=args.startup_report,
        startup_search=args.startup_search,
    )
    if args.command is not None:
        return headless(args.command, options, args)
    from runnerup_desktop.ui.shell.startup import run  # Qt loads only when a window is wanted

    return run(options)


def headless(name: str, options: Options, args: object) -> int:
    """Run one headless command; a known failure is a sentence, a bug a private report."""
    from runnerup_desktop.store.change import StorageError
    from runnerup_desktop.system.diagnostics import (
        crash_report,
        print_report,
        setup_logging,
        write_crash_log,
    )
    from runnerup_desktop.system.paths import AppPaths

    paths = AppPaths.default()
    handler = setup_logging(paths)
    try:
        # Each command's module loads only when that command runs.
        command = importlib.import_module(COMMANDS[name])
        code: int = command.run(options, args)
        return code
    except StorageError as failure:
        log.warning("%s stopped: the database is %s", name, failure.kind)
        sys.stderr.write(f"runnerup: {failure}\n")
        return EXIT_REFUSED
    except Exception:
        exc_type, exc, tb = sys.exc_info()
        assert exc_type is not None and exc is not None
        report = crash_report(exc_type, exc, tb)
        log.error("unexpected error in %s:\n%s", name, report)
        where = write_crash_log(paths, report)
        kept = f" (also written to {where})" if where is not None else ""
        sys.stderr.write(
            f"runnerup: an unexpected error stopped {name}; the report below holds no "
            f"names, notes or passwords{kept}.\n"
        )
        print_report(report)
        return EXIT_BUG
    finally:
        if handler is not None:
            logging.getLogger().removeHandler(handler)
            handler.close()
