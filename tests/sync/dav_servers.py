"""Real CalDAV/CardDAV servers for the sync tests, on loopback: Radicale and Xandikos.

Each runs its own WSGI application (the same code its own server runs) in a threaded HTTP
server on 127.0.0.1 and a free port, optionally over TLS with a certificate from a test
CA (trustme). A thin layer counts the requests each server answers (the figure the
"one request per collection" checks read), and can make the server go away in the middle
of a sync: the answer to the Nth request is lost after the server did the work, and the
port closes; :meth:`DavServer.come_back` opens it again with the same storage.
"""

from __future__ import annotations

import io
import logging
import socket
import socketserver
import ssl
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

USER = "ana.sousa@example.test"
PASSWORD = "Pässwörd-Łódź-42"
#: The servers log requests (with paths naming the user) and objects: not the app's log.
SERVER_LOGGERS = ("radicale", "xandikos", "dulwich")

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class _Threaded(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class _Handler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def get_environ(self) -> dict[str, Any]:
        environ = super().get_environ()
        environ["test.socket"] = self.connection
        return environ


@dataclass
class DavServer:
    """One server: its base URL, the requests it answered, and a way to take it away."""

    name: str
    app: WsgiApp
    tls: ssl.SSLContext | None = None
    port: int = 0
    requests: Counter[str] = field(default_factory=Counter)
    log: list[tuple[str, str]] = field(default_factory=list)
    #: Lose the answer to the Nth request with this method (after doing its work), then
    #: close the port: the server went away in the middle of a sync.
    drop_on: tuple[str, int] | None = None
    _server: _Threaded | None = None
    _thread: threading.Thread | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stopped: threading.Event | None = None

    @property
    def url(self) -> str:
        scheme = "https" if self.tls is not None else "http"
        return f"{scheme}://127.0.0.1:{self.port}/"

    @property
    def total(self) -> int:
        return sum(self.requests.values())

    def reset_counts(self) -> None:
        with self._lock:
            self.requests.clear()
            self.log.clear()

    def start(self) -> DavServer:
        server = _Threaded(("127.0.0.1", self.port), _Handler)
        server.set_app(self._counting)
        if self.tls is not None:
            server.socket = self.tls.wrap_socket(server.socket, server_side=True)
        self.port = server.server_address[1]
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def come_back(self) -> None:
        """Open the same port again, with the same storage."""
        if self._stopped is not None:
            self._stopped.wait(timeout=10)
        self.drop_on = None
        self.start()

    def _counting(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        method = environ["REQUEST_METHOD"]
        with self._lock:
            self.requests[method] += 1
            self.log.append((method, environ.get("PATH_INFO", "")))
            dropping = self.drop_on == (method, self.requests[method])
        # WSGI servers hand the application a body of exactly CONTENT_LENGTH bytes;
        # wsgiref gives the socket itself, which Xandikos would read to its end.
        length = int(environ.get("CONTENT_LENGTH") or 0)
        environ["wsgi.input"] = io.BytesIO(environ["wsgi.input"].read(length) if length else b"")
        if dropping:
            body = b"".join(self.app(environ, lambda *_args, **_kw: None))
            del body  # the work is done; the answer never arrives
            # Known to come_back() before the client can notice anything: it waits for it.
            stopped = self._stopped = threading.Event()
            connection: socket.socket = environ["test.socket"]
            connection.shutdown(socket.SHUT_RDWR)

            def go_away() -> None:
                self.stop()
                stopped.set()

            threading.Thread(target=go_away, daemon=True).start()
            start_response("200 OK", [])  # written to a closed socket: nothing arrives
            return []
        return self.app(environ, start_response)


def radicale_app(folder: Path, users: dict[str, str]) -> WsgiApp:
    import radicale.config
    from radicale.app import Application

    passwords = folder / "users"
    passwords.write_text("".join(f"{u}:{p}\n" for u, p in users.items()), encoding="utf-8")
    configuration = radicale.config.load()
    configuration.update(
        {
            "storage": {"filesystem_folder": str(folder / "collections")},
            "auth": {
                "type": "htpasswd",
                "htpasswd_filename": str(passwords),
                "htpasswd_encryption": "plain",
                "delay": "0",  # no pause after a refused sign-in: the tests make some
            },
            "rights": {"type": "owner_only"},
        },
        "test",
    )
    # As Radicale's own tests do: no fsync after each write (the tests' files are temporary).
    configuration.update({"storage": {"_filesystem_fsync": "False"}}, "test", privileged=True)
    app: WsgiApp = Application(configuration)
    return app


def xandikos_app(folder: Path, principal: str = "/ana/") -> WsgiApp:
    from xandikos.web import SingleUserFilesystemBackend, XandikosApp

    backend = SingleUserFilesystemBackend(str(folder))
    backend._mark_as_principal(principal)
    backend.create_principal(principal, create_defaults=False)
    app: WsgiApp = XandikosApp(backend, current_user_principal=principal)
    return app


def quiet_servers() -> None:
    for name in SERVER_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
