"""Backups: what a backup file is, which ones rotation keeps over a year, and a backup
taken while another process writes."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from runnerup_desktop.store.backups import (
    AUTO,
    BEFORE_RESTORE,
    BEFORE_UPGRADE,
    MANUAL,
    PARTIAL,
    Backup,
    BackupFailed,
    BackupRefused,
    Retention,
    automatic_due,
    list_backups,
    parse_backup,
    rotate,
    summarize,
    take_automatic,
    take_backup,
    to_delete,
)
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.directory_services import DirectoryServices


class Clock:
    """An injected clock the test moves."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now


def integrity(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def test_a_backup_is_a_private_standalone_copy_named_for_its_database(
    store: Store, services: DirectoryServices
) -> None:
    services.add_company({"name": "Ångström Labs"})
    clock = Clock(dt.datetime(2026, 3, 1, 9, 30, 15))
    backup = take_backup(store.path, clock=clock)
    assert backup.path.parent == store.path.parent / "backups"
    assert backup.path.name.startswith("runnerup-manual-20260301-093015-")
    assert backup.path.suffix == ".sqlite3"
    assert stat.S_IMODE(backup.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup.path.parent.stat().st_mode) == 0o700
    assert integrity(backup.path) == "ok"
    assert backup.path.read_bytes()[18:20] == b"\x01\x01"  # a rollback journal, not WAL
    assert summarize(backup.path) is not None
    assert summarize(backup.path).companies == 1  # type: ignore[union-attr]
    assert list_backups(store.path) == [backup]
    assert not [p for p in backup.path.parent.iterdir() if p.name.endswith(PARTIAL)]


def test_two_backups_in_the_same_second_do_not_collide(store: Store) -> None:
    clock = Clock(dt.datetime(2026, 3, 1, 9, 30))
    first = take_backup(store.path, clock=clock)
    second = take_backup(store.path, clock=clock)
    assert first.path != second.path
    assert len(list_backups(store.path)) == 2


def test_what_cannot_be_backed_up_is_refused(tmp_path: Path, store: Store) -> None:
    with pytest.raises(BackupRefused, match="There is no database at"):
        take_backup(tmp_path / "missing.sqlite3")
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE t(x)").connection.close()
    with pytest.raises(BackupRefused, match="is not a RunnerUp database"):
        take_backup(other)
    taken = tmp_path / "taken.sqlite3"
    taken.write_text("mine")
    with pytest.raises(BackupRefused, match="already exists; choose a new file name"):
        take_backup(store.path, to=taken)
    assert taken.read_text() == "mine"


def test_a_backup_that_cannot_be_written_fails_and_leaves_nothing(
    tmp_path: Path, store: Store
) -> None:
    """(A folder that is a file: root may write anywhere, but not there.)"""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file")
    with pytest.raises(
        BackupFailed, match=r"could not write the backup .*: .*not-a-folder is a file\.$"
    ):
        take_backup(store.path, to=blocker / "b.sqlite3")
    assert blocker.read_text() == "a file"
    assert not list(tmp_path.rglob("*.partial")) and not list(tmp_path.rglob("b.sqlite3"))


def test_names_of_every_kind_are_recognised_and_others_ignored(tmp_path: Path) -> None:
    db = tmp_path / "runnerup.sqlite3"
    folder = tmp_path / "backups"
    names = {
        "runnerup-auto-20260301-093000-ab12.sqlite3": AUTO,
        "runnerup-manual-20260301-093000-ab12.sqlite3": MANUAL,
        "runnerup-before-restore-20260301-093000-ab12.sqlite3": BEFORE_RESTORE,
        "runnerup-schema-0003-20260301-093000.sqlite3": BEFORE_UPGRADE,
        "runnerup-schema-0003-20260301-093000-1.sqlite3": BEFORE_UPGRADE,
        "runnerup-schema-0003-20260301-093000-123456.sqlite3": BEFORE_UPGRADE,
    }
    for name, kind in names.items():
        backup = parse_backup(db, folder / name)
        assert backup is not None and backup.kind == kind, name
        assert backup.taken_at == dt.datetime(2026, 3, 1, 9, 30)
    for name in (
        "work-auto-20260301-093000-ab12.sqlite3",  # another database's
        "runnerup-work-auto-20260301-093000-ab12.sqlite3",
        "runnerup-auto-20260301-093000-ab12.sqlite3-wal",
        ".runnerup-auto-20260301-093000-ab12.sqlite3.1a2b.partial",
        "runnerup-auto-2026-ab12.sqlite3",
        "notes.txt",
    ):
        assert parse_backup(db, folder / name) is None, name


def test_rotation_over_a_simulated_year_keeps_7_daily_4_weekly_6_monthly(
    store: Store,
) -> None:
    """A person who runs RunnerUp most days, sometimes twice, with a two-week holiday;
    manual backups and a pre-upgrade copy along the way. Every automatic backup is taken
    and rotated as the app does it; at the end, exactly the newest of each of the last 7
    days, 4 weeks and 6 months remain, and nothing else was ever deleted."""
    clock = Clock(dt.datetime(2026, 1, 1, 9, 0))
    keep = Retention()
    never_rotated: list[Backup] = []
    taken: list[Backup] = []
    day = dt.date(2026, 1, 1)
    holiday = (dt.date(2026, 8, 3), dt.date(2026, 8, 16))
    while day <= dt.date(2026, 12, 31):
        if not holiday[0] <= day <= holiday[1] and day.weekday() != 6:  # no Sundays
            for hour in (9, 18) if day.day % 5 == 0 else (9,):
                clock.now = dt.datetime.combine(day, dt.time(hour, 0))
                if hour == 9:
                    assert automatic_due(store.path, clock.now)
                taken.append(take_automatic(store.path, keep, clock))
                assert not automatic_due(store.path, clock.now)
            if day.day == 1:
                never_rotated.append(take_backup(store.path, kind=MANUAL, clock=clock))
        day += dt.timedelta(days=1)
    upgrade = store.path.parent / "backups" / "runnerup-schema-0003-20260115-080000.sqlite3"
    upgrade.write_bytes(never_rotated[0].path.read_bytes())
    rotate(store.path, keep, clock)

    remaining = list_backups(store.path)
    autos = [backup.taken_at for backup in remaining if backup.kind == AUTO]
    expected_days = [
        dt.datetime(2026, 12, d, 18 if d % 5 == 0 else 9) for d in (31, 30, 29, 28, 26, 25, 24)
    ]
    expected_weeks = [dt.datetime(2026, 12, 19, 9), dt.datetime(2026, 12, 12, 9)]
    expected_months = [
        dt.datetime(2026, 11, 30, 18),
        dt.datetime(2026, 10, 31, 9),
        dt.datetime(2026, 9, 30, 18),
        dt.datetime(2026, 8, 31, 9),
        dt.datetime(2026, 7, 31, 9),
    ]
    assert autos == expected_days + expected_weeks + expected_months
    kinds = sorted(backup.kind for backup in remaining if backup.kind != AUTO)
    # The 1st of each month but three Sundays (February, March, November).
    assert kinds == [BEFORE_UPGRADE] + [MANUAL] * 9
    assert {backup.path for backup in never_rotated} <= {backup.path for backup in remaining}
    assert len(taken) > 300


def test_rotation_by_the_book() -> None:
    """The rule on a small case: newest per day, then per ISO week, then per month."""

    def auto(moment: str) -> Backup:
        return Backup(Path(f"/b/{moment}"), AUTO, dt.datetime.fromisoformat(moment))

    backups = [
        auto("2026-05-20T09:00"),
        auto("2026-05-20T18:00"),  # the day's newest
        auto("2026-05-19T09:00"),
        auto("2026-05-11T09:00"),  # the week before
        auto("2026-04-02T09:00"),
        auto("2026-04-30T09:00"),  # April's newest
        auto("2026-03-31T09:00"),
        Backup(Path("/b/manual"), MANUAL, dt.datetime(2020, 1, 1)),
    ]
    deleted = to_delete(backups, Retention(daily=1, weekly=2, monthly=3))
    assert sorted(backup.path.name for backup in deleted) == [
        "2026-04-02T09:00",
        "2026-05-19T09:00",
        "2026-05-20T09:00",
    ]
    everything = to_delete(backups, Retention(0, 0, 0))
    assert {backup.path for backup in everything} == {b.path for b in backups if b.rotated}


def test_a_partial_file_left_by_a_crash_goes_after_a_day(store: Store) -> None:
    folder = store.path.parent / "backups"
    folder.mkdir()
    stale = folder / ".runnerup-auto-20260301-093000-ab12.sqlite3.0000.partial"
    fresh = folder / ".runnerup-auto-20260302-093000-ab12.sqlite3.0001.partial"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    old = time.time() - 2 * 86400
    os.utime(stale, (old, old))
    rotate(store.path, Retention(), lambda: dt.datetime.now())
    assert not stale.exists() and fresh.exists()
    assert list_backups(store.path) == []


WRITER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("PRAGMA synchronous=OFF")
number = 0
deadline = time.monotonic() + float(sys.argv[2])
while time.monotonic() < deadline:
    number += 1
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO company (name, name_key, search_key, industry, location, website, "
                 "status, notes, open_opportunities, created_at, updated_at) VALUES "
                 "(?, ?, '', '', '', '', 'target', ?, 0, '2026-01-01', '2026-01-01')",
                 (f"Company {number}", f"company {number}", "x" * 2000))
    conn.execute("COMMIT")
    print(number, flush=True)
"""


def test_a_backup_while_another_process_writes_holds_every_row_committed_before_it(
    store: Store, tmp_path: Path
) -> None:
    store.close()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(store.path), "60"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    try:
        results = []
        for _round in range(5):
            # Let it commit some rows; the last number it printed was committed.
            committed = 0
            for _ in range(200):
                committed = int(writer.stdout.readline())
            backup = take_backup(store.path, to=tmp_path / f"during-{_round}.sqlite3")
            results.append((committed, backup))
    finally:
        writer.terminate()
        writer.wait(timeout=30)
        writer.stdout.close()
    for committed, backup in results:
        assert integrity(backup.path) == "ok"
        conn = sqlite3.connect(backup.path)
        count, top = conn.execute("SELECT count(*), max(id) FROM company").fetchone()
        names = {name for (name,) in conn.execute("SELECT name FROM company")}
        conn.close()
        assert count >= committed and top == count
        assert {f"Company {n}" for n in range(1, committed + 1)} <= names
    # ...and it was written to meanwhile: the backups are snapshots of different moments.
    assert len({summarize(backup.path).companies for _, backup in results}) > 1  # type: ignore[union-attr]
