"""Alembic environment for the scenario store.

The store runs the migrations itself when it opens a database (pricing.store.migrations.upgrade),
inside its own write transaction: the connection arrives in ``config.attributes``. There is no
alembic.ini and no separate command for users.
"""

from alembic import context

connection = context.config.attributes["connection"]
# render_as_batch: SQLite cannot ALTER most things, so table changes are written as Alembic's
# batch operations (copy and move), which also run unchanged on PostgreSQL.
context.configure(connection=connection, render_as_batch=True, compare_type=True)
with context.begin_transaction():  # a no-op here: the store's transaction is already open
    context.run_migrations()
