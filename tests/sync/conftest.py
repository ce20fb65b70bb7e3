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


class Phone:
    """Another client of the same account, as a phone's apps are: the ``caldav`` library
    for the calendar, and plain WebDAV requests through its client for the cards."""

    def __init__(
        self, server: DavServer, user: str, password: str | None, ca_file: str | None = None
    ) -> None:
        from caldav.davclient import DAVClient

        self.server = server
        self.client = DAVClient(
            url=server.url,
            username=user or None,
            password=password or None,
            ssl_verify_cert=ca_file or True,
            enable_rfc6764=False,
        )

    def calendar(self, name: str = "RunnerUp") -> Any:
        for calendar in self.client.principal().calendars():
            if calendar.get_display_name() == name:
                return calendar
        raise AssertionError(f"no calendar named {name}")

    def todos(self, name: str = "RunnerUp") -> list[Any]:
        return list(self.calendar(name).get_todos(include_completed=True))

    def todo(self, words: str) -> Any:
        found = [t for t in self.todos() if words in str(t.get_icalendar_component()["summary"])]
        assert len(found) == 1, [str(t.get_icalendar_component()["summary"]) for t in self.todos()]
        return found[0]

    def move(self, words: str, due: dt.date | dt.datetime, at: dt.datetime) -> None:
        todo = self.todo(words)
        with todo.edit_icalendar_component() as component:
            component.pop("due")
            component.add("due", due)
            component.pop("last-modified", None)
            component.add("last-modified", at)
        todo.save()

    def complete(self, words: str, at: dt.datetime) -> None:
        todo = self.todo(words)
        todo.complete(completion_timestamp=at)
        with todo.edit_icalendar_component() as component:
            component.pop("last-modified", None)
            component.add("last-modified", at)
        todo.save()

    # cards ------------------------------------------------------------------------------
    def book_url(self, name: str = "RunnerUp") -> str:
        from lxml import etree

        principal = self.client.principal()
        body = (
            '<d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:prop>'
            "<c:addressbook-home-set/></d:prop></d:propfind>"
        )
        home_reply = self.client.propfind(str(principal.url), body, 0)
        home = _tree(home_reply).find(".//{DAV:}href", None)
        homes = _tree(home_reply).findall(
            ".//{urn:ietf:params:xml:ns:carddav}addressbook-home-set/{DAV:}href"
        )
        home_href = (homes[0] if homes else home).text
        listing = self.client.propfind(
            self.server.url.rstrip("/") + home_href,
            '<d:propfind xmlns:d="DAV:"><d:prop><d:displayname/><d:resourcetype/></d:prop>'
            "</d:propfind>",
            1,
        )
        for response in _tree(listing).findall("{DAV:}response"):
            book = response.find(".//{urn:ietf:params:xml:ns:carddav}addressbook")
            if response.findtext(".//{DAV:}displayname") == name and book is not None:
                return self.server.url.rstrip("/") + str(response.findtext("{DAV:}href"))
        raise AssertionError(etree.tostring(_tree(listing)))

    def cards(self, name: str = "RunnerUp") -> dict[str, tuple[str, str]]:
        """href -> (ETag, the vCard's text), for every card in the address book."""
        book = self.book_url(name)
        listing = self.client.propfind(
            book, '<d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>', 1
        )
        found = {}
        for response in _tree(listing).findall("{DAV:}response"):
            href = response.findtext("{DAV:}href")
            if href.rstrip("/") == book.removeprefix(self.server.url.rstrip("/")).rstrip("/"):
                continue
            reply = self.client.request(
                self.server.url.rstrip("/") + href, "GET", "", {"Accept": "text/vcard"}
            )
            found[href] = (reply.headers.get("ETag"), reply.raw)
        return found

    def card(self, name: str) -> tuple[str, str, Any]:
        import vobject

        for href, (etag, text) in self.cards().items():
            card = vobject.readOne(text)
            if card.fn.value == name:
                return href, etag, card
        raise AssertionError(f"no card for {name}")

    def put_card(self, href: str, card: Any, etag: str | None) -> int:
        headers = {"Content-Type": "text/vcard; charset=utf-8"}
        if etag:
            headers["If-Match"] = etag
        reply = self.client.request(
            self.server.url.rstrip("/") + href, "PUT", card.serialize(), headers
        )
        return int(reply.status)

    def delete(self, href: str) -> int:
        return int(self.client.request(self.server.url.rstrip("/") + href, "DELETE").status)


class MemoryKeyring:
    """A keyring that keeps secrets in this process only (a KeyringBackend's methods)."""

    priority = 1

    def __init__(self) -> None:
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username))


@pytest.fixture
def memory_vault(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The sync password's keyring entry, kept in this process."""
    from keyring.backend import KeyringBackend

    from runnerup_desktop.sync import account

    class Backend(MemoryKeyring, KeyringBackend):
        pass

    vault = account.sync_vault(Backend())
    monkeypatch.setattr(account, "sync_vault", lambda backend=None: vault)
    return vault


def _tree(reply: Any) -> Any:
    assert reply.tree is not None, reply.status
    return reply.tree


@pytest.fixture
def phone_of() -> Any:
    def make(syncing: Syncing, ca_file: str | None = None) -> Phone:
        return Phone(syncing.server, syncing.user, syncing.password, ca_file)

    return make
