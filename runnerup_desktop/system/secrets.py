"""The email password, kept only in the system keyring (no Qt).

:class:`PasswordVault` stores, reads and deletes the SMTP password with ``keyring``: Windows
Credential Manager, the macOS Keychain or the Secret Service on Linux, under the service
:data:`SERVICE` and the account ``user@host``. Where no such keyring is usable it says so
(:attr:`PasswordVault.problem`) and refuses to store: the caller asks for the password at
each send instead. It never falls back to a file: the plaintext and file-based backends of
``keyrings.alt`` (or any backend with "plaintext" in its name) are refused even when
configured. The password never goes into a log or an error message.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # keyring takes about 0.1 s to import: only when a password is needed
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

SERVICE = "RunnerUp SMTP"

NO_KEYRING = (
    "There is no system keyring on this computer (Windows Credential Manager, the macOS "
    "Keychain or a Secret Service such as GNOME Keyring or KWallet), so RunnerUp cannot "
    "remember your email password. It will ask for it each time you send, and never writes "
    "it to a file."
)
LOCKED = "The system keyring is locked. Unlock it (or log in again) and try again."

#: Backends that keep secrets in files of their own: never used for the password.
_FILE_MODULES = ("keyrings.alt", "keyrings.cryptfile")


class SecretError(Exception):
    """The keyring could not do what was asked; ``str(exc)`` is a sentence for the user."""


def account_name(user: str, host: str) -> str:
    """The keyring account the password is stored under: ``user@host``."""
    return f"{user.strip()}@{host.strip().lower()}"


def system_keyring() -> KeyringBackend:
    """What ``keyring`` picks for this computer (its configuration included)."""
    import keyring

    return keyring.get_keyring()


def is_refused(backend: KeyringBackend) -> bool:
    """Whether ``backend`` cannot keep a secret safely: none at all, or a plain file."""
    from keyring.backends import chainer, fail, null

    if isinstance(backend, fail.Keyring | null.Keyring | chainer.ChainerBackend):
        return True
    kind = type(backend)
    if kind.__module__.startswith(_FILE_MODULES) or "plaintext" in kind.__name__.lower():
        return True
    try:
        return float(backend.priority) <= 0
    except Exception:  # a backend whose priority cannot be told is not usable here
        return True


def usable_backend(backend: KeyringBackend) -> KeyringBackend | None:
    """The backend to use: ``backend`` itself, or for a chain its best allowed member."""
    from keyring.backends import chainer

    if isinstance(backend, chainer.ChainerBackend):
        members = [member for member in backend.backends if not is_refused(member)]
        return members[0] if members else None
    return None if is_refused(backend) else backend


class PasswordVault:
    """The SMTP password in the keyring. ``backend`` defaults to what ``keyring`` picks."""

    def __init__(
        self,
        backend: KeyringBackend | None = None,
        *,
        resolve: Callable[[], KeyringBackend] = system_keyring,
        service: str = SERVICE,
        no_keyring: str = NO_KEYRING,
    ) -> None:
        """``service`` and ``no_keyring`` let another account (the sync server's) keep its
        password the same way, under its own service name and with its own sentence."""
        self._given = backend
        self._resolve = resolve
        self._service = service
        self._no_keyring = no_keyring
        self._backend: KeyringBackend | None = None
        self._resolved = False

    def backend(self) -> KeyringBackend | None:
        """The keyring in use, or ``None`` when none is usable (looked up once)."""
        if not self._resolved:
            self._resolved = True
            try:
                chosen = self._given if self._given is not None else self._resolve()
                self._backend = usable_backend(chosen)
            except Exception as exc:
                log.warning("no keyring backend could be loaded (%s)", type(exc).__name__)
                self._backend = None
            if self._backend is None:
                log.info("no usable system keyring: the email password will be asked for")
        return self._backend

    @property
    def available(self) -> bool:
        return self.backend() is not None

    @property
    def problem(self) -> str | None:
        """Why the password cannot be remembered, or ``None`` when it can."""
        return None if self.available else self._no_keyring

    def store(self, user: str, host: str, password: str) -> None:
        """Remember the password for ``user`` at ``host``; :class:`SecretError` if not."""
        backend = self._require()
        try:
            backend.set_password(self._service, account_name(user, host), password)
        except Exception as exc:
            raise _error("save the password in", exc) from None

    def get(self, user: str, host: str) -> str | None:
        """The stored password, ``None`` if there is none; :class:`SecretError` on failure."""
        backend = self._require()
        try:
            password = backend.get_password(self._service, account_name(user, host))
        except Exception as exc:
            raise _error("read the password from", exc) from None
        return password if password else None

    def delete(self, user: str, host: str) -> bool:
        """Forget the password; ``False`` if there was none to forget."""
        from keyring.errors import PasswordDeleteError

        backend = self._require()
        try:
            backend.delete_password(self._service, account_name(user, host))
        except PasswordDeleteError:
            return False
        except Exception as exc:
            raise _error("remove the password from", exc) from None
        return True

    def _require(self) -> KeyringBackend:
        backend = self.backend()
        if backend is None:
            raise SecretError(self._no_keyring)
        return backend


def _error(action: str, exc: Exception) -> SecretError:
    from keyring.errors import KeyringLocked

    # Only the exception's type is logged: a backend's message could quote what it was given.
    log.warning("the keyring could not %s it (%s)", action.split()[0], type(exc).__name__)
    if isinstance(exc, KeyringLocked):
        return SecretError(LOCKED)
    return SecretError(
        f"RunnerUp could not {action} the system keyring ({type(exc).__name__}). Check that "
        f"the keyring is unlocked, or type the password when you send."
    )
