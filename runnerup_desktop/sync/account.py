"""The sync account: where, as whom, and how (no Qt).

The password is not part of it: it is kept in the system keyring under
:data:`PASSWORD_SERVICE` and the account ``user@host``, as the email password is
(``system/secrets.py``), or given once on standard input by ``runnerup sync``.
Connections are encrypted (https) except to this computer itself (loopback).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from runnerup_desktop.sync.errors import Problem, SyncProblem
from runnerup_desktop.system.secrets import PasswordVault

DEFAULT_COLLECTION = "RunnerUp"
PASSWORD_SERVICE = "RunnerUp CalDAV"
NO_KEYRING = (
    "There is no system keyring on this computer (Windows Credential Manager, the macOS "
    "Keychain or a Secret Service such as GNOME Keyring or KWallet), so RunnerUp cannot "
    "remember your sync password, and never writes it to a file. Sync from the command "
    "line with `runnerup sync --password-stdin` instead."
)
MAX_NAME = 200


@dataclass(frozen=True)
class SyncAccount:
    url: str
    user: str = ""
    calendar: str = DEFAULT_COLLECTION
    addressbook: str = DEFAULT_COLLECTION
    #: Follow-ups as calendar events instead of to-dos.
    as_events: bool = False
    #: Notes (and the playbook's guidance) go to the server too.
    include_notes: bool = False

    @property
    def host(self) -> str:
        return host_of(self.url)

    def problems(self) -> dict[str, str]:
        """What is missing or wrong, by field name; empty when the account can be used."""
        found: dict[str, str] = {}
        if (problem := url_problem(self.url)) is not None:
            found["url"] = problem
        for name, value, what in (
            ("calendar", self.calendar, "calendar"),
            ("addressbook", self.addressbook, "address book"),
        ):
            if not value.strip():
                found[name] = f"Name the {what}, or keep “{DEFAULT_COLLECTION}”."
            elif len(value.strip()) > MAX_NAME:
                found[name] = f"The {what}'s name can be at most {MAX_NAME} characters."
        return found

    def check(self) -> None:
        """Raise a :class:`SyncProblem` naming the first problem, if any."""
        problems = self.problems()
        if problems:
            raise SyncProblem(
                Problem.URL if "url" in problems else Problem.ACCOUNT, next(iter(problems.values()))
            )


def normalized_url(text: str) -> str:
    """The address as typed, with ``https://`` added when it has no scheme."""
    text = text.strip()
    if text and "://" not in text:
        text = "https://" + text
    return text


def host_of(url: str) -> str:
    try:
        parts = urlsplit(normalized_url(url))
        return parts.hostname or url
    except ValueError:
        return url


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain") or host.lower().endswith(
        ".localhost"
    ):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_problem(url: str) -> str | None:
    """A sentence saying what is wrong with the server address, or ``None``."""
    text = normalized_url(url)
    if not text:
        return "Enter your server's address, like https://cloud.example.com."
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return "That address cannot be read; it looks like https://cloud.example.com/dav."
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return (
            "The address starts with https:// and names a server, like https://cloud.example.com."
        )
    if any(ch.isspace() for ch in text):
        return "An address has no spaces."
    if port == 0:
        return "A port is a number from 1 to 65535."
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        return (
            "RunnerUp syncs only over an encrypted connection: with http:// your password and "
            "your plan would cross the network readable by anyone on the way. Use https://."
        )
    return None


def sync_vault(backend: object | None = None) -> PasswordVault:
    """The keyring entry for sync passwords (``backend`` for tests)."""
    return PasswordVault(
        backend,  # type: ignore[arg-type]
        service=PASSWORD_SERVICE,
        no_keyring=NO_KEYRING,
    )
