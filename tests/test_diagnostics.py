"""Crash reports and logs carry no personal data."""

from __future__ import annotations

import logging
import platform
import stat
from pathlib import Path

import pytest

from runnerup_desktop import __version__
from runnerup_desktop.system.diagnostics import (
    PrivateRotatingLog,
    crash_report,
    setup_logging,
    write_crash_log,
)
from runnerup_desktop.system.paths import AppPaths
from tests.faults import fill, tmpfs

#: What the scrubber of free text let through (issue 13), all in one message.
LEAKS = {
    "a URL without a scheme": "linkedin.com/in/zoe-muller-42",
    "a short phone number": "555 0142",
    "a path outside the home folder": "/srv/shared/Zoë Müller/cv.pdf",
    "an unquoted name": "Zoë Müller",
    "an unquoted note": "told me about the reorg",
    "a name with an apostrophe": "Seán O'Brien",
    "the second line of a message": "second line: hunter2",
    "an email address": "zoe.muller@northwind.example",
}


def crash_of(exc: BaseException) -> str:
    exc_type, value, tb = type(exc), exc, exc.__traceback__
    return crash_report(exc_type, value, tb)


def test_a_crash_report_holds_only_what_the_allow_list_names() -> None:
    from runnerup_desktop.core.domain import CompanyStatus
    from runnerup_desktop.store.column_types import StoredEnum

    message = (
        f"{LEAKS['an unquoted name']} ({LEAKS['a URL without a scheme']}, "
        f"{LEAKS['a short phone number']}) {LEAKS['an unquoted note']}; "
        f"{LEAKS['a name with an apostrophe']} {LEAKS['an email address']} "
        f"{LEAKS['a path outside the home folder']}\n{LEAKS['the second line of a message']}"
    )
    try:
        try:
            raise KeyError(message)
        except KeyError:
            # RunnerUp's own code raises (through the enum), quoting what it was given.
            StoredEnum(CompanyStatus).process_bind_param(message, None)
    except ValueError as exc:
        report = crash_of(exc)
    for what, text in LEAKS.items():
        assert text not in report, f"{what} leaked into the crash report"
    for word in ("Zoë", "Müller", "O'Brien", "reorg", "hunter2", "linkedin", "0142"):
        assert word not in report
    assert report.startswith(f"RunnerUp {__version__} hit an unexpected error at ")
    assert f"Python {platform.python_version()}" in report
    assert "Error: builtins.ValueError\n  from builtins.KeyError\n" in report
    assert "runnerup_desktop/store/column_types.py, line" in report
    assert "in process_bind_param" in report
    assert "  (1 frame in other code)\n  runnerup_desktop/" in report  # this test's frame
    assert "/tmp" not in report and str(Path.home()) not in report


def test_a_crash_report_names_qt_and_sqlite_codes_when_there_are_some() -> None:
    import sqlite3

    from PySide6.QtCore import qVersion

    try:
        sqlite3.connect(":memory:").execute("SELECT * FROM no_such_table_of_zoe")
    except sqlite3.OperationalError as exc:
        report = crash_of(exc)
    assert "Error: sqlite3.OperationalError (SQLITE_ERROR)" in report
    assert f"Qt {qVersion()}" in report
    assert "zoe" not in report


def test_the_crash_log_is_private_and_a_folder_it_cannot_use_is_no_crash(
    app_paths: AppPaths,
) -> None:
    path = write_crash_log(app_paths, "report")
    assert path is not None
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text() == "report\n"
    blocked = AppPaths.under(app_paths.log_dir / "crash.log")  # a file where a folder goes
    assert write_crash_log(blocked, "report") is None


def test_a_full_disk_under_the_log_never_raises_into_the_caller(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with tmpfs(tmp_path / "logs", "64k") as folder:
        handler = PrivateRotatingLog(folder / "runnerup.log", max_bytes=1_000_000)
        log = logging.getLogger("runnerup.test.full")
        log.addHandler(handler)
        log.propagate = False
        try:
            fill(folder)
            for number in range(2000):
                log.warning("line %d %s", number, "x" * 100)  # never raises
        finally:
            log.removeHandler(handler)
            handler.close()
    errors = capsys.readouterr().err
    assert errors.count("cannot write the log file") == 1
    assert "No space left on device" in errors


def test_a_log_folder_that_cannot_be_made_leaves_the_app_without_a_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "logs").write_text("a file where the folder goes")
    assert setup_logging(AppPaths.under(tmp_path / "home")) is None
    logging.getLogger("runnerup.test.nolog").warning("goes nowhere, raises nothing")
    assert "cannot write a log in" in capsys.readouterr().err


def test_log_file_is_private_and_rotating(app_paths: AppPaths) -> None:
    handler = setup_logging(app_paths)
    assert handler is not None
    try:
        logging.getLogger("runnerup.test").info("hello log")
        handler.flush()
        assert "hello log" in app_paths.log_file.read_text()
        assert stat.S_IMODE(app_paths.log_file.stat().st_mode) == 0o600
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()


def test_the_log_rotates_and_every_file_stays_private(tmp_path: Path) -> None:
    path = tmp_path / "runnerup.log"
    handler = PrivateRotatingLog(path, max_bytes=200, backups=2)
    log = logging.getLogger("runnerup.test.rotation")
    log.addHandler(handler)
    log.propagate = False
    try:
        for number in range(40):
            log.warning("line %02d %s", number, "x" * 20)
    finally:
        log.removeHandler(handler)
        handler.close()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["runnerup.log", "runnerup.log.1", "runnerup.log.2"]
    for name in files:
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600
        assert (tmp_path / name).stat().st_size <= 200 + 40
    assert "line 39" in path.read_text()
    assert "line 00" not in "".join((tmp_path / n).read_text() for n in files)


def test_settling_the_heap_collects_then_freezes_what_start_up_made() -> None:
    import gc
    import weakref

    from runnerup_desktop.ui.shell.startup import settle_heap

    class Cycle:
        def __init__(self) -> None:
            self.me = self

    garbage = Cycle()
    gone = weakref.ref(garbage)
    del garbage
    try:
        settle_heap()
        assert gc.get_freeze_count() > 0
        assert gone() is None  # the cycle was collected, not frozen for good
    finally:
        gc.unfreeze()


def test_logs_name_notices_and_later_launches_by_ids_and_options_only() -> None:
    from runnerup_desktop.core.reminders import Notice
    from runnerup_desktop.ui.tray.notifications import about

    one = Notice("Follow-up due: Call Zoë Müller", "zoe.muller@acme.example", (12,))
    digest = Notice("3 follow-ups due", "Zoë, Ana and Rui", (12, 13, 14))
    assert about(one) == "follow-up 12"
    assert about(digest) == "follow-ups 12, 13, 14"
    assert "Zoë" not in about(one) + about(digest)
