"""search keys: one folded column per table that the search box matches

Searching used to test four columns per row with LIKE, reading every row of the
table; a folded ``search_key`` beside ``name_key`` in one index lets a search walk
the index in name order and touch the table only for the rows it shows.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from runnerup_desktop.store.models import company_search_key, contact_search_key

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("company") as batch:
        batch.add_column(
            sa.Column("search_key", sa.String(length=500), nullable=False, server_default="")
        )
    with op.batch_alter_table("contact") as batch:
        batch.add_column(
            sa.Column("search_key", sa.String(length=800), nullable=False, server_default="")
        )
    bind = op.get_bind()
    company = sa.table(
        "company",
        sa.column("id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("industry", sa.String),
        sa.column("location", sa.String),
        sa.column("search_key", sa.String),
    )
    contact = sa.table(
        "contact",
        sa.column("id", sa.Integer),
        sa.column("company_id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("email", sa.String),
        sa.column("title", sa.String),
        sa.column("search_key", sa.String),
    )
    names: dict[int, str] = {}
    updates = []
    for row_id, name, industry, location in bind.execute(
        sa.select(company.c.id, company.c.name, company.c.industry, company.c.location)
    ):
        names[row_id] = name
        updates.append({"b_id": row_id, "key": company_search_key(name, industry, location)})
    if updates:
        bind.execute(
            company.update()
            .where(company.c.id == sa.bindparam("b_id"))
            .values(search_key=sa.bindparam("key")),
            updates,
        )
    updates = [
        {"b_id": row_id, "key": contact_search_key(name, email, title, names.get(company_id, ""))}
        for row_id, company_id, name, email, title in bind.execute(
            sa.select(
                contact.c.id, contact.c.company_id, contact.c.name, contact.c.email, contact.c.title
            )
        )
    ]
    if updates:
        bind.execute(
            contact.update()
            .where(contact.c.id == sa.bindparam("b_id"))
            .values(search_key=sa.bindparam("key")),
            updates,
        )
    # The new indexes start with name_key, so they serve name lookups and sorts too;
    # the old ones would tempt the planner into reading every row during a search.
    op.drop_index("ix_company_name_key", table_name="company")
    op.drop_index("ix_contact_name_key", table_name="contact")
    op.create_index("ix_company_search", "company", ["name_key", "search_key"])
    op.create_index("ix_contact_search", "contact", ["name_key", "search_key"])


def downgrade() -> None:
    op.drop_index("ix_contact_search", table_name="contact")
    op.drop_index("ix_company_search", table_name="company")
    op.create_index("ix_contact_name_key", "contact", ["name_key"])
    op.create_index("ix_company_name_key", "company", ["name_key"])
    with op.batch_alter_table("contact") as batch:
        batch.drop_column("search_key")
    with op.batch_alter_table("company") as batch:
        batch.drop_column("search_key")
