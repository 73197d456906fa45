"""Opening the local SQLite store: pragmas, migrations at start-up, refusal of a newer schema.

Alembic is imported only when the schema actually needs work: it costs a third of a second at start-up, and
an up-to-date store (the usual case) is recognised by reading one row.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event

from socialrx_desk.errors import FriendlyError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The newest migration this app ships; tests check it equals Alembic's head.
HEAD_REVISION = "0002"


class StoreError(FriendlyError):
    """The store cannot be opened; the message is meant for the person at the screen."""


class SchemaTooNewError(StoreError):
    """The database was written by a newer version of the app."""


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # NORMAL in WAL mode survives an application crash; only a power cut may lose the last commits.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def create_sqlite_engine(path: Path) -> Engine:
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    return engine


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config())


def stored_revision(path: Path) -> str | None:
    """The schema revision recorded in a database file, read without SQLAlchemy or Alembic."""
    if not path.exists():
        return None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise StoreError(f"cannot open the database {path}: {error}") from None
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        if "no such table" in str(error):
            return None
        raise StoreError(f"{path} is not a socialrx-desk database: {error}") from None
    finally:
        connection.close()
    return str(row[0]) if row else None


def head_revision() -> str:
    head = _script().get_current_head()
    assert head is not None
    return head


def migrate(engine: Engine, path: Path) -> None:
    """Bring the schema to this app's head. A schema this app does not know is refused untouched."""
    revision = stored_revision(path)
    if revision == HEAD_REVISION:
        return
    from alembic import command
    from alembic.util.exc import CommandError

    config = _alembic_config()
    if revision is not None:
        try:
            known = _script().get_revision(revision) is not None
        except CommandError:
            known = False
        if not known:
            raise SchemaTooNewError(
                f"the database {path} was written by a newer version of socialrx-desk "
                f"(schema {revision}); it has been left untouched. Install the newer version to open it."
            )
    log.info("migrating store %s from %s to %s", path, revision, HEAD_REVISION)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_store(path: Path) -> Engine:
    engine = create_sqlite_engine(path)
    try:
        migrate(engine, path)
    except BaseException:
        engine.dispose()
        raise
    return engine
