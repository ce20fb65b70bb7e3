"""Checks and clean-up for what a person types about companies and contacts.

Every ``check_*`` function takes the text as typed and returns ``None`` when it is fine, or
one short sentence saying what is wrong and how to fix it. Optional fields accept empty
text. The ``normalize_*`` functions turn accepted text into what is stored: surrounding
spaces removed, ``example.com`` completed to ``https://example.com`` and so on.

The limits mirror the column sizes in ``store/models.py`` (the core does not import the
store), so a value that passes here always fits in the database.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final
from urllib.parse import urlsplit

from runnerup_desktop.core.records import CompanyValues, ContactValues

FieldCheck = Callable[[str], str | None]

MAX_NAME: Final = 200
MAX_INDUSTRY: Final = 120
MAX_LOCATION: Final = 120
MAX_TITLE: Final = 200
MAX_EMAIL: Final = 254
MAX_EMAIL_LOCAL: Final = 64
MAX_PHONE: Final = 40
MAX_URL: Final = 300
MAX_NOTES: Final = 10_000
MIN_PHONE_DIGITS: Final = 6
MAX_PHONE_DIGITS: Final = 15  # E.164

EMAIL_EXAMPLE: Final = "An email address needs an @ and a domain, like ana@example.com."

# --- generic ---------------------------------------------------------------------------


def check_length(text: str, max: int, field: str) -> str | None:
    """Too long? ``field`` starts the sentence: ``check_length(t, 120, "Industry")``."""
    count = len(text.strip())
    if count <= max:
        return None
    return f"{field} can be at most {max} characters; this one has {count}."


def normalize_line(text: str) -> str:
    """One line of text as stored: outer spaces removed, inner runs of spaces made one."""
    return " ".join(text.split())


# --- names -----------------------------------------------------------------------------


def check_company_name(text: str) -> str | None:
    if not text.strip():
        return "A company needs a name."
    return check_length(normalize_line(text), MAX_NAME, "A company name")


def check_person_name(text: str) -> str | None:
    if not text.strip():
        return "A contact needs a name."
    return check_length(normalize_line(text), MAX_NAME, "A name")


# --- email -----------------------------------------------------------------------------

# Characters that are only allowed inside a quoted local part, which nobody types.
_EMAIL_LOCAL_FORBIDDEN: Final = frozenset('"(),:;<>[\\]')


def check_email(text: str) -> str | None:
    """An address like ``ana@example.com``; international names and domains are fine."""
    email = text.strip()
    if not email:
        return None
    if any(ch.isspace() for ch in email):
        return "An email address cannot contain spaces."
    if "@" not in email:
        return EMAIL_EXAMPLE
    local, _, domain = email.rpartition("@")
    if "@" in local:
        return "An email address has only one @."
    if not local:
        return "Put the name before the @, like ana@example.com."
    if not domain:
        return "Add the domain after the @, like ana@example.com."
    if too_long := check_length(email, MAX_EMAIL, "An email address"):
        return too_long
    if len(local) > MAX_EMAIL_LOCAL:
        return f"The part before the @ can be at most {MAX_EMAIL_LOCAL} characters."
    bad = next((ch for ch in local if ch in _EMAIL_LOCAL_FORBIDDEN), None)
    if bad is not None:
        return f"An email address cannot contain “{bad}”."
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return "The part before the @ cannot start or end with a dot, or have “..”."
    if "." not in domain:
        return f"The domain after the @ needs an ending, like {domain}.com."
    if not _is_domain(domain):
        return f"“{domain}” is not a valid domain; check it for typos."
    return None


def normalize_email(text: str) -> str:
    """Trimmed, with the domain in lower case (domains ignore case; names may not)."""
    email = text.strip()
    local, at, domain = email.rpartition("@")
    return f"{local}{at}{domain.lower()}" if at else email


# --- web addresses ---------------------------------------------------------------------

# A scheme such as ``https:``, but not ``example.com:8080`` (a host followed by a port).
_SCHEME: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:(?![0-9])")
_LINKEDIN_HOSTS: Final = ("linkedin.com", "lnkd.in")


def normalize_url(text: str) -> str:
    """``example.com/jobs`` becomes ``https://example.com/jobs``; empty stays empty."""
    url = text.strip()
    if not url:
        return ""
    if _SCHEME.match(url) is None:
        url = "https://" + url
    scheme, rest = url.split(":", 1)
    return f"{scheme.lower()}:{rest}"


def check_url(text: str) -> str | None:
    """A web page. A bare domain is accepted and completed by :func:`normalize_url`."""
    url = normalize_url(text)
    if not url:
        return None
    return _web_address_problem(url) or check_length(url, MAX_URL, "A web address")


def check_linkedin_url(text: str) -> str | None:
    """A web address on LinkedIn, such as ``linkedin.com/in/ana-lopez``."""
    url = normalize_url(text)
    if not url:
        return None
    if problem := _web_address_problem(url):
        return problem
    host = urlsplit(url).hostname or ""
    if not any(host == known or host.endswith("." + known) for known in _LINKEDIN_HOSTS):
        return "Not a LinkedIn address, like linkedin.com/in/ana."
    return check_length(url, MAX_URL, "A web address")


def _web_address_problem(url: str) -> str | None:
    if any(ch.isspace() for ch in url):
        return "A web address cannot contain spaces."
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError:
        return "This is not a valid web address; check it for typos."
    try:
        _ = parts.port
    except ValueError:
        return "The port after the “:” must be a number up to 65535."
    if parts.scheme not in ("http", "https"):
        return "A web address starts with http:// or https://."
    if "@" in parts.netloc:
        return "That is an email address, not a web address."
    if not hostname:
        return "Add the site's domain, like https://example.com."
    if _is_domain(hostname) or _is_ip_address(hostname):
        return None
    if "." not in hostname:
        return f"Add the ending of the domain, like {hostname}.com."
    return f"“{hostname}” is not a valid domain; check it for typos."


# --- phone -----------------------------------------------------------------------------

_PHONE_CHARS: Final = frozenset("0123456789+()-./ ")
# Joined by no-break spaces so that a wrapped message keeps them on one line.
_PHONE_SIGNS: Final = "\u00a0".join("+()-./")
_EXTENSION: Final = re.compile(r"\s*(?:ext\.?|extension|x|#)\s*[0-9]{1,6}\s*$", re.IGNORECASE)


def check_phone(text: str) -> str | None:
    """Digits with the usual separators, an optional leading +, an optional extension."""
    phone = normalize_line(text)
    if not phone:
        return None
    if too_long := check_length(phone, MAX_PHONE, "A phone number"):
        return too_long
    extension = _EXTENSION.search(phone)
    number = phone[: extension.start()] if extension else phone
    bad = next((ch for ch in number if ch not in _PHONE_CHARS), None)
    if bad is not None:
        return f"A phone number cannot contain “{bad}”; use digits, spaces and {_PHONE_SIGNS}."
    if "+" in number[1:]:
        return "A + can only come first, like +44 20 7946 0958."
    digits = sum(ch.isdigit() for ch in number)
    if digits < MIN_PHONE_DIGITS:
        return f"A phone number needs at least {MIN_PHONE_DIGITS} digits."
    if digits > MAX_PHONE_DIGITS:
        return f"A phone number has at most {MAX_PHONE_DIGITS} digits, not counting an extension."
    return None


# --- whole records ---------------------------------------------------------------------


def _length_check(max_chars: int, field: str) -> FieldCheck:
    def check(text: str) -> str | None:
        return check_length(text, max_chars, field)

    return check


#: The check of each text field of :class:`CompanyValues`, by field name.
COMPANY_CHECKS: Final[Mapping[str, FieldCheck]] = MappingProxyType(
    {
        "name": check_company_name,
        "industry": _length_check(MAX_INDUSTRY, "An industry"),
        "location": _length_check(MAX_LOCATION, "A location"),
        "website": check_url,
        "notes": _length_check(MAX_NOTES, "Notes"),
    }
)

#: The check of each text field of :class:`ContactValues`, by field name.
CONTACT_CHECKS: Final[Mapping[str, FieldCheck]] = MappingProxyType(
    {
        "name": check_person_name,
        "title": _length_check(MAX_TITLE, "A job title"),
        "email": check_email,
        "phone": check_phone,
        "linkedin_url": check_linkedin_url,
        "notes": _length_check(MAX_NOTES, "Notes"),
    }
)


def company_problems(values: CompanyValues) -> dict[str, str]:
    """What is wrong with each field, by field name; empty when all is well."""
    return _problems(values, COMPANY_CHECKS)


def contact_problems(values: ContactValues) -> dict[str, str]:
    """What is wrong with each text field, by field name; empty when all is well."""
    return _problems(values, CONTACT_CHECKS)


def normalize_company(values: CompanyValues) -> CompanyValues:
    return dataclasses.replace(
        values,
        name=normalize_line(values.name),
        industry=normalize_line(values.industry),
        location=normalize_line(values.location),
        website=normalize_url(values.website),
        notes=values.notes.strip(),
    )


def normalize_contact(values: ContactValues) -> ContactValues:
    return dataclasses.replace(
        values,
        name=normalize_line(values.name),
        title=normalize_line(values.title),
        email=normalize_email(values.email),
        phone=normalize_line(values.phone),
        linkedin_url=normalize_url(values.linkedin_url),
        notes=values.notes.strip(),
    )


def _problems(
    values: CompanyValues | ContactValues, checks: Mapping[str, FieldCheck]
) -> dict[str, str]:
    found: dict[str, str] = {}
    for field, check in checks.items():
        problem = check(getattr(values, field))
        if problem is not None:
            found[field] = problem
    return found


# --- domains ---------------------------------------------------------------------------

_ASCII_LABEL: Final = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


def _is_domain(host: str) -> bool:
    """``example.com``, ``bücher.de``, ``例子.广告``: at least two labels, IDNA-valid."""
    labels = host.split(".")
    if len(labels) < 2:
        return False
    ascii_labels: list[str] = []
    for label in labels:
        try:
            ascii_label = label.encode("idna").decode("ascii").lower()
        except UnicodeError:
            return False
        if _ASCII_LABEL.fullmatch(ascii_label) is None:
            return False
        ascii_labels.append(ascii_label)
    if ascii_labels[-1].isdigit():
        return False
    return len(".".join(ascii_labels)) <= 253


def _is_ip_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
