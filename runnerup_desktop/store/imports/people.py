"""A contact's fields as a file gives them, checked the way the contact form checks them.

A line without a usable name is skipped, with the form's own sentence. Any other field
that does not pass (an email without an @, a LinkedIn address that is not LinkedIn's, a
job title of 400 characters) is left out of the contact, and the preview says which and
why: one odd cell does not cost the whole person.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from runnerup_desktop.core import validation
from runnerup_desktop.core.domain import ContactRole
from runnerup_desktop.core.limits import unstorable
from runnerup_desktop.store.imports.records import Parsed, Person, Unreadable

#: The fields an importer may fill, with the words a sentence names them by.
FIELD_WORDS = {
    "name": "name",
    "company": "company",
    "title": "job title",
    "email": "email",
    "phone": "phone",
    "linkedin_url": "LinkedIn address",
    "notes": "notes",
}
_CHECKS = {
    **validation.CONTACT_CHECKS,
    "company": validation.check_company_name,
}


def person(line: int, fields: Mapping[str, str], role: ContactRole | None = None) -> Parsed:
    """A :class:`Person` from raw ``fields`` (keys of :data:`FIELD_WORDS`), or why not.

    ``name`` may be missing when ``first_name`` and ``last_name`` are given.
    """
    if any(unstorable(value) is not None for value in fields.values()):
        return Unreadable(line, "it holds characters that cannot be stored (half of a pair)")
    name = validation.normalize_line(fields.get("name", ""))
    if not name:
        parts = (fields.get("first_name", ""), fields.get("last_name", ""))
        name = validation.normalize_line(" ".join(parts))
    if not name:
        return Unreadable(line, "no name")
    problem = validation.check_person_name(name)
    if problem is not None:
        return Unreadable(line, problem)
    kept: dict[str, str] = {}
    left_out: list[str] = []
    for key in ("company", "title", "email", "phone", "linkedin_url", "notes"):
        value = _clean(key, fields.get(key, ""))
        if not value:
            continue
        problem = None if _plainly_fine(key, value) else _CHECKS[key](value)
        if problem is None:
            kept[key] = value
        else:
            left_out.append(f"{FIELD_WORDS[key]} left out: {problem}")
    return Person(line=line, name=name, role=role, left_out=tuple(left_out), **kept)


#: A LinkedIn profile address as LinkedIn writes it: it passes the full check, which is
#: slow next to this (a 100,000-line export has 100,000 of them).
_PROFILE = re.compile(r"https://(?:[a-z]{2,3}\.|www\.)?linkedin\.com/in/[^\s/?#@]{1,200}/?")


def _plainly_fine(key: str, value: str) -> bool:
    return key == "linkedin_url" and _PROFILE.fullmatch(value) is not None


def _clean(key: str, value: str) -> str:
    if key == "notes":
        return value.strip()
    if key == "email":
        value = value.strip()
        if value.lower().startswith("mailto:"):
            value = value[len("mailto:") :]
        return validation.normalize_email(value) if value else ""
    if key == "phone":
        value = value.strip()
        if value.lower().startswith("tel:"):
            value = value[len("tel:") :]
        return validation.normalize_line(value)
    if key == "linkedin_url":
        return validation.normalize_url(value)
    return validation.normalize_line(value)
