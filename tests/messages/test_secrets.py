"""The password in a real Secret Service, and the plain "no keyring" path.

The Secret Service is GNOME Keyring, unlocked, on a private D-Bus session started by the
test (``make test`` installs both). RunnerUp's vault runs in a child Python on that bus,
exactly as the app would, and ``secret-tool`` (libsecret) checks from outside what it
stored.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring
import keyring.core
import pytest
from keyring.backends import chainer, fail, null
from keyring.errors import KeyringLocked

from runnerup_desktop.system.secrets import (
    NO_KEYRING,
    SERVICE,
    PasswordVault,
    SecretError,
    is_refused,
)

REPO = Path(__file__).resolve().parents[2]
TOOLS = ("dbus-run-session", "gnome-keyring-daemon", "dbus-send", "secret-tool")
SECRET = "Sëcret-Łódź-🔑-42"

_SESSION = r"""
printf %s "$UNLOCK" | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 1
echo "$DBUS_SESSION_BUS_ADDRESS"
i=0
while [ $i -lt 50 ]; do
  pid=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets \
        2>/dev/null | awk '/uint32/ {print $2}')
  [ -n "$pid" ] && break
  i=$((i + 1)); sleep 0.1
done
echo "${pid:-none}"
exec cat >/dev/null
"""

_CHILD = r"""
import json, subprocess, sys
from runnerup_desktop.system.secrets import SERVICE, PasswordVault, account_name
vault = PasswordVault()
user, host, secret = sys.argv[1], sys.argv[2], sys.stdin.read()
steps = [type(vault.backend()).__module__, vault.problem]
for action in sys.argv[3:]:
    if action == "store":
        vault.store(user, host, secret)
    elif action == "get":
        steps.append(vault.get(user, host))
    elif action == "delete":
        steps.append(vault.delete(user, host))
    elif action == "lookup":  # libsecret's own tool, from outside RunnerUp
        found = subprocess.run(
            ["secret-tool", "lookup", "service", SERVICE, "username", account_name(user, host)],
            capture_output=True, text=True, timeout=30, check=False,
        )
        steps.append(found.stdout)
print(json.dumps(steps))
"""


@dataclass(frozen=True)
class SecretSession:
    env: dict[str, str]
    home: Path

    def run(self, user: str, host: str, secret: str, *actions: str) -> list[object]:
        """RunnerUp's vault in a child Python on this bus, doing ``actions`` in turn."""
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, user, host, *actions],
            input=secret,
            capture_output=True,
            text=True,
            env=self.env,
            cwd=REPO,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert secret not in done.stderr
        steps: list[object] = json.loads(done.stdout)
        return steps


@pytest.fixture(scope="module")
def secret_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecretSession]:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.fail(
            f"{', '.join(missing)} missing: `make test` installs them (scripts/system-deps.sh "
            f"test), so this test does not skip."
        )
    home = tmp_path_factory.mktemp("keyring-home")
    runtime = home / "run"
    runtime.mkdir(mode=0o700)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_RUNTIME_DIR": str(runtime),
        "LANG": "C.UTF-8",
        "UNLOCK": "test-login-password",
    }
    process = subprocess.Popen(
        ["dbus-run-session", "--", "sh", "-c", _SESSION],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    assert process.stdout is not None and process.stdin is not None
    address = process.stdout.readline().strip()
    daemon = process.stdout.readline().strip()
    try:
        assert address.startswith("unix:"), "the D-Bus session did not start"
        assert daemon.isdigit(), "GNOME Keyring did not take the Secret Service name"
        child_env = {k: v for k, v in env.items() if k != "UNLOCK"}
        child_env["DBUS_SESSION_BUS_ADDRESS"] = address
        yield SecretSession(child_env, home)
    finally:
        process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()
        if daemon.isdigit():
            _end_daemon(int(daemon))


def _end_daemon(pid: int) -> None:
    """GNOME Keyring leaves with its bus; if it has not, end it (by its id, checked)."""
    comm = Path(f"/proc/{pid}/comm")
    try:
        if comm.read_text().strip().startswith("gnome-keyring"):
            os.kill(pid, signal.SIGTERM)
    except (FileNotFoundError, ProcessLookupError):
        pass


def test_stores_reads_and_deletes_in_the_secret_service(secret_service: SecretSession) -> None:
    user, host = "ana.sousa@example.test", "SMTP.Example.test"
    steps = secret_service.run(
        user, host, SECRET, "store", "lookup", "get", "delete", "lookup", "get", "delete"
    )
    backend, problem, *results = steps
    assert (backend, problem) == ("keyring.backends.SecretService", None)
    stored_found, read, deleted, gone_found, read_again, deleted_again = results
    # What libsecret's own tool finds under RunnerUp's service and account (host folded):
    assert stored_found == SECRET
    assert read == SECRET
    assert (deleted, gone_found, read_again, deleted_again) == (True, "", None, False)
    # Nothing readable in GNOME Keyring's files: the keyring encrypts them.
    files = [path for path in (secret_service.home / "data").rglob("*") if path.is_file()]
    assert files
    for path in files:
        assert SECRET.encode() not in path.read_bytes()


def test_no_backend_says_so_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring.core, "_keyring_backend", fail.Keyring())
    vault = PasswordVault()  # what keyring picks: here, nothing
    assert not vault.available
    assert vault.problem == NO_KEYRING
    assert "ask for it each time you send" in NO_KEYRING
    assert "never writes it to a file" in NO_KEYRING
    for attempt in (
        lambda: vault.store("ana", "smtp.example.com", SECRET),
        lambda: vault.get("ana", "smtp.example.com"),
        lambda: vault.delete("ana", "smtp.example.com"),
    ):
        with pytest.raises(SecretError, match="no system keyring"):
            attempt()


class PlaintextKeyring(fail.Keyring):
    """Looks like keyrings.alt's plaintext file backend."""

    __module__ = "keyrings.alt.file"
    priority = 0.5


def test_file_backends_are_refused_even_when_chosen(memory_keyring: Any) -> None:
    assert is_refused(PlaintextKeyring())
    assert is_refused(null.Keyring())
    assert is_refused(fail.Keyring())
    assert not is_refused(memory_keyring)
    assert not PasswordVault(PlaintextKeyring()).available
    assert not PasswordVault(resolve=PlaintextKeyring).available


def test_a_chain_uses_its_best_allowed_member(
    monkeypatch: pytest.MonkeyPatch, memory_keyring: Any
) -> None:
    monkeypatch.setattr(
        chainer.ChainerBackend, "backends", [PlaintextKeyring(), memory_keyring], raising=False
    )
    vault = PasswordVault(chainer.ChainerBackend())
    vault.store("ana", "smtp.example.com", SECRET)
    assert memory_keyring.secrets == {(SERVICE, "ana@smtp.example.com"): SECRET}
    assert vault.backend() is memory_keyring
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [PlaintextKeyring()], raising=False)
    assert not PasswordVault(chainer.ChainerBackend()).available


def test_a_locked_or_failing_keyring_is_a_sentence_without_the_secret(memory_keyring: Any) -> None:
    def locked(*_args: object) -> None:
        raise KeyringLocked(f"cannot store {SECRET}")

    memory_keyring.set_password = locked
    with pytest.raises(SecretError) as caught:
        PasswordVault(memory_keyring).store("ana", "smtp.example.com", SECRET)
    assert str(caught.value).startswith("The system keyring is locked.")
    assert SECRET not in str(caught.value) and caught.value.__cause__ is None

    def broken(*_args: object) -> None:
        raise RuntimeError(SECRET)

    memory_keyring.get_password = broken
    with pytest.raises(SecretError) as caught:
        PasswordVault(memory_keyring).get("ana", "smtp.example.com")
    assert "(RuntimeError)" in str(caught.value) and SECRET not in str(caught.value)


def test_a_backend_that_fails_to_load_counts_as_none() -> None:
    def explode() -> keyring.backend.KeyringBackend:
        raise RuntimeError("D-Bus is gone")

    assert PasswordVault(resolve=explode).problem == NO_KEYRING
