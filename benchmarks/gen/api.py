"""Write a large, realistic RunnerUp database: :func:`generate` and what it returns.

The file is created and migrated by the app's own :func:`open_store`; then every table
is filled through :mod:`benchmarks.gen.writer` in one transaction, from a planned
:class:`~benchmarks.gen.world.World`. The data is meant to look like a real, busy user's:
names with accents from many cultures, companies named and located around the world,
long notes on some rows, opportunities in every stage (many of them runner-up),
follow-ups from eighteen months ago to six months ahead and two years of interactions.
``last_touch_on`` is the latest ``occurred_on`` of the row's interactions whose direction
is not ``none`` (with ``updated_at`` no earlier than that day).

The same seed and the same ``today`` give the same rows.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Table, bindparam, update

from benchmarks.gen import activity_rows, directory_rows
from benchmarks.gen.world import Random, World
from benchmarks.gen.writer import Derived, Loader, drop_derived, table_of, tune
from runnerup_desktop.store.database import Store, open_store
from runnerup_desktop.store.models import (
    Company,
    Contact,
    FeedbackItem,
    FollowUp,
    Interaction,
    Opportunity,
    ValueItem,
)


@dataclass(frozen=True)
class GenerateStats:
    """What :func:`generate` wrote, and how long it took."""

    path: Path
    companies: int
    contacts: int
    opportunities: int
    feedback_items: int
    value_items: int
    follow_ups: int
    interactions: int
    seconds: float
    cpu_seconds: float
    file_bytes: int
    phases: dict[str, float] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return (
            self.companies
            + self.contacts
            + self.opportunities
            + self.feedback_items
            + self.value_items
            + self.follow_ups
            + self.interactions
        )

    def summary(self) -> str:
        rate = self.rows / self.seconds if self.seconds else 0.0
        return (
            f"{self.path}: {self.companies:,} companies, {self.contacts:,} contacts, "
            f"{self.opportunities:,} opportunities, {self.feedback_items:,} feedback items, "
            f"{self.value_items:,} value items, {self.follow_ups:,} follow-ups, "
            f"{self.interactions:,} interactions in {self.seconds:.1f} s "
            f"({self.cpu_seconds:.1f} s CPU, {rate:,.0f} rows/s), "
            f"{self.file_bytes / 1_000_000:.1f} MB"
        )


def generate(
    path: Path,
    companies: int,
    contacts: int,
    follow_ups: int,
    interactions: int,
    opportunities: int | None = None,
    seed: int = 1,
    today: dt.date | None = None,
) -> GenerateStats:
    """Create the database at ``path`` (which must not exist) and fill it.

    ``opportunities`` defaults to 1.2 per company. ``today`` (default: the real today)
    anchors every date, so a seed and a day give the same data. If anything fails, the
    half-written file is removed.
    """
    path = Path(path)
    check_counts(companies, contacts, follow_ups, interactions, opportunities)
    if any(p.exists() for p in files_of(path)):
        raise FileExistsError(f"{path} already exists; RunnerUp's generator never overwrites.")
    if opportunities is None:
        opportunities = companies * 6 // 5
    started = time.perf_counter()
    cpu_started = time.process_time()
    world = World(
        Random(seed),
        today or dt.date.today(),
        companies=companies,
        contacts=contacts,
        opportunities=opportunities,
        follow_ups=follow_ups,
        interactions=interactions,
    )
    store: Store | None = None
    try:
        store = open_store(path)
        with store.engine.connect() as conn:
            tune(conn)
            with conn.begin():
                _fill(world, conn)
                filled = time.perf_counter()
    except BaseException:
        if store is not None:
            store.close()
        for leftover in files_of(path):
            leftover.unlink(missing_ok=True)
        raise
    store.close()
    world.phases["commit"] = time.perf_counter() - filled
    seconds = time.perf_counter() - started
    return GenerateStats(
        path=path,
        companies=world.n_companies,
        contacts=world.n_contacts,
        opportunities=world.n_opportunities,
        feedback_items=world.n_feedback,
        value_items=world.n_values,
        follow_ups=world.n_follow_ups,
        interactions=world.n_interactions,
        seconds=seconds,
        cpu_seconds=time.process_time() - cpu_started,
        file_bytes=sum(p.stat().st_size for p in files_of(path) if p.exists()),
        phases=world.phases,
    )


def check_counts(
    companies: int, contacts: int, follow_ups: int, interactions: int, opportunities: int | None
) -> None:
    counts = {
        "companies": companies,
        "contacts": contacts,
        "follow-ups": follow_ups,
        "interactions": interactions,
        "opportunities": opportunities or 0,
    }
    for name, count in counts.items():
        if count < 0:
            raise ValueError(f"--{name} cannot be negative.")
    if companies == 0 and any(counts[k] for k in counts if k != "companies"):
        raise ValueError("Contacts, opportunities, follow-ups and interactions need companies.")


def files_of(path: Path) -> list[Path]:
    """The database and the journal files SQLite may keep beside it."""
    return [path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))]


def _fill(world: World, conn: Connection) -> None:
    phase = _Phases(world.phases)
    with phase("plan"):
        world.plan()
    with phase("drop_indexes"):
        derived = drop_derived(conn)
    loader = Loader(conn)
    try:
        _load(world, loader, derived, phase)
    except BaseException:
        loader.abandon()
        raise
    with phase("database"):  # what was left for the database when Python was done
        loader.finish()


def _load(world: World, loader: Loader, derived: Derived, phase: _Phases) -> None:
    with phase("companies"):
        loader.insert(table_of(Company), directory_rows.companies(world))
    with phase("contacts"):
        loader.insert(table_of(Contact), directory_rows.contacts(world))
    # The contacts' full-text index builds while the other tables' rows are made.
    for name in derived.full_text:
        loader.execute(derived.rebuild(name), background=True)
    with phase("opportunities"):
        loader.insert(table_of(Opportunity), directory_rows.opportunities(world))
    with phase("feedback_items"):
        world.n_feedback = loader.insert(table_of(FeedbackItem), directory_rows.feedback(world))
    with phase("value_items"):
        world.n_values = loader.insert(table_of(ValueItem), directory_rows.values(world))
    with phase("follow_ups"):
        loader.insert(table_of(FollowUp), activity_rows.follow_ups(world))
    with phase("interactions"):
        loader.insert(table_of(Interaction), activity_rows.interactions(world))
    with phase("last_touch"):
        _set_last_touch(
            world, loader, table_of(Company), world.company_touch, world.company_updated
        )
        _set_last_touch(
            world, loader, table_of(Contact), world.contact_touch, world.contact_updated
        )
    for sql in [*derived.indexes, *derived.triggers]:
        loader.execute(sql)


def _set_last_touch(
    world: World,
    loader: Loader,
    table: Table,
    touches: Sequence[int],
    updated: Sequence[dt.datetime],
) -> None:
    """Set ``last_touch_on`` where ``touches[id]`` (a date ordinal) is not 0.

    ``updated_at`` moves to that day too if it was earlier, as logging the interaction in
    the app would have moved it.
    """
    statement = (
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values(last_touch_on=bindparam("b_on"), updated_at=bindparam("b_at"))
    )
    rows = (
        {
            "b_id": row_id,
            "b_on": dt.date.fromordinal(day),
            "b_at": max(updated[row_id], world.stamp(day)),
        }
        for row_id, day in enumerate(touches)
        if day
    )
    loader.execute_many(statement, rows)


class _Phases:
    """Times each named phase into ``phases`` (seconds)."""

    def __init__(self, phases: dict[str, float]) -> None:
        self.phases = phases

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        self.phases[name] = time.perf_counter() - started
