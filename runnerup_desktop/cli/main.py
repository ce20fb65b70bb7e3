"""The ``runnerup`` command: the window by default, or one of the headless commands.

The headless commands never load Qt's widgets (``plan`` uses QtGui's PDF writer, on the
offscreen platform when there is no display).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from runnerup_desktop.cli.launch import Options
from runnerup_desktop.cli.parser import build_parser

#: The headless commands: name -> the module whose ``run(options, args)`` runs it.
COMMANDS = {
    "agenda": "runnerup_desktop.cli.agenda",
    "plan": "runnerup_desktop.cli.plan",
    "sync": "runnerup_desktop.cli.sync",
    "watch": "runnerup_desktop.cli.watch",
}


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
    )
    if args.command == "agenda" and args.days < 0:
        parser.error("--days takes a number of days from 0 up")
    if args.command is not None:
        # Each command's module loads only when that command runs.
        command = importlib.import_module(COMMANDS[args.command])
        code: int = command.run(options, args)
        return code
    from runnerup_desktop.ui.shell.startup import run  # Qt loads only when a window is wanted

    return run(options)
