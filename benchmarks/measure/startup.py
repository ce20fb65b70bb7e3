"""Start-up and memory: the real program against a bare PySide6 script, as processes.

Each run is a fresh process, timed from the moment it is launched. Both programs write
the wall-clock time of their first paint to a file (``--startup-report``):
``runnerup --db DB --exit-after-startup`` when its companies table first paints with its
data (its first page, read before SQLAlchemy loads), and again when the whole window is
ready (the store open, every page built, the real table painted), then quits; the bare
script (:mod:`benchmarks.measure.bare_window`) when its empty table first paints, then
quits. "Interactive" is timed in runs of their own (the search changes what the window
shows when ready): ``--startup-search TEXT`` types TEXT and Enter into the companies
search box at the moment start-up says it answers, and the figure is launch until the
table has painted the rows that answer it (``ui/shell/search_probe.py``).
The peak memory of each is its peak resident set over the whole run (``ru_maxrss``
of that process alone, from ``wait4``). The two alternate, so that a busy moment of the machine
falls on both alike. A first, untimed run of each lets Python write its bytecode caches,
as an installed program has them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

BARE_SCRIPT = Path(__file__).with_name("bare_window.py")
#: What the benchmark types at start-up: a word in many of the generated companies' names.
SEARCH = "an"


@dataclass
class Runs:
    #: Launch to first paint with data.
    seconds: list[float] = field(default_factory=list)
    #: Launch to the whole window ready (the bare script: its first paint).
    ready: list[float] = field(default_factory=list)
    #: Launch to a search typed at the interactive moment answered with rows painted (the
    #: bare script: its first paint).
    interactive: list[float] = field(default_factory=list)
    peak_kib: list[int] = field(default_factory=list)


@dataclass
class StartupResult:
    app: Runs
    bare: Runs


def child_env(home: Path) -> dict[str, str]:
    """Offscreen Qt, a private settings folder, and bytecode caches allowed."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["RUNNERUP_HOME"] = str(home)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("RUNNERUP_DB", None)
    return env


#: Runs a command and prints when it launched it (seconds since the epoch) and the
#: command's own peak resident set. The peak of a child forked straight from this process
#: would count this process's memory as its own (Linux records the peak of the image an
#: ``exec`` replaces), so a small launcher forks it instead.
_LAUNCHER = """
import os, sys, time
started = time.time()
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.execv(sys.argv[1], sys.argv[1:])
_pid, status, usage = os.wait4(pid, 0)
print(started, usage.ru_maxrss)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def timed_run(command: list[str], env: dict[str, str]) -> tuple[dict[str, float], int]:
    """Seconds from launch to each moment the command reported (``--startup-report``), and
    its peak resident set (KiB)."""
    with tempfile.TemporaryDirectory(prefix="runnerup-bench-run-") as folder:
        report = Path(folder) / "startup.json"
        done = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, *command, "--startup-report", str(report)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr}")
        started, peak = done.stdout.split()
        moments = json.loads(report.read_text())
    # Moments are seconds since the epoch; the report's facts (true/false) are left out.
    times = {n: v - float(started) for n, v in moments.items() if isinstance(v, float)}
    return times, int(peak)


def measure_startup(db: Path, repeat: int) -> StartupResult:
    script = Path(sys.executable).with_name("runnerup")
    launcher = [str(script)] if script.exists() else [sys.executable, "-m", "runnerup_desktop"]
    app_command = [*launcher, "--db", str(db), "--exit-after-startup"]
    bare_command = [sys.executable, str(BARE_SCRIPT)]
    search_command = [*app_command, "--startup-search", SEARCH]
    result = StartupResult(app=Runs(), bare=Runs())
    with tempfile.TemporaryDirectory(prefix="runnerup-bench-home-") as home:
        env = child_env(Path(home))
        timed_run(bare_command, env)  # warm-up: bytecode, the OS's file cache, settings
        timed_run(app_command, env)
        for _ in range(repeat):
            for command, runs in ((bare_command, result.bare), (app_command, result.app)):
                moments, peak = timed_run(command, env)
                runs.seconds.append(moments["first_paint"])
                runs.ready.append(moments["ready"])
                runs.peak_kib.append(peak)
                if runs is result.bare:
                    runs.interactive.append(moments["ready"])
            moments, _peak = timed_run(search_command, env)
            result.app.interactive.append(moments["search_answered"])
    return result
