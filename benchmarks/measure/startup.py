"""Start-up and memory: the real program against a bare PySide6 script, as processes.

Each run is a fresh process, timed from its start to its exit: ``runnerup --db DB
--exit-after-startup`` quits right after the companies table has first painted with its
data, and the bare script (:mod:`benchmarks.measure.bare_window`) right after its empty
table has. The peak memory of each is its peak resident set (``ru_maxrss`` of that
process alone, from ``wait4``). The two alternate, so that a busy moment of the machine
falls on both alike. A first, untimed run of each lets Python write its bytecode caches,
as an installed program has them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

BARE_SCRIPT = Path(__file__).with_name("bare_window.py")


@dataclass
class Runs:
    seconds: list[float] = field(default_factory=list)
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


#: Runs a command and prints its wall time and its own peak resident set. The peak of a
#: child forked straight from this process would count this process's memory as its own
#: (Linux records the peak of the image an ``exec`` replaces), so a small launcher forks
#: it instead.
_LAUNCHER = """
import os, sys, time
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.execv(sys.argv[1], sys.argv[1:])
_pid, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - started, usage.ru_maxrss)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def timed_run(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds from launch to exit, and the command's peak resident set (KiB)."""
    done = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, *command],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr}")
    seconds, peak = done.stdout.split()
    return float(seconds), int(peak)


def measure_startup(db: Path, repeat: int) -> StartupResult:
    script = Path(sys.executable).with_name("runnerup")
    launcher = [str(script)] if script.exists() else [sys.executable, "-m", "runnerup_desktop"]
    app_command = [*launcher, "--db", str(db), "--exit-after-startup"]
    bare_command = [sys.executable, str(BARE_SCRIPT)]
    result = StartupResult(app=Runs(), bare=Runs())
    with tempfile.TemporaryDirectory(prefix="runnerup-bench-home-") as home:
        env = child_env(Path(home))
        timed_run(bare_command, env)  # warm-up: bytecode, the OS's file cache, settings
        timed_run(app_command, env)
        for _ in range(repeat):
            for command, runs in ((bare_command, result.bare), (app_command, result.app)):
                seconds, peak = timed_run(command, env)
                runs.seconds.append(seconds)
                runs.peak_kib.append(peak)
    return result
