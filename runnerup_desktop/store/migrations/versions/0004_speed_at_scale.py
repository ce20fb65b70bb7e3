"""speed at scale: a substring index for contacts, reminders, companies by open work

Three things measured slow on a database of 100,000 contacts and 200,000 follow-ups:

- Searching contacts for something rare (or absent) read the whole search index, since a
  word may sit anywhere in the folded ``search_key``. A trigram full-text index
  (SQLite's FTS5, kept in step by triggers) finds the few rows that contain it.

- The reminder service asks every few minutes for planned follow-ups due and not yet
  reminded. The index on ``(status, due_on)`` found every overdue planned follow-up and
  read each row for ``notified_at``: tens of milliseconds per check for nothing new. A
  partial index of the ones not reminded yet answers it from a handful of entries.
- Sorting companies by open opportunities counted them for every company first. The
  count is now kept on the company (``open_opportunities``, indexed), in step with its
  opportunities, as ``last_touch_on`` is with interactions.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

#: The open stages (core.domain.OPEN_STAGES) as this revision knows them.
_OPEN = ("applied", "interviewing", "final_round", "offer", "runner_up")

#: Contacts' search keys, by trigram: ``contact_fts MATCH '"word"'`` finds every contact
#: whose key contains the word (three letters or more). The triggers keep it in step.
_CONTACT_FTS = (
    "CREATE VIRTUAL TABLE contact_fts USING fts5("
    "search_key, content='contact', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER contact_fts_insert AFTER INSERT ON contact BEGIN"
    " INSERT INTO contact_fts(rowid, search_key) VALUES (new.id, new.search_key); END",
    "CREATE TRIGGER contact_fts_delete AFTER DELETE ON contact BEGIN"
    " INSERT INTO contact_fts(contact_fts, rowid, search_key)"
    " VALUES ('delete', old.id, old.search_key); END",
    "CREATE TRIGGER contact_fts_update AFTER UPDATE OF search_key ON contact BEGIN"
    " INSERT INTO contact_fts(contact_fts, rowid, search_key)"
    " VALUES ('delete', old.id, old.search_key);"
    " INSERT INTO contact_fts(rowid, search_key) VALUES (new.id, new.search_key); END",
    "INSERT INTO contact_fts(contact_fts) VALUES ('rebuild')",
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in _CONTACT_FTS:
            op.execute(statement)
    op.create_index(
        "ix_follow_up_status_due_unreminded",
        "follow_up",
        ["status", "due_on"],
        sqlite_where=sa.text("notified_at IS NULL"),
    )
    # A plain ADD COLUMN: no copy of the table, however large it is.
    op.add_column(
        "company",
        sa.Column("open_opportunities", sa.Integer(), nullable=False, server_default="0"),
    )
    company = sa.table("company", sa.column("id"), sa.column("open_opportunities"))
    opportunity = sa.table("opportunity", sa.column("company_id"), sa.column("stage"))
    count = (
        sa.select(sa.func.count())
        .where(opportunity.c.company_id == company.c.id, opportunity.c.stage.in_(_OPEN))
        .scalar_subquery()
    )
    op.execute(company.update().values(open_opportunities=count))
    op.create_index("ix_company_open_opportunities", "company", ["open_opportunities"])


def downgrade() -> None:
    op.drop_index("ix_company_open_opportunities", table_name="company")
    with op.batch_alter_table("company") as batch:
        batch.drop_column("open_opportunities")
    op.drop_index("ix_follow_up_status_due_unreminded", table_name="follow_up")
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER contact_fts_{trigger}")
        op.execute("DROP TABLE contact_fts")
