"""A small company for the playbook's tests: Acme, its hiring manager and recruiter, a role."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from runnerup_desktop.core.domain import ContactRole
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.store.services import Services
from runnerup_desktop.ui.common.settings import AppSettings
from runnerup_desktop.ui.shell.context import AppContext
from runnerup_desktop.ui.shell.operations import Changes, Operations


@dataclass
class World:
    company: int
    manager: int
    recruiter: int
    opportunity: int


def build_acme(
    services: DirectoryServices, playbook: PlaybookServices, opportunity: Mapping[str, Any]
) -> World:
    """Acme with Ana Lopez (hiring manager), Rui Costa (recruiter) and a Data Engineer role
    whose other fields are ``opportunity``."""
    company, _ = services.add_company({"name": "Acme"})
    manager, _ = services.add_contact(
        {"company_id": company, "name": "Ana Lopez", "role": ContactRole.HIRING_MANAGER}
    )
    recruiter, _ = services.add_contact(
        {"company_id": company, "name": "Rui Costa", "role": ContactRole.RECRUITER}
    )
    role, _ = playbook.add_opportunity(
        {"company_id": company, "title": "Data Engineer", **opportunity}
    )
    return World(company, manager, recruiter, role)


def context_for(
    store: Store, settings: AppSettings, today: Callable[[], dt.date] = dt.date.today
) -> AppContext:
    """An AppContext over ``store`` with ``settings`` (announcing its changes) and a clock."""
    changes = Changes()
    settings.announce = changes.setting_changed.emit
    return AppContext(
        sessions=store.sessions,
        services=Services.for_sessions(store.sessions, today),
        settings=settings,
        changes=changes,
        ops=Operations(changes, store.history, changes),
        db_path=store.path,
        today=today,
    )
