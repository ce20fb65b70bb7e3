"""Field checks and normalisation for companies and contacts (no Qt)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from runnerup_desktop.core.domain import CompanyStatus, ContactRole
from runnerup_desktop.core.records import CompanyValues, ContactValues
from runnerup_desktop.core.validation import (
    EMAIL_EXAMPLE,
    check_company_name,
    check_email,
    check_length,
    check_linkedin_url,
    check_person_name,
    check_phone,
    check_url,
    company_problems,
    contact_problems,
    normalize_company,
    normalize_contact,
    normalize_email,
    normalize_url,
)

# --- names -----------------------------------------------------------------------------

GOOD_NAMES = [
    "Ana López",
    "Zoë",
    "Łukasz Żółć",
    "Jürgen Müller",
    "Ng",
    "O'Brien-Smith",
    "  Søren Kierkegaard  ",
    "李小龍",
    "x" * 200,
]


@pytest.mark.parametrize("name", GOOD_NAMES)
def test_person_name_accepts(name: str) -> None:
    assert check_person_name(name) is None


@pytest.mark.parametrize("name", ["Müller GmbH", "Zoë & Co", "Łódź Tech", "ACME"])
def test_company_name_accepts(name: str) -> None:
    assert check_company_name(name) is None


@pytest.mark.parametrize(
    ("check", "text", "expected"),
    [
        (check_person_name, "", "A contact needs a name."),
        (check_person_name, "   ", "A contact needs a name."),
        (check_company_name, "", "A company needs a name."),
        (check_company_name, "\t ", "A company needs a name."),
        (
            check_company_name,
            "x" * 201,
            "A company name can be at most 200 characters; this one has 201.",
        ),
        (check_person_name, "ë" * 250, "A name can be at most 200 characters; this one has 250."),
    ],
)
def test_name_problems(check: Callable[[str], str | None], text: str, expected: str) -> None:
    assert check(text) == expected


def test_name_length_counts_the_stored_text() -> None:
    # Outer spaces and runs of inner spaces are not stored, so they do not count.
    assert check_company_name("  " + "a" * 100 + "     " + "b" * 99 + "  ") is None


# --- length ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("", 3, None),
        ("abc", 3, None),
        ("  abc  ", 3, None),
        ("Zoë", 3, None),
        ("abcd", 3, "Industry can be at most 3 characters; this one has 4."),
    ],
)
def test_check_length(text: str, limit: int, expected: str | None) -> None:
    assert check_length(text, limit, "Industry") == expected


# --- email -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "email",
    [
        "",
        "   ",
        "ana@example.com",
        "Ana.Lopez+jobs@Example.CO.UK",
        "  ana@example.com  ",
        "zoë@example.com",
        "łukasz.müller@bücher.de",
        "jürgen@müller.example",
        "用户@例子.广告",
        "ana@xn--bcher-kva.de",
        "o'brien@example.ie",
    ],
)
def test_email_accepts(email: str) -> None:
    assert check_email(email) is None


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        ("ana", EMAIL_EXAMPLE),
        ("ana.example.com", EMAIL_EXAMPLE),
        ("ana@", "Add the domain after the @, like ana@example.com."),
        ("@example.com", "Put the name before the @, like ana@example.com."),
        ("ana@@example.com", "An email address has only one @."),
        ("ana@example", "The domain after the @ needs an ending, like example.com."),
        ("ana lopez@example.com", "An email address cannot contain spaces."),
        ("ana@exa mple.com", "An email address cannot contain spaces."),
        ("ana,lopez@example.com", "An email address cannot contain “,”."),
        ("<ana@example.com>", "An email address cannot contain “<”."),
        (
            ".ana@example.com",
            "The part before the @ cannot start or end with a dot, or have “..”.",
        ),
        (
            "ana..lopez@example.com",
            "The part before the @ cannot start or end with a dot, or have “..”.",
        ),
        ("ana@-example.com", "“-example.com” is not a valid domain; check it for typos."),
        ("ana@example..com", "“example..com” is not a valid domain; check it for typos."),
        ("ana@exam_ple.com", "“exam_ple.com” is not a valid domain; check it for typos."),
        ("ana@10.0.0.1", "“10.0.0.1” is not a valid domain; check it for typos."),
        ("a" * 65 + "@example.com", "The part before the @ can be at most 64 characters."),
        (
            "ana@" + "a" * 250 + ".com",
            "An email address can be at most 254 characters; this one has 258.",
        ),
    ],
)
def test_email_problems(email: str, expected: str) -> None:
    assert check_email(email) == expected


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        ("  Ana@Example.COM ", "Ana@example.com"),
        ("Zoë@Müller.DE", "Zoë@müller.de"),
        ("", ""),
    ],
)
def test_normalize_email(email: str, expected: str) -> None:
    assert normalize_email(email) == expected


# --- web addresses ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "normalised"),
    [
        ("", ""),
        ("   ", ""),
        ("example.com", "https://example.com"),
        ("  www.acme.io/careers ", "https://www.acme.io/careers"),
        ("http://example.com", "http://example.com"),
        ("HTTPS://Example.com/Jobs", "https://Example.com/Jobs"),
        ("example.com:8080/jobs", "https://example.com:8080/jobs"),
        ("bücher.de", "https://bücher.de"),
        ("https://192.168.1.20/intranet", "https://192.168.1.20/intranet"),
    ],
)
def test_url_accepts_and_normalises(url: str, normalised: str) -> None:
    assert check_url(url) is None
    assert normalize_url(url) == normalised


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("acme", "Add the ending of the domain, like acme.com."),
        (
            "ftp://example.com",
            "A web address starts with http:// or https://.",
        ),
        (
            "javascript:alert(1)",
            "A web address starts with http:// or https://.",
        ),
        ("https://", "Add the site's domain, like https://example.com."),
        ("exa mple.com", "A web address cannot contain spaces."),
        ("ana@example.com", "That is an email address, not a web address."),
        ("http://[::1", "This is not a valid web address; check it for typos."),
        ("example.com:99999", "The port after the “:” must be a number up to 65535."),
        ("https://exa_mple.com", "“exa_mple.com” is not a valid domain; check it for typos."),
        (
            "example.com/" + "a" * 300,
            "A web address can be at most 300 characters; this one has 320.",
        ),
    ],
)
def test_url_problems(url: str, expected: str) -> None:
    assert check_url(url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("", None),
        ("linkedin.com/in/ana-lopez", None),
        ("https://www.linkedin.com/in/zoë-müller", None),
        ("de.linkedin.com/in/lukasz", None),
        ("https://lnkd.in/abc", None),
        ("linkedin", "Add the ending of the domain, like linkedin.com."),
        (
            "https://notlinkedin.com/in/ana",
            "Not a LinkedIn address, like linkedin.com/in/ana.",
        ),
        (
            "example.com/ana",
            "Not a LinkedIn address, like linkedin.com/in/ana.",
        ),
    ],
)
def test_linkedin_url(url: str, expected: str | None) -> None:
    assert check_linkedin_url(url) == expected


# --- phone -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phone",
    [
        "",
        "+44 20 7946 0958",
        "(555) 123-4567",
        "0171/123.45.67",
        "555 123 4567 ext. 12",
        "555 123 4567 Ext 12",
        "+1 555 123 4567 x99",
        "555-123-4567#8",
        "123456",
        "123456789012345",
    ],
)
def test_phone_accepts(phone: str) -> None:
    assert check_phone(phone) is None


# The separators are joined by no-break spaces so that they wrap as one.
SIGNS = "\u00a0".join("+()-./")


@pytest.mark.parametrize(
    ("phone", "expected"),
    [
        ("12345", "A phone number needs at least 6 digits."),
        ("ext. 12", "A phone number needs at least 6 digits."),
        ("1234567890123456", "A phone number has at most 15 digits, not counting an extension."),
        ("44+20 7946 0958", "A + can only come first, like +44 20 7946 0958."),
        ("call 555 1234", f"A phone number cannot contain “c”; use digits, spaces and {SIGNS}."),
        ("555*1234", f"A phone number cannot contain “*”; use digits, spaces and {SIGNS}."),
        ("1" * 41, "A phone number can be at most 40 characters; this one has 41."),
    ],
)
def test_phone_problems(phone: str, expected: str) -> None:
    assert check_phone(phone) == expected


# --- whole records ---------------------------------------------------------------------


def test_company_problems_by_field() -> None:
    values = CompanyValues(name="", industry="x" * 121, website="acme")
    assert company_problems(values) == {
        "name": "A company needs a name.",
        "industry": "An industry can be at most 120 characters; this one has 121.",
        "website": "Add the ending of the domain, like acme.com.",
    }
    assert company_problems(CompanyValues(name="Acme")) == {}


def test_contact_problems_by_field() -> None:
    values = ContactValues(name="Zoë", company_id=1, email="zoë", phone="12", linkedin_url="x.io")
    assert set(contact_problems(values)) == {"email", "phone", "linkedin_url"}
    assert contact_problems(ContactValues(name="Łukasz", company_id=1)) == {}


def test_normalize_company() -> None:
    raw = CompanyValues(
        name="  Müller   GmbH ",
        industry=" Logistics ",
        location=" Łódź,  Poland ",
        website=" mueller.example ",
        status=CompanyStatus.RUNNER_UP,
        notes="  First line\n\n  second line  ",
    )
    assert normalize_company(raw) == CompanyValues(
        name="Müller GmbH",
        industry="Logistics",
        location="Łódź, Poland",
        website="https://mueller.example",
        status=CompanyStatus.RUNNER_UP,
        notes="First line\n\n  second line",
    )


def test_normalize_contact() -> None:
    raw = ContactValues(
        name=" Zoë  Müller ",
        company_id=7,
        role=ContactRole.RECRUITER,
        title=" Talent   partner ",
        email=" Zoe@Example.COM ",
        phone=" +49  30 1234567 ",
        linkedin_url="linkedin.com/in/zoe",
        notes=" hi ",
    )
    assert normalize_contact(raw) == ContactValues(
        name="Zoë Müller",
        company_id=7,
        role=ContactRole.RECRUITER,
        title="Talent partner",
        email="Zoe@example.com",
        phone="+49 30 1234567",
        linkedin_url="https://linkedin.com/in/zoe",
        notes="hi",
    )
