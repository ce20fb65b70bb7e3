"""Writing an export: into a temporary file beside the target, then renamed over it, so
that a calendar app reading the file (or a sync client copying it) never sees half of
one, and a failure leaves the previous file as it was. Files are private (mode 0600)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


class ExportFailed(OSError):
    """The file could not be written; ``str(exc)`` is a sentence for the person."""


def write_private(path: Path, chunks: Iterable[str], newline: str = "") -> None:
    """Write ``chunks`` of text (UTF-8) to ``path`` whole, or leave ``path`` untouched."""
    path = Path(path)
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise ExportFailed(f"RunnerUp cannot write in {path.parent}: {exc.strerror}.") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as out:
            for chunk in chunks:
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ExportFailed(f"RunnerUp cannot write {path}: {exc.strerror or exc}.") from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
