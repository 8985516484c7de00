"""Alembic environment: migrations run on the connection RecordStore hands over."""

from alembic import context

from rightsledger.db.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
