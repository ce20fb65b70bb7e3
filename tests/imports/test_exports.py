"""The plan as iCalendar, read back by two parsers (icalendar and vobject); contacts as
vCard 3.0, imported back as the same contacts."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from sqlalchemy import select

from runnerup_desktop.core.domain import ContactRole, FollowUpStatus, Step
from runnerup_desktop.store.database import Store, open_store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.exports.files import ExportFailed
from runnerup_desktop.store.exports.ics import CalendarOptions, plan_calendar, write_calendar
from runnerup_desktop.store.exports.vcard import contact_cards, write_vcards
from runnerup_desktop.store.imports.preview import CompanyPolicy
from runnerup_desktop.store.imports.service import ImportRequest, ImportServices
from runnerup_desktop.store.models import Company, Contact, FollowUp

LISBON = ZoneInfo("Europe/Lisbon")
NEW_YORK = ZoneInfo("America/New_York")


def _plan(store: Store, services: DirectoryServices) -> dict[str, int]:
    acme, _ = services.add_company({"name": "Acme"})
    ana, _ = services.add_contact({"company_id": acme, "name": "Ana Lopez"})
    ids: dict[str, int] = {}
    with store.sessions.begin() as session:
        for key, due_on, due_time, status, notes in (
            ("untimed", dt.date(2026, 3, 2), None, FollowUpStatus.PLANNED, "Thank-you note\nx"),
            ("summer", dt.date(2026, 7, 15), dt.time(14, 30), FollowUpStatus.PLANNED, ""),
            ("winter", dt.date(2026, 12, 1), dt.time(9, 0), FollowUpStatus.PLANNED, "Call"),
            ("done", dt.date(2026, 2, 1), None, FollowUpStatus.DONE, "Already done"),
        ):
            row = FollowUp(
                company_id=acme,
                contact_id=ana,
                step=Step.THANK_YOU_NOTE,
                due_on=due_on,
                due_time=due_time,
                status=status,
                notes=notes,
            )
            session.add(row)
            session.flush()
            ids[key] = row.id
    return ids


def _export(store: Store, options: CalendarOptions) -> bytes:
    with store.sessions() as session:
        data: bytes = plan_calendar(session, options).to_ical()
    return data


def test_the_calendar_reads_the_same_in_two_parsers(
    store: Store, services: DirectoryServices
) -> None:
    _plan(store, services)
    data = _export(store, CalendarOptions(LISBON, reminder_time=dt.time(8, 15)))

    # 1. icalendar
    calendar = icalendar.Calendar.from_ical(data)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        "Thank-you note · Ana Lopez · Acme",
        "Thank you note · Ana Lopez · Acme",
        "Call · Ana Lopez · Acme",
    }
    untimed = events["Thank-you note · Ana Lopez · Acme"]
    assert untimed.decoded("dtstart") == dt.date(2026, 3, 2)
    assert untimed.decoded("dtend") == dt.date(2026, 3, 3)
    (alarm,) = untimed.walk("VALARM")
    assert alarm.decoded("trigger") == dt.timedelta(hours=8, minutes=15)
    assert alarm["trigger"].params["RELATED"] == "START"
    summer = events["Thank you note · Ana Lopez · Acme"]
    start = summer.decoded("dtstart")
    assert start == dt.datetime(2026, 7, 15, 14, 30, tzinfo=LISBON)
    assert start.utcoffset() == dt.timedelta(hours=1)  # summer time
    assert b"DTSTART;TZID=Europe/Lisbon:20260715T143000\r\n" in data
    assert summer.decoded("duration") == dt.timedelta(minutes=30)
    assert summer.walk("VALARM")[0].decoded("trigger") == dt.timedelta(0)
    winter = events["Call · Ana Lopez · Acme"].decoded("dtstart")
    assert winter.utcoffset() == dt.timedelta(0)
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["tzid"] == "Europe/Lisbon"
    uids = [str(e["uid"]) for e in events.values()]
    assert len(set(uids)) == 3 and all(u.endswith("@runnerup.invalid") for u in uids)

    # 2. vobject, an independent parser
    parsed = vobject.readOne(data.decode("utf-8"))
    by_summary = {e.summary.value: e for e in parsed.vevent_list}
    assert set(by_summary) == set(events)
    other = by_summary["Thank you note · Ana Lopez · Acme"]
    moment = other.dtstart.value
    assert moment.astimezone(dt.UTC) == dt.datetime(2026, 7, 15, 13, 30, tzinfo=dt.UTC)
    # vobject turns TZID into a zone built from the file's own VTIMEZONE: its rules hold.
    assert moment.utcoffset() == dt.timedelta(hours=1)
    assert by_summary["Call · Ana Lopez · Acme"].dtstart.value.utcoffset() == dt.timedelta(0)
    assert by_summary["Thank-you note · Ana Lopez · Acme"].dtstart.value == dt.date(2026, 3, 2)
    trigger = by_summary["Thank-you note · Ana Lopez · Acme"].valarm.trigger.value
    assert trigger == dt.timedelta(hours=8, minutes=15)
    assert sorted(e.uid.value for e in parsed.vevent_list) == sorted(uids)


def test_uids_are_stable_and_sequences_grow(store: Store, services: DirectoryServices) -> None:
    ids = _plan(store, services)
    options = CalendarOptions(NEW_YORK)

    def entries() -> dict[str, tuple[str, int]]:
        calendar = icalendar.Calendar.from_ical(_export(store, options))
        found = calendar.walk("VEVENT")
        return {str(e["summary"]): (str(e["uid"]), int(e.decoded("sequence"))) for e in found}

    first = entries()
    assert entries() == first
    with store.sessions.begin() as session:
        row = session.get(FollowUp, ids["winter"])
        assert row is not None
        row.notes = "Call about the new role"
        row.updated_at = row.created_at + dt.timedelta(seconds=90)
    second = entries()
    assert second["Call about the new role · Ana Lopez · Acme"] == (
        first["Call · Ana Lopez · Acme"][0],
        90,
    )
    # Another database's follow-up of the same id is another entry.
    other = open_store(store.path.with_name("other.sqlite3"))
    try:
        _plan(other, DirectoryServices(other.sessions))
        with other.sessions() as session:
            theirs = plan_calendar(session, options)
        assert not {str(e["uid"]) for e in theirs.walk("VEVENT")} & {u for u, _ in first.values()}
    finally:
        other.close()


def test_date_only_follow_ups_as_to_dos(store: Store, services: DirectoryServices) -> None:
    _plan(store, services)
    data = _export(store, CalendarOptions(LISBON, untimed_as="todo"))
    calendar = icalendar.Calendar.from_ical(data)
    (todo,) = calendar.walk("VTODO")
    assert todo.decoded("due") == dt.date(2026, 3, 2)
    assert str(todo["status"]) == "NEEDS-ACTION"
    (alarm,) = todo.walk("VALARM")
    assert alarm["trigger"].params["RELATED"] == "END"
    assert alarm.decoded("trigger") == dt.timedelta(hours=9)
    assert len(calendar.walk("VEVENT")) == 2  # the timed ones stay events
    todo2 = vobject.readOne(data.decode()).vtodo
    assert todo2.due.value == dt.date(2026, 3, 2)


def test_the_calendar_file_is_private_and_whole(
    tmp_path: Path, store: Store, services: DirectoryServices
) -> None:
    _plan(store, services)
    tmp_path = tmp_path / "exports"
    tmp_path.mkdir()
    path = tmp_path / "plan.ics"
    path.write_text("the previous export")
    with store.sessions() as session:
        assert write_calendar(session, path, CalendarOptions(LISBON)) == 3
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    with store.sessions() as session:
        with pytest.raises(ExportFailed, match="cannot write in"):
            write_calendar(session, tmp_path / "gone" / "plan.ics", CalendarOptions(LISBON))
        # A failure at the last step (here: a folder in the way) leaves nothing behind.
        (tmp_path / "in-the-way.ics").mkdir()
        with pytest.raises(ExportFailed, match="cannot write"):
            write_calendar(session, tmp_path / "in-the-way.ics", CalendarOptions(LISBON))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in-the-way.ics", "plan.ics"]


def _everyone(store: Store) -> set[tuple[object, ...]]:
    with store.sessions() as session:
        rows = session.execute(
            select(
                Contact.name,
                Company.name,
                Contact.role,
                Contact.title,
                Contact.email,
                Contact.phone,
                Contact.linkedin_url,
                Contact.notes,
            ).outerjoin(Company, Contact.company_id == Company.id)
        )
        return {tuple(row) for row in rows}


def test_vcards_exported_then_imported_are_the_same_contacts(
    tmp_path: Path, store: Store, services: DirectoryServices
) -> None:
    acme, _ = services.add_company({"name": "Acme, Inc."})
    services.add_contact(
        {
            "company_id": acme,
            "name": "Zoë Müller-Łukasz",
            "role": ContactRole.HIRING_MANAGER,
            "title": "VP, Data; Platform",
            "email": "zoe@acme.example",
            "phone": "+49 30 123456",
            "linkedin_url": "https://www.linkedin.com/in/zoe",
            "notes": "Line one\nLine two, with a comma; and a semicolon \\ and a backslash\n"
            + "long " * 60,
        }
    )
    services.add_contact({"company_id": acme, "name": "محمد الأحمد", "role": ContactRole.RECRUITER})
    services.add_contact({"company_id": None, "name": "Ivo", "notes": "🙂 emoji"})
    path = tmp_path / "contacts.vcf"
    with store.sessions() as session:
        assert write_vcards(session, path) == 3
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    fresh = open_store(tmp_path / "fresh.sqlite3")
    try:
        imports = ImportServices(fresh.sessions)
        summary, _ = imports.run(ImportRequest(path, "vcard", CompanyPolicy.named("all")))
        assert (summary.new, summary.skipped) == (3, 0)
        assert _everyone(fresh) == _everyone(store)
        # Importing the same file again adds nobody.
        again = imports.preview(ImportRequest(path, "vcard"))
        assert (again.new, again.matched) == (0, 3)
    finally:
        fresh.close()


def test_one_contact_or_one_company_s(store: Store, services: DirectoryServices) -> None:
    acme, _ = services.add_company({"name": "Acme"})
    globex, _ = services.add_company({"name": "Globex"})
    ana, _ = services.add_contact({"company_id": acme, "name": "Ana"})
    services.add_contact({"company_id": acme, "name": "Bo"})
    services.add_contact({"company_id": globex, "name": "Cy"})
    with store.sessions() as session:
        assert len(list(contact_cards(session, contact_id=ana))) == 1
        names = [vobject.readOne(c).fn.value for c in contact_cards(session, company_id=acme)]
        assert names == ["Ana", "Bo"]
        assert len(list(contact_cards(session))) == 3
