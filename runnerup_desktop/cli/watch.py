"""``runnerup watch``: check every watched job board once, print the findings (no Qt).

Text, one block per finding::

    Northwind Analytics: Engineering Manager - Data Platform (reposted)
      https://job-boards.greenhouse.io/northwind/jobs/4012
      Northwind Analytics posted Engineering Manager - Data Platform again, 47 days after ...
      why: “Engineering Manager - Data Platform” reads as the role you came second for, ...

JSON: a list of objects with the keys ``company``, ``title``, ``url``, ``kind``
(``reposted``, ``reopened``, ``similar``) and ``reason``. A board that could not be checked
is a line on stderr; exit 0 either way. A refusal (a database it cannot use, a ``--board``
naming no company or two, an address that is no job board) is exit 2 with a sentence.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop.cli.launch import EXIT_REFUSED, Options, close_database, open_database
from runnerup_desktop.system.paths import AppPaths


class Refused(Exception):
    """A sentence for stderr, and exit 2."""


def run(options: Options, args: argparse.Namespace) -> int:
    from runnerup_desktop.store.database import StoreRefused

    try:
        store = open_database(AppPaths.default(), options)
    except StoreRefused as refusal:
        sys.stderr.write(f"runnerup: {refusal}\n")
        return EXIT_REFUSED
    try:
        return watch(store.sessions, list(args.board), bool(args.json), sys.stdout, sys.stderr)
    finally:
        close_database(store, options)  # the demo's folder goes with it


def watch(
    sessions: sessionmaker[Session],
    boards: list[str],
    as_json: bool,
    out: TextIO,
    err: TextIO,
    *,
    now: dt.datetime | None = None,
) -> int:
    """Turn on the ``--board`` watches, check every watched board once, print."""
    from runnerup_desktop.core.job_watch import check_interval
    from runnerup_desktop.store.change import ServiceError
    from runnerup_desktop.store.models import utcnow
    from runnerup_desktop.store.watch_services import WatchServices
    from runnerup_desktop.watch.check import run_watch

    clock = (lambda: now) if now is not None else utcnow
    services = WatchServices(sessions, now=clock)
    try:
        for spec in boards:
            company_id, url = _board_spec(sessions, spec)
            services.set_board(company_id, url, True)
    except (Refused, ServiceError) as refusal:
        err.write(f"runnerup: {refusal}\n")
        return EXIT_REFUSED
    report = run_watch(services, check_interval(None), clock, due_only=False)
    for company, sentence in report.problems:
        err.write(f"runnerup: {company}: {sentence}\n")
    if as_json:
        rows = [
            {
                "company": f.company,
                "title": f.title,
                "url": f.url,
                "kind": f.kind.value,
                "reason": f.reason,
            }
            for f in report.findings
        ]
        json.dump(rows, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return 0
    for finding in report.findings:
        out.write(
            f"{finding.company}: {finding.title} ({finding.kind.value})\n"
            f"  {finding.url}\n  {finding.headline}.\n  why: {finding.reason}\n\n"
        )
    idle = [b for b in services.boards() if b.watching and not b.has_role]
    for board in idle:
        out.write(f"{board.company}: not checked, no role you came second for is open there.\n")
    if report.checked == 0 and not idle:
        out.write(
            "No job board is watched. Turn the watch on in a company's details, or add one "
            'with --board "COMPANY=CAREERS_URL".\n'
        )
    elif not report.findings:
        boards_text = f"{report.checked} board{'s' if report.checked != 1 else ''}"
        out.write(f"Checked {boards_text}: nothing new.\n")
    return 0


def _board_spec(sessions: sessionmaker[Session], spec: str) -> tuple[int, str]:
    from runnerup_desktop.store.models import Company

    name, sep, url = spec.partition("=")
    name, url = " ".join(name.split()), url.strip()
    if not sep or not name or not url:
        raise Refused(f'--board takes "COMPANY=CAREERS_URL", not “{spec}”.')
    with sessions() as session:
        if name.isdigit():
            company = session.get(Company, int(name))
            if company is None:
                raise Refused(f"There is no company {name}.")
            return company.id, url
        wanted = name.casefold()
        matches = [
            (company_id, company_name)
            for company_id, company_name in session.execute(select(Company.id, Company.name))
            if " ".join(company_name.split()).casefold() == wanted
        ]
    if not matches:
        raise Refused(f"There is no company called “{name}”.")
    if len(matches) > 1:
        ids = ", ".join(str(company_id) for company_id, _ in sorted(matches))
        raise Refused(f"{len(matches)} companies are called “{name}” (ids {ids}): use the id.")
    return matches[0][0], url
