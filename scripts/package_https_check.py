"""Package test: the frozen app reads a job board over HTTPS (scripts/package-test.sh).

Starts a TLS job board on loopback with a certificate from a test CA (trustme), then runs
the frozen ``runnerup watch --demo --board ... --json`` against it twice: with the CA in
the system store's place (SSL_CERT_FILE) it must read the board and report the demo's role
re-posted; without it, it must refuse the certificate with a sentence and still exit 0.

    python scripts/package_https_check.py dist/runnerup/runnerup WORKDIR
"""

from __future__ import annotations

import datetime as dt
import json
import os
import ssl
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import trustme

PATH = "/v1/boards/northwind/jobs"
TODAY = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
LISTING = {
    "jobs": [
        {
            "id": 4012001,
            "title": "Engineering Manager - Data Platform",
            "updated_at": TODAY,
            "location": {"name": "Lisbon"},
            "absolute_url": "https://job-boards.greenhouse.io/northwind/jobs/4012001",
        }
    ],
    "meta": {"total": 1},
}


class Board(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = json.dumps(LISTING).encode() if self.path == PATH else b"{}"
        self.send_response(200 if self.path == PATH else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


def main() -> int:
    frozen, work = sys.argv[1], Path(sys.argv[2])
    work.mkdir(parents=True, exist_ok=True)
    ca = trustme.CA()
    bundle = work / "test-ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Board)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = f"https://127.0.0.1:{server.server_address[1]}"
    command = [
        frozen,
        "watch",
        "--demo",
        "--json",
        "--board",
        "Northwind Analytics=https://boards.greenhouse.io/northwind",
    ]
    base = {k: v for k, v in os.environ.items() if not k.upper().endswith("_PROXY")}
    base |= {"RUNNERUP_HOME": str(work / "home"), "RUNNERUP_GREENHOUSE_API": root}
    base.pop("SSL_CERT_FILE", None)
    trusted = subprocess.run(
        command,
        env=base | {"SSL_CERT_FILE": str(bundle)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    untrusted = subprocess.run(
        command, env=base, capture_output=True, text=True, timeout=120, check=False
    )
    server.shutdown()
    if trusted.returncode != 0:
        print(f"the frozen watch failed: {trusted.stderr}", file=sys.stderr)
        return 1
    findings = json.loads(trusted.stdout)
    if [f["kind"] for f in findings] != ["reposted"]:
        print(
            f"expected one re-posted role, got {findings}; stderr: {trusted.stderr}",
            file=sys.stderr,
        )
        return 1
    if (
        untrusted.returncode != 0
        or "certificate is not one this computer trusts" not in untrusted.stderr
    ):
        print(f"an untrusted certificate was not refused: {untrusted.stderr}", file=sys.stderr)
        return 1
    print(
        f"ok: HTTPS to {root} verified with the test CA (re-posted role found); refused without it"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
