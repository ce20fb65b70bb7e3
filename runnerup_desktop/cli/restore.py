"""``runnerup restore FILE [--db PATH]``: a backup in the database's place, the current
file backed up first (and said where, before anything else)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from runnerup_desktop.cli.launch import Options
from runnerup_desktop.cli.outcome import cannot_write, refuse_demo, refused
from runnerup_desktop.system.paths import AppPaths


def run(options: Options, args: argparse.Namespace) -> int:
    from runnerup_desktop.store.backups import Backup, BackupFailed, BackupRefused, describe
    from runnerup_desktop.store.restore import RestoreRefused, restore

    if (code := refuse_demo(options, "restore")) is not None:
        return code
    db = AppPaths.default().resolve_db(options.db)
    source = Path(args.file).expanduser()

    def saved(backup: Backup) -> None:
        sys.stdout.write(f"Saved the current database as {backup.path}\n")
        sys.stdout.flush()

    try:
        result = restore(db, source, saved=saved)
    except (RestoreRefused, BackupRefused) as refusal:
        return refused(str(refusal))
    except BackupFailed as failure:
        return cannot_write(str(failure))
    upgraded = (
        f", upgraded from schema {result.revision} to {result.upgraded_to}"
        if result.upgraded_to
        else ""
    )
    held = f": {describe(result.summary)}" if result.summary else ""
    sys.stdout.write(f"Restored {db} from {source}{upgraded}{held}.\n")
    if result.saved_current is not None:
        sys.stdout.write(
            f"To take it back: runnerup restore {result.saved_current.path}"
            + (f" --db {db}" if options.db else "")
            + "\n"
        )
    return 0
