"""network import: contacts without a company, and saved CSV column mappings

An imported network (a LinkedIn export, a phone's address book) holds people at hundreds
of employers the person does not want in the companies list, which the playbook keeps for
employers they want to work for. Such a contact is now kept without a company:
``contact.company_id`` may be NULL. SQLite cannot drop a NOT NULL constraint in place, so
the table is rebuilt (the upgrade runs with foreign keys off, as SQLite's own procedure
for a table rebuild asks; see ``database._upgrade``): its rows keep their ids, and the
trigram index's triggers, dropped with the old table, are made again.

``import_mapping`` keeps, by name, how the columns of another tracker's CSV export map to
a contact's fields (a JSON object), so that the next export of the same tracker imports
in one step.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

#: The triggers that keep ``contact_fts`` (migration 0004) in step with ``contact``.
_FTS_TRIGGERS = (
    "CREATE TRIGGER contact_fts_insert AFTER INSERT ON contact BEGIN"
    " INSERT INTO contact_fts(rowid, search_key) VALUES (new.id, new.search_key); END",
    "CREATE TRIGGER contact_fts_delete AFTER DELETE ON contact BEGIN"
    " INSERT INTO contact_fts(contact_fts, rowid, search_key)"
    " VALUES ('delete', old.id, old.search_key); END",
    "CREATE TRIGGER contact_fts_update AFTER UPDATE OF search_key ON contact BEGIN"
    " INSERT INTO contact_fts(contact_fts, rowid, search_key)"
    " VALUES ('delete', old.id, old.search_key);"
    " INSERT INTO contact_fts(rowid, search_key) VALUES (new.id, new.search_key); END",
)


def _company_required(required: bool) -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table("contact", recreate="always" if sqlite else "auto") as batch:
        batch.alter_column("company_id", existing_type=sa.Integer(), nullable=not required)
    if sqlite:
        for statement in _FTS_TRIGGERS:
            op.execute(statement)


def upgrade() -> None:
    _company_required(False)
    op.create_table(
        "import_mapping",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_key", sa.String(length=100), nullable=False),
        sa.Column("columns", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_import_mapping_name_key", "import_mapping", ["name_key"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_import_mapping_name_key", table_name="import_mapping")
    op.drop_table("import_mapping")
    unattached = op.get_bind().scalar(
        sa.text("SELECT count(*) FROM contact WHERE company_id IS NULL")
    )
    if unattached:
        raise RuntimeError(
            f"{unattached} contacts have no company; give them one (or delete them) "
            "before going back to a version that requires it."
        )
    _company_required(True)
