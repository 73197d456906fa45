import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from socialrx_desk.store.engine import (
    HEAD_REVISION,
    SchemaTooNewError,
    StoreError,
    head_revision,
    open_store,
    stored_revision,
)


def test_new_store_is_migrated_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    engine = open_store(tmp_path / "db.sqlite3")
    try:
        assert stored_revision(tmp_path / "db.sqlite3") == head_revision() == HEAD_REVISION
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            tables = {r[0] for r in connection.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
        assert {"services", "organizations", "opening_hours", "contacts", "service_fts"} <= tables
    finally:
        engine.dispose()


def test_reopening_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    engine = open_store(path)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO store_meta (key, value) VALUES ('k', 'v')"))
    engine.dispose()
    engine = open_store(path)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT value FROM store_meta WHERE key='k'")).scalar() == "v"
    engine.dispose()


def test_database_from_a_newer_app_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    engine = open_store(path)
    engine.dispose()
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(SchemaTooNewError, match="newer version"):
        open_store(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a socialrx-desk database"):
        open_store(path)


def test_existing_database_at_an_older_schema_is_upgraded_keeping_its_data(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    from socialrx_desk.store.engine import MIGRATIONS, create_sqlite_engine

    path = tmp_path / "db.sqlite3"
    old = create_sqlite_engine(path)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with old.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    with old.begin() as connection:
        connection.execute(text("INSERT INTO organizations (id, name) VALUES ('org-1', 'Old Org')"))
    old.dispose()
    assert stored_revision(path) == "0001"

    engine = open_store(path)
    try:
        assert stored_revision(path) == HEAD_REVISION
        with engine.connect() as connection:
            assert connection.execute(text("SELECT name FROM organizations")).scalar() == "Old Org"
            assert connection.execute(text("SELECT count(*) FROM outbox")).scalar() == 0
    finally:
        engine.dispose()
