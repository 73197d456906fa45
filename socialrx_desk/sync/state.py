"""What sync remembers between runs (in the profile's database) and reports as plain data."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, func, or_, select

from socialrx_desk.core.referrals import ReferralKind, ReferralState
from socialrx_desk.services.referrals import utcnow
from socialrx_desk.store.directory import get_meta, set_meta
from socialrx_desk.store.models import OutboxRow, ReferralRow, SyncCursorRow

EPOCH = "hub_epoch"
LAST_SUCCESS = "sync_last_success"
LAST_ATTEMPT = "sync_last_attempt"
LAST_ERROR = "sync_last_error"
ONLINE = "sync_online"
NEEDS_REENROL = "sync_needs_reenrol"
SCHEDULES = "sync_schedule_services"


@dataclass(frozen=True, slots=True)
class SyncStatus:
    hub_url: str | None
    enrolled: bool
    online: bool | None  # None: never tried
    queued: int  # operations waiting to reach the hub
    attention: int  # referrals a person must act on
    last_success: datetime | None
    last_attempt: datetime | None
    last_error: str | None
    needs_reenrol: bool

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("last_success", "last_attempt"):
            data[key] = data[key].isoformat() + "Z" if data[key] else None
        return data


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def read_status(engine: Engine, hub_url: str | None, enrolled: bool) -> SyncStatus:
    with engine.connect() as connection:
        queued = connection.execute(
            select(func.count()).select_from(OutboxRow).where(OutboxRow.state.in_(("pending", "in_flight")))
        ).scalar_one()
        attention = connection.execute(
            select(func.count())
            .select_from(ReferralRow)
            .where(
                or_(
                    ReferralRow.state.in_([s.value for s in ReferralState if s.needs_attention]),
                    and_(
                        ReferralRow.kind == ReferralKind.ASK_DESK.value,
                        ReferralRow.state.in_([ReferralState.QUEUED.value, ReferralState.SENT.value]),
                    ),
                )
            )
        ).scalar_one()
        online = get_meta(connection, ONLINE)
        return SyncStatus(
            hub_url=hub_url,
            enrolled=enrolled,
            online=None if online is None else online == "1",
            queued=int(queued),
            attention=int(attention),
            last_success=_time(get_meta(connection, LAST_SUCCESS)),
            last_attempt=_time(get_meta(connection, LAST_ATTEMPT)),
            last_error=get_meta(connection, LAST_ERROR) or None,
            needs_reenrol=get_meta(connection, NEEDS_REENROL) == "1",
        )


def record_attempt(engine: Engine, *, online: bool, error: str | None, success: bool) -> None:
    now = utcnow().isoformat()
    with engine.begin() as connection:
        set_meta(connection, LAST_ATTEMPT, now)
        set_meta(connection, ONLINE, "1" if online else "0")
        set_meta(connection, LAST_ERROR, error or "")
        if success:
            set_meta(connection, LAST_SUCCESS, now)


def set_needs_reenrol(engine: Engine, value: bool) -> None:
    with engine.begin() as connection:
        set_meta(connection, NEEDS_REENROL, "1" if value else "0")


def cursor(connection: Connection, resource_type: str) -> str | None:
    return connection.execute(
        select(SyncCursorRow.high_water).where(SyncCursorRow.resource_type == resource_type)
    ).scalar_one_or_none()


def set_cursor(connection: Connection, resource_type: str, high_water: str) -> None:
    row = {"resource_type": resource_type, "high_water": high_water, "updated_at": utcnow()}
    existing = cursor(connection, resource_type)
    if existing is None:
        connection.execute(SyncCursorRow.__table__.insert(), [row])  # type: ignore[attr-defined]
    elif high_water > existing:
        connection.execute(
            SyncCursorRow.__table__.update()  # type: ignore[attr-defined]
            .where(SyncCursorRow.resource_type == resource_type)
            .values(high_water=high_water, updated_at=row["updated_at"])
        )


def reset_cursors(connection: Connection) -> None:
    connection.execute(delete(SyncCursorRow))
