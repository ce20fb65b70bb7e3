"""What the windows are given to work with, bundled once at start-up (never a global)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings
from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop.store.database import Store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.ui.common.settings import AppSettings


@dataclass(frozen=True)
class AppContext:
    sessions: sessionmaker[Session]
    services: DirectoryServices
    playbook: PlaybookServices
    settings: AppSettings
    db_path: Path
    today: Callable[[], dt.date] = dt.date.today

    @classmethod
    def for_store(
        cls,
        store: Store,
        settings: QSettings,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> AppContext:
        return cls(
            sessions=store.sessions,
            services=DirectoryServices(store.sessions),
            playbook=PlaybookServices(store.sessions, today=today),
            settings=AppSettings(settings),
            db_path=store.path,
            today=today,
        )
