"""Hub-wide settings: the epoch (who this hub is, for clients' caches) and when it was initialised."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import insert, select, update

from socialrx_desk.server.db import Database, DatabaseError
from socialrx_desk.server.models import HubSetting

EPOCH = "epoch"
INITIALISED = "initialised"


class NotInitialisedError(DatabaseError):
    """The hub database has not been initialised."""


def read_setting(db: Database, key: str) -> str | None:
    with db.read() as connection:
        return connection.execute(select(HubSetting.value).where(HubSetting.key == key)).scalar_one_or_none()


def hub_epoch(db: Database) -> str:
    """The hub's epoch; raises NotInitialisedError for a database that never ran ``init``."""
    try:
        epoch = read_setting(db, EPOCH)
    except Exception as error:  # a database without our tables at all
        raise NotInitialisedError(
            f"{db.display_url} is not an initialised hub database: run 'socialrx-server init' first"
        ) from error
    if epoch is None:
        raise NotInitialisedError(f"{db.display_url} is not an initialised hub: run 'socialrx-server init' first")
    return epoch


def initialise(db: Database, *, new_epoch: bool = False) -> tuple[str, bool]:
    """Create the schema and the epoch. Returns (epoch, changed); an existing epoch is kept unless ``new_epoch``."""
    db.migrate()
    with db.write() as connection:
        current = connection.execute(select(HubSetting.value).where(HubSetting.key == EPOCH)).scalar_one_or_none()
        if current is not None and not new_epoch:
            return current, False
        epoch = str(uuid.uuid4())
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        for key, value in ((EPOCH, epoch), (INITIALISED, now)):
            if key == INITIALISED and current is not None:
                continue
            existing = connection.execute(select(HubSetting).where(HubSetting.key == key)).first()
            if existing is None:
                connection.execute(insert(HubSetting).values(key=key, value=value))
            else:
                connection.execute(update(HubSetting).where(HubSetting.key == key).values(value=value))
        return epoch, True
