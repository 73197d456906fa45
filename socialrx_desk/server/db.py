"""Opening the hub database (SQLite or PostgreSQL), migrating it, and the read/write transaction discipline.

Writes take the database's write lock *at the start* of the transaction, never half way through:
on SQLite a write transaction is ``BEGIN IMMEDIATE`` (a deferred one that later tries to write fails with
SQLITE_BUSY rather than waiting), and writers inside one process also queue on a lock so they wait their turn in
order instead of sleeping in SQLite's busy handler. On PostgreSQL writers run concurrently under READ COMMITTED
and serialise only where they touch the same rows (see :mod:`socialrx_desk.server.storage`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_S = 30


class DatabaseError(Exception):
    """The hub database cannot be used; the message says why, for the administrator."""


def parse_database_url(database_url: str) -> URL:
    try:
        url = make_url(database_url)
    except ArgumentError:
        raise DatabaseError(
            f"{database_url!r} is not a database URL (sqlite:///path or postgresql+psycopg://...)"
        ) from None
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseError(f"the hub runs on SQLite or PostgreSQL, not {url.get_backend_name()}")
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        raise DatabaseError("the hub needs a SQLite file (sqlite:///path/to/hub.sqlite3), not an in-memory database")
    if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


class Database:
    """One hub database: the engine, the write discipline, and the schema migrations."""

    def __init__(self, database_url: str, *, pool_size: int = 20) -> None:
        url = parse_database_url(database_url)
        self.url = url
        self.is_sqlite = url.get_backend_name() == "sqlite"
        self._write_lock = threading.Lock()
        if self.is_sqlite:
            assert url.database is not None
            Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            self.engine: Engine = create_engine(
                url,
                connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S},
                pool_size=pool_size,
                max_overflow=pool_size,
            )
            event.listen(self.engine, "connect", _sqlite_connect)
            event.listen(self.engine, "begin", _sqlite_begin)
        else:
            self.engine = create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)

    @property
    def display_url(self) -> str:
        return self.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_: object) -> None:
        self.dispose()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as connection, connection.begin():
            yield connection

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction: committed when the block ends, rolled back if it raises."""
        if self.is_sqlite:
            with self._write_lock, self.engine.connect() as connection:
                connection.execution_options(hub_write=True)
                with connection.begin():
                    yield connection
        else:
            with self.engine.connect() as connection, connection.begin():
                yield connection

    def analyze(self) -> None:
        """Refresh the query planner's statistics after a bulk write (an import, a batch of slots).

        PostgreSQL's autovacuum gets there within a minute or so; until then a freshly filled table is planned
        as if empty, and searches over it run several times slower than they need to.
        """
        with self.engine.connect() as connection:
            if self.is_sqlite:
                connection.exec_driver_sql("PRAGMA optimize")
            else:
                connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                    "ANALYZE resources, search_index, resource_access, slot_bookings"
                )

    # --- schema --------------------------------------------------------------------------------------------

    def _alembic_config(self) -> Config:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        return config

    def current_revision(self) -> str | None:
        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def migrate(self) -> None:
        """Bring the schema to this version's head; a schema from a newer version is refused, untouched."""
        config = self._alembic_config()
        script = ScriptDirectory.from_config(config)
        revision = self.current_revision()
        if revision is not None and not _known(script, revision):
            raise DatabaseError(
                f"the hub database {self.display_url} was written by a newer socialrx-server (schema {revision}); "
                "it has been left untouched"
            )
        if revision == script.get_current_head():
            return
        log.info("migrating hub database %s from %s to %s", self.display_url, revision, script.get_current_head())
        with self.engine.connect() as connection:
            connection.execution_options(hub_write=True)
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Transactions are begun explicitly in _sqlite_begin; the driver's own implicit BEGIN would defer the lock.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # NORMAL in WAL mode survives an application crash; only a power cut may lose the last commits.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    immediate = connection.get_execution_options().get("hub_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
