"""Crash reports and logs carry no personal data."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

from runnerup_desktop.system.diagnostics import crash_report, scrub, setup_logging, write_crash_log
from runnerup_desktop.system.paths import AppPaths


def test_scrub_removes_personal_text() -> None:
    text = scrub("bad email 'zoe.muller@northwind.example' for “Zoë Müller”, call +351 21 555 0142")
    assert "zoe" not in text.lower() and "Müller" not in text and "555" not in text


def test_crash_report_has_code_locations_not_data(app_paths: AppPaths) -> None:
    secret = "hunter2-password"
    try:
        raise ValueError(f"could not save note '{secret}' for ana@example.com")
    except ValueError:
        exc_type, exc, tb = sys.exc_info()
        assert exc_type is not None and exc is not None
        report = crash_report(exc_type, exc, tb)
    assert "test_crash_report_has_code_locations_not_data" in report
    assert "builtins.ValueError" in report
    assert secret not in report and "ana@example.com" not in report
    path = write_crash_log(app_paths, report)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "builtins.ValueError" in path.read_text()


def test_log_file_is_private_and_rotating(app_paths: AppPaths) -> None:
    import logging

    handler = setup_logging(app_paths)
    try:
        logging.getLogger("runnerup.test").info("hello log")
        handler.flush()
        assert "hello log" in app_paths.log_file.read_text()
        assert stat.S_IMODE(app_paths.log_file.stat().st_mode) == 0o600
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()


def test_the_log_rotates_and_every_file_stays_private(tmp_path: Path) -> None:
    import logging

    from runnerup_desktop.system.diagnostics import PrivateRotatingLog

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
