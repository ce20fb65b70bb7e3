"""The account's checks, and discovery's rules checked against hosted services' documented
addresses (on paper: no network)."""

from __future__ import annotations

import pytest

from runnerup_desktop.sync.account import SyncAccount, is_loopback, url_problem
from runnerup_desktop.sync.connection import Connection
from runnerup_desktop.sync.discovery import _siblings, same_site
from runnerup_desktop.sync.errors import Problem, SyncProblem


@pytest.mark.parametrize(
    "url",
    [
        "https://cloud.example.com/remote.php/dav",  # Nextcloud
        "cloud.example.com",  # https:// is added
        "https://caldav.fastmail.com/dav/",  # Fastmail
        "https://caldav.icloud.com/",  # iCloud
        "https://dav.mailbox.org/caldav/",  # mailbox.org
        "http://127.0.0.1:5232/",
        "http://localhost:5232/",
        "http://[::1]:5232/",
    ],
)
def test_addresses_that_are_accepted(url: str) -> None:
    assert url_problem(url) is None


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("", "Enter your server's address"),
        ("http://cloud.example.com/dav", "encrypted connection"),
        ("http://192.168.1.20:5232/", "encrypted connection"),
        ("ftp://cloud.example.com", "starts with https://"),
        ("https://cloud example.com", "no spaces"),
        ("https://cloud.example.com:99999/", "cannot be read"),
    ],
)
def test_addresses_that_are_refused_say_why(url: str, says: str) -> None:
    problem = url_problem(url)
    assert problem is not None and says in problem


def test_plain_http_is_refused_before_any_connection() -> None:
    with pytest.raises(SyncProblem) as refused:
        Connection("http://cloud.example.com/remote.php/dav", "ana", "secret")
    assert refused.value.kind is Problem.URL


def test_loopback_names() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("127.8.9.10") and is_loopback("::1")
    assert is_loopback("localhost") and not is_loopback("localhost.example.com")
    assert not is_loopback("10.0.0.1")


def test_account_fields_state_their_problems() -> None:
    problems = SyncAccount(url="https://x.example", calendar=" ", addressbook="b" * 201).problems()
    assert problems == {
        "calendar": "Name the calendar, or keep “RunnerUp”.",
        "addressbook": "The address book's name can be at most 200 characters.",
    }


def test_hosted_services_discovery_rules_on_paper() -> None:
    """The documented addresses: Nextcloud's one DAV root; Fastmail's caldav./carddav.
    hosts; iCloud's caldav.icloud.com with contacts on contacts.icloud.com and homes on
    pNN-caldav.icloud.com; mailbox.org's dav.mailbox.org for both."""
    assert _siblings("https://caldav.fastmail.com/dav/") == ["https://carddav.fastmail.com/"]
    assert _siblings("https://caldav.icloud.com/") == ["https://contacts.icloud.com/"]
    assert _siblings("https://cloud.example.com/remote.php/dav") == []
    assert _siblings("https://dav.mailbox.org/caldav/") == []
    assert same_site("p42-caldav.icloud.com", "caldav.icloud.com")
    assert same_site("contacts.icloud.com", "caldav.icloud.com")
    assert same_site("carddav.fastmail.com", "caldav.fastmail.com")
    assert not same_site("evil.example.net", "caldav.fastmail.com")
    assert same_site("127.0.0.1", "localhost")
