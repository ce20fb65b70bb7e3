"""TLS with a test CA, and each way a connection can fail, as one sentence."""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

from runnerup_desktop.store.database import Store
from runnerup_desktop.store.sync_models import SyncItem
from runnerup_desktop.sync.account import SyncAccount
from runnerup_desktop.sync.errors import Problem
from tests.sync.conftest import Phone, Syncing, engine_for
from tests.sync.dav_servers import PASSWORD, DavServer


def items(store: Store) -> int:
    with store.sessions() as session:
        return int(session.scalar(select(func.count(SyncItem.id))) or 0)


def test_tls_with_the_servers_certificate_authority(
    demo_store: Store, radicale_tls: DavServer, ca_file: str
) -> None:
    assert radicale_tls.url.startswith("https://127.0.0.1:")
    refused = engine_for(demo_store).run(PASSWORD, SyncAccount(url=radicale_tls.url, user="ana"))
    assert refused.problem is not None and refused.problem.kind is Problem.TLS
    assert "certificate" in str(refused.problem) and "--ca-file" in str(refused.problem)
    assert items(demo_store) == 0

    syncing = Syncing(
        demo_store, engine_for(demo_store, ca_file=ca_file), radicale_tls, "ana", PASSWORD
    )
    report = syncing.sync()
    assert report.ok, report.as_text()
    phone = Phone(radicale_tls, "ana", PASSWORD, ca_file)
    assert len(phone.todos()) == 8
    radicale_tls.reset_counts()
    assert syncing.sync().ok and radicale_tls.total == 2


def test_a_wrong_password(demo_store: Store, radicale: DavServer) -> None:
    report = engine_for(demo_store).run("not-it", SyncAccount(url=radicale.url, user="ana"))
    assert report.problem is not None and report.problem.kind is Problem.AUTH
    assert str(report.problem).startswith("127.0.0.1 refused the user name or password.")
    assert "not-it" not in str(report.problem)
    assert not report.problem.kind.transient


@pytest.fixture
def web_page() -> Iterator[str]:
    """A loopback web server that is not a CalDAV server (it serves a page)."""

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._page()

        def do_PROPFIND(self) -> None:
            self._page()

        def _page(self) -> None:
            body = b"<html><body>Welcome</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


def test_a_web_server_that_is_not_caldav(demo_store: Store, web_page: str) -> None:
    report = engine_for(demo_store).run(None, SyncAccount(url=web_page + "calendar/"))
    assert report.problem is not None and report.problem.kind is Problem.NOT_DAV
    assert "answers, but not as a CalDAV or CardDAV server" in str(report.problem)


def test_nothing_listening(demo_store: Store) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    report = engine_for(demo_store).run(None, SyncAccount(url=f"http://127.0.0.1:{port}/"))
    assert report.problem is not None and report.problem.kind is Problem.OFFLINE
    assert report.problem.kind.transient
    assert str(report.problem).startswith("RunnerUp could not reach 127.0.0.1")


def test_plain_http_to_another_computer_is_refused_before_connecting(demo_store: Store) -> None:
    report = engine_for(demo_store).run("x", SyncAccount(url="http://cloud.example.com/dav"))
    assert report.problem is not None and report.problem.kind is Problem.URL
    assert report.requests == 0


@pytest.mark.parametrize("path", ["", "ana/", ".well-known/caldav"])
def test_discovery_from_the_host_the_principal_or_the_well_known_address(
    demo_store: Store, radicale: DavServer, path: str
) -> None:
    report = engine_for(demo_store).run(PASSWORD, SyncAccount(url=radicale.url + path, user="ana"))
    assert report.ok, report.as_text()


def test_a_calendar_that_takes_no_to_dos(on_radicale: Syncing) -> None:
    phone = Phone(on_radicale.server, "ana", PASSWORD)
    phone.client.principal().make_calendar(
        name="Events only", supported_calendar_component_set=["VEVENT"]
    )
    report = on_radicale.sync(calendar="Events only")
    assert report.problem is not None and report.problem.kind is Problem.ACCOUNT
    assert str(report.problem).startswith(
        "The calendar “Events only” on 127.0.0.1 does not take to-dos."
    )
    assert on_radicale.sync(calendar="Events only", as_events=True).ok
