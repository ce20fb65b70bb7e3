"""The computer's time zone by its IANA name (``Europe/Lisbon``), for the calendar export.

A follow-up's time of day is the person's local time; a calendar file says which zone
that is (``TZID``), so that a phone in another zone shows it at the right moment. Python
knows the local offset, not the zone's name: it is read from ``$TZ``, the target of
``/etc/localtime`` or ``/etc/timezone`` (Linux and macOS), else UTC.
"""

from __future__ import annotations

import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def _zone(name: str) -> ZoneInfo | None:
    name = name.strip().lstrip(":")
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def local_zone(environ: dict[str, str] | None = None, etc: Path = Path("/etc")) -> ZoneInfo:
    """The local zone; ``environ`` and ``etc`` are for tests."""
    environ = dict(os.environ) if environ is None else environ
    found = _zone(environ.get("TZ", ""))
    if found is not None:
        return found
    localtime = etc / "localtime"
    try:
        target = str(localtime.resolve()) if localtime.is_symlink() else ""
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        found = _zone(target.split("zoneinfo/", 1)[1])
        if found is not None:
            return found
    try:
        named = (etc / "timezone").read_text(encoding="utf-8")
    except OSError:
        named = ""
    return _zone(named) or ZoneInfo("UTC")
