"""``runnerup plan OUT.pdf``: headless, without a display, as a script would run it."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from runnerup_desktop.cli.main import main
from runnerup_desktop.system.paths import HOME_ENV

#: Each run starts Python and Qt: a generous bound that still catches a hang.
TIMEOUT_S = 60


def run_plan(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "RUNNERUP_DB"}
    }
    env[HOME_ENV] = str(tmp_path / "home")
    return subprocess.run(
        [sys.executable, "-m", "runnerup_desktop", "plan", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )


def test_the_demo_plan_is_written_as_one_page_without_a_display(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    done = run_plan(tmp_path, str(out), "--demo", "--paper", "letter")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.startswith(f"{out}: Northwind Analytics, Engineering Manager")
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert len(reader.pages) == 1
    assert float(reader.pages[0].mediabox.width) == 612  # Letter, as asked
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Interview plan · Northwind Analytics" in text
    assert "Has not managed a team larger than eight" in text
    assert "Łukasz Wróbel" in text


def test_no_such_opportunity_and_a_refused_store_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In-process: these refusals come before Qt is loaded."""
    out = tmp_path / "plan.pdf"
    assert main(["plan", str(out), "--demo", "--opportunity", "999"]) == 2
    assert capsys.readouterr().err == "runnerup: there is no opportunity 999.\n"
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("not a database\n")
    assert main(["plan", str(out), "--db", str(not_a_db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("runnerup: ") and err.count("\n") == 1
    empty = tmp_path / "empty.sqlite3"
    assert main(["plan", str(out), "--db", str(empty)]) == 2
    assert capsys.readouterr().err == (
        "runnerup: there is no open opportunity to plan an interview for.\n"
    )
    assert not out.exists()


def test_paper_names_are_checked(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["plan", "out.pdf", "--paper", "A3"])
    assert exited.value.code == 2
    assert "choose A4 or Letter" in capsys.readouterr().err
