"""Sending through real SMTP servers on loopback, over TLS from a CA the test makes."""

from __future__ import annotations

import smtplib
import socket
import ssl
from email.message import EmailMessage
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from runnerup_desktop.system.mail import (
    TEST_SUBJECT,
    Security,
    SendError,
    SmtpAccount,
    build_message,
    ehlo_name,
    explain,
    mailto,
    make_test_message,
    send,
)

BODY = (
    "Hi Łukasz,\n\n"
    "Thank you for the call. I enjoyed meeting Zoë Müller and the team — "
    "and I remain very interested.\n\n"
    "Best regards,\nAna Sousa"
)


def _message(account: SmtpAccount) -> EmailMessage:
    return build_message(account, "Łukasz Wróbel", "lukasz@northwind.example", "Danke — Zoë", BODY)


def test_sends_over_starttls_with_utf8_headers_and_body(
    starttls_server: Any, password: Any
) -> None:
    account = starttls_server.account(sender_name="Zoë Müller")
    send(account, password, _message(account), context=starttls_server.client_context)

    [envelope] = starttls_server.inbox.envelopes
    assert starttls_server.inbox.greetings == [ehlo_name()]
    assert envelope.mail_from == "ana.sousa@example.test"
    assert envelope.rcpt_tos == ["lukasz@northwind.example"]
    raw = envelope.original_content
    assert raw.isascii()  # headers encoded, body quoted-printable: safe on any server
    [received] = starttls_server.inbox.messages()
    assert received["Subject"] == "Danke — Zoë"
    assert received["From"].addresses[0].display_name == "Zoë Müller"
    assert received["From"].addresses[0].addr_spec == "ana.sousa@example.test"
    assert str(received["To"]) == "Łukasz Wróbel <lukasz@northwind.example>"
    assert received["Message-ID"].endswith("@example.test>")
    assert received["Date"]
    assert received.get_content_type() == "text/plain"
    assert received.get_content_charset() == "utf-8"
    assert received.get_content().replace("\r\n", "\n").rstrip("\n") == BODY


def test_sends_over_ssl_tls(ssl_server: Any, password: Any) -> None:
    account = ssl_server.account()
    send(account, password, make_test_message(account), context=ssl_server.client_context)
    [received] = ssl_server.inbox.messages()
    assert received["Subject"] == TEST_SUBJECT
    assert str(received["To"]) == "Ana Sousa <ana.sousa@example.test>"
    assert "SSL/TLS, port" in received.get_content()


def _failure(account: SmtpAccount, password: str, context: ssl.SSLContext | None) -> str:
    with pytest.raises(SendError) as caught:
        send(account, password, _message(account), context=context, timeout=5)
    sentence = str(caught.value)
    assert password not in sentence
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    return sentence


def test_wrong_port_says_to_check_host_and_port(starttls_server: Any, password: Any) -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]  # bound but not listening: refused
        account = starttls_server.account(port=port)
        sentence = _failure(account, password, starttls_server.client_context)
    assert sentence.startswith(f"Nothing answered at 127.0.0.1 on port {port}.")
    assert "Check the server name and the port" in sentence
    assert starttls_server.inbox.envelopes == []


def test_bad_password_says_to_check_user_and_password(starttls_server: Any, password: Any) -> None:
    sentence = _failure(starttls_server.account(), password + "x", starttls_server.client_context)
    assert sentence.startswith("The server refused the user name or password.")
    assert "ana.sousa@example.test" in sentence
    assert starttls_server.inbox.envelopes == []


def test_untrusted_certificate_is_refused(starttls_server: Any, password: Any) -> None:
    # The system's authorities do not know the test CA: exactly like a forged certificate.
    sentence = _failure(starttls_server.account(), password, ssl.create_default_context())
    assert sentence.startswith("The server's certificate could not be trusted")
    assert "server name" in sentence
    assert starttls_server.inbox.envelopes == []


def test_wrong_security_setting_says_so(starttls_server: Any, password: Any) -> None:
    account = starttls_server.account(security=Security.SSL_TLS)
    sentence = _failure(account, password, starttls_server.client_context)
    assert "Check the security setting" in sentence


def test_unknown_host_says_to_check_the_name(starttls_server: Any, password: Any) -> None:
    account = starttls_server.account(host="smtp.invalid")
    sentence = _failure(account, password, starttls_server.client_context)
    assert "“smtp.invalid” could not be found" in sentence or "could not reach" in sentence


@pytest.mark.parametrize(
    ("error", "start"),
    [
        (TimeoutError(), "127.0.0.1 on port 2525 did not answer in time"),
        (smtplib.SMTPNotSupportedError("STARTTLS extension not supported"), "The server at"),
        (smtplib.SMTPServerDisconnected(), "The server at 127.0.0.1 on port 2525 closed"),
        (smtplib.SMTPSenderRefused(553, b"no", "a@b.c"), "The server refused ana@"),
        (smtplib.SMTPDataError(554, b"spam"), "The server at 127.0.0.1 on port 2525 refused"),
        (ssl.SSLError(1, "wrong version number"), "The secure connection"),
        (ValueError("secret-in-message"), "Sending through 127.0.0.1 on port 2525 failed"),
    ],
)
def test_every_failure_is_a_sentence_without_the_details(error: Exception, start: str) -> None:
    account = SmtpAccount("127.0.0.1", 2525, Security.STARTTLS, "ana", "ana@example.test")
    sentence = explain(error, account)
    assert sentence.startswith(start)
    assert "secret-in-message" not in sentence


def test_account_problems() -> None:
    good = SmtpAccount("smtp.example.com", 587, Security.STARTTLS, "ana", "ana@example.com")
    assert good.problems() == {}
    bad = SmtpAccount(" ", 0, Security.STARTTLS, "", "ana@")
    assert set(bad.problems()) == {"host", "port", "user", "sender_address"}
    assert (
        "no spaces"
        in SmtpAccount("smtp example", 1, Security.SSL_TLS, "a", "a@b.c").problems()["host"]
    )


def test_mailto_link_carries_subject_and_body() -> None:
    url = mailto("lukasz@northwind.example", "Danke & bis bald?", "Hi Łukasz,\n\n100% yes")
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "lukasz@northwind.example"
    assert url.isascii() and " " not in url
    query = parse_qs(parts.query)
    assert query == {"subject": ["Danke & bis bald?"], "body": ["Hi Łukasz,\r\n\r\n100% yes"]}
