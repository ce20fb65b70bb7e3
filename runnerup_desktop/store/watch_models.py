"""The job-board watch's tables: each company's board and the postings seen on it.

Kept apart from :mod:`.models` for size; :mod:`.models` imports this module last, so the
tables are on ``Base.metadata`` whenever the models are.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from runnerup_desktop.store.models import Base, Company, Timestamped


class JobBoard(Timestamped, Base):
    """A company's public job board, recognised from its careers page address."""

    __tablename__ = "job_board"
    __table_args__ = (Index("ix_job_board_company", "company_id", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    #: What the person pasted, and what it was recognised as.
    careers_url: Mapped[str] = mapped_column(String(500))
    provider: Mapped[str] = mapped_column(String(32))
    board_key: Mapped[str] = mapped_column(String(200))
    #: The listing's address after a permanent redirect (301/308); "" is the provider's own.
    api_url: Mapped[str] = mapped_column(String(1000), default="")
    watching: Mapped[bool] = mapped_column(default=True)
    #: Gone: "not found" several times in a row. Checked again once the person says so.
    paused: Mapped[bool] = mapped_column(default=False)
    etag: Mapped[str] = mapped_column(String(300), default="")
    last_modified: Mapped[str] = mapped_column(String(100), default="")
    last_checked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    next_check_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    failures: Mapped[int] = mapped_column(default=0)
    not_found: Mapped[int] = mapped_column(default=0)
    #: Whether the first check (the baseline) is done.
    baselined: Mapped[bool] = mapped_column(default=False)
    #: The last check's result as a sentence ("14 open postings; 1 finding").
    status: Mapped[str] = mapped_column(Text, default="")

    company: Mapped[Company] = relationship()
    postings: Mapped[list[JobPosting]] = relationship(
        back_populates="board", cascade="all, delete-orphan", passive_deletes=True
    )


class JobPosting(Timestamped, Base):
    """A posting seen on a board; ``finding`` is what the watch made of it, if anything."""

    __tablename__ = "job_posting"
    __table_args__ = (
        Index("ix_job_posting_board_key", "board_id", "posting_key", unique=True),
        Index("ix_job_posting_found", "found_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("job_board.id", ondelete="CASCADE"))
    posting_key: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(300))
    url: Mapped[str] = mapped_column(String(1000), default="")
    location: Mapped[str] = mapped_column(String(300), default="")
    team: Mapped[str] = mapped_column(String(200), default="")
    posted_on: Mapped[dt.date | None] = mapped_column(Date)
    first_seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    open: Mapped[bool] = mapped_column(default=True)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    #: reposted, reopened or similar (core.job_match.FindingKind); None: not news.
    finding: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    found_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    opportunity_id: Mapped[int | None] = mapped_column(
        ForeignKey("opportunity.id", ondelete="SET NULL")
    )
    #: The day the person recorded *Role re-posted* from this posting.
    recorded_on: Mapped[dt.date | None] = mapped_column(Date)

    board: Mapped[JobBoard] = relationship(back_populates="postings")
