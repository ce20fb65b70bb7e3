"""interview plan saved: its questions and where the interview is, with the opportunity

The one-page plan's questions were printed and forgotten: the playbook's defaults came
back each time. They are now kept with the opportunity (empty: the playbook's), with the
place or the video link of the interview.

Revision ID: 0009
Revises: 0006
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("opportunity") as batch_op:
        batch_op.add_column(
            sa.Column("interview_questions", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("interview_place", sa.String(300), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("opportunity") as batch_op:
        batch_op.drop_column("interview_place")
        batch_op.drop_column("interview_questions")
