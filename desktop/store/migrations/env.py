"""Alembic environment: runs on the connection the app hands over."""

from alembic import context

from desktop.store.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the app runs migrations
    raise RuntimeError("migrations run from desktop.store.database.Store")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
