"""Checking boards: fetch each listing, read it with its provider's module, save the result.

:func:`check_board` checks one board and never raises for a board's fault: an error, a
timeout, junk or "not found" comes back as a :class:`CheckResult` with a sentence.
:func:`run_watch` checks every board that is due (or every watched one) and saves each
result in its own transaction, so nothing is held open while the network is slow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from urllib.parse import urlsplit

from runnerup_desktop.core.job_boards import BoardRef, Provider
from runnerup_desktop.core.job_match import Posting
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.watch_services import (
    BoardTask,
    CheckResult,
    FindingRecord,
    WatchServices,
)
from runnerup_desktop.watch import ashby, greenhouse, lever, recruitee, smartrecruiters, workable
from runnerup_desktop.watch.http import BoardClient, FetchError
from runnerup_desktop.watch.listing import ShapeError

PROVIDERS: dict[Provider, ModuleType] = {
    Provider.GREENHOUSE: greenhouse,
    Provider.LEVER: lever,
    Provider.ASHBY: ashby,
    Provider.WORKABLE: workable,
    Provider.SMARTRECRUITERS: smartrecruiters,
    Provider.RECRUITEE: recruitee,
}
#: At 100 a page, 5,000 postings: more than any one company's board.
MAX_PAGES = 50


def check_board(
    task: BoardTask,
    client: BoardClient,
    now: dt.datetime,
    environ: Mapping[str, str] | None = None,
) -> CheckResult:
    """One check of one board (see the module's docstring)."""
    ref = BoardRef(task.provider, task.key, task.region)
    module = PROVIDERS[task.provider]
    try:
        base: str = task.api_url or module.base_url(ref, environ)
    except ShapeError as exc:
        return CheckResult(now, error=str(exc))
    postings: list[Posting] = []
    etag = last_modified = moved = ""
    for page in range(MAX_PAGES):
        url: str = module.page_url(base, page)
        first = page == 0
        try:
            fetched = client.get_json(
                url,
                etag=task.etag if first else "",
                last_modified=task.last_modified if first else "",
            )
        except FetchError as exc:
            return CheckResult(
                now,
                error=str(exc),
                not_found=exc.not_found,
                retry_after=exc.retry_after,
                moved_to=moved,
            )
        if first and fetched.moved_to and fetched.moved_to != base:
            moved = base = fetched.moved_to
        if fetched.not_modified:
            return CheckResult(
                now,
                not_modified=True,
                moved_to=moved,
                etag=task.etag,
                last_modified=task.last_modified,
            )
        try:
            parsed = module.parse(fetched.data, ref)
        except ShapeError as exc:
            host = urlsplit(url).hostname or url
            return CheckResult(
                now,
                error=f"{host} answered with something that is not a {task.provider.label} job "
                f"listing ({exc}).",
                moved_to=moved,
            )
        postings += parsed.postings
        if first:
            etag, last_modified = fetched.etag, fetched.last_modified
        if not module.PAGED or not parsed.more:
            break
        # Several pages: the first page's validators say nothing about the others.
        etag = last_modified = ""
    return CheckResult(
        now, postings=tuple(postings), etag=etag, last_modified=last_modified, moved_to=moved
    )


@dataclass
class WatchReport:
    """One round of checks."""

    checked: int = 0
    findings: list[FindingRecord] = field(default_factory=list)
    #: (company, sentence) for each board whose check failed.
    problems: list[tuple[str, str]] = field(default_factory=list)
    change: Change = field(default_factory=Change)


def run_watch(
    services: WatchServices,
    interval: dt.timedelta,
    now: Callable[[], dt.datetime],
    *,
    due_only: bool = True,
    client: BoardClient | None = None,
    environ: Mapping[str, str] | None = None,
    stop: Callable[[], bool] = lambda: False,
) -> WatchReport:
    """Check the boards that are due (every watched one without ``due_only``)."""
    report = WatchReport()
    tasks = services.boards_to_check(interval, due_only=due_only)
    if not tasks:
        return report
    own = client is None
    http = client or BoardClient()
    try:
        for task in tasks:
            if stop():
                break
            result = check_board(task, http, now(), environ)
            found, change = services.save_check(task.board_id, result, interval)
            report.checked += 1
            report.findings += found
            report.change = report.change | change
            if result.error:
                report.problems.append((task.company, result.error))
    finally:
        if own:
            http.close()
    return report
