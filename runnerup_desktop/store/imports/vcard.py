"""vCard 2.1, 3.0 and 4.0 files, as phones and mail programs export them.

Android writes 2.1 (``ENCODING=QUOTED-PRINTABLE`` values whose soft line breaks may split
a UTF-8 character, bare types like ``TEL;CELL``), iOS 3.0 (grouped properties such as
``item1.URL`` with ``item1.X-ABLabel``, ``X-SOCIALPROFILE;type=linkedin``, a long folded
``PHOTO``), Thunderbird 4.0 (``EMAIL;PREF=1``, ``TEL;VALUE=uri:tel:…``).

The file is read line by line and each card is parsed on its own by :mod:`vobject`, so a
card it cannot read is reported (by the line its ``BEGIN:VCARD`` is on) and the others
still import. Before parsing, the card's lines are put back together: folded lines
(starting with a space or tab), quoted-printable soft breaks (a line ending in ``=``), and
lines broken by a careless writer (a line inside a card that is no property: it
continues the one before, as a new line of its value). Pictures and keys are dropped
unparsed: RunnerUp has no field for them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from runnerup_desktop.core.domain import ContactRole
from runnerup_desktop.store.imports.people import person
from runnerup_desktop.store.imports.reading import Source, open_text, sniff_encoding
from runnerup_desktop.store.imports.records import ImportRefused, Parsed, Reading, Unreadable

WANTED = "a vCard file"
#: A property line: an optional group, a name, then parameters or the value.
_PROPERTY = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)[;:]")
_DROPPED = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
#: Properties whose commas separate values.
_LISTS = frozenset({"N", "ADR", "CATEGORIES", "NICKNAME", "GEO"})
_BARE_COMMA = re.compile(r"(?<!\\),")
#: How many lines may come before the first card.
_LEAD_LINES = 64
ROLE_PROPERTY = "X-RUNNERUP-ROLE"


@contextmanager
def read_vcards(path: Path) -> Iterator[Reading]:
    source = Source.file(Path(path))
    encoding = sniff_encoding(source, WANTED)
    with open_text(source, encoding) as (text, position):
        first = _first_card(text, source.label)
        notices = [encoding.notice] if encoding.notice else []
        yield Reading(_cards(text, first), source.size, position, notices)


def _first_card(text: TextIO, label: str) -> int:
    """Read up to the first ``BEGIN:VCARD``; the line it is on."""
    for number in range(1, _LEAD_LINES + 1):
        line = text.readline()
        if not line:
            break
        word = line.strip().upper()
        if word == "BEGIN:VCARD":
            return number
        if word == "BEGIN:VCALENDAR":
            raise ImportRefused(
                f"{label} is a calendar (iCalendar: events and to-dos), not contacts. "
                "RunnerUp imports contacts from vCard, LinkedIn and CSV files."
            )
    raise ImportRefused(f"{label} is not {WANTED}: it has no BEGIN:VCARD line near its start.")


def _cards(text: TextIO, first: int) -> Iterator[Parsed]:
    lines: list[str] = []
    start = number = first
    inside = True
    for raw in text:
        number += 1
        line = raw.rstrip("\r\n")
        word = line.strip().upper()
        if not inside:
            if word == "BEGIN:VCARD":
                start, lines, inside = number, [], True
            continue
        if word == "END:VCARD":
            yield _card(start, lines)
            inside = False
        elif word == "BEGIN:VCARD":
            yield Unreadable(start, "the card that starts here has no END:VCARD line")
            start, lines = number, []
        elif lines and _soft_break(lines[-1]):
            lines[-1] = lines[-1][:-1] + line
        elif line[:1] in (" ", "\t") and lines:
            lines[-1] += line[1:]
        elif _PROPERTY.match(line):
            lines.append(line)
        elif line.strip() and lines:
            lines[-1] += "\\n" + line.strip()  # a value's next line, written unfolded
    if inside:
        yield Unreadable(start, "the card that starts here has no END:VCARD line (cut short?)")


def _soft_break(line: str) -> bool:
    """A quoted-printable value whose line ends in a soft break (``=``)."""
    if not line.endswith("="):
        return False
    params = line.split(":", 1)[0].upper()
    return "QUOTED-PRINTABLE" in params


def _card(start: int, lines: list[str]) -> Parsed:
    kept = [_commas_escaped(line) for line in lines if _name(line) not in _DROPPED]
    text = "\r\n".join(["BEGIN:VCARD", *kept, "END:VCARD", ""])
    import vobject  # loads when a vCard file is read, not with the window

    try:
        card = vobject.readOne(text, ignoreUnreadable=True)
    except Exception as exc:  # vobject raises many kinds on malformed cards
        return Unreadable(start, f"the card could not be read ({_first_line(exc)})")
    try:
        return _person(start, card)
    except Exception as exc:  # a value of an unexpected shape, say
        return Unreadable(start, f"the card could not be read ({_first_line(exc)})")


def _commas_escaped(line: str) -> str:
    """The line with its value's bare commas escaped. vCard 2.1 does not escape them, and
    many 3.0 writers forget to; :mod:`vobject` would keep only what comes before the
    first (``TITLE:CTO, Platform`` read as ``CTO``). Lists (names, addresses) keep theirs."""
    if _name(line) in _LISTS:
        return line
    colon = _value_start(line)
    if colon < 0:
        return line
    return line[: colon + 1] + _BARE_COMMA.sub(r"\\,", line[colon + 1 :])


def _value_start(line: str) -> int:
    """Where the value starts: the first colon outside a quoted parameter."""
    quoted = False
    for at, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return at
    return -1


def _name(line: str) -> str:
    found = _PROPERTY.match(line)
    return found.group(1).upper() if found else ""


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


def _person(start: int, card: Any) -> Parsed:
    fields: dict[str, str] = {}
    fn = _text(_first(card, "fn"))
    if fn:
        fields["name"] = fn
    else:
        names = _first(card, "n")
        if names is not None and hasattr(names, "given"):
            parts = (names.prefix, names.given, names.additional, names.family, names.suffix)
            fields["name"] = " ".join(_text(part) for part in parts if _text(part))
    org = _first(card, "org")
    if org is not None:
        fields["company"] = _text(org[0] if isinstance(org, list) and org else org)
    for key, prop in (("title", "title"), ("notes", "note")):
        fields[key] = _text(_first(card, prop))
    fields["email"] = _text(_preferred(card, "email"))
    fields["phone"] = _text(_preferred(card, "tel"))
    fields["linkedin_url"] = _linkedin(card)
    if not fields.get("name"):
        what = "only a company" if fields.get("company") else "no name"
        return Unreadable(start, f"the card has {what}: no person to import")
    role_text = _text(_first(card, ROLE_PROPERTY.lower()))
    role = ContactRole(role_text) if role_text in set(ContactRole) else None
    return person(start, fields, role)


def _entries(card: Any, name: str) -> list[Any]:
    return list(card.contents.get(name, []))


def _first(card: Any, name: str) -> Any:
    entries = _entries(card, name)
    return entries[0].value if entries else None


def _preferred(card: Any, name: str) -> Any:
    """The entry marked preferred (``PREF=1``, ``TYPE=pref``, 2.1's ``PREF``), else the
    first."""
    entries = _entries(card, name)
    for entry in entries:
        kinds = [str(v).upper() for v in entry.params.get("TYPE", [])]
        kinds += [str(v).upper() for v in entry.singletonparams]
        if "PREF" in kinds or entry.params.get("PREF"):
            return entry.value
    return entries[0].value if entries else None


def _linkedin(card: Any) -> str:
    for name in ("x-socialprofile", "url", "x-linkedin"):
        for entry in _entries(card, name):
            value = _text(entry.value)
            kinds = [str(v).casefold() for v in entry.params.get("TYPE", [])]
            if "linkedin.com/" in value.casefold() or "linkedin" in kinds:
                return value
    return ""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(_text(part) for part in value if _text(part))
    return str(value).strip()
