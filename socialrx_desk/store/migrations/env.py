"""Alembic environment for the local store. Always run through socialrx_desk.store.engine.migrate()."""

from __future__ import annotations

from alembic import context

from socialrx_desk.store.models import Base

connection = context.config.attributes["connection"]


def _include(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    # The FTS5 tables are created by hand in migrations; autogenerate must not try to drop them.
    return not (type_ == "table" and name is not None and name.startswith("service_fts"))


context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True, include_object=_include)
with context.begin_transaction():
    context.run_migrations()
