"""Every path the app uses, resolved in one place.

``RUNNERUP_HOME`` (or :func:`AppPaths.under`) puts data, logs and settings under one
folder, so tests and smoke runs never touch a user's real files.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from runnerup_desktop import APP_ID, APP_NAME, ORGANIZATION

DB_FILENAME = "runnerup.sqlite3"
HOME_ENV = "RUNNERUP_HOME"
DB_ENV = "RUNNERUP_DB"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    log_dir: Path
    config_dir: Path
    #: The start-at-login entry; ``None`` on Windows, where it is a registry value.
    autostart_file: Path | None = None

    @classmethod
    def default(cls) -> AppPaths:
        home = os.environ.get(HOME_ENV)
        if home:
            return cls.under(Path(home))
        dirs = platformdirs.PlatformDirs(APP_NAME, ORGANIZATION)
        return cls(
            data_dir=Path(dirs.user_data_dir),
            log_dir=Path(dirs.user_log_dir),
            config_dir=Path(dirs.user_config_dir),
            autostart_file=autostart_file(sys.platform, os.environ),
        )

    @classmethod
    def under(cls, base: Path) -> AppPaths:
        """Everything under ``base``, the autostart entry too (never the real session's)."""
        return cls(
            data_dir=base / "data",
            log_dir=base / "logs",
            config_dir=base / "config",
            autostart_file=base / "autostart" / autostart_name(sys.platform),
        )

    @property
    def default_db(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "runnerup.log"

    @property
    def crash_log(self) -> Path:
        return self.log_dir / "crash.log"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.ini"

    def resolve_db(self, cli_db: str | None) -> Path:
        """``--db`` wins over ``RUNNERUP_DB``, which wins over the default file."""
        chosen = cli_db or os.environ.get(DB_ENV)
        return Path(chosen).expanduser().resolve() if chosen else self.default_db

    def ensure_private_dirs(self) -> list[Path]:
        """Make the folders (owner-only); those that cannot be made are returned, not
        raised: the log and the settings do without, and the database says why."""
        missing: list[Path] = []
        for folder in (self.data_dir, self.log_dir, self.config_dir):
            try:
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            except OSError:
                missing.append(folder)
        return missing


def autostart_name(platform: str) -> str:
    if platform == "darwin":
        return f"{APP_ID}.plist"
    return f"{APP_ID}.txt" if platform == "win32" else f"{APP_ID}.desktop"


def autostart_file(platform: str, environ: Mapping[str, str]) -> Path | None:
    """Where the session looks for programs to start at login (``None``: the registry)."""
    if platform == "win32":
        return None
    home = Path(environ.get("HOME") or Path.home())
    if platform == "darwin":
        return home / "Library" / "LaunchAgents" / autostart_name(platform)
    config = environ.get("XDG_CONFIG_HOME") or ""
    base = Path(config) if Path(config).is_absolute() else home / ".config"
    return base / "autostart" / autostart_name(platform)
