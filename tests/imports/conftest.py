"""Fixtures of the import tests: the import services over the test's own database."""

from __future__ import annotations

import pytest

from runnerup_desktop.store.database import Store
from runnerup_desktop.store.imports.service import ImportServices


@pytest.fixture
def imports(store: Store) -> ImportServices:
    return ImportServices(store.sessions)
