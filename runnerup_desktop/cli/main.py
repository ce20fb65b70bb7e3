"""The ``runnerup`` command: the window by default, or one of the headless commands.

The headless commands never load Qt's widgets (``plan`` uses QtGui's PDF writer, on the
offscreen platform when there is no display).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from runnerup_desktop.cli.launch import Options
from runnerup_desktop.cli.parser import build_parser


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
    if args.command == "agenda":
        if args.days < 0:
            parser.error("--days takes a number of days from 0 up")
        from runnerup_desktop.cli.agenda import run_agenda

        return run_agenda(options, args.days, args.json)
    if args.command == "plan":
        from runnerup_desktop.cli.plan import run_plan

        return run_plan(options, args.out, args.opportunity, args.paper)
    from runnerup_desktop.ui.shell.startup import run  # Qt loads only when a window is wanted

    return run(options)
