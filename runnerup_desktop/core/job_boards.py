"""Which public job board a careers page address is, from the address alone (no I/O).

Nothing is fetched to recognise a board: the host and the first part of the path say it.

- Greenhouse: ``boards.greenhouse.io/TOKEN`` or ``job-boards.greenhouse.io/TOKEN`` (also
  the embed form ``.../embed/job_board?for=TOKEN``): the board token.
- Lever: ``jobs.lever.co/SITE``, or ``jobs.eu.lever.co/SITE`` on the EU instance: the site.
- Ashby: ``jobs.ashbyhq.com/NAME``: the job board's name.
- Workable: ``apply.workable.com/NAME`` (or the older ``NAME.workable.com``): the account.
- SmartRecruiters: ``jobs.smartrecruiters.com/NAME`` or ``careers.smartrecruiters.com/NAME``:
  the company identifier.
- Recruitee: ``NAME.recruitee.com``: the company's subdomain.

A careers page on the company's own domain is refused with a sentence asking for the
board's own address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import parse_qs, urlsplit


class Provider(StrEnum):
    GREENHOUSE = "greenhouse"
    LEVER = "lever"
    ASHBY = "ashby"
    WORKABLE = "workable"
    SMARTRECRUITERS = "smartrecruiters"
    RECRUITEE = "recruitee"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Provider.GREENHOUSE: "Greenhouse",
    Provider.LEVER: "Lever",
    Provider.ASHBY: "Ashby",
    Provider.WORKABLE: "Workable",
    Provider.SMARTRECRUITERS: "SmartRecruiters",
    Provider.RECRUITEE: "Recruitee",
}

#: Lever's EU instance.
EU = "eu"


class BoardNotRecognised(ValueError):
    """An address that is not a board RunnerUp reads; ``str(exc)`` is a sentence."""


@dataclass(frozen=True)
class BoardRef:
    provider: Provider
    key: str
    #: Lever's instance: "" for the global one, :data:`EU` for the EU one.
    region: str = ""

    @property
    def careers_url(self) -> str:
        """The board's public page, as the provider writes it."""
        return {
            Provider.GREENHOUSE: f"https://job-boards.greenhouse.io/{self.key}",
            Provider.LEVER: f"https://jobs.{'eu.' if self.region == EU else ''}lever.co/{self.key}",
            Provider.ASHBY: f"https://jobs.ashbyhq.com/{self.key}",
            Provider.WORKABLE: f"https://apply.workable.com/{self.key}/",
            Provider.SMARTRECRUITERS: f"https://jobs.smartrecruiters.com/{self.key}",
            Provider.RECRUITEE: f"https://{self.key}.recruitee.com/",
        }[self.provider]


_PATH_HOSTS: dict[str, tuple[Provider, str]] = {
    "boards.greenhouse.io": (Provider.GREENHOUSE, ""),
    "job-boards.greenhouse.io": (Provider.GREENHOUSE, ""),
    "jobs.lever.co": (Provider.LEVER, ""),
    "jobs.eu.lever.co": (Provider.LEVER, EU),
    "jobs.ashbyhq.com": (Provider.ASHBY, ""),
    "apply.workable.com": (Provider.WORKABLE, ""),
    "jobs.smartrecruiters.com": (Provider.SMARTRECRUITERS, ""),
    "careers.smartrecruiters.com": (Provider.SMARTRECRUITERS, ""),
}
_SUBDOMAIN_HOSTS: dict[str, Provider] = {
    "recruitee.com": Provider.RECRUITEE,
    "workable.com": Provider.WORKABLE,
}
_NOT_A_COMPANY = {"www", "app", "api", "apply", "jobs", "careers", "help", "support"}
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")
MAX_URL = 500
_OTHER_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(?!\d)")


def recognise(url: str) -> BoardRef:
    """The board a careers page address names, or :class:`BoardNotRecognised`."""
    text = url.strip()
    if not text:
        raise BoardNotRecognised("Paste the address of the company's careers page.")
    if len(text) > MAX_URL:
        raise BoardNotRecognised(f"An address can be at most {MAX_URL} characters.")
    if "://" not in text:
        if _OTHER_SCHEME.match(text):
            raise BoardNotRecognised(f"“{text}” is not a web address.")
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BoardNotRecognised(f"“{url.strip()}” is not a web address.")
    host = parts.hostname.lower().removeprefix("www.")
    segments = [s for s in parts.path.split("/") if s]
    if host in _PATH_HOSTS:
        provider, region = _PATH_HOSTS[host]
        key = _path_key(provider, segments, parse_qs(parts.query))
        if key is None:
            raise BoardNotRecognised(
                f"That {provider.label} address names no company: it should look like "
                f"{BoardRef(provider, 'yourcompany', region).careers_url}."
            )
        return BoardRef(provider, key, region)
    for domain, provider in _SUBDOMAIN_HOSTS.items():
        if host.endswith("." + domain):
            name = host.removesuffix("." + domain)
            if "." not in name and name not in _NOT_A_COMPANY and _KEY.match(name):
                return BoardRef(provider, name)
    raise BoardNotRecognised(
        f"RunnerUp reads the job boards of Greenhouse, Lever, Ashby, Workable, SmartRecruiters "
        f"and Recruitee, and {host} is none of them. If this careers page lists its jobs on "
        f"one of those, open a job there and paste the board's own address (such as "
        f"boards.greenhouse.io/yourcompany or jobs.lever.co/yourcompany)."
    )


def _path_key(provider: Provider, segments: list[str], query: dict[str, list[str]]) -> str | None:
    if provider is Provider.GREENHOUSE and segments[:2] == ["embed", "job_board"]:
        candidates = query.get("for", [])
        key = candidates[0] if candidates else None
    else:
        key = segments[0] if segments else None
    if key is None or not _KEY.match(key) or key.lower() in ("embed", "api", "v1", "v0"):
        return None
    return key
