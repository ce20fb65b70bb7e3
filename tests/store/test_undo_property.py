"""Property (issue 15): any sequence of a person's operations, followed by as many undos as
it made steps, restores every user table row for row; as many redos bring back the end.

SQLite's own tables, the full-text index's shadow tables and the undo log (TEMP, never in
the file) are left out of the comparison; the full-text index is checked against the
contacts instead. Refused operations are part of the sequences: they are no step.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runnerup_desktop.store.change import ServiceError
from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.demo import seed_demo
from tests.snapshots import differences, fts_in_step, snapshot
from tests.undo_ops import OPS, TODAY, Bench, prepare

OPERATIONS = st.lists(
    st.tuples(st.sampled_from(sorted(OPS)), st.integers(min_value=0, max_value=10_000)),
    min_size=1,
    max_size=10,
)


@pytest.fixture(scope="module")
def demo_file() -> Iterator[Path]:
    """The demo story (and what :func:`prepare` adds), made once and copied per example."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.sqlite3"
        store = open_store(path)
        seed_demo(store.sessions, TODAY)
        prepare(Bench.over(store))
        store.close()
        yield path


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=OPERATIONS)
def test_random_operations_then_as_many_undos_restore_every_table(
    demo_file: Path, operations: list[tuple[str, int]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "copy.sqlite3"
        shutil.copyfile(demo_file, path)
        store = open_store(path)
        try:
            bench, history = Bench.over(store), store.history
            start = snapshot(path)
            for name, pick in operations:
                try:
                    with history.step(name) as step:
                        _label, step.change = OPS[name](bench, pick)
                except ServiceError:
                    continue
            steps = history.undo_count
            end = snapshot(path)
            for _ in range(steps):
                history.undo()
            assert not history.can_undo
            assert differences(start, snapshot(path)) == {}
            fts_in_step(path)
            for _ in range(steps):
                history.redo()
            assert differences(end, snapshot(path)) == {}
            fts_in_step(path)
        finally:
            store.close()
