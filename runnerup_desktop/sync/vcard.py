"""Contacts as vCards 3.0, with ``vobject`` (no Qt).

The fields a phone has: the name (FN, and N split from it), the email address and phone
number (RunnerUp keeps one of each: the card's preferred or first), the title, the company
(ORG) and the profile URL; the notes only with "include notes". Writing over the server's
last copy keeps what a phone added (a second number, a birthday, a photo): only the fields
RunnerUp has are replaced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from runnerup_desktop.sync.objects import (
    DATABASE_PROP,
    PRODID,
    SERIAL_PROP,
    Marks,
    ServerObject,
    as_int,
    utc_stamp,
)

FIELDS = ("name", "email", "phone", "title", "company", "url")
WITH_NOTES = (*FIELDS, "notes")
#: Field -> the vCard property holding it.
_PROPERTY = {
    "email": "email",
    "phone": "tel",
    "title": "title",
    "url": "url",
    "notes": "note",
}


def merged_fields(include_notes: bool) -> tuple[str, ...]:
    return WITH_NOTES if include_notes else FIELDS


def contact_fields(
    *,
    name: str,
    email: str,
    phone: str,
    title: str,
    company: str,
    url: str,
    notes: str,
    include_notes: bool,
) -> dict[str, Any]:
    fields = {
        "name": name.strip(),
        "email": email.strip(),
        "phone": phone.strip(),
        "title": title.strip(),
        "company": company.strip(),
        "url": url.strip(),
    }
    if include_notes:
        fields["notes"] = notes.strip()
    return fields


def render(
    fields: Mapping[str, Any],
    uid: str,
    marks: Marks,
    now: dt.datetime,
    previous: str | None = None,
) -> str:
    """The card to send: over ``previous`` (the server's last copy) when there is one."""
    import vobject

    card = _read(previous) if previous else None
    if card is None:
        card = vobject.vCard()
        card.add("uid").value = uid
        card.add("prodid").value = PRODID
    name = str(fields.get("name", ""))
    if "fn" not in card.contents or card.fn.value != name:
        _set(card, "fn", name)
        card.contents.pop("n", None)
        given, _, family = name.rpartition(" ")
        given, family = (given, family) if given else (family, "")
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
    company = str(fields.get("company", ""))
    orgs = card.contents.get("org", [])
    if company:
        if orgs:
            rest = list(orgs[0].value)[1:] if isinstance(orgs[0].value, list) else []
            orgs[0].value = [company, *rest]
        else:
            card.add("org").value = [company]
    else:
        card.contents.pop("org", None)
    for key, prop in _PROPERTY.items():
        if key in fields:
            _replace_first(card, prop, str(fields[key]))
    _set(card, "rev", utc_stamp(now).strftime("%Y%m%dT%H%M%SZ"))
    _set(card, DATABASE_PROP.lower(), marks.database_uid)
    _set(card, SERIAL_PROP.lower(), str(marks.serial))
    text: str = card.serialize()
    return text


def parse(text: str, include_notes: bool) -> ServerObject | None:
    """The contact fields of a card from the server; ``None`` when it cannot be read."""
    card = _read(text)
    if card is None:
        return None
    name = card.fn.value.strip() if "fn" in card.contents else _name_from_n(card)
    orgs = card.contents.get("org", [])
    org = orgs[0].value if orgs else ""
    company = (org[0] if isinstance(org, list) and org else str(org or "")).strip()
    fields = contact_fields(
        name=name,
        email=_first(card, "email"),
        phone=_first(card, "tel"),
        title=_first(card, "title"),
        company=company,
        url=_first(card, "url"),
        notes=_first(card, "note"),
        include_notes=include_notes,
    )
    uid = _first(card, "uid")
    return ServerObject(
        uid=uid,
        fields=fields,
        modified=_rev(_first(card, "rev")),
        database_uid=_first(card, DATABASE_PROP.lower()) or None,
        serial=as_int(_first(card, SERIAL_PROP.lower())),
    )


def _read(text: str | None) -> Any:
    import vobject

    if not text:
        return None
    try:
        card = vobject.readOne(text)
    except Exception:  # vobject raises its own kinds, and ValueError, on a bad card
        return None
    return card if getattr(card, "name", "").upper() == "VCARD" else None


def _set(card: Any, prop: str, value: str) -> None:
    card.contents.pop(prop, None)
    card.add(prop).value = value


def _replace_first(card: Any, prop: str, value: str) -> None:
    """Put ``value`` in the preferred (or first) ``prop``, keeping the others."""
    lines = card.contents.get(prop, [])
    chosen = _preferred(lines)
    if chosen is None:
        if value:
            line = card.add(prop)
            line.value = value
            if prop == "email":
                line.type_param = "INTERNET"
        return
    if value:
        chosen.value = value
    else:
        lines.remove(chosen)
        if not lines:
            card.contents.pop(prop, None)


def _preferred(lines: list[Any]) -> Any:
    for line in lines:
        types = [str(t).lower() for t in line.params.get("TYPE", [])]
        if "pref" in types or "PREF" in line.params:
            return line
    return lines[0] if lines else None


def _first(card: Any, prop: str) -> str:
    line = _preferred(card.contents.get(prop, []))
    if line is None:
        return ""
    value = line.value
    return (value if isinstance(value, str) else str(value)).strip()


def _name_from_n(card: Any) -> str:
    lines = card.contents.get("n", [])
    if not lines:
        return ""
    name = lines[0].value
    return " ".join(part for part in (name.given, name.family) if part).strip()


def _rev(text: str) -> dt.datetime | None:
    text = text.strip()
    for pattern in ("%Y%m%dT%H%M%SZ", "%Y-%m-%dT%H:%M:%SZ", "%Y%m%dT%H%M%S", "%Y-%m-%d"):
        try:
            return utc_stamp(dt.datetime.strptime(text, pattern))
        except ValueError:
            continue
    return None
