"""The local SQLite store: models, migrations, writes and queries (no Qt)."""
