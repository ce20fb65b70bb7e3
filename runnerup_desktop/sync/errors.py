"""What can go wrong with a sync, as one sentence for the person (no Qt).

Every failure of the network, TLS, the server or the account becomes a :class:`SyncProblem`
whose ``str()`` says what to check; its :class:`Problem` kind tells the caller whether
trying again later can help (:attr:`Problem.transient`). Sentences name the server, never
the password; the log gets only the exception's type.
"""

from __future__ import annotations

from enum import StrEnum


class Problem(StrEnum):
    URL = "url"
    AUTH = "auth"
    TLS = "tls"
    NOT_DAV = "not_dav"
    OFFLINE = "offline"
    SERVER = "server"
    ACCOUNT = "account"

    @property
    def transient(self) -> bool:
        """Whether the same sync may work later without the person changing anything."""
        return self in (Problem.OFFLINE, Problem.SERVER)


class SyncProblem(Exception):
    """A sync could not be done; ``str(exc)`` is a sentence for the person."""

    def __init__(self, kind: Problem, sentence: str) -> None:
        super().__init__(sentence)
        self.kind = kind


def wrong_password(host: str) -> SyncProblem:
    return SyncProblem(
        Problem.AUTH,
        f"{host} refused the user name or password. Check both; some providers (iCloud, "
        f"Fastmail, an account with two-step sign-in) need an app password made for RunnerUp.",
    )


def tls_failure(host: str) -> SyncProblem:
    return SyncProblem(
        Problem.TLS,
        f"RunnerUp could not make a trusted encrypted connection to {host}: its certificate "
        f"is not signed by an authority this computer trusts, has expired, or is for another "
        f"name. If the server uses your own certificate authority, give its file with "
        f"--ca-file (or SSL_CERT_FILE).",
    )


def unreachable(host: str) -> SyncProblem:
    return SyncProblem(
        Problem.OFFLINE,
        f"RunnerUp could not reach {host}: check the address and your connection. Your "
        f"changes are kept and go out at the next sync.",
    )


def too_slow(host: str, seconds: float) -> SyncProblem:
    return SyncProblem(
        Problem.OFFLINE,
        f"{host} did not answer within {seconds:g} seconds. Your changes are kept and go out "
        f"at the next sync.",
    )


def not_dav(host: str, what: str) -> SyncProblem:
    return SyncProblem(
        Problem.NOT_DAV,
        f"{host} answers, but not as a {what} server. Check the address: your provider's "
        f"help names it (for Nextcloud, https://your.cloud/remote.php/dav).",
    )


def server_error(host: str, status: int) -> SyncProblem:
    return SyncProblem(
        Problem.SERVER,
        f"{host} had a problem of its own (HTTP {status}). RunnerUp will try again later; "
        f"your changes are kept.",
    )
