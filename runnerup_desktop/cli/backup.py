"""``runnerup backup [--db PATH] [--to FILE]``: a manual backup, never rotated away."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from runnerup_desktop.cli.launch import Options
from runnerup_desktop.cli.outcome import cannot_write, refuse_demo, refused
from runnerup_desktop.system.paths import AppPaths


def run(options: Options, args: argparse.Namespace) -> int:
    from runnerup_desktop.store.backups import (
        BackupFailed,
        BackupRefused,
        describe,
        summarize,
        take_backup,
    )

    if (code := refuse_demo(options, "backup")) is not None:
        return code
    db = AppPaths.default().resolve_db(options.db)
    to = Path(args.to).expanduser() if args.to else None
    try:
        backup = take_backup(db, to=to)
    except BackupRefused as refusal:
        return refused(str(refusal))
    except BackupFailed as failure:
        return cannot_write(str(failure))
    summary = summarize(backup.path)
    held = f" ({describe(summary)})" if summary else ""
    sys.stdout.write(f"Backed up {db} to {backup.path}{held}.\n")
    return 0
