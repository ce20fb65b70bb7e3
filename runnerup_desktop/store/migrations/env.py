"""Alembic environment: always run by the app on a connection it already holds.

The app opens the transaction, so every migration of one upgrade runs inside it: a
failure leaves the database as it was.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from runnerup_desktop.store.models import Base

connection: Connection | None = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only `alembic revision` from a shell gets here
    from sqlalchemy import create_engine

    url = context.config.get_main_option("sqlalchemy.url") or "sqlite:///:memory:"
    with create_engine(url).connect() as fresh:
        context.configure(connection=fresh, target_metadata=Base.metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()
