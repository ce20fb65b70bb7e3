"""Greenhouse's Job Board API (developers.greenhouse.io/job-board.html), read-only part.

``GET https://boards-api.greenhouse.io/v1/boards/{board_token}/jobs`` lists a board's
published jobs without authentication, in one response (no paging)::

    {"jobs": [{"id": 127817, "internal_job_id": 144381, "title": "Vault Designer",
               "updated_at": "2016-01-14T10:55:28-05:00", "requisition_id": "50",
               "location": {"name": "NYC"},
               "absolute_url": "https://boards.greenhouse.io/vaulttec/jobs/127817",
               "metadata": null}],
     "meta": {"total": 1}}

``first_published`` is read too when the board sends it; ``departments`` (sent with
``?content=true``, which also sends every description) are read when present, but not
asked for. A job's ``id`` is the posting's key.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from runnerup_desktop.core.job_boards import BoardRef
from runnerup_desktop.core.job_match import Posting
from runnerup_desktop.watch.listing import (
    Page,
    api_root,
    day_of,
    items,
    latest,
    obj,
    required,
    text,
)

ENV = "RUNNERUP_GREENHOUSE_API"
DEFAULT_ROOT = "https://boards-api.greenhouse.io"
PAGED = False


def base_url(ref: BoardRef, environ: Mapping[str, str] | None = None) -> str:
    return f"{api_root(ENV, DEFAULT_ROOT, environ)}/v1/boards/{quote(ref.key)}/jobs"


def page_url(base: str, page: int) -> str:
    return base


def parse(payload: Any, ref: BoardRef) -> Page:
    postings = []
    for raw in items(obj(payload, "the listing").get("jobs"), "jobs"):
        job = obj(raw, "a job")
        departments = job.get("departments")
        team = ""
        if isinstance(departments, list) and departments and isinstance(departments[0], dict):
            team = text(departments[0].get("name"))
        location = job.get("location")
        postings.append(
            Posting(
                key=required(job, "id"),
                title=required(job, "title"),
                url=text(job.get("absolute_url")),
                location=text(location.get("name")) if isinstance(location, dict) else "",
                team=team,
                posted_on=latest(day_of(job.get("first_published")), day_of(job.get("updated_at"))),
            )
        )
    return Page(postings)
