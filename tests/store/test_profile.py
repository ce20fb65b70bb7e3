"""The profile and the drafts kept per follow-up (issue 15), and migration 0005."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select

from runnerup_desktop.core.domain import Step
from runnerup_desktop.core.news import FollowUpValues
from runnerup_desktop.core.templates import default_template, fill
from runnerup_desktop.store.change import ServiceError
from runnerup_desktop.store.database import Store, alembic_config, make_engine, open_store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.models import MessageTemplate
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.store.profile_services import Draft, ProfileServices, ProfileValues
from runnerup_desktop.store.template_services import MessageTemplates, draft_source
from tests.sqlite_files import connected

TODAY = dt.date(2026, 3, 9)


@pytest.fixture
def profiles(store: Store) -> ProfileServices:
    return ProfileServices(store.sessions)


@pytest.fixture
def follow_up(store: Store, services: DirectoryServices) -> int:
    company, _ = services.add_company({"name": "Northwind Analytics"})
    hana, _ = services.add_contact(
        {"company_id": company, "name": "Hana Kobayashi", "email": "hana@northwind.example"}
    )
    playbook = PlaybookServices(store.sessions, today=lambda: TODAY)
    values = FollowUpValues(company, TODAY, contact_id=hana, step=Step.RE_CONTACT)
    return playbook.add_follow_up(values)[0]


def test_the_profile_is_kept_in_the_database(store: Store, profiles: ProfileServices) -> None:
    assert profiles.profile() == ProfileValues()
    change = profiles.save_profile(
        ProfileValues("  Ana   Sousa ", " ana@sousa.example ", "+351  21 555", "Ana\r\nLisbon\n")
    )
    assert change.profile
    assert profiles.profile() == ProfileValues(
        "Ana Sousa", "ana@sousa.example", "+351 21 555", "Ana\nLisbon"
    )
    profiles.save_profile(ProfileValues("Ana"))
    assert profiles.profile() == ProfileValues("Ana")
    with connected(store.path) as connection:
        assert connection.execute("SELECT count(*) FROM profile").fetchone()[0] == 1
    connection.close()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (ProfileValues(email="ana at sousa"), "cannot contain spaces"),
        (ProfileValues(name="x" * 201), "at most 200"),
        (ProfileValues(phone="1" * 41), "at most 40"),
        (ProfileValues(signature="x" * 2001), "at most 2,000"),
    ],
)
def test_a_bad_profile_is_refused(
    profiles: ProfileServices, values: ProfileValues, message: str
) -> None:
    with pytest.raises(ServiceError, match=message):
        profiles.save_profile(values)
    assert profiles.profile() == ProfileValues()


def test_messages_are_signed_with_the_profile(
    store: Store, profiles: ProfileServices, follow_up: int
) -> None:
    """Issue 15: messages ended "Best regards," with no name unless SMTP was set up."""
    template = default_template(Step.RE_CONTACT.value)
    assert template is not None
    unsigned = draft_source(store.sessions, follow_up, today=TODAY)
    body = fill(template.subject, template.body, unsigned.context).body
    assert body.endswith("Best regards,")

    profiles.save_profile(ProfileValues("Ana Sousa", "ana@sousa.example", "+351 21 555"))
    named = draft_source(store.sessions, follow_up, my_name="SMTP name", today=TODAY)
    assert named.context.my_name == "Ana Sousa"  # the profile wins over the account
    assert fill(template.subject, template.body, named.context).body.endswith(
        "Best regards,\nAna Sousa"
    )
    profiles.save_profile(ProfileValues("Ana Sousa", signature="Ana Sousa\n+351 21 555"))
    signed = draft_source(store.sessions, follow_up, today=TODAY)
    assert fill(template.subject, template.body, signed.context).body.endswith(
        "Best regards,\nAna Sousa\n+351 21 555"
    )
    mine = fill("", "{my_name} · {my_email} · {my_phone}", named.context)
    assert mine.body == "Ana Sousa · ana@sousa.example · +351 21 555"
    # No profile name: the mail account's sender name still signs.
    profiles.save_profile(ProfileValues())
    fallback = draft_source(store.sessions, follow_up, my_name="Ana S.", today=TODAY)
    assert fill("", "{signature}", fallback.context).body == "Ana S"


def test_a_draft_is_kept_per_follow_up(
    store: Store, profiles: ProfileServices, follow_up: int
) -> None:
    assert profiles.draft(follow_up) is None
    template = MessageTemplates(store.sessions).for_step(Step.RE_CONTACT)[0].id
    change = profiles.save_draft(
        Draft(follow_up, " hana@northwind.example ", "Catching up", "Hi Hana,\r\n\r\nI…", template)
    )
    assert change.follow_ups
    assert profiles.draft(follow_up) == Draft(
        follow_up, "hana@northwind.example", "Catching up", "Hi Hana,\n\nI…", template
    )
    profiles.save_draft(Draft(follow_up, "", "Second thoughts", "Hello", None))
    assert profiles.draft(follow_up) == Draft(follow_up, "", "Second thoughts", "Hello", None)
    profiles.discard_draft(follow_up)
    assert profiles.draft(follow_up) is None
    assert profiles.discard_draft(follow_up).follow_ups is False
    with pytest.raises(ServiceError, match="at most 300"):
        profiles.save_draft(Draft(follow_up, "", "x" * 301, ""))
    with pytest.raises(ServiceError, match="no longer exists"):
        profiles.save_draft(Draft(99999, "", "", ""))


def test_a_draft_goes_with_its_follow_up(
    store: Store, profiles: ProfileServices, follow_up: int
) -> None:
    profiles.save_draft(Draft(follow_up, "", "S", "B"))
    PlaybookServices(store.sessions, today=lambda: TODAY).delete_follow_ups([follow_up])
    assert profiles.draft(follow_up) is None


def test_migration_0005_signs_unchanged_defaults_with_the_signature(tmp_path: Path) -> None:
    """Shipped templates the person left as they came end with {signature}; one they
    changed keeps its {my_name}; the downgrade puts it back."""
    path = tmp_path / "old.sqlite3"
    path.touch(mode=0o600)
    engine = make_engine(path)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
        for key, body in (
            ("re_contact", "{greeting}\n\nHello.\n\nBest regards,\n{my_name}"),
            ("offer_check_in", "{greeting}\n\nMine.\n\nCheers,\n{my_name}"),
            (None, "{greeting}\n\nBest regards,\n{my_name}"),
        ):
            conn.exec_driver_sql(
                "INSERT INTO message_template (name, step, subject, body, builtin, created_at,"
                " updated_at) VALUES (?, NULL, '', ?, ?, '2026-01-01', '2026-01-01')",
                (key or "mine", body, key),
            )
    engine.dispose()
    store = open_store(path, backup_dir=tmp_path / "backups")
    with store.sessions() as session:
        bodies = dict(session.execute(select(MessageTemplate.name, MessageTemplate.body)).all())
    assert bodies["re_contact"].endswith("Best regards,\n{signature}")
    assert bodies["offer_check_in"].endswith("Cheers,\n{my_name}")
    assert bodies["mine"].endswith("Best regards,\n{my_name}")
    store.close()
    engine = make_engine(path)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
        downgraded = conn.exec_driver_sql(
            "SELECT body FROM message_template WHERE builtin = 're_contact'"
        ).scalar()
        tables = {row[0] for row in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
    engine.dispose()
    assert str(downgraded).endswith("Best regards,\n{my_name}")
    assert "profile" not in tables and "message_draft" not in tables
