"""Importing LinkedIn's Connections.csv at the benchmark size (100,000 connections).

The file is generated as LinkedIn writes it (its notes, then the header, then one line
per connection: accented names from the generator's cultures, employers from a pool,
about one email in five, ``24 Aug 2023`` dates). Three figures, each against reading
the same file with :mod:`csv` alone (the floor for any importer):

- the import into a new, empty database, as a first import is (the default company
  choice: people are kept without a company unless RunnerUp has theirs, so none here);
- the same with every company created (``--companies all``);
- the preview against the benchmark database, whose 100,000 contacts are matched
  (read only: it writes nothing, so the shared database is left as it was).

Run on its own: ``python -m benchmarks.measure.imports [--rows N] [--repeat N] [--db BIG]``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.gen.people import CULTURES
from benchmarks.gen.world import Random
from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.imports.preview import CompanyPolicy
from runnerup_desktop.store.imports.service import ImportRequest, ImportServices

NOTES = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\n\n'
)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
_TITLES = (
    "Software Engineer",
    "Senior Data Scientist",
    "Engineering Manager",
    "Talent Acquisition Partner",
    "Head of Product, EMEA",
    "Recruiter",
    'VP "Growth"',
    "CTO",
)
_SUFFIXES = ("GmbH", "Ltd", "S.A.", "AB", "Labs", "Analytics", "& Co", "Group", "Systems")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def connections_file(path: Path, rows: int, seed: int = 1) -> Path:
    """Write a Connections.csv of ``rows`` connections (the same for the same seed)."""
    rng = Random(seed)
    cultures = list(CULTURES.values())
    employers = [
        f"{rng.choice(rng.choice(cultures).family)} {rng.choice(_SUFFIXES)}"
        for _ in range(max(10, rows // 12))
    ]
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(NOTES + HEADER + "\n")
        writer = csv.writer(out, lineterminator="\n")
        for number in range(rows):
            culture = rng.choice(cultures)
            first, last = rng.choice(culture.given), rng.choice(culture.family)
            slug = f"{first}-{last}-{number:x}".casefold().replace(" ", "-")
            email = f"{slug}@mail.example" if rng.random() < 0.2 else ""
            day = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(5000))
            connected = f"{day.day:02d} {_MONTHS[day.month - 1]} {day.year}"
            writer.writerow(
                [
                    first,
                    last,
                    f"https://www.linkedin.com/in/{slug}",
                    email,
                    rng.choice(employers),
                    rng.choice(_TITLES),
                    connected,
                ]
            )
    return path


def _times(
    repeat: int, action: Callable[[int], object], cpu: list[float] | None = None
) -> list[float]:
    """Wall seconds of each run; ``cpu`` collects the process's CPU seconds of each."""
    samples = []
    for run in range(repeat):
        started, used = time.perf_counter(), time.process_time()
        action(run)
        samples.append(time.perf_counter() - started)
        if cpu is not None:
            cpu.append(round(time.process_time() - used, 2))
    return samples


def measure_imports(
    big_db: Path | None, rows: int, repeat: int, folder: Path
) -> list[dict[str, Any]]:
    """The figures (as dicts for the report)."""
    source = connections_file(folder / "Connections.csv", rows)
    info: dict[str, Any] = {"rows": rows, "file_mb": round(source.stat().st_size / 1e6, 1)}

    def parse_only(_run: int) -> None:
        with source.open(encoding="utf-8", newline="") as text:
            for _row in csv.reader(text):
                pass

    def into_empty(policy: CompanyPolicy) -> Callable[[int], object]:
        def run(number: int) -> None:
            store = open_store(folder / f"empty-{policy.create_all}-{number}.sqlite3")
            try:
                summary, _ = ImportServices(store.sessions).run(
                    ImportRequest(source, "linkedin", policy)
                )
                info[f"added{'_all' if policy.create_all else ''}"] = summary.new
                if policy.create_all:
                    info["companies_created"] = len(summary.created_companies)
            finally:
                store.close()

        return run

    baseline = _times(repeat, parse_only)
    cpu: dict[str, list[float]] = {
        "import_linkedin": [],
        "import_linkedin_all_companies": [],
        "import_linkedin_preview_big": [],
    }
    figures: list[dict[str, Any]] = [
        {
            "name": "import_linkedin",
            "label": f"Import {rows:,} LinkedIn connections into an empty database",
            "samples": _times(repeat, into_empty(CompanyPolicy()), cpu["import_linkedin"]),
        },
        {
            "name": "import_linkedin_all_companies",
            "label": f"Import {rows:,} LinkedIn connections, creating every company",
            "samples": _times(
                repeat,
                into_empty(CompanyPolicy.named("all")),
                cpu["import_linkedin_all_companies"],
            ),
        },
    ]
    if big_db is not None:
        store = open_store(big_db)
        try:
            imports = ImportServices(store.sessions)

            def preview(_run: int) -> None:
                summary = imports.preview(ImportRequest(source, "linkedin"))
                info["preview_matched"] = summary.matched

            figures.append(
                {
                    "name": "import_linkedin_preview_big",
                    "label": f"Preview {rows:,} connections against the benchmark database",
                    "samples": _times(repeat, preview, cpu["import_linkedin_preview_big"]),
                }
            )
        finally:
            store.close()
    for item in figures:
        item.update(baseline=baseline, info={**info, "cpu_seconds": cpu.get(item["name"])})
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.measure.imports")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--db", type=Path, help="the benchmark database, for the preview")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="runnerup-bench-import-") as folder:
        for item in measure_imports(args.db, args.rows, args.repeat, Path(folder)):
            samples = ", ".join(f"{s:.2f}" for s in item["samples"])
            print(f"{item['label']}: {samples} s (csv alone: {item['baseline'][0]:.2f} s)")
        print(item["info"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
