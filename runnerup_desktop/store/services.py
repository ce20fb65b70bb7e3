"""Every write service of the store, built once per open database (no Qt).

The window holds one :class:`Services` and hands it to the features; each attribute is the
service of one subject. Every method that writes runs one transaction and returns a
:class:`~runnerup_desktop.store.change.Change`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.playbook_services import PlaybookServices
from runnerup_desktop.store.profile_services import ProfileServices
from runnerup_desktop.store.story_services import StoryServices
from runnerup_desktop.store.template_services import MessageTemplates
from runnerup_desktop.store.watch_services import WatchServices


@dataclass(frozen=True)
class Services:
    #: Companies, contacts and logged interactions.
    directory: DirectoryServices
    #: Opportunities, the news and later events, follow-ups, value items, the timeline.
    playbook: PlaybookServices
    #: Message templates.
    templates: MessageTemplates
    #: The welcome view's first story: a company, a role and who told you, together.
    story: StoryServices
    #: The person's profile, and the drafts kept per follow-up.
    profiles: ProfileServices
    #: The job-board watch: each company's board, and what the watch found.
    watch: WatchServices

    @classmethod
    def for_sessions(
        cls, sessions: sessionmaker[Session], today: Callable[[], dt.date] = dt.date.today
    ) -> Services:
        return cls(
            directory=DirectoryServices(sessions),
            playbook=PlaybookServices(sessions, today=today),
            templates=MessageTemplates(sessions),
            story=StoryServices(sessions),
            profiles=ProfileServices(sessions),
            watch=WatchServices(sessions),
        )
