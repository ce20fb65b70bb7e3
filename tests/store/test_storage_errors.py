"""SQLite's known failures reach every service as a StorageError with a sentence, and lose
nothing: one test per kind, each with the real fault (a full or read-only file system, a
second process holding the lock, a damaged page, a disk whose writes fail)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from runnerup_desktop.store import engine as engine_module
from runnerup_desktop.store.change import ServiceError, StorageError
from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.errors import Kind
from runnerup_desktop.store.models import Company
from tests.faults import build_eio_shim, fill, flip, page_size, pages_of, remount, tmpfs
from tests.sqlite_files import connected


def names(store_path: Path) -> list[str]:
    store = open_store(store_path)
    try:
        with store.sessions() as session:
            return sorted(c.name for c in session.query(Company))
    finally:
        store.close()


def test_a_full_disk_refuses_the_change_and_keeps_what_was_saved(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "small", "2m") as folder:
        store = open_store(folder / "full.sqlite3")
        services = DirectoryServices(store.sessions)
        services.add_company({"name": "Acme"})
        filler = fill(folder)
        with pytest.raises(StorageError) as refused:
            for number in range(50):  # the WAL grows until the disk has no room for it
                services.add_company({"name": f"Big {number}", "notes": "x" * 9000})
        assert refused.value.kind == Kind.FULL.value
        assert str(refused.value).startswith(f"The disk that holds {folder / 'full.sqlite3'}")
        assert "is full, so this change was not saved" in str(refused.value)
        assert isinstance(refused.value, ServiceError)  # shown like any refusal
        filler.unlink()
        services.add_company({"name": "After"})  # space again: saving goes on
        store.close()
        saved = names(folder / "full.sqlite3")
        assert "Acme" in saved and "After" in saved


def test_a_file_system_turned_read_only_refuses_the_change(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", "8m") as folder:
        store = open_store(folder / "ro.sqlite3")
        services = DirectoryServices(store.sessions)
        services.add_company({"name": "Acme"})
        store.engine.dispose()  # no file open for writing: the remount is allowed
        remount(folder, "ro")
        try:
            with pytest.raises(StorageError) as refused:
                services.add_company({"name": "Nope"})
            assert refused.value.kind == Kind.READ_ONLY.value
            assert "has become read-only, so this change was not saved" in str(refused.value)
            store.close()
        finally:
            remount(folder, "rw")
        assert names(folder / "ro.sqlite3") == ["Acme"]


HOLD_THE_LOCK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO company (name, name_key, search_key, industry, location, website,"
             " status, notes, open_opportunities, created_at, updated_at) VALUES"
             " ('Other', 'other', '', '', '', '', 'target', '', 0, '2026-01-01', '2026-01-01')")
print("holding", flush=True)
sys.stdin.read()
conn.execute("ROLLBACK")
"""


def test_a_lock_held_by_another_program_refuses_after_the_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_S", 0.3)
    path = tmp_path / "busy.sqlite3"
    store = open_store(path)
    services = DirectoryServices(store.sessions)
    services.add_company({"name": "Acme"})
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(StorageError) as refused:
            services.add_company({"name": "Mine"})
        assert refused.value.kind == Kind.LOCKED.value
        assert "another program (or another RunnerUp) is writing to it" in str(refused.value)
    finally:
        holder.communicate("")
    services.add_company({"name": "Mine"})  # the other program let go: saving goes on
    store.close()
    assert names(path) == ["Acme", "Mine"]


def test_a_damaged_page_refuses_and_stops_every_later_write(tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite3"
    backups = tmp_path / "backups"
    backups.mkdir()
    (backups / "damaged-before.sqlite3").write_bytes(b"a copy")
    store = open_store(path)
    services = DirectoryServices(store.sessions)
    company, _ = services.add_company({"name": "Acme"})
    store.close()  # checkpointed: every page is in the file itself
    page = pages_of(path, "company")[0]
    flip(path, (page - 1) * page_size(path))  # the page's header: its kind, its cells
    store = open_store(path)
    services = DirectoryServices(store.sessions)
    with pytest.raises(StorageError) as refused:
        services.add_company({"name": "More"})
    assert refused.value.kind == Kind.DAMAGED.value
    sentence = str(refused.value)
    assert "is damaged, so RunnerUp stopped saving to it" in sentence
    assert f"Your newest backup is {backups / 'damaged-before.sqlite3'}" in sentence
    # Writing has stopped for good, whatever is written next, with the same sentence.
    with pytest.raises(StorageError) as again:
        services.add_contact({"company_id": company, "name": "Ana"})
    assert str(again.value) == sentence
    store.close()


SAVE_WHILE_THE_DISK_FAILS = """
import json, sys
from pathlib import Path
from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.change import StorageError

path, flag = Path(sys.argv[1]), Path(sys.argv[2])
store = open_store(path)
services = DirectoryServices(store.sessions)
services.add_company({"name": "Acme"})
flag.touch()
try:
    services.add_company({"name": "Lost"})
    refused = None
except StorageError as exc:
    refused = {"kind": exc.kind, "text": str(exc)}
flag.unlink()
services.add_company({"name": "After"})
store.close()
print(json.dumps(refused))
"""


def test_an_io_error_of_the_disk_refuses_the_change(tmp_path: Path) -> None:
    shim = build_eio_shim(tmp_path)
    path = tmp_path / "eio.sqlite3"
    env = {
        **os.environ,
        "LD_PRELOAD": str(shim),
        "FAULT_EIO_FLAG": str(tmp_path / "failing"),
        "FAULT_EIO_SUFFIX": "eio.sqlite3-wal",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    script = textwrap.dedent(SAVE_WHILE_THE_DISK_FAILS)
    done = subprocess.run(
        [sys.executable, "-c", script, str(path), str(tmp_path / "failing")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    refused = json.loads(done.stdout)
    assert refused is not None, "the failing write was reported saved"
    assert refused["kind"] == Kind.IO.value
    assert "The disk reported an error while RunnerUp was using" in refused["text"]
    assert names(path) == ["Acme", "After"]


def test_a_stored_date_that_is_not_a_date_is_damage(tmp_path: Path) -> None:
    path = tmp_path / "odd.sqlite3"
    store = open_store(path)
    services = DirectoryServices(store.sessions)
    company, _ = services.add_company({"name": "Acme"})
    with connected(path) as conn:  # what a few changed bytes in a row can leave
        conn.execute("UPDATE company SET last_touch_on = '2025-1?-0Z'")
    conn.close()
    with pytest.raises(StorageError) as refused, store.sessions() as session:
        session.get(Company, company)
    assert refused.value.kind == Kind.DAMAGED.value
    assert "is damaged, so RunnerUp stopped saving to it" in str(refused.value)
    with pytest.raises(StorageError, match="is damaged"):  # and writing has stopped
        services.add_company({"name": "More"})
    store.close()
