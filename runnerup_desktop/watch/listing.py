"""What every provider module shares: a page of postings, shape errors, dates, API roots."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from runnerup_desktop.core.job_match import Posting


class ShapeError(ValueError):
    """A listing that is not the shape the provider documents."""


@dataclass(frozen=True)
class Page:
    postings: list[Posting]
    #: Whether another page follows.
    more: bool = False


def api_root(env: str, default: str, environ: Mapping[str, str] | None = None) -> str:
    """The API's scheme and host: ``$env`` when set (a mirror, or the tests' loopback
    server), else ``default``. A bad override is refused with a sentence."""
    source = os.environ if environ is None else environ
    override = source.get(env, "").strip()
    if not override:
        return default
    parts = urlsplit(override)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path.strip("/"):
        raise ShapeError(
            f"{env} should be a scheme and host such as https://mirror.example:8443, "
            f"not “{override}”."
        )
    return f"{parts.scheme}://{parts.netloc}"


def obj(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ShapeError(f"expected an object for {what}")
    return value


def items(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise ShapeError(f"expected a list for {what}")
    return value


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str | int | float):
        return " ".join(str(value).split())
    return ""


def required(job: dict[str, Any], *names: str) -> str:
    """The first of ``names`` that is present, as text; a posting without it is junk."""
    for name in names:
        found = text(job.get(name))
        if found:
            return found
    raise ShapeError(f"a posting without {' or '.join(names)}")


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def day_of(value: Any) -> dt.date | None:
    """A date from ISO 8601 text ("2025-04-26", "2025-04-26T10:55:28-05:00", "2025-04-26
    10:28:35 UTC") or from milliseconds since the epoch; ``None`` if there is none."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        try:
            return dt.datetime.fromtimestamp(value / 1000, dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(
            value.strip().replace("Z", "+00:00").replace(" UTC", "+00:00")
        )
    except ValueError:
        match = _DAY.match(value.strip())
        if not match:
            return None
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.date()


def latest(*days: dt.date | None) -> dt.date | None:
    known = [d for d in days if d is not None]
    return max(known) if known else None


def place(*parts: Any) -> str:
    """Location parts joined once each: "Lisbon, Portugal"."""
    out: list[str] = []
    for part in parts:
        value = text(part)
        if value and value.casefold() not in (o.casefold() for o in out):
            out.append(value)
    return ", ".join(out)
