"""Crash reports and logs carry no personal data."""

from __future__ import annotations

import stat
import sys

from runnerup_desktop.diagnostics import crash_report, scrub, setup_logging, write_crash_log
from runnerup_desktop.paths import AppPaths


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
