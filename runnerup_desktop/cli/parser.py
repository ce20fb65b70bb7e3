"""The command line's arguments (no Qt, no SQLAlchemy).

runnerup [--db PATH] [--demo] [--exit-after-startup] [--background] [--follow-up ID]
         [--version]
runnerup agenda [--db PATH] [--demo] [--days N] [--json]
runnerup plan OUT.pdf [--db PATH] [--demo] [--opportunity ID] [--paper A4|Letter]
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from runnerup_desktop import APP_NAME, __version__

#: The largest id SQLite can store (a signed 64-bit integer).
MAX_ID = 2**63 - 1
#: How far ahead the agenda looks at most: ten years.
MAX_DAYS = 3660


def _whole(low: int, high: int, what: str) -> Callable[[str], int]:
    """An argument that is a whole number from ``low`` to ``high``, refused otherwise."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"{what} is a whole number from {low} to {high}, not {text!r}"
            )
        return value

    return parse


def _db_path(text: str) -> str:
    """A database file's path: any characters, taken as they are, but not nothing."""
    if not text.strip():
        raise argparse.ArgumentTypeError(
            "give the database file's path (it was empty); leave --db out to use your own"
        )
    return text


def _common(parser: argparse.ArgumentParser, default: object) -> None:
    """--db and --demo, accepted before or after the command's name."""
    parser.add_argument(
        "--db",
        metavar="PATH",
        type=_db_path,
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
        help="exit 0 once the window is ready and painted with its data and the file is "
        "checked for damage (smoke tests); 2 with a sentence if it is refused or damaged",
    )
    parser.add_argument(
        "--startup-report",
        metavar="FILE",
        help=argparse.SUPPRESS,  # benchmarks: the times of the first paint and of "ready"
    )
    parser.add_argument(
        "--background",
        action="store_true",
        help="start in the tray without opening the window (how it starts at login)",
    )
    parser.add_argument(
        "--follow-up",
        metavar="ID",
        type=_whole(1, MAX_ID, "a follow-up's id"),
        help="show this follow-up (in the RunnerUp already running, if there is one); "
        f"an id from 1 to {MAX_ID}",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    agenda = commands.add_parser("agenda", help="print due and upcoming follow-ups")
    _common(agenda, argparse.SUPPRESS)
    agenda.add_argument(
        "--days",
        type=_whole(0, MAX_DAYS, "--days"),
        default=14,
        help=f"how many days ahead, 0 to {MAX_DAYS} (default 14)",
    )
    agenda.add_argument("--json", action="store_true", help="print JSON instead of text")
    plan = commands.add_parser(
        "plan",
        help="write the one-page interview plan of an opportunity as a PDF",
        description="Write the one-page interview plan of an opportunity as a PDF. Without "
        "--opportunity: the opportunity with the next planned interview follow-up, else the "
        "most recently updated open opportunity.",
    )
    _common(plan, argparse.SUPPRESS)
    plan.add_argument("out", metavar="OUT.pdf", help="the PDF file to write")
    plan.add_argument(
        "--opportunity",
        metavar="ID",
        type=_whole(1, MAX_ID, "an opportunity's id"),
        help=f"the opportunity's id, from 1 to {MAX_ID}",
    )
    plan.add_argument(
        "--paper",
        type=_paper,
        metavar="A4|Letter",
        help="the paper size (default: Letter in the US and Canada, else A4, from the locale)",
    )
    return parser


def _paper(text: str) -> str:
    for paper in ("A4", "Letter"):
        if text.casefold() == paper.casefold():
            return paper
    raise argparse.ArgumentTypeError("choose A4 or Letter")


def parse_window_args(argv: Sequence[str]) -> argparse.Namespace:
    """A later launch's arguments, as the running window reads them (SystemExit if bad)."""
    return build_parser().parse_args(argv)
