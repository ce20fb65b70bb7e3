"""message templates: one per step of the playbook, editable, and the person's own

The shipped defaults are not written here: the store adds any that are missing the first
time templates are read, so a later version's new default reaches existing files too.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_STEPS = (
    "thank_and_ask",
    "thank_you_note",
    "recalibrate",
    "offer_check_in",
    "door_open_note",
    "widen_network",
    "demonstrate_value",
    "mis_hire_window",
    "re_contact",
    "negotiate",
    "find_a_twin",
    "interview",
    "other",
)


def upgrade() -> None:
    op.create_table(
        "message_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "step",
            sa.Enum(*_STEPS, name="step", native_enum=False, length=32),
            nullable=True,
        ),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("builtin", sa.String(length=40), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_message_template_builtin", "message_template", ["builtin"], unique=True)
    op.create_index("ix_message_template_step", "message_template", ["step"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_message_template_step", table_name="message_template")
    op.drop_index("ix_message_template_builtin", table_name="message_template")
    op.drop_table("message_template")
