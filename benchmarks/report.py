"""The figures, their baselines and targets: ``results.json`` and the table on stdout.

Every figure is the median of its samples and is given beside a baseline measured in the
same run (a bare PySide6 script, a repaint of the same table with nothing changed, a
trivial query), as a ratio to it, so that a slow or busy machine can be told apart from
a slow design. A figure with a target says whether it met it.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

#: Targets at full size, from the performance issue.
FRAME_MS = 16.0
STARTUP_RATIO = 1.5
#: Start-up until a search typed is answered with rows painted (issue 21).
INTERACTIVE_RATIO = 3.0
DUE_MS = 5.0
MEMORY_EXTRA_MB = 80.0


@dataclass(frozen=True)
class Target:
    text: str
    met: Callable[[float, float], bool]  # (value, baseline) -> met


def under_ms(limit: float) -> Target:
    return Target(f"< {limit:g} ms", lambda value, _baseline: value < limit)


TARGETS: dict[str, Target] = {
    "startup": Target(
        f"≤ {STARTUP_RATIO:g}× bare", lambda value, base: value <= STARTUP_RATIO * base
    ),
    "startup_interactive": Target(
        f"≤ {INTERACTIVE_RATIO:g}× bare", lambda value, base: value <= INTERACTIVE_RATIO * base
    ),
    "memory": Target(
        f"≤ bare + {MEMORY_EXTRA_MB:g} MB", lambda value, base: value <= base + MEMORY_EXTRA_MB
    ),
    "due_query": under_ms(DUE_MS),
}
#: Keystrokes and sort clicks: one frame at 60 Hz.
FRAME_FIGURES = ("keystroke_", "sort_")


def target_for(name: str) -> Target | None:
    if name in TARGETS:
        return TARGETS[name]
    if name.startswith(FRAME_FIGURES):
        return under_ms(FRAME_MS)
    return None


def figure(
    name: str,
    label: str,
    samples: list[float],
    baseline: list[float],
    unit: str,
    baseline_label: str,
    info: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One figure for ``results.json``; timings come in seconds and are shown in ms."""
    scale = 1000.0 if unit == "ms" else 1.0
    value = statistics.median(samples) * scale
    base = statistics.median(baseline) * scale if baseline else None
    target = target_for(name)
    met = None if target is None else target.met(value, base if base is not None else 0.0)
    return {
        "name": name,
        "label": label,
        "unit": unit,
        "median": round(value, 3),
        "baseline": None if base is None else round(base, 3),
        "baseline_label": baseline_label,
        "ratio": None if not base else round(value / base, 3),
        "target": None if target is None else target.text,
        "met": met,
        "runs": len(samples),
        "samples": [round(s * scale, 3) for s in samples],
        "info": info or {},
    }


def table(figures: Iterable[dict[str, Any]]) -> str:
    """The figures as a plain-text table."""
    header = ("Figure", "Median", "Baseline", "Ratio", "Target", "Met")
    rows = [header]
    for item in figures:
        unit = item["unit"]
        base = item["baseline"]
        rows.append(
            (
                item["label"],
                f"{item['median']:.1f} {unit}",
                "" if base is None else f"{base:.1f} {unit}",
                "" if item["ratio"] is None else f"{item['ratio']:.2f}×",
                item["target"] or "",
                {True: "yes", False: "NO", None: ""}[item["met"]],
            )
        )
    widths = [max(len(row[n]) for row in rows) for n in range(len(header))]
    lines = []
    for number, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown(figures: Iterable[dict[str, Any]]) -> str:
    """The same table in Markdown, for the README."""
    lines = [
        "| Figure | Median | Baseline | Ratio | Target | Met |",
        "|---|---:|---:|---:|---|---|",
    ]
    for item in figures:
        unit = item["unit"]
        base = "" if item["baseline"] is None else f"{item['baseline']:.1f} {unit}"
        ratio = "" if item["ratio"] is None else f"{item['ratio']:.2f}×"
        met = {True: "yes", False: "**no**", None: ""}[item["met"]]
        lines.append(
            f"| {item['label']} | {item['median']:.1f} {unit} | {base} | {ratio} "
            f"| {item['target'] or ''} | {met} |"
        )
    return "\n".join(lines)
