"""Files shaped as the real exporters write them, made by the tests.

LinkedIn's Connections.csv (its notes before the header, "24 Aug 2023" dates, mostly no
emails) alone and inside the data export's zip; vCards as Android (2.1, quoted-printable
with soft breaks splitting a UTF-8 character, CRLF), iOS (3.0, grouped properties, a
folded PHOTO, X-SOCIALPROFILE) and Thunderbird (4.0, PREF=1, tel: URIs) write them.
"""

from __future__ import annotations

import base64
import csv
import io
import quopri
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from runnerup_desktop.store.database import Store

LINKEDIN_NOTES = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more about email "
    'visibility at https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
LINKEDIN_HEADER = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)

#: Connections as LinkedIn lists them: (first, last, url, email, company, position, date).
CONNECTIONS: tuple[tuple[str, ...], ...] = (
    (
        "Ana",
        "Lopez",
        "https://www.linkedin.com/in/ana-lopez-8a1b2c",
        "",
        "Acme",
        "Head of Data",
        "24 Aug 2023",
    ),
    (
        "Zoë",
        "Müller",
        "https://www.linkedin.com/in/zoemuller",
        "zoe@example.de",
        "Müller GmbH",
        "CTO, Platform",
        "03 Jan 2022",
    ),
    (
        "Rui",
        "Costa",
        "https://www.linkedin.com/in/rui-costa",
        "",
        "Northwind Analytics",
        "Talent Partner",
        "15 Mar 2024",
    ),
    ("Sara", "Nakamura", "https://www.linkedin.com/in/sara-nakamura", "", "", "", "01 Feb 2021"),
    (
        "Omar",
        "Haddad",
        "https://www.linkedin.com/in/omar-haddad",
        "",
        "Globex",
        'Engineering Manager, "Core"',
        "30 Nov 2019",
    ),
)


def connections_csv(
    rows: Iterable[Sequence[str]] = CONNECTIONS,
    *,
    notes: bool = True,
    separator: str = ",",
    header: Sequence[str] = LINKEDIN_HEADER,
) -> str:
    out = io.StringIO()
    if notes:
        out.write(LINKEDIN_NOTES)
    writer = csv.writer(out, delimiter=separator, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def write_connections(path: Path, text: str | None = None, encoding: str = "utf-8") -> Path:
    path.write_bytes((connections_csv() if text is None else text).encode(encoding))
    return path


def write_export_zip(path: Path, connections: str | None = None, folder: str = "") -> Path:
    """LinkedIn's "Download your data" archive: Connections.csv beside other files."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{folder}Profile.csv", "First Name,Last Name,Headline\nMe,Myself,x\n")
        archive.writestr(f"{folder}messages.csv", "CONVERSATION ID,FROM,TO,CONTENT\n")
        archive.writestr(
            f"{folder}Connections.csv",
            connections if connections is not None else connections_csv(),
        )
        archive.writestr(f"{folder}Invitations.csv", "From,To,Sent At,Message,Direction\n")
    return path


def _qp(text: str) -> str:
    """Quoted-printable as Android writes it: every non-ASCII byte encoded, soft breaks
    every 10 characters or so, so that one can split an encoded UTF-8 character."""
    encoded = quopri.encodestring(text.encode("utf-8")).decode("ascii").replace("=\n", "")
    encoded = encoded.replace("\n", "=0A")
    pieces = [encoded[n : n + 10] for n in range(0, len(encoded), 10)]
    return "=\r\n".join(pieces)


ANDROID_NOTE = "Met at the fair.\nLikes jazz."


def android_vcards() -> bytes:
    """Contacts app of Android: vCard 2.1, quoted-printable names, CRLF."""
    cards = [
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{_qp('Müller;Zoë;;;')}\r\n"
        f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{_qp('Zoë Müller')}\r\n"
        "TEL;CELL;PREF:+49 151 2345 6789\r\n"
        "TEL;WORK:+49 30 123456\r\n"
        "EMAIL;HOME:zoe@example.de\r\n"
        "ORG:Müller GmbH\r\n"
        "TITLE:CTO\r\n"
        f"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{_qp(ANDROID_NOTE)}\r\n"
        "END:VCARD\r\n",
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Costa;Rui;;;\r\nFN:Rui Costa\r\n"
        "TEL;CELL:912 345 678\r\nEND:VCARD\r\n",
        "BEGIN:VCARD\r\nVERSION:2.1\r\nORG:Just A Company Ltd\r\nTEL;WORK:+351 21 000 0000\r\n"
        "END:VCARD\r\n",
    ]
    return "".join(cards).encode("utf-8")


def _fold(line: str, width: int = 75) -> str:
    chunks = [line[:width]] + [
        " " + line[n : n + width - 1] for n in range(width, len(line), width - 1)
    ]
    return "\r\n".join(chunks)


def ios_vcards() -> bytes:
    """Contacts of iOS (iCloud export): vCard 3.0 with groups, a photo and a profile."""
    photo = base64.b64encode(bytes(range(256)) * 8).decode("ascii")
    cards = [
        "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.4//EN\r\n"
        "N:Lopez;Ana;;;\r\nFN:Ana Lopez\r\nORG:Acme;Data\r\nTITLE:Head of Data\r\n"
        "item1.EMAIL;type=INTERNET;type=pref:ana.lopez@acme.example\r\n"
        "item1.X-ABLabel:_$!<Work>!$_\r\n"
        "EMAIL;type=INTERNET;type=HOME:ana@home.example\r\n"
        "TEL;type=CELL;type=VOICE;type=pref:+34 600 123 456\r\n"
        "X-SOCIALPROFILE;type=linkedin;x-user=ana-lopez:https://www.linkedin.com/in/ana-lopez-8a1b2c\r\n"
        "item2.URL;type=pref:https://acme.example\r\nitem2.X-ABLabel:_$!<HomePage>!$_\r\n"
        + _fold(f"PHOTO;ENCODING=b;TYPE=JPEG:{photo}")
        + "\r\nEND:VCARD\r\n",
        "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.4//EN\r\n"
        "N:Haddad;Omar;;;\r\nFN:Omar Haddad\r\nORG:Globex;\r\n"
        + _fold(
            "NOTE:Engineering manager of the core team\\, met at the conference in Lisbon; "
            "said they would re-open the role in the spring."
        )
        + "\r\nEND:VCARD\r\n",
    ]
    return "".join(cards).encode("utf-8")


def thunderbird_vcards() -> bytes:
    """Thunderbird's address book export: vCard 4.0, LF line ends."""
    cards = [
        "BEGIN:VCARD\nVERSION:4.0\nN:Nakamura;Sara;;;\nFN:Sara Nakamura\n"
        "EMAIL;PREF=1:sara@nakamura.example\nEMAIL:s.nakamura@work.example\n"
        "TEL;VALUE=TEXT;TYPE=cell:+81 90 1234 5678\nTITLE:Recruiter\nORG:Initech\n"
        "UID:5f1c2b8e-1a6f-4f07-9d4d-8a1b2c3d4e5f\nEND:VCARD\n",
        "BEGIN:VCARD\nVERSION:4.0\nFN:Ivo Quaresma\nEMAIL:ivo@quaresma.example\n"
        "TEL;VALUE=uri:tel:+351-912-000-111\nUID:0a0a0a0a-0000-4000-8000-000000000001\n"
        "END:VCARD\n",
    ]
    return "".join(cards).encode("utf-8")


def snapshot(store: Store) -> list[str]:
    """Every row of every table, as SQL: equal before and after means untouched."""
    with store.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        return list(raw.iterdump())
