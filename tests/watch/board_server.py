"""A real HTTP(S) server on loopback that plays job boards for the watch's tests.

Each route answers with a status, a body and headers the test sets; ``If-None-Match`` is
honoured for routes with an ETag; a route may wait before answering (for timeouts) or
redirect. It also answers as a forward proxy (a request for ``http://other-host/path``
is served from the same routes and marked as proxied).
"""

from __future__ import annotations

import json
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

DATA = Path(__file__).with_name("data")


def listing(name: str) -> Any:
    """A stored listing (tests/watch/data/NAME.json), parsed, for a test to change."""
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    etag: str = ""
    delay: float = 0.0


@dataclass(frozen=True)
class Seen:
    path: str
    headers: dict[str, str]
    proxied: bool


class BoardServer:
    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                target = self.path
                proxied = target.startswith(("http://", "https://"))
                if proxied:
                    parts = urlsplit(target)
                    target = parts.path + (f"?{parts.query}" if parts.query else "")
                server.requests.append(Seen(target, dict(self.headers.items()), proxied))
                route = server.routes.get(target) or server.routes.get(target.split("?")[0])
                if route is None:
                    self._send(404, b'{"error": "not found"}', {})
                    return
                if route.delay:
                    time.sleep(route.delay)
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self._send(304, b"", {"ETag": route.etag})
                    return
                headers = dict(route.headers)
                if route.etag:
                    headers["ETag"] = route.etag
                self._send(route.status, route.body, headers)

            def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                try:
                    self.send_response(status)
                    headers.setdefault("Content-Type", "application/json")
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if body:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def log_message(self, *_args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        if tls is not None:
            self._httpd.socket = tls.wrap_socket(self._httpd.socket, server_side=True)
        self.scheme = "https" if tls is not None else "http"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    @property
    def root(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self._httpd.server_address[1]}"

    def serve_json(self, path: str, data: Any, **kwargs: Any) -> None:
        self.routes[path] = Route(body=json.dumps(data).encode(), **kwargs)

    def serve(self, path: str, **kwargs: Any) -> None:
        self.routes[path] = Route(**kwargs)

    def redirect(self, path: str, to: str, status: int = 301) -> None:
        self.routes[path] = Route(status=status, headers={"Location": to})

    def paths(self) -> list[str]:
        return [seen.path for seen in self.requests]

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
