"""Fixtures for the sync tests: real servers on loopback, a demo database, a sync engine,
and a separate client (the ``caldav`` library, and plain WebDAV for cards) that plays the
phone."""

from __future__ import annotations

import datetime as dt
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import trustme

from runnerup_desktop.store.database import Store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.sync.account import SyncAccount
from runnerup_desktop.sync.engine import SyncEngine, SyncOptions
from runnerup_desktop.sync.report import SyncReport
from tests.sync.dav_servers import (
    PASSWORD,
    USER,
    DavServer,
    quiet_servers,
    radicale_app,
    xandikos_app,
)

TODAY = dt.date(2026, 3, 16)
NOW = dt.datetime(2026, 3, 16, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _quiet() -> None:
    quiet_servers()


@pytest.fixture
def radicale(tmp_path: Path) -> Iterator[DavServer]:
    folder = tmp_path / "radicale"
    folder.mkdir()
    server = DavServer("radicale", radicale_app(folder, {"ana": PASSWORD}))
    yield server.start()
    server.stop()


@pytest.fixture
def xandikos(tmp_path: Path) -> Iterator[DavServer]:
    folder = tmp_path / "xandikos"
    folder.mkdir()
    server = DavServer("xandikos", xandikos_app(folder))
    yield server.start()
    server.stop()


@pytest.fixture(scope="session")
def test_ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def radicale_tls(tmp_path: Path, test_ca: trustme.CA) -> Iterator[DavServer]:
    folder = tmp_path / "radicale-tls"
    folder.mkdir()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    test_ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    server = DavServer("radicale", radicale_app(folder, {"ana": PASSWORD}), tls=context)
    yield server.start()
    server.stop()


@pytest.fixture
def ca_file(tmp_path: Path, test_ca: trustme.CA) -> str:
    path = tmp_path / "test-ca.pem"
    test_ca.cert_pem.write_to_path(str(path))
    return str(path)


@dataclass
class Syncing:
    """A demo database, its engine and the server it syncs with."""

    store: Store
    engine: SyncEngine
    server: DavServer
    user: str
    password: str | None

    def account(self, **changes: Any) -> SyncAccount:
        values: dict[str, Any] = {"url": self.server.url, "user": self.user}
        values.update(changes)
        return SyncAccount(**values)

    def sync(self, **changes: Any) -> SyncReport:
        account = self.account(**changes) if changes or self.engine.account() is None else None
        return self.engine.run(self.password, account)


def engine_for(store: Store, **options: Any) -> SyncEngine:
    values: dict[str, Any] = {"today": lambda: TODAY, "now": lambda: NOW, "timeout": 10.0}
    values.update(options)
    return SyncEngine(store.sessions, SyncOptions(**values))


@pytest.fixture
def demo_store(store: Store) -> Store:
    seed_demo(store.sessions, TODAY)
    return store


@pytest.fixture
def on_radicale(demo_store: Store, radicale: DavServer) -> Syncing:
    return Syncing(demo_store, engine_for(demo_store), radicale, "ana", PASSWORD)


@pytest.fixture
def on_xandikos(demo_store: Store, xandikos: DavServer) -> Syncing:
    return Syncing(demo_store, engine_for(demo_store), xandikos, "", None)


__all__ = ["NOW", "PASSWORD", "TODAY", "USER", "Syncing", "engine_for"]
