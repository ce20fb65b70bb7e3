"""Importing vCards as Android, iOS and Thunderbird export them, and cards written badly."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from runnerup_desktop.core.domain import ContactRole
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.imports.formats import detect_format
from runnerup_desktop.store.imports.preview import CompanyPolicy, Outcome
from runnerup_desktop.store.imports.service import ImportRequest, ImportServices
from runnerup_desktop.store.models import Company, Contact
from tests.imports.real_files import (
    ANDROID_NOTE,
    android_vcards,
    ios_vcards,
    snapshot,
    thunderbird_vcards,
)

ALL = CompanyPolicy.named("all")


def _people(store: Store) -> dict[str, dict[str, object]]:
    with store.sessions() as session:
        rows = session.execute(
            select(Contact, Company.name).outerjoin(Company, Contact.company_id == Company.id)
        )
        return {
            contact.name: {
                "company": company,
                "title": contact.title,
                "email": contact.email,
                "phone": contact.phone,
                "linkedin_url": contact.linkedin_url,
                "notes": contact.notes,
                "role": contact.role,
            }
            for contact, company in rows
        }


def _import(tmp_path: Path, imports: ImportServices, name: str, data: bytes) -> list[object]:
    path = tmp_path / name
    path.write_bytes(data)
    assert detect_format(path) == "vcard"
    summary, _ = imports.run(ImportRequest(path, "vcard", ALL))
    return [(line.line, line.outcome, line.name, line.reason) for line in summary.lines]


def test_android_s_quoted_printable_vcards(
    tmp_path: Path, store: Store, imports: ImportServices
) -> None:
    lines = _import(tmp_path, imports, "contacts.vcf", android_vcards())
    assert lines == [
        (1, Outcome.NEW, "Zoë Müller", ""),
        (17, Outcome.NEW, "Rui Costa", ""),
        (23, Outcome.SKIPPED, "", "the card has only a company: no person to import"),
    ]
    zoe = _people(store)["Zoë Müller"]
    assert zoe == {
        "company": "Müller GmbH",
        "title": "CTO",
        "email": "zoe@example.de",
        "phone": "+49 151 2345 6789",  # the preferred of two
        "linkedin_url": "",
        "notes": ANDROID_NOTE,
        "role": ContactRole.OTHER,
    }
    assert _people(store)["Rui Costa"]["phone"] == "912 345 678"


def test_ios_s_grouped_vcards_with_a_photo(
    tmp_path: Path, store: Store, imports: ImportServices
) -> None:
    lines = _import(tmp_path, imports, "iCloud vCards.vcf", ios_vcards())
    assert [(line[1], line[2]) for line in lines] == [  # type: ignore[index]
        (Outcome.NEW, "Ana Lopez"),
        (Outcome.NEW, "Omar Haddad"),
    ]
    people = _people(store)
    assert people["Ana Lopez"] == {
        "company": "Acme",
        "title": "Head of Data",
        "email": "ana.lopez@acme.example",  # type=pref, in a group
        "phone": "+34 600 123 456",
        "linkedin_url": "https://www.linkedin.com/in/ana-lopez-8a1b2c",  # X-SOCIALPROFILE
        "notes": "",
        "role": ContactRole.OTHER,
    }
    assert people["Omar Haddad"]["company"] == "Globex"
    assert people["Omar Haddad"]["notes"] == (
        "Engineering manager of the core team, met at the conference in Lisbon; said they "
        "would re-open the role in the spring."
    )


def test_thunderbird_s_vcard_4(tmp_path: Path, store: Store, imports: ImportServices) -> None:
    _import(tmp_path, imports, "Personal Address Book.vcf", thunderbird_vcards())
    people = _people(store)
    assert people["Sara Nakamura"]["email"] == "sara@nakamura.example"  # PREF=1
    assert people["Sara Nakamura"]["company"] == "Initech"
    assert people["Sara Nakamura"]["title"] == "Recruiter"
    assert people["Ivo Quaresma"]["phone"] == "+351-912-000-111"  # a tel: URI
    assert people["Ivo Quaresma"]["company"] is None


def test_folded_and_broken_lines_are_put_back_together(
    tmp_path: Path, store: Store, imports: ImportServices
) -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\n  Lopez\r\n"  # folded inside the name
        b"NOTE:First line of the note\r\nsecond line, written without folding\r\n"
        b"third line\r\nEMAIL:ana@example.com\r\nEND:VCARD\r\n"
        b"\r\nnoise between cards\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Short\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Rui Costa\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Nakamura;Sara;;Dr.;\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Never Ends\r\n"
    )
    lines = _import(tmp_path, imports, "broken.vcf", data)
    assert lines == [
        (1, Outcome.NEW, "Ana Lopez", ""),
        (12, Outcome.SKIPPED, "", "the card that starts here has no END:VCARD line"),
        (15, Outcome.NEW, "Rui Costa", ""),
        (19, Outcome.NEW, "Dr. Sara Nakamura", ""),
        (23, Outcome.SKIPPED, "", "the card that starts here has no END:VCARD line (cut short?)"),
    ]
    assert _people(store)["Ana Lopez"]["notes"] == (
        "First line of the note\nsecond line, written without folding\nthird line"
    )
    assert _people(store)["Ana Lopez"]["email"] == "ana@example.com"


@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0"])
def test_bare_commas_are_kept(
    tmp_path: Path, store: Store, imports: ImportServices, version: str
) -> None:
    """vCard 2.1 does not escape commas, and some 3.0 writers forget to."""
    data = (
        f"BEGIN:VCARD\r\nVERSION:{version}\r\nFN:Ana Lopez, PhD\r\nTITLE:CTO, Platform\r\n"
        "ORG:Acme, Inc.;Data\r\nNOTE;ENCODING=QUOTED-PRINTABLE:Met in Lisbon, =C3=A0 la f=\r\n"
        "=C3=AAte\\, twice\r\nN:Lopez;Ana;;;PhD\r\nEND:VCARD\r\n"
    ).encode()
    _import(tmp_path, imports, "commas.vcf", data)
    ana = _people(store)["Ana Lopez, PhD"]
    assert (ana["title"], ana["company"]) == ("CTO, Platform", "Acme, Inc.")
    assert ana["notes"] == "Met in Lisbon, à la fête, twice"


def test_a_card_vobject_cannot_read_is_skipped_and_the_rest_imported(
    tmp_path: Path, store: Store, imports: ImportServices
) -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:=C3=28\r\n"
        b"END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Rui Costa\r\nEND:VCARD\r\n"
    )
    lines = _import(tmp_path, imports, "odd.vcf", data)
    assert lines[0][1] is Outcome.SKIPPED  # type: ignore[index]
    assert str(lines[0][3]).startswith("the card could not be read (")  # type: ignore[index]
    assert lines[1][:3] == (5, Outcome.NEW, "Rui Costa")  # type: ignore[index]


def test_a_vcf_that_is_no_vcard_is_refused(
    tmp_path: Path, store: Store, imports: ImportServices
) -> None:
    path = tmp_path / "notes.vcf"
    path.write_text("Just some notes\nabout people\n")
    before = snapshot(store)
    with pytest.raises(Exception, match="is not a vCard file: it has no BEGIN:VCARD line"):
        imports.run(ImportRequest(path, "vcard"))
    assert snapshot(store) == before


def test_vcards_match_existing_contacts(
    tmp_path: Path, store: Store, services: DirectoryServices, imports: ImportServices
) -> None:
    acme, _ = services.add_company({"name": "Acme"})
    ana, _ = services.add_contact({"company_id": acme, "name": "Ana Lopez", "title": "Lead"})
    path = tmp_path / "ios.vcf"
    path.write_bytes(ios_vcards())
    summary, _ = imports.run(ImportRequest(path, "vcard"))
    first = summary.lines[0]
    assert (first.outcome, first.contact_id) == (Outcome.MATCHED, ana)
    assert first.reason == (
        "already in RunnerUp as Ana Lopez (same name at Acme): adds email, phone, LinkedIn address"
    )
    assert _people(store)["Ana Lopez"]["title"] == "Lead"
