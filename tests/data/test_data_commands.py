"""``runnerup backup``, ``restore``, ``export`` and ``import``, as a script runs them:
what they print, and exit 0, 2 (a refusal, the database untouched) or 1 (cannot write)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from runnerup_desktop.cli.main import main
from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.directory_services import DirectoryServices

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "mine.sqlite3"
    store = open_store(path)
    services = DirectoryServices(store.sessions)
    company, _ = services.add_company({"name": "Ação Analytics", "notes": "שלום 🎉"})
    services.add_contact({"company_id": company, "name": "Zoë Müller"})
    store.close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_backup_then_restore_prints_where_the_current_file_went_first(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "backup", "--db", str(db))
    assert (code, err) == (0, "")
    backup = next((db.parent / "backups").iterdir())
    assert out == f"Backed up {db} to {backup} (1 company, 1 contact, 0 follow-ups).\n"

    code, out, err = run(capsys, "restore", str(backup), "--db", str(db))
    assert (code, err) == (0, "")
    first, second, third = out.splitlines()
    saved = first.removeprefix("Saved the current database as ")
    assert Path(saved).is_file() and "-before-restore-" in saved
    assert second == f"Restored {db} from {backup}: 1 company, 1 contact, 0 follow-ups."
    assert third == f"To take it back: runnerup restore {saved} --db {db}"


def test_backup_refusals_and_failures(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    taken = tmp_path / "taken.sqlite3"
    taken.write_text("x")
    assert run(capsys, "backup", "--db", str(db), "--to", str(taken)) == (
        2,
        "",
        f"runnerup: {taken} already exists; choose a new file name.\n",
    )
    missing = tmp_path / "nothing.sqlite3"
    assert run(capsys, "backup", "--db", str(missing))[0] == 2
    assert not missing.exists()
    code, _out, err = run(capsys, "backup", "--db", str(db), "--to", str(taken / "b.sqlite3"))
    assert code == 1 and err.startswith("runnerup: RunnerUp could not write the backup")
    code, _out, err = run(capsys, "--demo", "backup")
    assert code == 2 and "--demo is for agenda, plan and export" in err


def test_restore_refuses_a_newer_backup_and_leaves_the_database(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    newer = tmp_path / "newer.sqlite3"
    assert run(capsys, "backup", "--db", str(db), "--to", str(newer))[0] == 0
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.commit()
    conn.close()
    before = digest(db)
    code, out, err = run(capsys, "restore", str(newer), "--db", str(db))
    assert (code, out) == (2, "")
    assert err == (
        f"runnerup: {newer} was saved by a newer version of RunnerUp (schema 0099). "
        "Update RunnerUp to restore it; this version left it untouched.\n"
    )
    assert digest(db) == before


def test_export_json_to_a_file_and_to_standard_output(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "all.json"
    code, out, err = run(capsys, "export", str(out_file), "--db", str(db))
    assert (code, err) == (0, "")
    assert out == f"Exported 1 company, 1 contact as JSON to {out_file}.\n"
    document = json.loads(out_file.read_text("utf-8"))
    assert document["tables"]["company"][0]["notes"] == "שלום 🎉"
    assert "שלום 🎉" in out_file.read_text("utf-8")  # written as it is, not escaped
    assert out_file.stat().st_mode & 0o077 == 0

    code, out, err = run(capsys, "export", "-", "--db", str(db))
    assert code == 0 and err.endswith(" as JSON to standard output.\n")
    assert json.loads(out)["tables"] == document["tables"]


def test_export_csv_writes_a_folder_a_spreadsheet_reads(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "sheets"
    code, out, _err = run(capsys, "export", str(folder), "--db", str(db))
    assert code == 0 and out.endswith(f" as CSV files to {folder}.\n")
    names = sorted(path.name for path in folder.iterdir())
    assert "company.csv" in names and "contact.csv" in names and "follow_up.csv" in names
    raw = (folder / "company.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # so that spreadsheets read it as UTF-8
    with (folder / "company.csv").open(encoding="utf-8-sig", newline="") as sheet:
        rows = list(csv.DictReader(sheet))
    assert rows[0]["name"] == "Ação Analytics" and rows[0]["notes"] == "שלום 🎉"
    assert rows[0]["last_touch_on"] == ""
    assert "name_key" not in rows[0]  # derived columns stay out


def test_export_refusals(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "export", str(tmp_path / "x.txt"), "--db", str(db))[0] == 2
    code, _out, err = run(capsys, "export", "-", "--format", "csv", "--db", str(db))
    assert code == 2 and "cannot go to standard output" in err
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _out, err = run(capsys, "export", str(blocker / "all.json"), "--db", str(db))
    assert code == 1 and err.startswith(f"runnerup: cannot write {blocker / 'all.json'}:")
    assert blocker.read_text() == "x"


def test_export_the_demo_and_import_it_with_json_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "demo.json"
    assert run(capsys, "export", str(exported), "--demo")[0] == 0
    target = tmp_path / "copy.sqlite3"
    code, out, err = run(
        capsys, "import", str(exported), "--db", str(target), "--dry-run", "--json"
    )
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["dry_run"] is True and report["added"]["company"] == 3
    assert report["format"] == "runnerup-export" and report["format_version"] == 1
    assert report["total"] == sum(report["added"].values())

    code, out, err = run(capsys, "import", str(exported), "--db", str(target))
    assert (code, err) == (0, "")
    assert out == (
        "Imported 3 companies, 6 contacts, 2 opportunities, 2 feedback items, 10 follow-ups, "
        f"4 interactions from {exported} into {target}.\n"
    )

    before = digest(target)
    code, out, err = run(capsys, "import", str(exported), "--db", str(target), "--json")
    assert (code, out) == (2, "")
    assert err == (
        "runnerup: This database already holds data, so RunnerUp will not import a full "
        "export into it; import it into a new, empty database instead.\n"
    )
    assert digest(target) == before


def test_import_from_standard_input(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, exported, _err = run(capsys, "export", "-", "--db", str(db))
    assert code == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO(exported))
    target = tmp_path / "from-stdin.sqlite3"
    code, out, _err = run(capsys, "import", "-", "--db", str(target))
    assert code == 0 and out.startswith("Imported 1 company, ")
    assert " from standard input into " in out


def test_help_readme_and_man_page_name_every_data_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "runnerup_desktop", "--help"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    readme = (ROOT / "README.md").read_text("utf-8")
    manual = (ROOT / "installers" / "linux" / "runnerup.1").read_text("utf-8")
    for command in ("backup", "restore", "export", "import"):
        assert f"    {command} " in done.stdout, command
        assert f"runnerup {command} " in readme, command
        assert f".B runnerup {command}" in manual or f"B {command}" in manual, command
    assert "runnerup export OUT [--db PATH] [--demo] [--format json|csv|ics|vcard]" in readme
    assert "docs/export-format.md" in readme
    sub = subprocess.run(
        [sys.executable, "-m", "runnerup_desktop", "import", "--help"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert "--dry-run" in sub.stdout and "--json" in sub.stdout
