"""Write a large, realistic RunnerUp database for benchmarks and manual testing.

    python -m benchmarks.generate PATH --companies 20000 --contacts 100000 \\
        --follow-ups 200000 --interactions 300000 [--opportunities N] [--seed S] \\
        [--today YYYY-MM-DD] [--force]

or, from code, :func:`generate`, which returns :class:`GenerateStats`. The work is done
by the :mod:`benchmarks.gen` package (see :mod:`benchmarks.gen.api`); this module is
the command line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from benchmarks.gen.api import GenerateStats, check_counts, files_of, generate

__all__ = ["GenerateStats", "generate", "main"]


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be zero or more")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate",
        description="Write a large, realistic RunnerUp database for benchmarks.",
    )
    parser.add_argument("path", type=Path, help="the database file to create")
    parser.add_argument("--companies", type=_count, required=True, metavar="N")
    parser.add_argument("--contacts", type=_count, required=True, metavar="N")
    parser.add_argument("--follow-ups", type=_count, required=True, dest="follow_ups", metavar="N")
    parser.add_argument("--interactions", type=_count, required=True, metavar="N")
    parser.add_argument(
        "--opportunities", type=_count, default=None, metavar="N", help="default: 1.2 per company"
    )
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="default: 1")
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day every date is relative to (default: today)",
    )
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    args = parser.parse_args(argv)
    path: Path = args.path
    if path.is_dir():
        parser.error(f"{path} is a folder.")
    try:
        check_counts(
            args.companies, args.contacts, args.follow_ups, args.interactions, args.opportunities
        )
    except ValueError as exc:
        parser.error(str(exc))
    existing = [p for p in files_of(path) if p.exists()]
    if existing:
        if not args.force:
            print(f"{path} already exists; pass --force to replace it.", file=sys.stderr)
            return 1
        for leftover in existing:
            leftover.unlink()
    stats = generate(
        path,
        companies=args.companies,
        contacts=args.contacts,
        follow_ups=args.follow_ups,
        interactions=args.interactions,
        opportunities=args.opportunities,
        seed=args.seed,
        today=args.today,
    )
    print(stats.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
