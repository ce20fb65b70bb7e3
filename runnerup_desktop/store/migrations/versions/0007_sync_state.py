"""sync state: the CalDAV/CardDAV account, collections, objects and the sync log

Two-way sync of follow-ups (CalDAV) and contacts (CardDAV) keeps, per database, the account
(no password: that is in the system keyring), each collection's RFC 6578 sync token, each
object's href, ETag and last synced copy (for the three-way merge), and a log of what each
sync decided. See ``store/sync_models.py``.

Revision ID: 0007
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("user", sa.String(length=200), nullable=False),
        sa.Column("calendar", sa.String(length=200), nullable=False),
        sa.Column("addressbook", sa.String(length=200), nullable=False),
        sa.Column("as_events", sa.Boolean(), nullable=False),
        sa.Column("include_notes", sa.Boolean(), nullable=False),
        sa.Column("database_uid", sa.String(length=64), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("last_sync_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_problem", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "sync_collection",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("sync_token", sa.String(length=1000), nullable=True),
        sa.Column("full_comparison", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("kind"),
    )
    op.create_table(
        "sync_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("collection", sa.String(length=16), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("href", sa.String(length=1000), nullable=False),
        sa.Column("etag", sa.String(length=200), nullable=True),
        sa.Column("follow_up_id", sa.Integer(), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("base", sa.Text(), nullable=True),
        sa.Column("raw", sa.Text(), nullable=True),
        sa.Column("synced_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["follow_up_id"], ["follow_up.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_sync_item_href", "sync_item", ["collection", "href"], unique=True)
    op.create_index("ix_sync_item_follow_up_id", "sync_item", ["follow_up_id"], unique=False)
    op.create_index("ix_sync_item_contact_id", "sync_item", ["contact_id"], unique=False)
    op.create_table(
        "sync_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("follow_up_id", sa.Integer(), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("interaction_id", sa.Integer(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["follow_up_id"], ["follow_up.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["interaction_id"], ["interaction.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["item_id"], ["sync_item.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_sync_log_at", "sync_log", ["at"], unique=False)
    op.create_index("ix_sync_log_level", "sync_log", ["level"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_sync_log_level", table_name="sync_log")
    op.drop_index("ix_sync_log_at", table_name="sync_log")
    op.drop_table("sync_log")
    op.drop_index("ix_sync_item_contact_id", table_name="sync_item")
    op.drop_index("ix_sync_item_follow_up_id", table_name="sync_item")
    op.drop_index("ix_sync_item_href", table_name="sync_item")
    op.drop_table("sync_item")
    op.drop_table("sync_collection")
    op.drop_table("sync_account")
