"""The watch's HTTP client against real loopback servers: HTTPS verified through the
system's certificate store (a test CA via SSL_CERT_FILE), and a proxy honoured."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from runnerup_desktop.watch.http import BoardClient, FetchError
from tests.watch.board_server import BoardServer


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def tls_server(ca: trustme.CA) -> Iterator[BoardServer]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    server = BoardServer(tls=context)
    server.serve_json("/v1/boards/northwind/jobs", {"jobs": [], "meta": {"total": 0}})
    yield server
    server.close()


def test_https_is_verified_against_the_system_store(
    tls_server: BoardServer, ca: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "test-ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))  # OpenSSL's system store, on Linux
    with BoardClient(timeout=5) as client:
        fetched = client.get_json(tls_server.root + "/v1/boards/northwind/jobs")
    assert fetched.data == {"jobs": [], "meta": {"total": 0}}


def test_an_untrusted_certificate_is_a_sentence(
    tls_server: BoardServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(other))
    monkeypatch.setenv("SSL_CERT_FILE", str(other))
    with BoardClient(timeout=5) as client, pytest.raises(FetchError) as caught:
        client.get_json(tls_server.root + "/v1/boards/northwind/jobs")
    assert str(caught.value).startswith("127.0.0.1's certificate is not one this computer trusts")
    assert tls_server.requests == []  # nothing was read, nothing was sent


def test_a_proxy_from_the_environment_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    proxy = BoardServer()
    try:
        proxy.serve_json("/v1/boards/northwind/jobs", {"jobs": [], "meta": {"total": 0}})
        monkeypatch.setenv("HTTP_PROXY", proxy.root)
        with BoardClient(timeout=5) as client:
            fetched = client.get_json("http://boards.invalid/v1/boards/northwind/jobs")
        assert fetched.data == {"jobs": [], "meta": {"total": 0}}
        [seen] = proxy.requests
        assert seen.proxied and seen.path == "/v1/boards/northwind/jobs"
        assert seen.headers["User-Agent"].startswith("RunnerUp/")
    finally:
        proxy.close()


def test_an_unreachable_board_is_a_sentence() -> None:
    server = BoardServer()
    root = server.root
    server.close()  # nothing listens there any more
    with BoardClient(timeout=2) as client, pytest.raises(FetchError) as caught:
        client.get_json(root + "/v1/boards/northwind/jobs")
    assert str(caught.value).startswith("Could not reach 127.0.0.1 (")
    assert str(caught.value).endswith("Are you online?")
