"""One RunnerUp per database: a second launch raises the first and exits 0."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from runnerup_desktop.store.database import open_store
from runnerup_desktop.ui.shell.single_instance import Claim, SingleInstance, server_name

#: A later launch, reduced to the hand-over (a process of its own, as in real life).
HAND_OVER = """
import sys
from PySide6.QtCore import QCoreApplication
from runnerup_desktop.ui.shell.single_instance import SingleInstance
app = QCoreApplication([])
print(SingleInstance(sys.argv[1]).hand_over(sys.argv[2:]))
"""


def runnerup_command() -> list[str]:
    script = Path(sys.executable).with_name("runnerup")
    return [str(script)] if script.exists() else [sys.executable, "-m", "runnerup_desktop"]


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
def test_a_stale_socket_is_removed_and_a_later_launch_hands_over(
    qtbot: QtBot, tmp_path: Path
) -> None:
    name = str(tmp_path / "runnerup-test")
    stale_socket(Path(name))
    first = SingleInstance(name)
    assert first.claim(["--background"]) is Claim.FIRST
    later = [sys.executable, "-c", HAND_OVER, name, "--follow-up", "5"]
    with qtbot.waitSignal(first.arrived, timeout=10_000) as arrived:
        handing = subprocess.Popen(later, stdout=subprocess.PIPE, text=True)
    out, _ = handing.communicate(timeout=10)
    assert arrived.args == [["--follow-up", "5"]]
    assert out.strip() == "Claim.HANDED_OVER"
    first.close()
    assert SingleInstance(name).hand_over([]) is None  # nobody listens any more


def test_the_name_depends_on_the_person_and_the_database() -> None:
    one = server_name(Path("/data/a.sqlite3"), "ana")
    assert one == server_name(Path("/data/a.sqlite3"), "ana")
    assert one != server_name(Path("/data/b.sqlite3"), "ana")
    assert one != server_name(Path("/data/a.sqlite3"), "rui")
    assert one.startswith("runnerup-") and len(one) < 40


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="socket files are a Unix matter")
def test_a_second_launch_raises_the_first_and_exits_0(tmp_path: Path) -> None:
    db = tmp_path / "mine.sqlite3"
    open_store(db).close()
    home = tmp_path / "home"
    sockets = tmp_path / "sockets"  # QLocalServer puts its socket in $TMPDIR
    sockets.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RUNNERUP_HOME": str(home)}
    env["TMPDIR"] = str(sockets)
    for name in ("RUNNERUP_DB", "DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    stale_socket(sockets / server_name(db.resolve()))  # left by a crash
    log = home / "logs" / "runnerup.log"
    with (tmp_path / "first.err").open("wb") as errors:
        first = subprocess.Popen(
            [*runnerup_command(), "--db", str(db)],
            env=env,
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
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert second.returncode == 0, second.stderr
        assert time.monotonic() - started < 15
        wait_for(lambda: "raised by a second launch" in log.read_text(), 10, "the raise")
        assert "raised by a second launch (--db" in log.read_text()
        assert "showing follow-up 1" in log.read_text()
        assert first.poll() is None  # the first keeps running
    finally:
        os.killpg(first.pid, signal.SIGTERM)
        first.wait(10)
