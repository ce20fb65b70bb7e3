"""Shared fixtures: every test gets its own real SQLite file and its own app folders."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from runnerup_desktop.store.database import Store, open_store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.system.paths import HOME_ENV, AppPaths
from runnerup_desktop.ui.common.settings import AppSettings
from runnerup_desktop.ui.shell.context import AppContext
from tests.builders import context_for


@pytest.fixture(autouse=True)
def _private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppPaths:
    """No test touches the real user's data, logs or settings."""
    home = tmp_path / "home"
    monkeypatch.setenv(HOME_ENV, str(home))
    monkeypatch.delenv("RUNNERUP_DB", raising=False)
    return AppPaths.under(home)


@pytest.fixture(autouse=True)
def _stop_backgrounds(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every Background a test made is stopped when the test ends, before its store closes.

    Its window outlives the test until Python collects it, and the reminders' timer with it:
    when it fired later it opened a connection to the closed store that nobody closed (an
    "unclosed database" ResourceWarning under Python 3.13, in whichever test ran then).
    """
    from runnerup_desktop.ui.shell.background import Background

    made: list[Background] = []
    original = Background.__init__

    def remember(self: Background, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(Background, "__init__", remember)
    yield
    for background in made:
        with contextlib.suppress(RuntimeError):  # its window, and so it, was deleted already
            background.stop()


@pytest.fixture
def app_paths(_private_home: AppPaths) -> AppPaths:
    return _private_home


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "runnerup.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def services(store: Store) -> DirectoryServices:
    return DirectoryServices(store.sessions)


@pytest.fixture
def today() -> Callable[[], dt.date]:
    """The app's clock; a test module fixes the day by defining its own ``today``."""
    return dt.date.today


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    """Settings in a file of the test's own."""
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def playbook(store: Store, today: Callable[[], dt.date]) -> PlaybookServices:
    return PlaybookServices(store.sessions, today=today)


@pytest.fixture
def ctx(store: Store, settings: AppSettings, today: Callable[[], dt.date]) -> AppContext:
    """What the windows are given: the store, the settings and the change path."""
    return context_for(store, settings, today)
