"""Importing contacts: the preview, the import itself (one transaction, one Change), and
the saved CSV column mappings.

:meth:`ImportServices.preview` reads the file through and plans every line without
writing; :meth:`ImportServices.run` does the same and writes, all in one transaction:
a refusal, an error or a cancel (``progress.check()`` raising) part-way leaves the
database as it was. An import returns ``Change(everything=True)``: every view reloads,
and undo takes the whole import back as one step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop.core.text import fold
from runnerup_desktop.store.change import Change
from runnerup_desktop.store.imports.csv_mapped import MAX_MAPPING_NAME, ColumnMapping, read_mapped
from runnerup_desktop.store.imports.linkedin import read_connections
from runnerup_desktop.store.imports.matching import Directory
from runnerup_desktop.store.imports.plan import Planner, Writer
from runnerup_desktop.store.imports.preview import CompanyPolicy, ImportSummary
from runnerup_desktop.store.imports.records import ImportRefused, NoProgress, Progress, Reading
from runnerup_desktop.store.imports.vcard import read_vcards
from runnerup_desktop.store.models import ImportMapping

#: The formats this module imports (RunnerUp's own JSON is the backup module's).
CONTACT_FORMATS = ("linkedin", "vcard", "csv")


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class ImportRequest:
    """What to import and how: ``format`` one of :data:`CONTACT_FORMATS`; for ``csv``,
    a ``mapping`` or the name of a saved one."""

    path: Path
    format: str
    companies: CompanyPolicy = field(default_factory=CompanyPolicy)
    mapping: ColumnMapping | None = None
    mapping_name: str = ""


class ImportServices:
    """Imports into the database of ``sessions``."""

    def __init__(
        self, sessions: sessionmaker[Session], clock: Callable[[], dt.datetime] = _utcnow
    ) -> None:
        self._sessions = sessions
        self._clock = clock

    def preview(self, request: ImportRequest, progress: Progress | None = None) -> ImportSummary:
        """What :meth:`run` would do now, line by line; writes nothing."""
        with self._sessions() as session:
            summary = self._summary(request, dry_run=True)
            with self._reading(session, request) as reading:
                planner = Planner(Directory(session), request.companies, summary)
                planner.run(reading, progress or NoProgress())
            session.rollback()
        return summary

    def run(
        self, request: ImportRequest, progress: Progress | None = None
    ) -> tuple[ImportSummary, Change]:
        """Import, all or nothing, in one transaction."""
        with self._sessions.begin() as session:
            summary = self._summary(request, dry_run=False)
            with self._reading(session, request) as reading:
                writer = Writer(session, self._clock())
                planner = Planner(Directory(session), request.companies, summary, writer)
                planner.run(reading, progress or NoProgress())
        return summary, Change(everything=True)

    @staticmethod
    def _summary(request: ImportRequest, dry_run: bool) -> ImportSummary:
        return ImportSummary(request.format, Path(request.path).name, dry_run)

    def _reading(self, session: Session, request: ImportRequest) -> AbstractContextManager[Reading]:
        path = Path(request.path)
        if request.format == "linkedin":
            return read_connections(path)
        if request.format == "vcard":
            return read_vcards(path)
        if request.format == "csv":
            mapping = request.mapping
            if mapping is None:
                if not request.mapping_name:
                    raise ImportRefused(
                        f"{path.name} is a CSV file from another tracker: RunnerUp needs to "
                        "know which column holds what. Choose a saved column mapping "
                        "(--mapping NAME), or map the columns in the window."
                    )
                mapping = _mapping(session, request.mapping_name)
            return read_mapped(path, mapping, request.mapping_name)
        raise ImportRefused(f"RunnerUp does not import the format “{request.format}” here.")

    # --- saved column mappings ---------------------------------------------------------
    def mapping_names(self) -> list[str]:
        with self._sessions() as session:
            return list(
                session.scalars(select(ImportMapping.name).order_by(ImportMapping.name_key))
            )

    def mapping(self, name: str) -> ColumnMapping:
        with self._sessions() as session:
            return _mapping(session, name)

    def save_mapping(self, name: str, mapping: ColumnMapping) -> Change:
        """Save (or replace) the mapping called ``name``."""
        name = " ".join(name.split())
        if not name:
            raise ImportRefused("Give the mapping a name, such as the tracker it is for.")
        if len(name) > MAX_MAPPING_NAME:
            raise ImportRefused(f"A mapping's name can be at most {MAX_MAPPING_NAME} characters.")
        problem = mapping.problem()
        if problem is not None:
            raise ImportRefused(problem)
        with self._sessions.begin() as session:
            row = session.scalar(select(ImportMapping).where(ImportMapping.name_key == fold(name)))
            if row is None:
                session.add(ImportMapping(name=name, columns=mapping.to_json()))
            else:
                row.name, row.columns = name, mapping.to_json()
        return Change()

    def delete_mapping(self, name: str) -> Change:
        with self._sessions.begin() as session:
            row = session.scalar(select(ImportMapping).where(ImportMapping.name_key == fold(name)))
            if row is None:
                raise ImportRefused(f"There is no saved mapping “{name}”.")
            session.delete(row)
        return Change()


def _mapping(session: Session, name: str) -> ColumnMapping:
    row = session.scalar(select(ImportMapping).where(ImportMapping.name_key == fold(name)))
    if row is None:
        names = list(session.scalars(select(ImportMapping.name).order_by(ImportMapping.name_key)))
        saved = f" The saved ones: {', '.join(names)}." if names else " None is saved yet."
        raise ImportRefused(f"There is no saved column mapping “{name}”.{saved}")
    return ColumnMapping.from_json(row.columns)
