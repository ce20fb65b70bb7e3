"""The watch's fixtures: a loopback board server, a clock the test moves, a runner-up story."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from runnerup_desktop.core.domain import ContactRole, JobLevel
from runnerup_desktop.core.news import NewsInput
from runnerup_desktop.store.database import Store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.store.watch_services import WatchServices
from tests.watch.board_server import BoardServer

NEWS = dt.date(2025, 3, 10)
#: 47 days after the news: inside the 90-day window.
DAY_47 = dt.datetime(2025, 4, 26, 14, 0, tzinfo=dt.UTC)
ENVS = (
    "RUNNERUP_GREENHOUSE_API",
    "RUNNERUP_LEVER_API",
    "RUNNERUP_ASHBY_API",
    "RUNNERUP_WORKABLE_API",
    "RUNNERUP_SMARTRECRUITERS_API",
    "RUNNERUP_RECRUITEE_API",
)
PROXY_ENVS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


class Clock:
    """The watch's time: set by the test, moved by hand."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> dt.datetime:
        self.now += dt.timedelta(**delta)
        return self.now


@dataclass(frozen=True)
class Story:
    company_id: int
    opportunity_id: int
    manager_id: int
    recruiter_id: int


@pytest.fixture
def clock() -> Clock:
    return Clock(DAY_47)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine's own proxy settings stay out of the tests (one test sets its own)."""
    for name in PROXY_ENVS:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


@pytest.fixture
def board_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[BoardServer]:
    server = BoardServer()
    for name in ENVS:
        monkeypatch.setenv(name, server.root)
    yield server
    server.close()


@pytest.fixture
def story(store: Store) -> Story:
    """Northwind Analytics (Lisbon): came second for Engineering Manager, Data Platform;
    the recruiter called with the news on 10 March 2025."""
    directory = DirectoryServices(store.sessions)
    company_id, _ = directory.add_company({"name": "Northwind Analytics", "location": "Lisbon"})
    manager_id, _ = directory.add_contact(
        {"company_id": company_id, "name": "Hana Kobayashi", "role": ContactRole.HIRING_MANAGER}
    )
    recruiter_id, _ = directory.add_contact(
        {"company_id": company_id, "name": "Łukasz Wróbel", "role": ContactRole.RECRUITER}
    )
    playbook = PlaybookServices(store.sessions, today=lambda: DAY_47.date())
    opportunity_id, _ = playbook.add_opportunity(
        {
            "company_id": company_id,
            "title": "Engineering Manager, Data Platform",
            "job_level": JobLevel.MIDDLE_MANAGEMENT,
        }
    )
    news = NewsInput(news_on=NEWS, told_by_id=recruiter_id)
    playbook.record_news(opportunity_id, news, playbook.preview_news(opportunity_id, news))
    return Story(company_id, opportunity_id, manager_id, recruiter_id)


@pytest.fixture
def watch(store: Store, clock: Clock) -> WatchServices:
    return WatchServices(store.sessions, now=clock)
