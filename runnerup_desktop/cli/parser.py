"""The command line's arguments (no Qt, no SQLAlchemy).

runnerup [--db PATH] [--demo] [--exit-after-startup] [--background] [--follow-up ID]
         [--version]
runnerup agenda [--db PATH] [--demo] [--days N] [--json]
runnerup plan OUT.pdf [--db PATH] [--demo] [--opportunity ID] [--paper A4|Letter]
runnerup watch [--db PATH] [--demo] [--board "COMPANY=CAREERS_URL"]... [--json]
runnerup sync [--db PATH] [--demo] [--url URL --user NAME --password-stdin]
              [--calendar NAME] [--addressbook NAME] [--ca-file PEM] [--json]
runnerup backup [--db PATH] [--to FILE]
runnerup restore FILE [--db PATH]
runnerup export OUT [--db PATH] [--demo] [--format json|csv|ics|vcard]
runnerup import FILE [--db PATH] [--format json|vcard|linkedin|csv] [--mapping NAME]
                [--companies existing|all|none] [--dry-run] [--json]
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from runnerup_desktop import APP_NAME, __version__

#: The largest id SQLite can store (a signed 64-bit integer).
MAX_ID = 2**63 - 1
#: How far ahead the agenda looks at most: ten years.
MAX_DAYS = 3660


def _whole(low: int, high: int, what: str) -> Callable[[str], int]:
    """An argument that is a whole number from ``low`` to ``high``, refused otherwise."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"{what} is a whole number from {low} to {high}, not {text!r}"
            )
        return value

    return parse


def _db_path(text: str) -> str:
    """A database file's path: any characters, taken as they are, but not nothing."""
    if not text.strip():
        raise argparse.ArgumentTypeError(
            "give the database file's path (it was empty); leave --db out to use your own"
        )
    return text


def _common(parser: argparse.ArgumentParser, default: object) -> None:
    """--db and --demo, accepted before or after the command's name."""
    parser.add_argument(
        "--db",
        metavar="PATH",
        type=_db_path,
        default=default,
        help="the database file (default: your data folder, or $RUNNERUP_DB)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        default=default,
        help="use a fresh temporary database with a demo story",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="runnerup", description=f"{APP_NAME}: keep the door open after coming in second."
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    _common(parser, None)
    parser.add_argument(
        "--exit-after-startup",
        action="store_true",
        help="exit 0 once the window is ready and painted with its data and the file is "
        "checked for damage (smoke tests); 2 with a sentence if it is refused or damaged",
    )
    parser.add_argument(
        "--startup-report",
        metavar="FILE",
        help=argparse.SUPPRESS,  # benchmarks: the times of the first paint and of "ready"
    )
    parser.add_argument(
        "--startup-search",
        metavar="TEXT",
        help=argparse.SUPPRESS,  # benchmarks: a search typed at the interactive moment
    )
    parser.add_argument(
        "--background",
        action="store_true",
        help="start in the tray without opening the window (how it starts at login)",
    )
    parser.add_argument(
        "--follow-up",
        metavar="ID",
        type=_whole(1, MAX_ID, "a follow-up's id"),
        help="show this follow-up (in the RunnerUp already running, if there is one); "
        f"an id from 1 to {MAX_ID}",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    agenda = commands.add_parser("agenda", help="print due and upcoming follow-ups")
    _common(agenda, argparse.SUPPRESS)
    agenda.add_argument(
        "--days",
        type=_whole(0, MAX_DAYS, "--days"),
        default=14,
        help=f"how many days ahead, 0 to {MAX_DAYS} (default 14)",
    )
    agenda.add_argument("--json", action="store_true", help="print JSON instead of text")
    plan = commands.add_parser(
        "plan",
        help="write the one-page interview plan of an opportunity as a PDF",
        description="Write the one-page interview plan of an opportunity as a PDF. Without "
        "--opportunity: the opportunity with the next planned interview follow-up, else the "
        "most recently updated open opportunity.",
    )
    _common(plan, argparse.SUPPRESS)
    plan.add_argument("out", metavar="OUT.pdf", help="the PDF file to write")
    plan.add_argument(
        "--opportunity",
        metavar="ID",
        type=_whole(1, MAX_ID, "an opportunity's id"),
        help=f"the opportunity's id, from 1 to {MAX_ID}",
    )
    plan.add_argument(
        "--paper",
        type=_paper,
        metavar="A4|Letter",
        help="the paper size (default: Letter in the US and Canada, else A4, from the locale)",
    )
    watch = commands.add_parser(
        "watch",
        help="check every watched job board once and print what it found",
        description="Check every watched company's public job board once and print each "
        "finding (the role re-posted, a posting reopened, a similar role), then exit. "
        "Exit 0 whether or not anything was found, 2 with a sentence on a refusal.",
    )
    _common(watch, argparse.SUPPRESS)
    watch.add_argument(
        "--board",
        action="append",
        default=[],
        metavar="COMPANY=CAREERS_URL",
        help="watch this company's board from now on (COMPANY: its id or exact name); "
        "may be given more than once",
    )
    watch.add_argument("--json", action="store_true", help="print JSON instead of text")
    _sync_command(commands)
    _data_commands(commands)
    return parser


def _sync_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sync = commands.add_parser(
        "sync",
        help="sync follow-ups and contacts with your CalDAV/CardDAV server once",
        description="Sync follow-ups (as to-dos in a calendar) and contacts (in an address "
        "book) both ways with your CalDAV/CardDAV server, once. Without --url: the account "
        "set in Preferences > Sync, its password from the system keyring. With --url the "
        "account (not the password) is saved with the database. Exit 0 when all was "
        "synced, 2 when refused (with a sentence), 3 when the server could not be reached "
        "or some items failed: they are kept for the next sync.",
    )
    _common(sync, argparse.SUPPRESS)
    sync.add_argument(
        "--url",
        metavar="URL",
        help="the server's address (https://; http:// only to this computer)",
    )
    sync.add_argument("--user", metavar="NAME", help="the user name on the server")
    sync.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (stored nowhere)",
    )
    sync.add_argument(
        "--calendar",
        metavar="NAME",
        help="the calendar for follow-ups (default RunnerUp, made if missing)",
    )
    sync.add_argument(
        "--addressbook",
        metavar="NAME",
        help="the address book for contacts (default RunnerUp, made if missing)",
    )
    sync.add_argument(
        "--ca-file",
        metavar="PEM",
        help="check the server's certificate against this certificate authority's file "
        "instead of the system's (default: $SSL_CERT_FILE if set)",
    )
    sync.add_argument("--json", action="store_true", help="print what was synced as JSON")


def _db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="the database file (default: your data folder, or $RUNNERUP_DB)",
    )


def _data_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """backup, restore, export and import (cli/backup.py, restore.py, export.py,
    import_.py). Exit 0 on success, 2 with one sentence on a refusal (the database
    untouched), 1 when an output file cannot be written."""
    backup = commands.add_parser(
        "backup",
        help="back the database up, into backups/ beside it or to a file",
        description="Back the database up with SQLite's online backup (safe while RunnerUp "
        "runs), into the backups folder beside it, or to FILE. Backups made this way are "
        "never deleted by the automatic rotation.",
    )
    _db(backup)
    backup.add_argument("--to", metavar="FILE", help="write the backup to FILE (a new file)")
    restore = commands.add_parser(
        "restore",
        help="put a backup in the database's place (the current file is backed up first)",
        description="Replace the database with the backup FILE. The current database is "
        "backed up first (its name is printed), so restoring that backup takes the restore "
        "back. Refused while another RunnerUp has the database open, and for a backup from "
        "a newer version; a backup from an older version is upgraded.",
    )
    _db(restore)
    restore.add_argument("file", metavar="FILE", help="the backup to restore")
    export = commands.add_parser(
        "export",
        help="write everything as JSON or CSV, the plan as iCalendar, contacts as vCards",
        description="Write everything you keep in RunnerUp: as one JSON file, which "
        "`runnerup import` reads back into an empty database as an exact copy, or as one "
        "CSV file per table in the folder OUT, for spreadsheets; or the follow-up plan as "
        "an iCalendar file (.ics), or every contact as vCards (.vcf). The format comes "
        "from OUT's name (.json, .ics, .vcf, or a folder for CSV) unless --format says; "
        "OUT '-' writes JSON (or the --format given) to standard output.",
    )
    _common(export, argparse.SUPPRESS)
    export.add_argument(
        "out", metavar="OUT", help="the JSON, .ics or .vcf file, the CSV folder, or -"
    )
    export.add_argument(
        "--format", choices=("json", "csv", "ics", "vcard"), help="json, csv, ics or vcard"
    )
    importer = commands.add_parser(
        "import",
        help="read a JSON export into an empty database, or contacts from vCard, LinkedIn or CSV",
        description="Read a JSON export (from `runnerup export`) into an empty database, "
        "as an exact copy (a database that already holds data is refused); or add "
        "contacts from vCards (.vcf), LinkedIn's data export (the .zip or its "
        "Connections.csv) or another tracker's CSV (with a column mapping saved in the "
        "window). Prints what it added (or, with --dry-run, what it would add, writing "
        "nothing), and every line it skipped, with why.",
    )
    _db(importer)
    importer.add_argument("file", metavar="FILE", help="the file to read, or - for JSON on stdin")
    importer.add_argument(
        "--format",
        choices=("json", "vcard", "linkedin", "csv"),
        help="what FILE holds (default: from its name and first lines)",
    )
    importer.add_argument(
        "--mapping", metavar="NAME", help="the column mapping for another tracker's CSV"
    )
    importer.add_argument(
        "--companies",
        choices=("existing", "all", "none"),
        default="existing",
        help="contacts' companies: attach to existing ones (default), create all, or none",
    )
    importer.add_argument(
        "--dry-run", action="store_true", help="check the file and count, but write nothing"
    )
    importer.add_argument("--json", action="store_true", help="print JSON instead of text")


def _paper(text: str) -> str:
    for paper in ("A4", "Letter"):
        if text.casefold() == paper.casefold():
            return paper
    raise argparse.ArgumentTypeError("choose A4 or Letter")


def parse_window_args(argv: Sequence[str]) -> argparse.Namespace:
    """A later launch's arguments, as the running window reads them (SystemExit if bad)."""
    return build_parser().parse_args(argv)
