"""Run the benchmark suite: ``make bench``, or

    python -m benchmarks.bench [--size full|tiny] [--repeat N] [--db PATH] [--out FILE]

Generates (or reuses) a database of the chosen size, then measures start-up and memory
(:mod:`benchmarks.measure.startup`), the UI's keystrokes, sort clicks, scrolling and
calendar (:mod:`benchmarks.measure.ui_session`, in its own process), the reminder
service's due query (:mod:`benchmarks.measure.reminders`), a backup, a JSON export and a
JSON import of the whole database (:mod:`benchmarks.measure.data`) and importing LinkedIn's
Connections.csv (:mod:`benchmarks.measure.imports`). Writes ``results.json`` and
prints the table (:mod:`benchmarks.report`). Exits 0 whether or not targets are met: it
reports, it does not judge (the figures say ``met``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import PySide6
import sqlalchemy

from benchmarks.generate import generate
from benchmarks.measure.data import BASELINE as DATA_BASELINE
from benchmarks.measure.data import measure_data
from benchmarks.measure.imports import measure_imports
from benchmarks.measure.reminders import measure_due
from benchmarks.measure.startup import child_env, measure_startup
from benchmarks.report import figure, markdown, table

SIZES: dict[str, dict[str, int]] = {
    "full": {
        "companies": 20_000,
        "contacts": 100_000,
        "follow_ups": 200_000,
        "interactions": 300_000,
    },
    "tiny": {"companies": 20, "contacts": 100, "follow_ups": 200, "interactions": 300},
}
SEED = 1
#: Runs of the backup, export and import figures (each run at full size takes a minute
#: or two; the medians of three are steady to a few per cent).
DATA_REPEAT = 3
RESULTS = Path(__file__).with_name("results.json")
MB = 1_000_000


def database(size: str, today: dt.date, folder: Path) -> tuple[Path, float | None]:
    """The benchmark database for ``size`` and ``today``: reused, or generated (seconds)."""
    counts = SIZES[size]
    name = "-".join(str(counts[k]) for k in ("companies", "contacts", "follow_ups", "interactions"))
    path = folder / f"bench-{name}-seed{SEED}-{today.isoformat()}.sqlite3"
    if path.exists():
        return path, None
    folder.mkdir(parents=True, exist_ok=True)
    stats = generate(path, **counts, seed=SEED, today=today)
    print(stats.summary(), flush=True)
    return path, stats.seconds


def ui_figures(db: Path, repeat: int, scroll_seconds: float) -> dict[str, Any]:
    """The UI measurements, in a process of their own (a fresh QApplication, offscreen)."""
    with tempfile.TemporaryDirectory(prefix="runnerup-bench-ui-") as folder:
        out = Path(folder) / "ui.json"
        command = [sys.executable, "-m", "benchmarks.measure.ui_session", str(db)]
        command += ["--repeat", str(repeat), "--scroll-seconds", str(scroll_seconds)]
        command += ["--out", str(out)]
        subprocess.run(command, env=child_env(Path(folder)), check=True, cwd=_root())
        result: dict[str, Any] = json.loads(out.read_text())
    return result


def run(size: str, repeat: int, db: Path | None, scroll_seconds: float) -> dict[str, Any]:
    today = dt.date.today()
    generated = None
    if db is None:
        db, generated = database(size, today, Path(tempfile.gettempdir()) / "runnerup-bench")
    print(f"Start-up and memory ({repeat} runs each)…", flush=True)
    startup = measure_startup(db, repeat)
    print("Keystrokes, sorts, calendar, scrolling…", flush=True)
    ui = ui_figures(db, repeat, scroll_seconds)
    print("Reminder queries…", flush=True)
    due = measure_due(db, repeat, today)
    data_repeat = min(repeat, DATA_REPEAT)
    print(f"Backup, export and import ({data_repeat} runs each)…", flush=True)
    data = measure_data(db, data_repeat)
    print(f"Importing {SIZES[size]['contacts']:,} LinkedIn connections…", flush=True)
    with tempfile.TemporaryDirectory(prefix="runnerup-bench-import-") as folder:
        imports = measure_imports(db, SIZES[size]["contacts"], min(repeat, 3), Path(folder))
    bare = "bare PySide6 script"
    figures = [
        figure(
            "startup",
            "Start-up to first paint with data",
            startup.app.seconds,
            startup.bare.seconds,
            "ms",
            bare,
        ),
        figure(
            "startup_ready",
            "Start-up until the whole window is ready",
            startup.app.ready,
            startup.bare.ready,
            "ms",
            bare,
        ),
        figure(
            "startup_interactive",
            "Start-up until interactive (a search typed, answered with rows painted)",
            startup.app.interactive,
            startup.bare.interactive,
            "ms",
            bare,
        ),
        figure(
            "memory",
            "Peak memory, start-up to ready",
            [kib * 1024 / MB for kib in startup.app.peak_kib],
            [kib * 1024 / MB for kib in startup.bare.peak_kib],
            "MB",
            bare,
        ),
    ]
    measured = (
        (ui["figures"], ui["baseline_label"]),
        (due, "SELECT 1 through the same session"),
        (data, DATA_BASELINE),
        (imports, "reading the same file with Python's csv module alone"),
    )
    for items, baseline_label in measured:
        for item in items:
            figures.append(
                figure(
                    item["name"],
                    item["label"],
                    item["samples"],
                    item["baseline"],
                    "ms",
                    baseline_label,
                    item["info"],
                )
            )
    targeted = [item["met"] for item in figures if item["met"] is not None]
    return {
        "generated_at": dt.datetime.now().isoformat(timespec="seconds"),
        "command": f"python -m benchmarks.bench --size {size} --repeat {repeat}",
        "size": size,
        "counts": SIZES[size],
        "repeat": repeat,
        "database_bytes": db.stat().st_size,
        "database_generated_seconds": generated,
        "ui_session_peak_mb": round(ui["peak_rss_kib"] * 1024 / MB, 1),
        "machine": _machine(),
        "all_targets_met": all(targeted),
        "figures": figures,
    }


def _machine() -> dict[str, Any]:
    return {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "pyside6": PySide6.__version__,
        "sqlalchemy": sqlalchemy.__version__,
        "sqlite": sqlite3.sqlite_version,
        "qt_platform": "offscreen",
    }


def _root() -> Path:
    return Path(__file__).resolve().parent.parent


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__)
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--repeat", type=int, default=11, help="runs per figure (default 11)")
    parser.add_argument("--db", type=Path, help="measure this database instead of generating")
    parser.add_argument("--out", type=Path, default=RESULTS, help="default: %(default)s")
    parser.add_argument("--scroll-seconds", type=float, default=180.0, metavar="S")
    parser.add_argument("--markdown", action="store_true", help="print the table in Markdown")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat needs at least one run")
    results = run(args.size, args.repeat, args.db, args.scroll_seconds)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    print()
    print((markdown if args.markdown else table)(results["figures"]))
    verdict = "all met" if results["all_targets_met"] else "NOT all met"
    print(f"\nTargets: {verdict}. Results in {args.out}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
