"""Real peers for the messaging tests: SMTP servers on loopback with TLS from a test CA.

Each server is an aiosmtpd controller on 127.0.0.1 and a free port, signing in with a
user and a UTF-8 password, with a certificate for 127.0.0.1 issued by a CA the test makes
(trustme). Clients trust that CA only through the context the test passes.
"""

from __future__ import annotations

import datetime as dt
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from keyring.backend import KeyringBackend
from sqlalchemy import select

from runnerup_desktop.core.domain import Step
from runnerup_desktop.store.models import FollowUp, Interaction
from runnerup_desktop.system.mail import Security, SmtpAccount

USER = "ana.sousa@example.test"
PASSWORD = "Pässwörd-Łódź-42"

# aiosmtpd itself sets the deprecated Session.login_data on every successful sign-in.
_LOGIN_DATA = "ignore:Session.login_data is deprecated:DeprecationWarning"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/messages" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.filterwarnings(_LOGIN_DATA))


@dataclass
class Inbox:
    """What a test server received."""

    envelopes: list[Any] = field(default_factory=list)
    #: The name each client greeted with (EHLO).
    greetings: list[str] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        self.greetings.append(session.host_name)
        return "250 Message accepted"

    def messages(self) -> list[EmailMessage]:
        parsed = []
        for envelope in self.envelopes:
            message = message_from_bytes(envelope.original_content, policy=policy.default)
            assert isinstance(message, EmailMessage)
            parsed.append(message)
        return parsed


@dataclass
class SmtpServer:
    host: str
    port: int
    security: Security
    inbox: Inbox
    client_context: ssl.SSLContext

    def account(self, **changes: Any) -> SmtpAccount:
        values: dict[str, Any] = {
            "host": self.host,
            "port": self.port,
            "security": self.security,
            "user": USER,
            "sender_address": "ana.sousa@example.test",
            "sender_name": "Ana Sousa",
        }
        values.update(changes)
        return SmtpAccount(**values)


@dataclass(frozen=True)
class Tls:
    ca: trustme.CA
    server_context: ssl.SSLContext

    def client_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context()
        self.ca.configure_trust(context)
        return context


@pytest.fixture(scope="session")
def tls() -> Tls:
    ca = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(server_context)
    return Tls(ca, server_context)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def _authenticate(
    server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
) -> AuthResult:
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == USER.encode()
        and auth_data.password == PASSWORD.encode("utf-8")
    )
    return AuthResult(success=ok, handled=False)


def _serve(tls: Tls, security: Security) -> Iterator[SmtpServer]:
    inbox = Inbox()
    port = free_port()
    options: dict[str, Any] = {"authenticator": _authenticate}
    if security is Security.STARTTLS:
        options |= {
            "tls_context": tls.server_context,
            "require_starttls": True,
            "auth_require_tls": True,
        }
    else:
        options |= {"ssl_context": tls.server_context, "auth_require_tls": False}
    # A fixed server name: otherwise aiosmtpd asks DNS for one on every connection.
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, server_hostname="smtp.test", **options
    )
    controller.start()
    try:
        yield SmtpServer("127.0.0.1", port, security, inbox, tls.client_context())
    finally:
        controller.stop()


@pytest.fixture(scope="module")
def _starttls_server(tls: Tls) -> Iterator[SmtpServer]:
    yield from _serve(tls, Security.STARTTLS)


@pytest.fixture(scope="module")
def _ssl_server(tls: Tls) -> Iterator[SmtpServer]:
    yield from _serve(tls, Security.SSL_TLS)


@pytest.fixture
def starttls_server(_starttls_server: SmtpServer) -> SmtpServer:
    _starttls_server.inbox.envelopes.clear()
    _starttls_server.inbox.greetings.clear()
    return _starttls_server


@pytest.fixture
def ssl_server(_ssl_server: SmtpServer) -> SmtpServer:
    _ssl_server.inbox.envelopes.clear()
    _ssl_server.inbox.greetings.clear()
    return _ssl_server


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps secrets in this process only, for tests."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def password() -> str:
    """The test servers' password: UTF-8 beyond Latin-1, as people's passwords can be."""
    return PASSWORD


@dataclass
class Demo:
    """The demo story on a real database, with settings in a real ini file."""

    store: Any
    playbook: Any
    settings: Any
    settings_path: Any
    today: dt.date
    #: What the windows are given, over this store and these settings.
    ctx: Any

    def follow_up(self, step: Step) -> int:
        with self.store.sessions() as session:
            found: int = session.scalars(
                select(FollowUp.id).where(FollowUp.step == step).order_by(FollowUp.due_on)
            ).first()
        return found

    def row(self, follow_up_id: int) -> FollowUp:
        with self.store.sessions() as session:
            row = session.get(FollowUp, follow_up_id)
            assert isinstance(row, FollowUp)
            return row

    def interactions(self, follow_up_id: int) -> list[Interaction]:
        with self.store.sessions() as session:
            query = select(Interaction).where(Interaction.follow_up_id == follow_up_id)
            return list(session.scalars(query))


DEMO_TODAY = dt.date(2026, 3, 9)


@pytest.fixture
def demo(store: Any, tmp_path: Any) -> Demo:
    from PySide6.QtCore import QSettings

    from runnerup_desktop.store.demo import seed_demo
    from runnerup_desktop.store.playbook_services import PlaybookServices
    from runnerup_desktop.ui.common.settings import AppSettings

    seed_demo(store.sessions, DEMO_TODAY)
    path = tmp_path / "settings.ini"
    settings = AppSettings(QSettings(str(path), QSettings.Format.IniFormat))
    from tests.builders import context_for

    playbook = PlaybookServices(store.sessions, today=lambda: DEMO_TODAY)
    ctx = context_for(store, settings, lambda: DEMO_TODAY)
    return Demo(store, playbook, settings, path, DEMO_TODAY, ctx)


@dataclass
class Asked:
    """A ``confirm`` stand-in: records the questions and gives one answer."""

    answer: bool
    questions: list[tuple[str, str]] = field(default_factory=list)

    def __call__(self, _parent: Any, title: str, text: str) -> bool:
        self.questions.append((title, text))
        return self.answer


@pytest.fixture
def asked() -> type[Asked]:
    return Asked
