"""A small company for the playbook's tests: Acme, its hiring manager and recruiter, a role."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from runnerup_desktop.core.domain import ContactRole
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.playbook_services import PlaybookServices


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
