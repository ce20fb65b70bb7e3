"""``runnerup sync``: as a script runs it, with each exit status."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from runnerup_desktop.cli.launch import DEMO_PREFIX
from runnerup_desktop.cli.main import main
from runnerup_desktop.system.paths import HOME_ENV
from tests.sync.dav_servers import PASSWORD, DavServer


def run(monkeypatch: pytest.MonkeyPatch, *args: str, stdin: str = "") -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(["sync", *args])


def test_a_script_syncs_the_demo_story_as_json(tmp_path: Path, radicale: DavServer) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "RUNNERUP_DB"}}
    env[HOME_ENV] = str(tmp_path / "home")
    temp = tmp_path / "tmp"  # where the demo makes its folder
    temp.mkdir()
    env["TMPDIR"] = str(temp)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "runnerup_desktop",
            "sync",
            "--demo",
            "--url",
            radicale.url,
            "--user",
            "ana",
            "--password-stdin",
            "--json",
        ],
        input=PASSWORD + "\nnot read\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["ok"] and result["server"] == "127.0.0.1"
    assert len(result["sent"]) == 14
    assert {e["kind"] for e in result["sent"]} == {"follow-up", "contact"}
    assert PASSWORD not in done.stdout + done.stderr
    assert list(temp.glob(f"{DEMO_PREFIX}*")) == []  # the demo's folder went with it


def test_exit_statuses(
    tmp_path: Path,
    radicale: DavServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    memory_vault: Any,
) -> None:
    db = str(tmp_path / "mine.sqlite3")
    assert run(monkeypatch, "--demo") == 2
    assert "--demo syncs a demo story: give the server with --url" in capsys.readouterr().err

    assert run(monkeypatch, "--db", db) == 2
    assert capsys.readouterr().err.startswith(
        "runnerup: No sync account is set up for this database"
    )

    assert (
        run(
            monkeypatch,
            "--db",
            db,
            "--url",
            radicale.url,
            "--user",
            "ana",
            "--password-stdin",
            stdin=PASSWORD + "\n",
        )
        == 0
    )
    assert "Nothing to sync" in capsys.readouterr().out  # an empty database

    # The account was saved (not the password): from the keyring next time.
    assert memory_vault.get("ana", "127.0.0.1") is None
    assert run(monkeypatch, "--db", db) == 2
    captured = capsys.readouterr()
    assert "refused the user name or password" in captured.err
    memory_vault.store("ana", "127.0.0.1", PASSWORD)
    assert run(monkeypatch, "--db", db, "--json") == 0
    assert json.loads(capsys.readouterr().out)["requests"] == 2

    radicale.stop()
    assert run(monkeypatch, "--db", db) == 3
    assert "could not reach 127.0.0.1" in capsys.readouterr().out

    assert run(monkeypatch, "--db", db, "--ca-file", str(tmp_path / "none.pem")) == 2
    assert "cannot read the certificate authority file" in capsys.readouterr().err


def test_ssl_cert_file_trusts_the_test_authority(
    tmp_path: Path,
    radicale_tls: DavServer,
    ca_file: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = str(tmp_path / "mine.sqlite3")
    args = ("--db", db, "--url", radicale_tls.url, "--user", "ana", "--password-stdin")
    assert run(monkeypatch, *args, stdin=PASSWORD) == 2
    assert "trusted encrypted connection" in capsys.readouterr().err
    monkeypatch.setenv("SSL_CERT_FILE", ca_file)
    assert run(monkeypatch, *args, stdin=PASSWORD) == 0
