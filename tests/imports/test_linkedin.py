"""Importing LinkedIn's Connections.csv and the data export's zip: the preview, the
company choice, matching, and writing in one transaction."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from runnerup_desktop.core.domain import ContactRole
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.directory_queries import ContactListing, PageRequest
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.imports.linkedin import connected_on
from runnerup_desktop.store.imports.preview import CompanyPolicy, Outcome
from runnerup_desktop.store.imports.records import ImportRefused
from runnerup_desktop.store.imports.service import ImportRequest, ImportServices
from runnerup_desktop.store.models import Company, Contact
from tests.imports.real_files import (
    CONNECTIONS,
    connections_csv,
    snapshot,
    write_connections,
    write_export_zip,
)


def _contacts(store: Store) -> dict[str, tuple[str | None, str, str, str, str]]:
    """Each contact by name: (company, title, email, linkedin_url, notes)."""
    with store.sessions() as session:
        rows = session.execute(
            select(
                Contact.name,
                Company.name,
                Contact.title,
                Contact.email,
                Contact.linkedin_url,
                Contact.notes,
            ).outerjoin(Company, Contact.company_id == Company.id)
        )
        return {row[0]: tuple(row[1:]) for row in rows}  # type: ignore[misc]


def _companies(store: Store) -> list[str]:
    with store.sessions() as session:
        return sorted(session.scalars(select(Company.name)))


def test_the_preview_reads_past_the_notes_and_writes_nothing(
    tmp_path: Path, store: Store, imports: ImportServices
) -> None:
    path = write_connections(tmp_path / "Connections.csv")
    before = snapshot(store)
    summary = imports.preview(ImportRequest(path, "linkedin"))
    assert snapshot(store) == before
    assert summary.dry_run and (summary.new, summary.matched, summary.skipped) == (5, 0, 0)
    assert [line.line for line in summary.lines] == [5, 6, 7, 8, 9]
    assert [line.name for line in summary.lines] == [f"{c[0]} {c[1]}" for c in CONNECTIONS]
    # By default no company is created: nobody here is at a company RunnerUp has.
    assert [line.company for line in summary.lines] == [""] * 5
    assert summary.created_companies == []
    assert {name: c.people for name, c in summary.companies.items()} == {
        "acme": 1,
        "muller gmbh": 1,
        "northwind analytics": 1,
        "globex": 1,
    }
    assert summary.to_json()["companies_missing"] == [
        "Acme",
        "Globex",
        "Müller GmbH",
        "Northwind Analytics",
    ]
    assert summary.notices == []


def test_importing_keeps_people_without_a_company_and_links_existing_ones(
    tmp_path: Path, store: Store, services: DirectoryServices, imports: ImportServices
) -> None:
    services.add_company({"name": "ACME"})  # the same company, as the person typed it
    path = write_connections(tmp_path / "Connections.csv")
    summary, change = imports.run(ImportRequest(path, "linkedin"))
    assert change.everything
    assert (summary.new, summary.matched, summary.skipped) == (5, 0, 0)
    assert _companies(store) == ["ACME"]
    people = _contacts(store)
    assert people["Ana Lopez"] == (
        "ACME",
        "Head of Data",
        "",
        "https://www.linkedin.com/in/ana-lopez-8a1b2c",
        "Connected on LinkedIn on 2023-08-24.",
    )
    assert people["Zoë Müller"][0] is None
    assert people["Zoë Müller"][2] == "zoe@example.de"
    assert people["Zoë Müller"][4] == (
        "Connected on LinkedIn on 2022-01-03.\nCompany (from the import): Müller GmbH."
    )
    assert people["Omar Haddad"][1] == 'Engineering Manager, "Core"'
    with store.sessions() as session:
        shown = ContactListing().page(session, PageRequest(search="haddad"))
        assert [(row[1], row[2]) for row in shown] == [("Omar Haddad", None)]
        roles = set(session.scalars(select(Contact.role)))
        assert roles == {ContactRole.OTHER}


@pytest.mark.parametrize(
    ("policy", "created"),
    [
        (CompanyPolicy.named("all"), ["Acme", "Globex", "Müller GmbH"]),
        (CompanyPolicy(create=frozenset({"globex", "acme"})), ["Acme", "Globex"]),
        (CompanyPolicy.named("none"), []),
    ],
)
def test_the_person_chooses_which_companies_to_create(
    tmp_path: Path,
    store: Store,
    services: DirectoryServices,
    imports: ImportServices,
    policy: CompanyPolicy,
    created: list[str],
) -> None:
    services.add_company({"name": "Northwind Analytics"})
    path = write_connections(tmp_path / "Connections.csv")
    preview = imports.preview(ImportRequest(path, "linkedin", policy))
    summary, _ = imports.run(ImportRequest(path, "linkedin", policy))
    assert sorted(summary.created_companies) == created == sorted(preview.created_companies)
    assert [line.company for line in preview.lines] == [line.company for line in summary.lines]
    assert _companies(store) == sorted({*created, "Northwind Analytics"})
    rui = _contacts(store)["Rui Costa"]
    assert rui[0] == (None if policy == CompanyPolicy.named("none") else "Northwind Analytics")


def test_the_zip_of_linkedin_s_export_imports_its_connections(
    tmp_path: Path, store: Store, imports: ImportServices
) -> None:
    for folder in ("", "Basic_LinkedInDataExport_12-01-2026/"):
        path = write_export_zip(tmp_path / f"export{len(folder)}.zip", folder=folder)
        summary = imports.preview(ImportRequest(path, "linkedin"))
        assert summary.new == 5 and summary.source == path.name
    summary, _ = imports.run(ImportRequest(path, "linkedin"))
    assert summary.new == 5 and len(_contacts(store)) == 5


def test_a_zip_without_connections_is_refused(tmp_path: Path, imports: ImportServices) -> None:
    import zipfile

    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "hello")
    with pytest.raises(ImportRefused, match=r"zip archive without Connections\.csv"):
        imports.preview(ImportRequest(path, "linkedin"))


def test_existing_contacts_are_matched_by_profile_then_email_then_name(
    tmp_path: Path, store: Store, services: DirectoryServices, imports: ImportServices
) -> None:
    acme, _ = services.add_company({"name": "Acme"})
    by_url, _ = services.add_contact(
        {
            "company_id": acme,
            "name": "Ana L.",
            "linkedin_url": "http://uk.linkedin.com/in/Ana-Lopez-8a1b2c/",
            "title": "Data lead",
        }
    )
    by_email, _ = services.add_contact(
        {"company_id": None, "name": "Z. Müller", "email": "ZOE@example.de"}
    )
    globex, _ = services.add_company({"name": "globex"})
    by_name, _ = services.add_contact({"company_id": globex, "name": "OMAR HADDAD"})
    path = write_connections(tmp_path / "Connections.csv")
    summary, _ = imports.run(ImportRequest(path, "linkedin"))
    matched = {line.name: line for line in summary.lines if line.outcome is Outcome.MATCHED}
    assert {name: line.contact_id for name, line in matched.items()} == {
        "Ana Lopez": by_url,
        "Zoë Müller": by_email,
        "Omar Haddad": by_name,
    }
    assert "(same LinkedIn profile)" in matched["Ana Lopez"].reason
    assert "(same email)" in matched["Zoë Müller"].reason
    assert "(same name at globex)" in matched["Omar Haddad"].reason
    people = _contacts(store)
    # Matched contacts get what they lack; nothing they have is overwritten.
    assert people["Ana L."][1] == "Data lead"
    assert "adds" not in matched["Ana Lopez"].reason
    assert people["OMAR HADDAD"][1] == 'Engineering Manager, "Core"'
    assert people["OMAR HADDAD"][3] == "https://www.linkedin.com/in/omar-haddad"
    assert "adds job title, LinkedIn address" in matched["Omar Haddad"].reason
    assert summary.new == 2
    # A second import of the same file matches everyone, by profile.
    again = imports.preview(ImportRequest(path, "linkedin"))
    assert (again.new, again.matched) == (0, 5)


def test_the_same_person_twice_in_a_file_is_imported_once(
    tmp_path: Path, store: Store, imports: ImportServices
) -> None:
    rows = [*CONNECTIONS, CONNECTIONS[1]]
    path = write_connections(tmp_path / "c.csv", connections_csv(rows))
    summary, _ = imports.run(ImportRequest(path, "linkedin"))
    assert summary.skipped_lines()[0].line == 10
    assert summary.skipped_lines()[0].reason == "the same person as line 6 (same LinkedIn profile)"
    assert len(_contacts(store)) == 5


def test_unusable_cells_are_left_out_and_said(
    tmp_path: Path, store: Store, imports: ImportServices
) -> None:
    rows = [
        (
            "Ana",
            "Lopez",
            "https://example.com/ana",
            "ana(at)acme",
            "Acme",
            "x" * 250,
            "24 Aug 2023",
        ),
        ("", "", "https://www.linkedin.com/in/nobody", "", "Acme", "", "1 Jan 2020"),
        ("Rui", "Costa", "", "", "", "", "someday"),
    ]
    path = write_connections(tmp_path / "c.csv", connections_csv(rows))
    summary, _ = imports.run(ImportRequest(path, "linkedin"))
    ana, nobody, _rui = summary.lines
    assert ana.outcome is Outcome.NEW
    assert ana.reason.startswith("job title left out: A job title can be at most 200 characters")
    assert "email left out: An email address needs an @" in ana.reason
    assert "LinkedIn address left out: Not a LinkedIn address" in ana.reason
    assert (nobody.outcome, nobody.reason) == (Outcome.SKIPPED, "no name")
    assert _contacts(store)["Rui Costa"][4] == "Connected on LinkedIn on someday."
    assert _contacts(store)["Ana Lopez"][1:4] == ("", "", "")


def test_linkedin_s_dates() -> None:
    assert connected_on("24 Aug 2023") == dt.date(2023, 8, 24)
    assert connected_on("3 Sept 2021") == dt.date(2021, 9, 3)
    assert connected_on("Aug 24, 2023") == dt.date(2023, 8, 24)
    assert connected_on("2023-08-24") == dt.date(2023, 8, 24)
    assert connected_on("31 Feb 2023") is None
    assert connected_on("24 Ago 2023") is None


def test_cancelling_part_way_leaves_nothing(
    tmp_path: Path, store: Store, imports: ImportServices
) -> None:
    rows = [
        (f"P{n}", "Person", f"https://www.linkedin.com/in/p{n}", "", "Co", "", "")
        for n in range(1500)
    ]
    path = write_connections(tmp_path / "c.csv", connections_csv(rows))
    seen: list[tuple[int, int]] = []

    class Cancelled(Exception):
        pass

    class Watching:
        def report(self, done: int, total: int) -> None:
            seen.append((done, total))

        def check(self) -> None:
            if len(seen) >= 2:
                raise Cancelled

    before = snapshot(store)
    with pytest.raises(Cancelled):
        imports.run(ImportRequest(path, "linkedin", CompanyPolicy.named("all")), Watching())
    assert snapshot(store) == before
    assert seen[0][0] < seen[1][0] <= seen[1][1] == path.stat().st_size


def test_an_error_at_the_end_of_a_file_leaves_nothing(
    tmp_path: Path, store: Store, imports: ImportServices
) -> None:
    text = (
        connections_csv()
        + 'Last,Line,"https://www.linkedin.com/in/x,never closed\n'
        + "x" * 140_000
    )
    path = write_connections(tmp_path / "c.csv", text)
    before = snapshot(store)
    with pytest.raises(ImportRefused, match="from line 10 on: a quote opens a value"):
        imports.run(ImportRequest(path, "linkedin", CompanyPolicy.named("all")))
    assert snapshot(store) == before
    with store.sessions() as session:
        assert session.scalar(select(func.count(Contact.id))) == 0


def test_imported_rows_are_stored_as_the_app_stores_them(
    tmp_path: Path, store: Store, services: DirectoryServices, imports: ImportServices
) -> None:
    """The import writes through the driver: every stored value has the form the ORM
    gives it (timestamps, enums, keys), and the search index knows the new rows."""
    company_id, _ = services.add_company({"name": "Typed"})
    services.add_contact({"company_id": company_id, "name": "Typed By Hand", "title": "X"})
    path = write_connections(tmp_path / "c.csv")
    imports.run(ImportRequest(path, "linkedin", CompanyPolicy.named("all")))
    columns = "typeof(created_at), length(created_at), role, name_key, search_key"
    with store.engine.connect() as conn:
        by_hand = conn.exec_driver_sql(
            f"SELECT {columns} FROM contact WHERE name = 'Typed By Hand'"
        ).one()
        imported = conn.exec_driver_sql(
            f"SELECT {columns} FROM contact WHERE name = 'Zoë Müller'"
        ).one()
        company = conn.exec_driver_sql(
            "SELECT typeof(created_at), length(created_at), status, name_key, search_key,"
            " open_opportunities FROM company WHERE name = 'Müller GmbH'"
        ).one()
    assert imported[:3] == by_hand[:3]
    assert imported[3:] == (
        "zoe muller",
        "zoe muller | zoe@example.de | cto, platform | muller gmbh",
    )
    assert company == ("text", by_hand[1], "target", "muller gmbh", "muller gmbh | |", 0)
    with store.sessions() as session:
        found = ContactListing().page(session, PageRequest(search="platform gmbh"))
        assert [row[1] for row in found] == ["Zoë Müller"]


def test_namesakes_with_other_profiles_are_other_people(
    tmp_path: Path, store: Store, services: DirectoryServices, imports: ImportServices
) -> None:
    """Two Ana Lopez without a company are one person unless their profiles differ."""
    services.add_contact(
        {"company_id": None, "name": "Ana Lopez", "linkedin_url": "linkedin.com/in/ana-one"}
    )
    services.add_contact({"company_id": None, "name": "Rui Costa", "email": "rui@one.example"})
    services.add_contact({"company_id": None, "name": "Sara Nakamura"})
    rows = [
        ("Ana", "Lopez", "https://www.linkedin.com/in/ana-two", "", "", "", ""),
        ("Rui", "Costa", "", "rui@two.example", "", "", ""),
        ("Sara", "Nakamura", "https://www.linkedin.com/in/sara", "", "", "", ""),
        ("Ana", "Lopez", "https://www.linkedin.com/in/ana-three", "", "", "", ""),
    ]
    path = write_connections(tmp_path / "c.csv", connections_csv(rows))
    summary, _ = imports.run(ImportRequest(path, "linkedin"))
    assert [(line.name, line.outcome) for line in summary.lines] == [
        ("Ana Lopez", Outcome.NEW),
        ("Rui Costa", Outcome.MATCHED),  # another address, but a person may have two
        ("Sara Nakamura", Outcome.MATCHED),  # nothing says she is someone else
        ("Ana Lopez", Outcome.NEW),
    ]
    assert "(same name without a company): adds LinkedIn address" in summary.lines[2].reason


def test_an_import_is_one_undo_step(
    tmp_path: Path, store: Store, services: DirectoryServices, imports: ImportServices
) -> None:
    """Undo takes a whole import back (new contacts, new companies, filled-in fields),
    redo brings it back, and the search index follows both."""
    from tests.snapshots import differences, fts_in_step
    from tests.snapshots import snapshot as file_snapshot

    acme, _ = services.add_company({"name": "Acme"})
    services.add_contact({"company_id": acme, "name": "Ana Lopez"})  # matched: gets a URL
    path = write_connections(tmp_path / "Connections.csv")
    before = file_snapshot(store.path)
    with store.history.step("Import contacts from Connections.csv") as step:
        summary, step.change = imports.run(
            ImportRequest(path, "linkedin", CompanyPolicy.named("all"))
        )
    assert (summary.new, summary.matched) == (4, 1)
    after = file_snapshot(store.path)
    label, change = store.history.undo()
    assert label == "Import contacts from Connections.csv" and change.everything
    assert differences(before, file_snapshot(store.path)) == {}
    fts_in_step(store.path)
    store.history.redo()
    assert differences(after, file_snapshot(store.path)) == {}
    fts_in_step(store.path)
