"""``runnerup sync``: one two-way sync with the CalDAV/CardDAV server, for scripts and the
first set-up (no window).

Without ``--url`` it uses the account saved with the database (Preferences ▸ Sync) and its
password from the system keyring. With ``--url`` the account (never the password) is saved
with the database, so that the window syncs with it afterwards. ``--password-stdin`` reads
the first line of standard input and stores it nowhere.

Exit status: 0 when everything was synced; 2 with one sentence when the sync is refused
(no account, a bad address, a wrong password, a TLS failure, no CalDAV/CardDAV there,
``--demo`` without ``--url``); 3 when the server could not be reached or some items failed:
they are kept, and go at the next sync.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys

from runnerup_desktop.cli.launch import EXIT_REFUSED, Options, close_database, open_database
from runnerup_desktop.system.paths import AppPaths

EXIT_KEPT = 3
DEMO_NEEDS_URL = (
    "--demo syncs a demo story: give the server with --url, so that it does not go into the "
    "account saved for your own data."
)


def run(options: Options, args: argparse.Namespace) -> int:
    from runnerup_desktop.store.database import StoreRefused

    if options.demo and not args.url:
        return _refuse(DEMO_NEEDS_URL)
    ca_file = args.ca_file or os.environ.get("SSL_CERT_FILE") or None
    if ca_file and not os.path.isfile(ca_file):
        return _refuse(f"cannot read the certificate authority file {ca_file}.")
    password = _stdin_password() if args.password_stdin else None
    paths = AppPaths.default()
    try:
        store = open_database(paths, options)
    except StoreRefused as refusal:
        return _refuse(str(refusal))
    try:
        return _sync(store.sessions, paths, args, password, ca_file)
    finally:
        close_database(store, options)  # the demo's folder goes with it


def _sync(
    sessions: object,
    paths: AppPaths,
    args: argparse.Namespace,
    password: str | None,
    ca_file: str | None,
) -> int:
    from runnerup_desktop.sync.account import DEFAULT_COLLECTION, SyncAccount, sync_vault
    from runnerup_desktop.sync.engine import SyncEngine, SyncOptions
    from runnerup_desktop.sync.errors import SyncProblem
    from runnerup_desktop.system.secrets import SecretError

    time_of_day, spacing = _preferences(paths)
    engine = SyncEngine(
        sessions,  # type: ignore[arg-type]
        SyncOptions(reminder_time=time_of_day, min_spacing_days=spacing, ca_file=ca_file),
    )
    saved = engine.account()
    account = None
    if args.url or args.calendar or args.addressbook:
        base = saved or SyncAccount(url="")
        account = SyncAccount(
            url=args.url or base.url,
            user=args.user if args.user is not None else (base.user if not args.url else ""),
            calendar=args.calendar or (base.calendar if saved else DEFAULT_COLLECTION),
            addressbook=args.addressbook or (base.addressbook if saved else DEFAULT_COLLECTION),
            as_events=base.as_events,
            include_notes=base.include_notes,
        )
        if not account.url:
            return _refuse("No sync account is set up for this database: give --url.")
    chosen = account or saved
    if password is None and chosen is not None and chosen.user:
        try:
            password = sync_vault().get(chosen.user, chosen.host)
        except SecretError:
            password = None
    try:
        report = engine.run(password, account)
    except SyncProblem as problem:  # pragma: no cover - run() reports its problems
        return _refuse(str(problem))
    refused = report.problem is not None and not report.problem.kind.transient
    if args.json:
        json.dump(report.as_json(), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    elif not refused or report.sent or report.received:
        sys.stdout.write(report.as_text())
    if refused:
        if not args.json:
            sys.stderr.write(f"runnerup: {report.problem}\n")
        return EXIT_REFUSED
    return 0 if report.ok else EXIT_KEPT


def _stdin_password() -> str:
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


def _preferences(paths: AppPaths) -> tuple[dt.time, int]:
    """The reminder time and the minimum spacing from the window's settings file."""
    from runnerup_desktop.core.cadence import DEFAULT_MIN_SPACING_DAYS
    from runnerup_desktop.core.reminders import DEFAULT_REMINDER_TIME, parse_time_of_day

    if not paths.settings_file.exists():
        return DEFAULT_REMINDER_TIME, DEFAULT_MIN_SPACING_DAYS
    from PySide6.QtCore import QSettings

    settings = QSettings(str(paths.settings_file), QSettings.Format.IniFormat)
    time_of_day = parse_time_of_day(str(settings.value("reminders/timeOfDay", "09:00")))
    try:
        spacing = int(str(settings.value("cadence/minSpacingDays", DEFAULT_MIN_SPACING_DAYS)))
    except ValueError:
        spacing = DEFAULT_MIN_SPACING_DAYS
    return time_of_day or DEFAULT_REMINDER_TIME, spacing if 1 <= spacing <= 120 else 21


def _refuse(sentence: str) -> int:
    sys.stderr.write(f"runnerup: {sentence}\n")
    return EXIT_REFUSED
