"""Command line.

    runnerup [--db PATH] [--demo] [--exit-after-startup] [--background] [--follow-up ID]
             [--version]
    runnerup agenda [--db PATH] [--demo] [--days N] [--json]
    runnerup plan OUT.pdf [--db PATH] [--demo] [--opportunity ID] [--paper A4|Letter]

The window is the default; the other commands are headless and never load Qt's widgets
(``plan`` uses QtGui's PDF writer, on the offscreen platform when there is no display).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
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
        help="exit 0 once the window is ready and painted with its data (smoke tests)",
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
        type=int,
        help="show this follow-up (in the RunnerUp already running, if there is one)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    agenda = commands.add_parser("agenda", help="print due and upcoming follow-ups")
    _common(agenda, argparse.SUPPRESS)
    agenda.add_argument("--days", type=int, default=14, help="how many days ahead (default 14)")
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
    plan.add_argument("--opportunity", metavar="ID", type=int, help="the opportunity's id")
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
        return _agenda(options, args.days, args.json)
    if args.command == "plan":
        return _plan(options, args.out, args.opportunity, args.paper)
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


def _plan(options: Options, out: str, opportunity_id: int | None, paper: str | None) -> int:
    """Write the plan's PDF; exit 2 with one line on stderr if there is nothing to plan."""
    from runnerup_desktop.store.database import StoreRefused
    from runnerup_desktop.store.plan_queries import load_plan, plan_opportunity

    try:
        store = open_database(AppPaths.default(), options)
    except StoreRefused as refusal:
        sys.stderr.write(f"runnerup: {refusal}\n")
        return EXIT_REFUSED
    today = dt.date.today()
    try:
        with store.sessions() as session:
            chosen = (
                opportunity_id if opportunity_id is not None else plan_opportunity(session, today)
            )
            content = load_plan(session, chosen, today) if chosen is not None else None
    finally:
        store.close()
    if content is None:
        sys.stderr.write(
            f"runnerup: there is no opportunity {opportunity_id}.\n"
            if opportunity_id is not None
            else "runnerup: there is no open opportunity to plan an interview for.\n"
        )
        return EXIT_REFUSED
    if sys.platform not in ("win32", "darwin") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from runnerup_desktop.core.interview_plan import Paper, plan_layout
    from runnerup_desktop.ui.plan_render import default_paper, fit_summary, plan_pdf

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    data, found = plan_pdf(content, Paper(paper) if paper else default_paper())
    try:
        with open(out, "wb") as file:
            file.write(data)
    except OSError as error:
        sys.stderr.write(f"runnerup: cannot write {out}: {error.strerror or error}\n")
        return 1
    sys.stdout.write(
        f"{out}: {content.company}, {content.role}. {fit_summary(found, plan_layout(content))}\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
