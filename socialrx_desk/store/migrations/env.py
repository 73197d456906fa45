"""Alembic environment for the local store. Always run through socialrx_desk.store.engine.migrate()."""

from __future__ import annotations

from alembic import context

from socialrx_desk.store.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
