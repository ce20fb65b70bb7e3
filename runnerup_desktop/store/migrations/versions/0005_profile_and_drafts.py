"""profile and drafts: who signs the messages, and the message kept per follow-up

- ``profile``: the person's name, email, phone and signature, in the database so that
  backups and exports carry it; the templates sign with it.
- ``message_draft``: the subject, body and address being written for one follow-up, so
  that closing Compose can keep them and opening it again brings them back. A draft goes
  with its follow-up.
- The shipped templates the person has not changed end with ``{signature}`` (the profile's
  signature, else their name) instead of ``{my_name}``; templates the person changed or
  wrote are left as they are.

Revision ID: 0005
Revises: 0007 (0005 was planned after 0004; it follows the revisions merged before it)
Create Date: 2026-12-07
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0007"
branch_labels = None
depends_on = None

_OLD_SIGN_OFF = "Best regards,\n{my_name}"
_NEW_SIGN_OFF = "Best regards,\n{signature}"


def _timestamps() -> list[sa.Column[Any]]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("signature", sa.Text(), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "message_draft",
        sa.Column("follow_up_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=True),
        sa.Column("to_address", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        *_timestamps(),
        sa.ForeignKeyConstraint(["follow_up_id"], ["follow_up.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["template_id"], ["message_template.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("follow_up_id"),
    )
    _swap_sign_off(_OLD_SIGN_OFF, _NEW_SIGN_OFF)


def downgrade() -> None:
    _swap_sign_off(_NEW_SIGN_OFF, _OLD_SIGN_OFF)
    op.drop_table("message_draft")
    op.drop_table("profile")


def _swap_sign_off(old: str, new: str) -> None:
    """Shipped templates whose body ends with ``old`` end with ``new`` instead."""
    template = sa.table(
        "message_template",
        sa.column("id", sa.Integer),
        sa.column("body", sa.Text),
        sa.column("builtin", sa.String),
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(template.c.id, template.c.body).where(template.c.builtin.is_not(None))
    ).all()
    for row_id, body in rows:
        if body.endswith(old):
            bind.execute(
                template.update()
                .where(template.c.id == row_id)
                .values(body=body[: -len(old)] + new)
            )
