"""Persistence: SQLAlchemy models, sessions, migrations, queries, backups. No Qt here."""
