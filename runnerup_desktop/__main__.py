"""Command line.

    runnerup [--db PATH] [--demo] [--exit-after-startup] [--version]
    runnerup agenda [--db PATH] [--demo] [--days N] [--json]

The window is the default; the other commands are headless and never load Qt's widgets.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence

from runnerup_desktop import APP_NAME, __version__
from runnerup_desktop.launch import EXIT_REFUSED, Options, open_database
from runnerup_desktop.paths import AppPaths


def _common(parser: argparse.ArgumentParser, default: object) -> None:
    """--db and --demo, accepted before or after the command's name."""
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=default,
        help="the database file (default: your data folder, or $RUNNERUP_DB)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        default=default,
        help="use a fresh temporary database with a demo story",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="runnerup", description=f"{APP_NAME}: keep the door open after coming in second."
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    _common(parser, None)
    parser.add_argument(
        "--exit-after-startup",
        action="store_true",
        help="exit 0 once the window has painted with its data (smoke tests, benchmarks)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    agenda = commands.add_parser("agenda", help="print due and upcoming follow-ups")
    _common(agenda, argparse.SUPPRESS)
    agenda.add_argument("--days", type=int, default=14, help="how many days ahead (default 14)")
    agenda.add_argument("--json", action="store_true", help="print JSON instead of text")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    options = Options(db=args.db, demo=bool(args.demo), exit_after_startup=args.exit_after_startup)
    if args.command == "agenda":
        if args.days < 0:
            parser.error("--days takes a number of days from 0 up")
        return _agenda(options, args.days, args.json)
    from runnerup_desktop.app import run  # Qt loads only when a window is wanted

    return run(options)


def _agenda(options: Options, days: int, as_json: bool) -> int:
    from runnerup_desktop.agenda_cli import print_agenda
    from runnerup_desktop.store.database import StoreRefused

    try:
        store = open_database(AppPaths.default(), options)
    except StoreRefused as refusal:
        sys.stderr.write(f"runnerup: {refusal}\n")
        return EXIT_REFUSED
    try:
        print_agenda(store.sessions, dt.date.today(), days, as_json, sys.stdout)
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
