"""Shared fixtures: every test gets its own real SQLite file and its own app folders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from runnerup_desktop.store.database import Store, open_store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.system.paths import HOME_ENV, AppPaths


@pytest.fixture(autouse=True)
def _private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppPaths:
    """No test touches the real user's data, logs or settings."""
    home = tmp_path / "home"
    monkeypatch.setenv(HOME_ENV, str(home))
    monkeypatch.delenv("RUNNERUP_DB", raising=False)
    return AppPaths.under(home)


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
