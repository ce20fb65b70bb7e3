"""Building an email and sending it through the person's SMTP account (no Qt).

Only encrypted connections: STARTTLS (usually port 587) or SSL/TLS from the first byte
(usually port 465), checked against the system's certificate authorities with
:func:`ssl.create_default_context` unless the caller passes its own context. User names and
passwords may have any Unicode character (sent as UTF-8, which ``smtplib`` alone refuses).

Every failure becomes a :class:`SendError` whose ``str()`` is one sentence saying what to
check; it names the server, the port and the user, never the password, and only the
exception's type is logged.
"""

from __future__ import annotations

import base64
import hmac
import logging
import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from enum import StrEnum
from typing import Any
from urllib.parse import quote, urlencode

from runnerup_desktop.core.validation import check_email

log = logging.getLogger(__name__)

TIMEOUT_S = 20.0
TEST_SUBJECT = "RunnerUp test message"


class Security(StrEnum):
    STARTTLS = "starttls"
    SSL_TLS = "ssl"

    @property
    def label(self) -> str:
        return "STARTTLS" if self is Security.STARTTLS else "SSL/TLS"

    @property
    def usual_port(self) -> int:
        return 587 if self is Security.STARTTLS else 465


@dataclass(frozen=True)
class SmtpAccount:
    """Where and as whom to send; the password is not part of it (see ``secrets``)."""

    host: str
    port: int
    security: Security
    user: str
    sender_address: str
    sender_name: str = ""

    def problems(self) -> dict[str, str]:
        """What is missing or wrong, by field name; empty when the account can be used."""
        found: dict[str, str] = {}
        if not self.host.strip():
            found["host"] = "Enter your provider's SMTP server, like smtp.example.com."
        elif any(ch.isspace() for ch in self.host.strip()) or "/" in self.host:
            found["host"] = "A server name has no spaces or slashes, like smtp.example.com."
        if not 0 < self.port < 65536:
            found["port"] = "A port is a number from 1 to 65535 (usually 587 or 465)."
        if not self.user.strip():
            found["user"] = "Enter the user name you sign in with, often your email address."
        if not self.sender_address.strip():
            found["sender_address"] = "Enter the address your messages come from."
        elif problem := check_email(self.sender_address):
            found["sender_address"] = problem
        return found


class SendError(Exception):
    """Sending failed; ``str(exc)`` says what to check. The draft is still there."""


def build_message(
    account: SmtpAccount, to_name: str, to_address: str, subject: str, body: str
) -> EmailMessage:
    """A UTF-8 plain-text message from the account's sender to one person."""
    message = EmailMessage()
    message["From"] = _address(account.sender_name, account.sender_address)
    message["To"] = _address(to_name, to_address)
    message["Subject"] = " ".join(subject.split())
    message["Date"] = formatdate(localtime=True)
    domain = account.sender_address.rpartition("@")[2] or None
    message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(body.replace("\r\n", "\n"), charset="utf-8", cte="quoted-printable")
    return message


def make_test_message(account: SmtpAccount) -> EmailMessage:
    """A short message to the sender's own address, to check the account works."""
    body = (
        "This is a test message from RunnerUp.\n\n"
        f"Your email account works: it sent this through {account.host} "
        f"({account.security.label}, port {account.port})."
    )
    return build_message(account, account.sender_name, account.sender_address, TEST_SUBJECT, body)


def mailto(to_address: str, subject: str, body: str) -> str:
    """A ``mailto:`` link (RFC 6068) that opens a mail program with this draft."""
    address = quote(to_address.strip(), safe="@")
    query = urlencode(
        {
            "subject": " ".join(subject.split()),
            "body": body.replace("\r\n", "\n").replace("\n", "\r\n"),
        },
        quote_via=quote,
    )
    return f"mailto:{address}?{query}"


def send(
    account: SmtpAccount,
    password: str,
    message: EmailMessage,
    *,
    context: ssl.SSLContext | None = None,
    timeout: float = TIMEOUT_S,
) -> None:
    """Send ``message`` through ``account``; :class:`SendError` with a sentence if it fails."""
    context = context or ssl.create_default_context()
    host = account.host.strip()
    try:
        name = ehlo_name()
        if account.security is Security.SSL_TLS:
            smtp: smtplib.SMTP = _Utf8SmtpSsl(
                host, account.port, name, timeout=timeout, context=context
            )
        else:
            smtp = _Utf8Smtp(host, account.port, name, timeout=timeout)
        with smtp:
            if account.security is Security.STARTTLS:
                smtp.ehlo()
                smtp.starttls(context=context)
                smtp.ehlo()
            smtp.login(account.user.strip(), password)
            smtp.send_message(message)
    except Exception as exc:
        log.warning("sending failed (port %d, %s)", account.port, type(exc).__name__)
        raise SendError(explain(exc, account, message)) from None
    log.info("sent a message (port %d)", account.port)


def explain(exc: BaseException, account: SmtpAccount, message: EmailMessage | None = None) -> str:
    """One sentence on what went wrong and what to check; never quotes the password."""
    where = f"{account.host.strip()} on port {account.port}"
    security = "Check the security setting: port 587 usually takes STARTTLS, port 465 SSL/TLS."
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return (
            f"The server refused the user name or password. Check the user “{account.user}” "
            f"and the password (some providers want an app password for email programs)."
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        if "starttls" in str(exc).lower():
            return f"The server at {where} does not offer STARTTLS. {security}"
        if "smtputf8" in str(exc).lower():
            return (
                "This server cannot deliver to or from addresses with letters outside plain "
                "ASCII: check the addresses."
            )
        return f"The server at {where} does not accept signing in this way. {security}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        to = message["To"] if message is not None else "the recipient"
        return f"The server refused to deliver to {to}: check the recipient's address."
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return (
            f"The server refused {account.sender_address} as the sender: check the sender "
            f"address (many providers accept only your own)."
        )
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return f"The server at {where} closed the connection. {security}"
    if isinstance(exc, smtplib.SMTPResponseException):
        return (
            f"The server at {where} refused the message (code {exc.smtp_code}). Check the "
            f"account settings, or try again later."
        )
    if isinstance(exc, ssl.SSLCertVerificationError):
        return (
            f"The server's certificate could not be trusted ({exc.verify_message}). Check "
            f"that the server name is exactly the one your provider gives; RunnerUp only "
            f"sends over a connection it can verify."
        )
    if isinstance(exc, ssl.SSLError):
        return f"The secure connection to {where} failed. {security}"
    if isinstance(exc, ConnectionRefusedError):
        return (
            f"Nothing answered at {where}. Check the server name and the port (usually 587 "
            f"for STARTTLS or 465 for SSL/TLS)."
        )
    if isinstance(exc, socket.gaierror):
        return (
            f"The server name “{account.host.strip()}” could not be found. Check it for "
            f"typos, and check your internet connection."
        )
    if isinstance(exc, TimeoutError):
        return (
            f"{where[0].upper()}{where[1:]} did not answer in time. Check the server name, "
            f"the port and the security setting, and your internet connection."
        )
    if isinstance(exc, OSError):
        return (
            f"RunnerUp could not reach {where} ({exc.strerror or type(exc).__name__}). "
            f"Check the server name and port, and your internet connection."
        )
    if isinstance(exc, UnicodeError):
        return (
            "The server cannot take this message's addresses as written: check them for "
            "letters outside plain ASCII."
        )
    return f"Sending through {where} failed ({type(exc).__name__}). Check the account settings."


def ehlo_name() -> str:
    """The name this computer greets the server with: its host name when that is a valid
    DNS name, else "localhost". Unlike ``smtplib``'s default it asks no name server, which
    can hang for seconds on a badly configured network."""
    name = socket.gethostname().strip().rstrip(".")
    labels = name.split(".")
    valid = all(
        0 < len(label) < 64 and label.isascii() and label.replace("-", "").isalnum()
        for label in labels
    )
    return name if name and valid and len(name) < 254 else "localhost"


def _address(name: str, address: str) -> Address:
    local, _, domain = address.strip().rpartition("@")
    return Address(display_name=" ".join(name.split()), username=local, domain=domain)


class _Utf8Auth(smtplib.SMTP):
    """Signing in with UTF-8 user names and passwords (RFC 4616/4954)."""

    def auth(self, mechanism: str, authobject: Any, *, initial_response_ok: bool = True) -> Any:
        mechanism = mechanism.upper()
        initial = authobject() if initial_response_ok else None
        if initial is not None:
            code, response = self.docmd("AUTH", f"{mechanism} {_b64(initial)}")
            rounds = 1
        else:
            code, response = self.docmd("AUTH", mechanism)
            rounds = 0
        self._auth_challenge_count = rounds
        while code == 334:
            rounds += 1
            self._auth_challenge_count = rounds
            if rounds > 5:
                raise smtplib.SMTPException("The server kept asking to sign in.")
            code, response = self.docmd(_b64(authobject(base64.decodebytes(response))))
        if code in (235, 503):
            return code, response
        raise smtplib.SMTPAuthenticationError(code, response)

    def auth_cram_md5(self, challenge: Any = None) -> Any:
        if challenge is None:
            return None
        digest = hmac.new(self.password.encode("utf-8"), challenge, "md5").hexdigest()
        return f"{self.user} {digest}"


class _Utf8Smtp(_Utf8Auth):
    pass


class _Utf8SmtpSsl(_Utf8Auth, smtplib.SMTP_SSL):
    pass


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")
