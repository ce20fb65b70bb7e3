"""Package test: the frozen app syncs with a CalDAV/CardDAV server (scripts/package-test.sh).

Starts Radicale over TLS on loopback (a certificate from a test CA, trustme; a password),
then runs the frozen ``runnerup sync --demo --url ... --user ana --password-stdin --json``
against it twice: with the CA given as SSL_CERT_FILE it must send the demo story (8
follow-ups and 6 contacts) and exit 0; without it, it must refuse the certificate with a
sentence and exit 2.

    python scripts/package_sync_check.py dist/runnerup/runnerup WORKDIR
"""

from __future__ import annotations

import json
import os
import ssl
import subprocess
import sys
from pathlib import Path

import trustme

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.sync.dav_servers import DavServer, quiet_servers, radicale_app

PASSWORD = "Pässwörd-Łódź-42"


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        input=PASSWORD + "\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def main() -> int:
    frozen, work = sys.argv[1], Path(sys.argv[2])
    work.mkdir(parents=True, exist_ok=True)
    quiet_servers()
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    ca_file = work / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    (work / "radicale").mkdir()
    server = DavServer("radicale", radicale_app(work / "radicale", {"ana": PASSWORD}), tls=context)
    server.start()
    env = {k: v for k, v in os.environ.items() if k not in {"SSL_CERT_FILE", "RUNNERUP_DB"}}
    env.update({"RUNNERUP_HOME": str(work / "home"), "QT_QPA_PLATFORM": "offscreen"})
    command = [frozen, "sync", "--demo", "--url", server.url, "--user", "ana",
               "--password-stdin", "--json"]  # fmt: skip
    try:
        refused = run(command, env)
        trusted = run(command, {**env, "SSL_CERT_FILE": str(ca_file)})
    finally:
        server.stop()
    if refused.returncode != 2 or json.loads(refused.stdout)["problem_kind"] != "tls":
        print(f"untrusted certificate not refused: {refused.returncode}\n{refused.stdout}"
              f"{refused.stderr}", file=sys.stderr)  # fmt: skip
        return 1
    if trusted.returncode != 0:
        print(f"sync failed: {trusted.returncode}\n{trusted.stdout}{trusted.stderr}",
              file=sys.stderr)  # fmt: skip
        return 1
    sent = json.loads(trusted.stdout)["sent"]
    kinds = sorted(event["kind"] for event in sent)
    if kinds != ["contact"] * 6 + ["follow-up"] * 8:
        print(f"sent {kinds}", file=sys.stderr)
        return 1
    for output in (refused, trusted):
        if PASSWORD in output.stdout + output.stderr:
            print("the password was printed", file=sys.stderr)
            return 1
    print(f"ok: the frozen sync sent {len(sent)} objects over TLS; an untrusted CA refused")
    return 0


if __name__ == "__main__":
    sys.exit(main())
