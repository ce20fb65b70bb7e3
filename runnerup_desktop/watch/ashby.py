"""Ashby's public Job Postings API (developers.ashbyhq.com/docs/public-job-posting-api).

``GET https://api.ashbyhq.com/posting-api/job-board/{JOB_BOARD_NAME}`` answers every
published job at once (no paging)::

    {"apiVersion": "1",
     "jobs": [{"title": "Product Manager", "location": "Houston, TX",
               "secondaryLocations": [...], "department": "Product", "team": "Growth",
               "isListed": true, "isRemote": true, "descriptionHtml": "...",
               "descriptionPlain": "...", "publishedAt": "2021-04-30T16:21:55.393+00:00",
               "employmentType": "FullTime", "address": {...},
               "jobUrl": "https://jobs.ashbyhq.com/example_job",
               "applyUrl": "https://jobs.ashbyhq.com/example/apply"}]}

A job's ``id`` is its key when the board sends one (Ashby's responses do), else its
``jobUrl``. Jobs with ``isListed`` false are not on the public board and are skipped.
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
    place,
    required,
    text,
)

ENV = "RUNNERUP_ASHBY_API"
DEFAULT_ROOT = "https://api.ashbyhq.com"
PAGED = False


def base_url(ref: BoardRef, environ: Mapping[str, str] | None = None) -> str:
    return f"{api_root(ENV, DEFAULT_ROOT, environ)}/posting-api/job-board/{quote(ref.key)}"


def page_url(base: str, page: int) -> str:
    return base


def parse(payload: Any, ref: BoardRef) -> Page:
    postings = []
    for raw in items(obj(payload, "the listing").get("jobs"), "jobs"):
        job = obj(raw, "a job")
        if job.get("isListed") is False:
            continue
        postings.append(
            Posting(
                key=required(job, "id", "jobUrl"),
                title=required(job, "title"),
                url=text(job.get("jobUrl")),
                location=place(job.get("location"), "Remote" if job.get("isRemote") else ""),
                team=text(job.get("team")) or text(job.get("department")),
                posted_on=latest(day_of(job.get("publishedAt")), day_of(job.get("updatedAt"))),
            )
        )
    return Page(postings)
