"""The in-app measurements: the real main window on the generated database, offscreen.

    python -m benchmarks.measure.ui_session DB --repeat N --out FILE [--scroll-seconds S]

Every action goes through the same API the widgets use (the table model's search, the
header's sort, the view's scrolling, the calendar's month), bypassing only the search
box's debounce timer, and is timed until the view has painted its result
(:func:`~benchmarks.measure.paint.until_painted`). Each action is repeated; the state it
starts from is set up again, untimed, before each repetition. The results are written as
JSON for :mod:`benchmarks.bench`.

``--breakdown`` also prints, for the keystrokes, the sorts and the repaint, where each
action's time went (the query, the rest of the action, the layout before the paint, the
paint), in wall-clock and in this thread's CPU time: on a shared machine the CPU time
tells a slower design from a busier machine. It adds a few calls around each action and
changes nothing that is measured.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from benchmarks.measure.paint import repaint_time, settle, until_painted
from runnerup_desktop.store.database import open_store
from runnerup_desktop.ui.common.sql_table_model import SqlTableModel
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.main_window import MainWindow
from runnerup_desktop.ui.shell.startup import settle_heap

#: (figure, label, search before, search typed, sort column): the last keystroke of a
#: search in all contacts, from the text before it to the text after it.
KEYSTROKES: tuple[tuple[str, str, str, str, str], ...] = (
    ("keystroke_first_letter", "Keystroke: first letter (“a”)", "", "a", "name"),
    ("keystroke_name", "Keystroke: a name (“sore” → “soren”)", "sore", "soren", "name"),
    (
        "keystroke_title",
        "Keystroke: a title (“enginee” → “engineer”)",
        "enginee",
        "engineer",
        "name",
    ),
    ("keystroke_no_match", "Keystroke: no match (“qx” → “qxj”)", "qx", "qxj", "name"),
    (
        "keystroke_sorted_by_title",
        "Keystroke, sorted by title (“ann” → “anna”)",
        "ann",
        "anna",
        "title",
    ),
)
#: (figure, label, table, column): one click on a column's header.
SORTS: tuple[tuple[str, str, str, str], ...] = (
    ("sort_company", "Sort all contacts by company", "contacts", "company"),
    ("sort_title", "Sort all contacts by title", "contacts", "title"),
    ("sort_last_touch", "Sort all contacts by last touch", "contacts", "last_touch_on"),
    (
        "sort_open_opportunities",
        "Sort companies by open opportunities",
        "companies",
        "open_opportunities",
    ),
)


#: PySide6 6.12 on Python 3.11 drops a reference to ``None`` each time a method returning
#: nothing (``update()``, ``processEvents()``, ``sortByColumn()``...) is called from Python;
#: the tens of thousands of calls a session makes would end in "deallocating None". These
#: references keep ``None`` alive for the session (Python 3.12 and later are immune).
_NONE_REFERENCES = [None] * 1_000_000


@dataclass
class Figure:
    name: str
    label: str
    samples: list[float]
    baseline: list[float] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)


#: The phases of an action, in order (see :class:`Breakdown`).
PHASES = ("query", "action", "layout", "paint")


class Breakdown(QObject):
    """Where an action's time went, for ``--breakdown``: the models' queries (wall and
    CPU time), the rest of the action, the events before the view's paint began (layout),
    and the paint to the end of :func:`until_painted`."""

    def __init__(self, models: Sequence[SqlTableModel]) -> None:
        super().__init__()
        self.marks: dict[str, tuple[float, float]] = {}
        self.query = [0.0, 0.0]
        self.rows: dict[str, list[dict[str, float]]] = {}
        for model in models:
            model._query = self._timed(model._query)  # type: ignore[method-assign]

    def _timed(self, query: Any) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            wall, cpu = time.perf_counter(), time.thread_time()
            try:
                return query(*args, **kwargs)
            finally:
                self.query[0] += time.perf_counter() - wall
                self.query[1] += time.thread_time() - cpu

        return timed

    def _mark(self, name: str) -> None:
        self.marks.setdefault(name, (time.perf_counter(), time.thread_time()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and "action" in self.marks:
            self._mark("paint")
        return False

    def timed(self, figure: str, widget: QWidget, action: Any) -> float:
        """:func:`until_painted` of ``action``, its phases kept under ``figure``."""

        def marked() -> None:
            self._mark("start")
            action()
            self._mark("action")

        self.marks.clear()
        self.query = [0.0, 0.0]
        widget.installEventFilter(self)
        try:
            taken = until_painted(widget, marked)
        finally:
            widget.removeEventFilter(self)
        end = (time.perf_counter(), time.thread_time())
        start, acted = self.marks["start"], self.marks["action"]
        painted = self.marks.get("paint", end)
        row: dict[str, float] = {"total": taken}
        for clock, label in ((0, ""), (1, "_cpu")):
            row["query" + label] = self.query[clock]
            row["action" + label] = acted[clock] - start[clock] - self.query[clock]
            row["layout" + label] = painted[clock] - acted[clock]
            row["paint" + label] = end[clock] - painted[clock]
        self.rows.setdefault(figure, []).append(row)
        return taken

    def report(self) -> str:
        keys = ["total", *PHASES, *(phase + "_cpu" for phase in PHASES)]
        lines = ["median ms      " + " ".join(f"{key:>10}" for key in keys)]
        for figure, rows in self.rows.items():
            medians = (statistics.median(row[key] for row in rows) * 1000 for key in keys)
            lines.append(f"{figure:<15}"[:15] + " ".join(f"{value:10.2f}" for value in medians))
        return "\n".join(lines)


class Session:
    """The main window on a database, and the actions to time in it."""

    def __init__(self, db: Path, settings_dir: Path, repeat: int, breakdown: bool = False) -> None:
        self.repeat = repeat
        self.store = open_store(db)
        settings = QSettings(str(settings_dir / "settings.ini"), QSettings.Format.IniFormat)
        self.window = MainWindow(AppContext.for_store(self.store, settings))
        self.directory = self.window.directory
        self.started = time.perf_counter()
        self.window.show()
        settle()
        settle_heap()  # as start-up does once the window is ready
        self.directory.all_contacts.setChecked(True)
        settle()
        self.breakdown: Breakdown | None = None
        if breakdown:
            self.breakdown = Breakdown([self.directory.contacts, self.directory.companies])

    # --- the pieces ---------------------------------------------------------------------
    def _model_and_view(self, table: str) -> tuple[SqlTableModel, QTableView]:
        if table == "companies":
            return self.directory.companies, self.directory.company_view
        return self.directory.contacts, self.directory.contact_view

    def _sort(self, table: str, column: str, order: Qt.SortOrder) -> None:
        model, view = self._model_and_view(table)
        columns = [model.column_key(section) for section in range(model.columnCount())]
        view.sortByColumn(columns.index(column), order)

    def _until_painted(self, figure: str, widget: QWidget, action: Any) -> float:
        if self.breakdown is None:
            return until_painted(widget, action)
        return self.breakdown.timed(figure, widget, action)

    def baseline(self) -> list[float]:
        viewport = self.directory.contact_view.viewport()
        if self.breakdown is None:
            return [repaint_time(viewport) for _ in range(self.repeat)]
        return [
            self._until_painted("repaint", viewport, viewport.update) for _ in range(self.repeat)
        ]

    # --- the figures ----------------------------------------------------------------------
    def keystrokes(self) -> list[Figure]:
        figures = []
        model, view = self._model_and_view("contacts")
        for name, label, before, typed, column in KEYSTROKES:
            samples = []
            for _ in range(self.repeat):
                self._sort("contacts", column, Qt.SortOrder.AscendingOrder)
                model.set_search(before)
                settle()
                action = partial(model.set_search, typed)
                samples.append(self._until_painted(name, view.viewport(), action))
            figures.append(Figure(name, label, samples, info={"rows": model.rowCount()}))
        model.set_search("")
        self._sort("contacts", "name", Qt.SortOrder.AscendingOrder)
        return figures

    def sorts(self) -> list[Figure]:
        figures = []
        for name, label, table, column in SORTS:
            view = self._model_and_view(table)[1]
            samples = []
            for _ in range(self.repeat):
                self._sort(table, "name", Qt.SortOrder.AscendingOrder)
                settle()
                action = partial(self._sort, table, column, Qt.SortOrder.AscendingOrder)
                samples.append(self._until_painted(name, view.viewport(), action))
            self._sort(table, "name", Qt.SortOrder.AscendingOrder)
            figures.append(Figure(name, label, samples))
        return figures

    def scroll(self, budget_s: float) -> Figure:
        """Scroll all contacts from the top to the bottom, one fetched page at a time."""
        model, view = self._model_and_view("contacts")
        self._sort("contacts", "name", Qt.SortOrder.AscendingOrder)
        model.set_search("")
        view.scrollToTop()
        settle()
        pages: list[float] = []
        started = time.perf_counter()
        while True:  # at least once: a small table scrolls without fetching
            pages.append(until_painted(view.viewport(), view.scrollToBottom))
            more = model.canFetchMore(model.index(-1, -1))
            if not more or time.perf_counter() - started > budget_s:
                break
        reached = not model.canFetchMore(model.index(-1, -1))
        info = {
            "pages": len(pages),
            "rows": model.rowCount(),
            "reached_bottom": reached,
            "total_s": round(time.perf_counter() - started, 3),
            "slowest_page_ms": round(max(pages, default=0.0) * 1000, 2),
            "last_page_ms": round(pages[-1] * 1000, 2) if pages else None,
        }
        view.scrollToTop()
        return Figure("scroll_page", "Scroll all contacts: one page (fetchMore)", pages, info=info)

    def calendar(self) -> list[Figure]:
        calendar_page = self.window.calendar
        month_view = calendar_page.calendar.findChild(QTableView)
        assert month_view is not None
        opened, moved = [], []
        for index in range(self.repeat):
            self.window.tabs.setCurrentWidget(self.directory)
            settle()
            opened.append(
                until_painted(
                    month_view.viewport(),
                    lambda: self.window.tabs.setCurrentWidget(calendar_page),
                )
            )
            step = calendar_page.calendar.showNextMonth
            if index % 2:
                step = calendar_page.calendar.showPreviousMonth
            moved.append(until_painted(month_view.viewport(), step))
        self.window.tabs.setCurrentWidget(self.directory)
        return [
            Figure("calendar_open", "Open the calendar page", opened),
            Figure("calendar_month", "Move the calendar a month", moved),
        ]

    def close(self) -> None:
        self.window.close()
        self.store.close()


def run(db: Path, repeat: int, scroll_seconds: float, breakdown: bool = False) -> dict[str, Any]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory(prefix="runnerup-bench-") as folder:
        session = Session(db, Path(folder), repeat, breakdown)
        try:
            baseline = session.baseline()
            figures = [*session.keystrokes(), *session.sorts(), *session.calendar()]
            figures.append(session.scroll(scroll_seconds))
        finally:
            session.close()
    if session.breakdown is not None:
        print(session.breakdown.report(), file=sys.stderr)
    for figure in figures:
        figure.baseline = baseline
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "figures": [asdict(figure) for figure in figures],
        "baseline_label": "repaint of the contacts table, nothing changed",
        "baseline_median_ms": statistics.median(baseline) * 1000,
        "peak_rss_kib": peak_kib,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.measure.ui_session")
    parser.add_argument("db", type=Path)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--scroll-seconds", type=float, default=120.0)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="also print where each keystroke's, sort's and repaint's time went",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    result = run(args.db, args.repeat, args.scroll_seconds, args.breakdown)
    args.out.write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
