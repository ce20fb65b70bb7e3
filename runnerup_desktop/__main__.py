"""Command line: ``runnerup [--db PATH] [--demo] [--exit-after-startup] [--version]``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from runnerup_desktop import APP_NAME, __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="runnerup",
        description=f"{APP_NAME}: keep the door open after coming in second.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the database file (default: your data folder; or $RUNNERUP_DB)",
    )
    parser.add_argument(
        "--demo", action="store_true", help="open a fresh temporary database with a demo story"
    )
    parser.add_argument(
        "--exit-after-startup",
        action="store_true",
        help="exit 0 once the window has painted with its data (smoke tests, benchmarks)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from runnerup_desktop.app import Options, run  # Qt loads only when a window is wanted

    return run(Options(db=args.db, demo=args.demo, exit_after_startup=args.exit_after_startup))


if __name__ == "__main__":
    sys.exit(main())
