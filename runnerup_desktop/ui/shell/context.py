"""What the windows are given to work with, bundled once per open database (never a
global): the store's reads and writes, the settings, and the one change path."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings
from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop.store.database import Store
from runnerup_desktop.store.services import Services
from runnerup_desktop.ui.common.settings import AppSettings
from runnerup_desktop.ui.shell.operations import Changes, History, Operations


@dataclass(frozen=True)
class AppContext:
    #: For queries (reads); every write goes through :attr:`ops`.
    sessions: sessionmaker[Session]
    services: Services
    settings: AppSettings
    changes: Changes
    ops: Operations
    db_path: Path
    today: Callable[[], dt.date] = dt.date.today

    @classmethod
    def for_store(
        cls,
        store: Store,
        settings: QSettings,
        today: Callable[[], dt.date] = dt.date.today,
        history: History | None = None,
    ) -> AppContext:
        """The context over ``store``; its change path records undo steps in the store's
        history unless given another."""
        changes = Changes()
        return cls(
            sessions=store.sessions,
            services=Services.for_sessions(store.sessions, today),
            settings=AppSettings(settings, changes.setting_changed.emit),
            changes=changes,
            ops=Operations(changes, history if history is not None else store.history, changes),
            db_path=store.path,
            today=today,
        )
