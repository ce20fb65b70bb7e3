"""job-board watch: each company's public job board and the postings seen on it

The watch remembers what it saw so that a restart does not announce old news again:
``job_board`` holds the board recognised from the careers page address, its HTTP
validators (ETag, Last-Modified), the back-off and "gone" counters and the last check's
result; ``job_posting`` holds every posting seen, open or closed since, and what the watch
made of it (re-posted, reopened, similar) and why.

Revision ID: 0008
Revises: 0004
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0004"
branch_labels = None
depends_on = None


def _timestamps() -> list[sa.Column[object]]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "job_board",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "company_id",
            sa.Integer(),
            sa.ForeignKey("company.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("careers_url", sa.String(500), nullable=False),
        sa.Column("provider", sa.String(32), nullable=False),
        sa.Column("board_key", sa.String(200), nullable=False),
        sa.Column("api_url", sa.String(1000), nullable=False),
        sa.Column("watching", sa.Boolean(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("etag", sa.String(300), nullable=False),
        sa.Column("last_modified", sa.String(100), nullable=False),
        sa.Column("last_checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_check_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("not_found", sa.Integer(), nullable=False),
        sa.Column("baselined", sa.Boolean(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        *_timestamps(),
    )
    op.create_index("ix_job_board_company", "job_board", ["company_id"], unique=True)
    op.create_table(
        "job_posting",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "board_id",
            sa.Integer(),
            sa.ForeignKey("job_board.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("posting_key", sa.String(200), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("url", sa.String(1000), nullable=False),
        sa.Column("location", sa.String(300), nullable=False),
        sa.Column("team", sa.String(200), nullable=False),
        sa.Column("posted_on", sa.Date(), nullable=True),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("open", sa.Boolean(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("finding", sa.String(16), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "opportunity_id",
            sa.Integer(),
            sa.ForeignKey("opportunity.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("recorded_on", sa.Date(), nullable=True),
        *_timestamps(),
    )
    op.create_index(
        "ix_job_posting_board_key", "job_posting", ["board_id", "posting_key"], unique=True
    )
    op.create_index("ix_job_posting_found", "job_posting", ["found_at"])


def downgrade() -> None:
    op.drop_index("ix_job_posting_found", table_name="job_posting")
    op.drop_index("ix_job_posting_board_key", table_name="job_posting")
    op.drop_table("job_posting")
    op.drop_index("ix_job_board_company", table_name="job_board")
    op.drop_table("job_board")
