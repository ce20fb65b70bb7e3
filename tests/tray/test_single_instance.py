"""One RunnerUp per database, told by a lock file beside the database: a second launch
raises the first and exits 0, whatever its TMPDIR; one that cannot hand over is refused."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from runnerup_desktop.cli.launch import EXIT_REFUSED, Options
from runnerup_desktop.store.database import open_store
from runnerup_desktop.system.instance_lock import lock_path, open_elsewhere, read_holder
from runnerup_desktop.system.paths import AppPaths
from runnerup_desktop.ui.shell import startup as app
from runnerup_desktop.ui.shell import switching
from runnerup_desktop.ui.shell.single_instance import Claim, SingleInstance, server_name
from tests.faults import runnerup_command
from tests.ui.steps import click_in_box

ROOT = str(Path(__file__).resolve().parents[2])

#: A later launch, reduced to the claim (a process of its own, as in real life).
LATER = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from runnerup_desktop.ui.shell.single_instance import SingleInstance
app = QCoreApplication([])
print(SingleInstance(Path(sys.argv[1])).claim(sys.argv[2:]))
"""

#: Another process asking whether the database is open in another RunnerUp.
ASK = """
import sys
from pathlib import Path
from runnerup_desktop.system.instance_lock import open_elsewhere
print(open_elsewhere(Path(sys.argv[1])))
"""

#: A RunnerUp that holds the lock but never answers (hung, say).
SILENT = """
import sys
from pathlib import Path
from runnerup_desktop.system.instance_lock import InstanceLock
lock = InstanceLock.acquire(Path(sys.argv[1]))
lock.publish(sys.argv[2])
print("holding", flush=True)
sys.stdin.read()
"""


def python(script: str, *args: str, tmpdir: Path | None = None) -> str:
    env = {**os.environ, "PYTHONPATH": ROOT, "QT_QPA_PLATFORM": "offscreen"}
    if tmpdir is not None:
        env["TMPDIR"] = str(tmpdir)
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


def stale_socket(path: Path) -> None:
    """What a crash leaves: a socket file nobody listens on."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(path))
    sock.close()


def wait_for(predicate: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.skipif(sys.platform == "win32", reason="socket files are a Unix matter")
def test_a_later_launch_with_another_tmpdir_hands_over_through_the_lock_file(
    qtbot: QtBot, tmp_path: Path
) -> None:
    db = tmp_path / "mine.sqlite3"
    db.touch()
    first = SingleInstance(db)
    assert first.claim(["--background"]) is Claim.FIRST
    lock = lock_path(db)
    assert stat.S_IMODE(lock.stat().st_mode) == 0o600
    assert read_holder(lock).pid == os.getpid()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    with qtbot.waitSignal(first.arrived, timeout=20_000) as arrived:
        later = subprocess.Popen(
            [sys.executable, "-c", LATER, str(db), "--follow-up", "5"],
            env={**os.environ, "PYTHONPATH": ROOT, "TMPDIR": str(elsewhere)},
            stdout=subprocess.PIPE,
            text=True,
        )
    out, _ = later.communicate(timeout=20)
    assert arrived.args == [["--follow-up", "5"]]
    assert out.strip() == "Claim.HANDED_OVER"
    first.close()
    assert not lock.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="socket files are a Unix matter")
def test_a_stale_socket_is_removed_before_listening(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "mine.sqlite3"
    db.touch()
    name = str(tmp_path / "runnerup-test")
    stale_socket(Path(name))
    first = SingleInstance(db, name=name)
    assert first.claim([]) is Claim.FIRST
    assert first.hand_over(["--follow-up", "1"]) is not None  # it listens there now
    first.close()


def test_whether_a_database_is_open_in_another_runnerup(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "asked.sqlite3"
    db.touch()
    assert python(ASK, str(db)) == "False"
    first = SingleInstance(db)
    assert first.claim([]) is Claim.FIRST
    assert python(ASK, str(db)) == "True"  # another process sees this one
    assert open_elsewhere(db) is False  # this process is not "another RunnerUp"
    first.close()
    assert python(ASK, str(db)) == "False"


def test_a_lock_left_by_a_killed_runnerup_holds_nobody(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "killed.sqlite3"
    db.touch()
    holder = subprocess.Popen(
        [sys.executable, "-c", SILENT, str(db), "/nowhere/runnerup-socket"],
        env={**os.environ, "PYTHONPATH": ROOT},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "holding"
    holder.send_signal(signal.SIGKILL)
    holder.communicate(timeout=10)
    assert lock_path(db).exists()  # left behind...
    first = SingleInstance(db)
    assert first.claim([]) is Claim.FIRST  # ...but held by nobody
    first.close()


def test_a_runnerup_that_does_not_answer_is_a_refusal_with_a_sentence(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, app_paths: AppPaths
) -> None:
    seen: list[tuple[str, str, list[str]]] = []
    monkeypatch.setattr(app, "setup_logging", lambda _paths: None)
    monkeypatch.setattr(app, "install_crash_handler", lambda _paths, _interactive: None)
    monkeypatch.setattr(app, "route_qt_messages", lambda: None)
    # The refusal offers another file (issue 16); the person quits instead.
    monkeypatch.setattr(switching, "ask", click_in_box("Quit", seen))
    db = tmp_path / "hung.sqlite3"
    open_store(db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", SILENT, str(db), str(tmp_path / "nobody-listens")],
        env={**os.environ, "PYTHONPATH": ROOT},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "holding"
        assert app.run(Options(db=str(db)), app_paths) == EXIT_REFUSED
    finally:
        holder.communicate("")
    assert len(seen) == 1
    shown = seen[0][1]
    assert shown.startswith(f"RunnerUp is already running on {db} (process {holder.pid})")
    assert "does not answer" in shown


def test_the_server_name_depends_on_the_person_and_the_database() -> None:
    one = server_name(Path("/data/a.sqlite3"), "ana")
    assert one == server_name(Path("/data/a.sqlite3"), "ana")
    assert one != server_name(Path("/data/b.sqlite3"), "ana")
    assert one != server_name(Path("/data/a.sqlite3"), "rui")
    assert one.startswith("runnerup-") and len(one) < 40


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="socket files are a Unix matter")
def test_a_second_launch_with_another_tmpdir_raises_the_first_and_exits_0(
    tmp_path: Path,
) -> None:
    db = tmp_path / "mine.sqlite3"
    open_store(db).close()
    home = tmp_path / "home"
    first_tmp, second_tmp = tmp_path / "tmp-first", tmp_path / "tmp-second"
    first_tmp.mkdir()
    second_tmp.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RUNNERUP_HOME": str(home)}
    for name in ("RUNNERUP_DB", "DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    stale_socket(first_tmp / server_name(db.resolve()))  # left by a crash
    log = home / "logs" / "runnerup.log"
    with (tmp_path / "first.err").open("wb") as errors:
        first = subprocess.Popen(
            [*runnerup_command(), "--db", str(db)],
            env={**env, "TMPDIR": str(first_tmp)},
            stdout=subprocess.DEVNULL,
            stderr=errors,
            start_new_session=True,
        )
    try:
        wait_for(
            lambda: log.exists() and "single instance: listening" in log.read_text(),
            30,
            "the first instance to listen",
        )
        assert "removing a stale single-instance socket" in log.read_text()
        started = time.monotonic()
        second = subprocess.run(
            [*runnerup_command(), "--db", str(db), "--follow-up", "1"],
            env={**env, "TMPDIR": str(second_tmp)},
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert second.returncode == 0, second.stderr
        assert time.monotonic() - started < 15
        wait_for(lambda: "raised by a second launch" in log.read_text(), 10, "the raise")
        assert "showing follow-up 1" in log.read_text()
        assert first.poll() is None  # the first keeps running
    finally:
        os.killpg(first.pid, signal.SIGTERM)
        first.wait(10)


@pytest.mark.skipif(sys.platform == "win32", reason="socket files are a Unix matter")
def test_a_later_launch_hands_over_even_while_the_first_one_writes(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from tests.faults import program_env, write_lock_held

    db = tmp_path / "busy.sqlite3"
    open_store(db).close()
    first = SingleInstance(db)
    assert first.claim([]) is Claim.FIRST
    try:
        with write_lock_held(db), qtbot.waitSignal(first.arrived, timeout=30_000) as arrived:
            later = subprocess.Popen(
                [*runnerup_command(), "--db", str(db), "--follow-up", "3"],
                env=program_env(tmp_path / "home"),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        _, errors = later.communicate(timeout=30)
        assert later.returncode == 0, errors
        assert arrived.args[0][-2:] == ["--follow-up", "3"]
    finally:
        first.close()
