"""``runnerup watch`` against a board on loopback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from runnerup_desktop.cli.main import main
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.directory_services import DirectoryServices
from tests.watch.board_server import BoardServer, listing
from tests.watch.conftest import Story

PATH = "/v1/boards/northwind/jobs"


@pytest.fixture
def db(store: Store, story: Story, board_server: BoardServer) -> str:
    board_server.serve_json(PATH, listing("greenhouse"))
    return str(store.path)


def test_json_lists_each_finding_with_the_documented_keys(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = "northwind ANALYTICS=https://boards.greenhouse.io/northwind"
    assert main(["watch", "--db", db, "--board", spec, "--json"]) == 0
    [finding] = json.loads(capsys.readouterr().out)
    assert finding == {
        "company": "Northwind Analytics",
        "title": "Engineering Manager - Data Platform",
        "url": "https://job-boards.greenhouse.io/northwind/jobs/4012001",
        "kind": "reposted",
        "reason": finding["reason"],
    }
    assert finding["reason"].startswith(
        "“Engineering Manager - Data Platform” reads as the role you came second for"
    )
    # --board keeps the watch on; the next run has nothing new
    assert main(["watch", "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_text_says_what_was_found_and_why(
    db: str, story: Story, capsys: pytest.CaptureFixture[str]
) -> None:
    board = f"{story.company_id}=jobs-boards-typo.greenhouse.io/northwind"
    assert main(["watch", "--db", db, "--board", board]) == 2  # not a board: refused
    assert "is none of them" in capsys.readouterr().err
    board = f"{story.company_id}=https://job-boards.greenhouse.io/northwind"
    assert main(["watch", "--db", db, "--board", board]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Northwind Analytics: Engineering Manager - Data Platform (reposted)\n")
    assert "  https://job-boards.greenhouse.io/northwind/jobs/4012001\n" in out
    assert (
        "  Northwind Analytics posted Engineering Manager - Data Platform again, 47 days after "
        "the offer went to someone else, inside the 90-day window.\n"
    ) in out
    assert (
        "  why: “Engineering Manager - Data Platform” reads as the role you came second for" in out
    )
    assert main(["watch", "--db", db]) == 0
    assert capsys.readouterr().out == "Checked 1 board: nothing new.\n"


@pytest.mark.parametrize(
    ("spec", "sentence"),
    [
        ("Nobody=https://boards.greenhouse.io/x", "There is no company called “Nobody”."),
        ("999=https://boards.greenhouse.io/x", "There is no company 999."),
        ("Northwind Analytics", '--board takes "COMPANY=CAREERS_URL", not “Northwind Analytics”.'),
        ("Twin=https://boards.greenhouse.io/x", "2 companies are called “Twin” (ids"),
    ],
)
def test_refusals_exit_2_with_a_sentence(
    db: str, store: Store, spec: str, sentence: str, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = DirectoryServices(store.sessions)
    directory.add_company({"name": "Twin"})
    directory.add_company({"name": "twin"})
    assert main(["watch", "--db", db, "--board", spec]) == 2
    assert sentence in capsys.readouterr().err


def test_a_board_that_fails_is_a_line_on_stderr_and_exit_0(
    db: str, board_server: BoardServer, capsys: pytest.CaptureFixture[str]
) -> None:
    board_server.serve(PATH, status=503)
    code = main(
        ["watch", "--db", db, "--board", "Northwind Analytics=boards.greenhouse.io/northwind"]
    )
    assert code == 0
    captured = capsys.readouterr()
    assert captured.err.startswith(
        "runnerup: Northwind Analytics: 127.0.0.1 had a problem of its own"
    )
    assert captured.out == "Checked 1 board: nothing new.\n"


def test_nothing_watched_says_how_to_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["watch", "--db", str(tmp_path / "empty.sqlite3")]) == 0
    assert capsys.readouterr().out.startswith("No job board is watched.")


def test_the_installed_command_runs_it(db: str) -> None:
    """The real entry point, in its own process, with the API root from the environment."""
    done = subprocess.run(
        [sys.executable, "-m", "runnerup_desktop", "watch", "--db", db, "--json"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []  # no board watched yet in this file
