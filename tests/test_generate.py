"""The benchmark-database generator: a tiny run, checked through the app's own store."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from benchmarks.gen import activity_rows, writer
from benchmarks.gen.api import files_of
from benchmarks.generate import GenerateStats, generate, main
from runnerup_desktop.core.domain import OPEN_STAGES, Direction, FollowUpStatus, Stage
from runnerup_desktop.core.text import fold
from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.models import (
    Company,
    Contact,
    FeedbackItem,
    FollowUp,
    Interaction,
    Opportunity,
    ValueItem,
    company_search_key,
    contact_search_key,
)

TODAY = dt.date(2026, 3, 15)
SIZES = {"companies": 20, "contacts": 100, "follow_ups": 200, "interactions": 300}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, GenerateStats]:
    path = tmp_path_factory.mktemp("generate") / "tiny.sqlite3"
    stats = generate(path, **SIZES, seed=7, today=TODAY)
    return path, stats


@pytest.fixture
def session(tiny: tuple[Path, GenerateStats]) -> Iterator[Session]:
    store = open_store(tiny[0])
    with store.sessions() as opened:
        yield opened
    store.close()


def count(session: Session, model: type[Any]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_counts_match_the_request_and_the_stats(
    tiny: tuple[Path, GenerateStats], session: Session
) -> None:
    _path, stats = tiny
    assert count(session, Company) == stats.companies == 20
    assert count(session, Contact) == stats.contacts == 100
    assert count(session, FollowUp) == stats.follow_ups == 200
    assert count(session, Interaction) == stats.interactions == 300
    assert count(session, Opportunity) == stats.opportunities == 24  # 1.2 per company
    assert count(session, FeedbackItem) == stats.feedback_items
    assert count(session, ValueItem) == stats.value_items
    assert stats.file_bytes > 0
    assert stats.seconds > 0
    assert str(stats.path) in stats.summary()


def test_references_hold(tiny: tuple[Path, GenerateStats], session: Session) -> None:
    orphans = select(func.count()).where(Contact.company_id.not_in(select(Company.id)))
    assert session.scalar(orphans) == 0
    conn = sqlite3.connect(tiny[0])
    try:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    # An interaction's contact works at the interaction's company.
    mismatched = (
        select(func.count())
        .select_from(Interaction)
        .join(Contact, Interaction.contact_id == Contact.id)
        .where(Contact.company_id != Interaction.company_id)
    )
    assert session.scalar(mismatched) == 0


def test_schema_is_the_migrations(tiny: tuple[Path, GenerateStats], tmp_path: Path) -> None:
    """Indexes are dropped for the load and rebuilt: the schema must come out the same."""
    fresh = tmp_path / "fresh.sqlite3"
    open_store(fresh).close()

    def schema(path: Path) -> list[tuple[str, str]]:
        conn = sqlite3.connect(path)
        try:
            return conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"
            ).fetchall()
        finally:
            conn.close()

    assert schema(tiny[0]) == schema(fresh)


def test_name_keys_are_folded_names(session: Session) -> None:
    for model in (Company, Contact):
        rows = session.execute(select(model.name, model.name_key)).all()
        assert rows
        assert all(key == fold(name) for name, key in rows)


def test_last_touch_is_the_latest_real_interaction(session: Session) -> None:
    touched = Interaction.direction != Direction.NONE
    for model, column in ((Company, Interaction.company_id), (Contact, Interaction.contact_id)):
        expected = dict(
            session.execute(
                select(column, func.max(Interaction.occurred_on))
                .where(touched, column.is_not(None))
                .group_by(column)
            ).all()
        )
        actual = dict(session.execute(select(model.id, model.last_touch_on)).all())
        assert expected, model
        for row_id, last in actual.items():
            assert last == expected.get(row_id), (model.__name__, row_id)
    # Notes (direction "none") exist but never count as a touch.
    assert session.scalar(select(func.count()).where(Interaction.direction == Direction.NONE))


def test_follow_ups_are_overdue_due_today_and_upcoming(session: Session) -> None:
    def planned(*criteria: ColumnElement[bool]) -> int:
        query = select(func.count()).where(FollowUp.status == FollowUpStatus.PLANNED, *criteria)
        return session.scalar(query) or 0

    assert planned(FollowUp.due_on < TODAY) > 0
    assert planned(FollowUp.due_on == TODAY) > 0
    assert planned(FollowUp.due_on > TODAY) > 0
    statuses = set(session.scalars(select(FollowUp.status).distinct()))
    assert statuses == set(FollowUpStatus)
    # Done and skipped ones are in the past, with a completion day no later than today.
    closed = session.execute(
        select(FollowUp.due_on, FollowUp.completed_on).where(
            FollowUp.status != FollowUpStatus.PLANNED
        )
    ).all()
    assert closed
    assert all(due < TODAY and done is not None and done <= TODAY for due, done in closed)
    first, last = session.execute(
        select(func.min(FollowUp.due_on), func.max(FollowUp.due_on))
    ).one()
    assert first < TODAY - dt.timedelta(days=180) and last > TODAY + dt.timedelta(days=30)


def test_interactions_span_the_past_with_every_direction(session: Session) -> None:
    first, last = session.execute(
        select(func.min(Interaction.occurred_on), func.max(Interaction.occurred_on))
    ).one()
    assert last <= TODAY
    assert first < TODAY - dt.timedelta(days=365)
    assert set(session.scalars(select(Interaction.direction).distinct())) == set(Direction)


def test_opportunities_reach_runner_up(session: Session) -> None:
    stages = set(session.scalars(select(Opportunity.stage).distinct()))
    assert Stage.RUNNER_UP in stages
    assert len(stages) >= 4


def test_names_have_accents_and_emails_do_not(session: Session) -> None:
    names = session.scalars(select(Contact.name)).all()
    accented = [name for name in names if not name.isascii()]
    assert len(accented) > len(names) // 4
    companies = session.scalars(select(Company.name)).all()
    assert any(not name.isascii() for name in companies) or len(companies) < 20
    emails = [e for e in session.scalars(select(Contact.email)) if e]
    assert emails
    assert all(re.fullmatch(r"[a-z0-9.]+@[a-z0-9]+\.example", email) for email in emails)


def test_long_notes_on_some_rows(session: Session) -> None:
    lengths = [len(text) for text in session.scalars(select(Interaction.summary))]
    lengths += [len(text) for text in session.scalars(select(Contact.notes))]
    assert max(lengths) <= 2000
    assert any(length >= 300 for length in lengths)


def test_same_seed_same_data(tmp_path: Path) -> None:
    def dump(name: str, seed: int) -> list[str]:
        path = tmp_path / name
        generate(path, 4, 15, 30, 40, seed=seed, today=TODAY)
        conn = sqlite3.connect(path)
        try:
            return list(conn.iterdump())
        finally:
            conn.close()

    first = dump("a.sqlite3", 3)
    assert first == dump("b.sqlite3", 3)
    assert first != dump("c.sqlite3", 4)


def test_generate_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "taken.sqlite3"
    path.write_bytes(b"precious")
    with pytest.raises(FileExistsError):
        generate(path, 1, 1, 1, 1)
    assert path.read_bytes() == b"precious"


def test_bad_counts_leave_nothing_behind(tmp_path: Path) -> None:
    path = tmp_path / "never.sqlite3"
    with pytest.raises(ValueError):
        generate(path, 0, 5, 0, 0)
    assert not path.exists()


def test_cli_refuses_an_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "taken.sqlite3"
    path.write_bytes(b"precious")
    argv = [str(path), "--companies", "2", "--contacts", "3", "--follow-ups", "4"]
    assert main([*argv, "--interactions", "5"]) == 1
    assert path.read_bytes() == b"precious"
    assert "--force" in capsys.readouterr().err


def test_cli_force_replaces_and_prints_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "old.sqlite3"
    path.write_bytes(b"old")
    argv = [str(path), "--companies", "2", "--contacts", "3", "--follow-ups", "4"]
    assert main([*argv, "--interactions", "5", "--opportunities", "1", "--force"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert "2 companies" in out and "1 opportunities" in out
    store = open_store(path)
    try:
        with store.sessions() as session:
            assert count(session, Interaction) == 5
    finally:
        store.close()


def test_timestamps_are_in_order_and_not_in_the_future(session: Session) -> None:
    end_of_today = dt.datetime.combine(TODAY, dt.time.max)
    for model in (Company, Contact, Opportunity, FeedbackItem, ValueItem, FollowUp, Interaction):
        for created, updated in session.execute(select(model.created_at, model.updated_at)):
            assert created <= updated <= end_of_today, model.__name__
    # Logging a touch moves the row's updated_at, as it would in the app.
    for model in (Company, Contact):
        rows = session.execute(
            select(model.updated_at, model.last_touch_on).where(model.last_touch_on.is_not(None))
        ).all()
        assert rows
        assert all(touched and updated.date() >= touched for updated, touched in rows)


def test_search_keys_match_the_app(session: Session) -> None:
    companies = session.execute(
        select(Company.id, Company.name, Company.industry, Company.location, Company.search_key)
    ).all()
    names = {row_id: name for row_id, name, *_ in companies}
    assert all(
        key == company_search_key(name, industry, location)
        for _id, name, industry, location, key in companies
    )
    contacts = session.execute(
        select(Contact.company_id, Contact.name, Contact.email, Contact.title, Contact.search_key)
    ).all()
    assert all(
        key == contact_search_key(name, email, title, names[company_id or 0])
        for company_id, name, email, title, key in contacts
    )


def test_quick_writes_store_what_plain_core_inserts_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def dump(name: str) -> list[str]:
        path = tmp_path / name
        generate(path, 6, 40, 80, 120, seed=5, today=TODAY)
        conn = sqlite3.connect(path)
        try:
            return list(conn.iterdump())
        finally:
            conn.close()

    # Check only the first few values, so the quick paths write most rows here too.
    monkeypatch.setattr(writer.QuickStamp, "CHECKED_VALUES", 3)
    quick = dump("quick.sqlite3")
    monkeypatch.setattr(writer, "QUICK_WRITES", False)
    assert dump("plain.sqlite3") == quick


def test_open_opportunities_are_counted_as_the_app_counts_them(session: Session) -> None:
    open_stages = list(OPEN_STAGES)
    counted = dict(
        session.execute(
            select(Opportunity.company_id, func.count())
            .where(Opportunity.stage.in_(open_stages))
            .group_by(Opportunity.company_id)
        ).all()
    )
    stored = dict(session.execute(select(Company.id, Company.open_opportunities)).all())
    assert any(stored.values())
    assert all(stored[company_id] == counted.get(company_id, 0) for company_id in stored)


def test_every_overdue_follow_up_has_reminded_and_none_due_today_yet(session: Session) -> None:
    planned = FollowUp.status == FollowUpStatus.PLANNED
    rows = session.execute(
        select(FollowUp.due_on, FollowUp.notified_at).where(planned, FollowUp.due_on <= TODAY)
    ).all()
    assert any(due == TODAY for due, _ in rows)
    assert all((notified is None) == (due == TODAY) for due, notified in rows)


def test_a_failure_while_writing_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(world: Any) -> Any:
        yield {"id": 1}  # no other column: the insert fails
        raise AssertionError("never reached")

    monkeypatch.setattr(activity_rows, "interactions", broken)
    path = tmp_path / "broken.sqlite3"
    with pytest.raises(KeyError):
        generate(path, 3, 10, 10, 10, seed=1, today=TODAY)
    assert not any(p.exists() for p in files_of(path))
