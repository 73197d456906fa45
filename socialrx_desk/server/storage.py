"""Versioned FHIR resource storage: reads, searches, history and all-or-nothing transactions with access rules.

A write transaction goes through these steps, all inside one database transaction:

1. lock the current rows of every resource it names (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite has
   already taken the database write lock), so If-Match is compared with a version nobody else can change;
2. check each entry (visibility, If-Match, what this kind of site may change) in FHIR's processing order
   (DELETE before PUT), staging the new versions in memory;
3. check what needs the whole transaction (references between entries, agency and desk slot rules) and update
   ``slot_bookings``: the slot id is its primary key, so a second active Appointment for a Slot violates it
   even when two transactions race and neither sent If-Match (PostgreSQL makes the second wait for the first
   and then fail; SQLite runs them one after the other). The loser gets 409;
4. lock the single ``write_counter`` row and take one sequence number per new version and one timestamp. The
   lock is held to commit, so sequence numbers and ``meta.lastUpdated`` follow commit order: a client paging
   with ``_sort=_lastUpdated`` or polling ``_lastUpdated=gt`` never misses a version committed late.
   Only this last step is serialised; all checks run concurrently on PostgreSQL;
5. write the versions, the current rows, their search index and access keys.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import (
    Connection,
    Row,
    and_,
    bindparam,
    delete,
    exists,
    false,
    func,
    insert,
    literal,
    not_,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from socialrx_desk.fhir.common import (
    DIRECTORY_TYPES,
    HUB_TYPES,
    PERSONAL_TYPES,
    RELEASED_APPOINTMENT_STATUSES,
    date_range,
    format_instant,
    parse_reference,
    referenced,
    without_server_meta,
)
from socialrx_desk.server.auth import Caller, SiteKind, service_key
from socialrx_desk.server.db import Database
from socialrx_desk.server.errors import (
    BadRequest,
    Conflict,
    Forbidden,
    Gone,
    NotFound,
    PreconditionFailed,
    Unavailable,
    Unprocessable,
)
from socialrx_desk.server.models import (
    ResourceAccess,
    ResourceVersion,
    SearchIndexRow,
    SlotBooking,
    StoredResource,
    WriteCounter,
)
from socialrx_desk.server.params import PARAMS, SearchParam, clip, index_values, normalise_string, sort_date

log = logging.getLogger(__name__)

Method = Literal["PUT", "DELETE"]
MAX_ATTEMPTS = 4


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def dumps(content: object) -> str:
    return json.dumps(content, separators=(",", ":"), ensure_ascii=False)


# --- what goes in and out ------------------------------------------------------------------------------------


@dataclass(slots=True)
class Operation:
    """One change: PUT a resource at its id, or DELETE it; ``if_match`` is the version the client saw."""

    method: Method
    resource_type: str
    resource_id: str
    resource: dict[str, Any] | None = None
    if_match: int | None = None
    label: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return self.resource_type, self.resource_id

    def where(self) -> str:
        return f"{self.label}: " if self.label else ""


@dataclass(slots=True)
class Outcome:
    status: int
    resource_type: str
    resource_id: str
    version: int | None
    last_updated: datetime | None
    resource: dict[str, Any] | None
    changed: bool = True


@dataclass(frozen=True, slots=True)
class Version:
    resource_type: str
    resource_id: str
    version: int
    last_updated: datetime
    deleted: bool
    content: dict[str, Any] | None
    seq: int
    method: str = "PUT"
    created: bool = False


@dataclass(slots=True)
class Page:
    versions: list[Version]
    next_cursor: str | None
    total: int | None = None


# --- reading rules -------------------------------------------------------------------------------------------


def may_read(caller: Caller, resource_type: str, keys: Iterable[str]) -> bool:
    if resource_type in DIRECTORY_TYPES or caller.is_admin:
        return True
    return not caller.read_keys.isdisjoint(keys)


def check_may_list(caller: Caller, resource_type: str) -> None:
    if caller.kind is SiteKind.KIOSK and resource_type in PERSONAL_TYPES:
        raise Forbidden(f"a kiosk cannot look up {resource_type} resources")


def _visible_clause(caller: Caller, resource_type: str) -> ColumnElement[bool] | None:
    """The WHERE clause limiting ``resources`` rows of a type to those the caller may read (None: all)."""
    if resource_type in DIRECTORY_TYPES or caller.is_admin:
        return None
    keys = sorted(caller.read_keys)
    if not keys:
        return false()
    return exists().where(
        ResourceAccess.res_type == StoredResource.res_type,
        ResourceAccess.res_id == StoredResource.res_id,
        ResourceAccess.key.in_(keys),
    )


# --- the store -----------------------------------------------------------------------------------------------


class Store:
    def __init__(self, db: Database, clock: Callable[[], datetime] = utcnow) -> None:
        self.db = db
        self.clock = clock

    # reading

    def read(self, caller: Caller, resource_type: str, resource_id: str) -> Version:
        with self.db.read() as connection:
            row = connection.execute(
                select(StoredResource).where(
                    StoredResource.res_type == resource_type, StoredResource.res_id == resource_id
                )
            ).first()
            if row is None or not self._readable(connection, caller, resource_type, resource_id):
                raise NotFound(f"{resource_type}/{resource_id} is not known to this hub")
        version = _current(row)
        if version.deleted:
            raise Gone(f"{resource_type}/{resource_id} was deleted (version {version.version})")
        return version

    def vread(self, caller: Caller, resource_type: str, resource_id: str, version_id: int) -> Version:
        with self.db.read() as connection:
            if not self._readable(connection, caller, resource_type, resource_id):
                raise NotFound(f"{resource_type}/{resource_id} is not known to this hub")
            row = connection.execute(
                select(ResourceVersion).where(
                    ResourceVersion.res_type == resource_type,
                    ResourceVersion.res_id == resource_id,
                    ResourceVersion.version_id == version_id,
                )
            ).first()
        if row is None:
            raise NotFound(f"{resource_type}/{resource_id} has no version {version_id}")
        version = _history_version(row)
        if version.deleted:
            raise Gone(f"version {version_id} of {resource_type}/{resource_id} is its deletion")
        return version

    def _readable(self, connection: Connection, caller: Caller, resource_type: str, resource_id: str) -> bool:
        if resource_type in DIRECTORY_TYPES or caller.is_admin:
            exists_row = connection.execute(
                select(StoredResource.version_id).where(
                    StoredResource.res_type == resource_type, StoredResource.res_id == resource_id
                )
            ).first()
            return exists_row is not None
        keys = connection.execute(
            select(ResourceAccess.key).where(
                ResourceAccess.res_type == resource_type, ResourceAccess.res_id == resource_id
            )
        ).scalars()
        return may_read(caller, resource_type, keys)

    def search(
        self,
        caller: Caller,
        resource_type: str,
        conditions: Sequence[ColumnElement[bool]],
        *,
        sort: str,
        count: int,
        cursor: str | None,
        want_total: bool,
    ) -> Page:
        check_may_list(caller, resource_type)
        where: list[ColumnElement[bool]] = [StoredResource.res_type == resource_type, StoredResource.deleted == false()]
        visible = _visible_clause(caller, resource_type)
        if visible is not None:
            where.append(visible)
        where.extend(conditions)
        with self.db.read() as connection:
            total = None
            if want_total:
                total = int(
                    connection.execute(select(func.count()).select_from(StoredResource).where(*where)).scalar_one()
                )
            if count == 0:
                return Page([], None, total)
            paged = list(where)
            if cursor is not None:
                paged.append(_cursor_clause(sort, cursor))
            query = select(StoredResource).where(*paged).order_by(*_order(sort)).limit(count + 1)
            rows = connection.execute(query).all()
        versions = [_current(row) for row in rows[:count]]
        next_cursor = _cursor_after(sort, versions[-1]) if len(rows) > count else None
        return Page(versions, next_cursor, total)

    def history(
        self,
        caller: Caller,
        resource_type: str,
        resource_id: str | None,
        *,
        since: datetime | None,
        ascending: bool,
        count: int,
        cursor: str | None,
    ) -> Page:
        check_may_list(caller, resource_type)
        where: list[ColumnElement[bool]] = [ResourceVersion.res_type == resource_type]
        if resource_id is not None:
            where.append(ResourceVersion.res_id == resource_id)
        if since is not None:
            where.append(ResourceVersion.last_updated >= since)
        if cursor is not None:
            after = _int_cursor(cursor)
            where.append(ResourceVersion.seq > after if ascending else ResourceVersion.seq < after)
        visible = _visible_clause(caller, resource_type)
        query = select(ResourceVersion)
        if visible is not None:
            query = query.join(
                StoredResource,
                and_(
                    StoredResource.res_type == ResourceVersion.res_type, StoredResource.res_id == ResourceVersion.res_id
                ),
            )
            where.append(visible)
        order = ResourceVersion.seq.asc() if ascending else ResourceVersion.seq.desc()
        with self.db.read() as connection:
            if resource_id is not None and not self._readable(connection, caller, resource_type, resource_id):
                raise NotFound(f"{resource_type}/{resource_id} is not known to this hub")
            rows = connection.execute(query.where(*where).order_by(order).limit(count + 1)).all()
        versions = [_history_version(row) for row in rows[:count]]
        next_cursor = str(versions[-1].seq) if len(rows) > count and versions else None
        return Page(versions, next_cursor)

    # writing

    def transact(self, caller: Caller, operations: Sequence[Operation]) -> list[Outcome]:
        """Apply every operation or none. Raises a HubError saying which entry failed and why."""
        _check_unique(operations)
        for operation in operations:
            _check_kind_may_write(caller, operation)
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                with self.db.write() as connection:
                    return _Transaction(self, connection, caller).run(operations)
            except _RetryError as retry:
                log.info("retrying a transaction (attempt %d): %s", attempt, retry)
            except OperationalError as error:
                state = getattr(error.orig, "sqlstate", None)
                if state in ("40P01", "40001") and attempt < MAX_ATTEMPTS:
                    log.info("retrying a transaction after %s (attempt %d)", state, attempt)
                    continue
                if "locked" in str(error.orig) or state in ("40P01", "40001"):
                    raise Unavailable("the hub is busy; try again in a moment") from None
                raise
        raise Conflict("another change to the same resources kept getting in first; try again")


class _RetryError(Exception):
    """Someone else created the same resource at the same moment: run the whole transaction again."""


@dataclass(slots=True)
class _Row:
    """The current state of one resource inside a transaction."""

    version: int
    deleted: bool
    content: dict[str, Any] | None
    owner_key: str | None
    owner_site: int | None
    keys: set[str] = field(default_factory=set)


@dataclass(slots=True)
class _Staged:
    operation: Operation | None
    resource_type: str
    resource_id: str
    content: dict[str, Any] | None  # None: a deletion
    previous: _Row | None
    version: int = 0
    keys: set[str] = field(default_factory=set)
    grow_keys: bool = False
    owner_key: str | None = None
    owner_site: int | None = None
    final: dict[str, Any] | None = None


class _Transaction:
    def __init__(self, store: Store, connection: Connection, caller: Caller) -> None:
        self.store = store
        self.connection = connection
        self.caller = caller
        self.rows: dict[tuple[str, str], _Row | None] = {}
        self.staged: dict[tuple[str, str], _Staged] = {}
        self.outcomes: dict[int, Outcome] = {}
        self.grants: dict[tuple[str, str], set[str]] = {}
        self.locked: set[tuple[str, str]] = set()

    def run(self, operations: Sequence[Operation]) -> list[Outcome]:
        # Lock up front, in one sorted pass, every row this transaction may write, including the Slots its
        # Appointments take or release: locks taken later, in another order, could deadlock with a racing booking.
        self._load([op.key for op in operations] + self._slots_touched(operations), lock=True)
        order = sorted(range(len(operations)), key=lambda i: 0 if operations[i].method == "DELETE" else 1)
        for index in order:
            self._apply(index, operations[index])
        self._check_whole()
        self._book_slots()
        self._compute_access()
        self._commit_versions()
        return [self._outcome(index, op) for index, op in enumerate(operations)]

    # loading

    def _slots_touched(self, operations: Sequence[Operation]) -> list[tuple[str, str]]:
        appointment_ids = [op.resource_id for op in operations if op.resource_type == "Appointment"]
        if not appointment_ids:
            return []
        slots = {
            slot_id
            for op in operations
            if op.resource_type == "Appointment" and op.resource
            for slot_id in referenced(op.resource.get("slot"), "Slot")
        }
        slots |= set(
            self.connection.execute(
                select(SlotBooking.slot_id).where(SlotBooking.appointment_id.in_(appointment_ids))
            ).scalars()
        )
        return [("Slot", slot_id) for slot_id in slots]

    def _load(self, keys: Sequence[tuple[str, str]], *, lock: bool) -> None:
        if lock:
            # A row read earlier without a lock may be stale by now: read it again under the lock.
            for key in keys:
                if key not in self.locked and key not in self.staged:
                    self.rows.pop(key, None)
        wanted = sorted({key for key in keys if key not in self.rows})
        if not wanted:
            return
        for start in range(0, len(wanted), 200):
            chunk = wanted[start : start + 200]
            match = or_(*(and_(StoredResource.res_type == t, StoredResource.res_id == i) for t, i in chunk))
            query = select(StoredResource).where(match).order_by(StoredResource.res_type, StoredResource.res_id)
            if lock and not self.store.db.is_sqlite:
                query = query.with_for_update()
            found = {(row.res_type, row.res_id): row for row in self.connection.execute(query)}
            access: dict[tuple[str, str], set[str]] = {}
            personal = [key for key in chunk if key in found and key[0] in PERSONAL_TYPES]
            if personal:
                access_match = or_(
                    *(and_(ResourceAccess.res_type == t, ResourceAccess.res_id == i) for t, i in personal)
                )
                for res_type, res_id, access_key in self.connection.execute(
                    select(ResourceAccess.res_type, ResourceAccess.res_id, ResourceAccess.key).where(access_match)
                ):
                    access.setdefault((res_type, res_id), set()).add(access_key)
            for key in chunk:
                if lock:
                    self.locked.add(key)
                row = found.get(key)
                self.rows[key] = (
                    None
                    if row is None
                    else _Row(
                        version=row.version_id,
                        deleted=row.deleted,
                        content=json.loads(row.content) if row.content else None,
                        owner_key=row.owner_practice,
                        owner_site=row.owner_site,
                        keys=access.get(key, set()),
                    )
                )

    def lookup(self, resource_type: str, resource_id: str) -> dict[str, Any] | None:
        """The resource as this transaction leaves it (None when absent or deleted)."""
        staged = self.staged.get((resource_type, resource_id))
        if staged is not None:
            return staged.content
        self._load([(resource_type, resource_id)], lock=False)
        row = self.rows.get((resource_type, resource_id))
        return None if row is None or row.deleted else row.content

    # per entry

    def _apply(self, index: int, op: Operation) -> None:
        caller = self.caller
        row = self.rows.get(op.key)
        name = f"{op.resource_type}/{op.resource_id}"
        if row is not None and not self._may_touch(op.resource_type, row):
            raise NotFound(f"{op.where()}{name} is not known to this hub")
        if op.if_match is not None:
            if row is None:
                raise PreconditionFailed(f"{op.where()}{name} does not exist, so it cannot be at version {op.if_match}")
            if row.version != op.if_match:
                raise PreconditionFailed(
                    f"{op.where()}{name} has changed: it is at version {row.version}, not {op.if_match}"
                )
        if caller.kind is SiteKind.AGENCY and op.resource_type == "Task" and (row is None or row.deleted):
            raise Forbidden(f"{op.where()}an agency site updates the Tasks addressed to it; it does not create them")
        if op.method == "DELETE":
            if row is None or row.deleted:
                self.outcomes[index] = Outcome(204, op.resource_type, op.resource_id, None, None, None, changed=False)
                return
            self.staged[op.key] = _Staged(op, op.resource_type, op.resource_id, None, row)
            return
        assert op.resource is not None
        content = without_server_meta(op.resource)
        if (
            row is not None
            and not row.deleted
            and row.content is not None
            and without_server_meta(row.content) == content
        ):
            self.outcomes[index] = Outcome(
                200, op.resource_type, op.resource_id, row.version, _meta_time(row.content), row.content, changed=False
            )
            return
        self.staged[op.key] = _Staged(op, op.resource_type, op.resource_id, content, row)

    def _may_touch(self, resource_type: str, row: _Row) -> bool:
        caller = self.caller
        if caller.kind is SiteKind.KIOSK and resource_type in PERSONAL_TYPES:
            return caller.site_id is not None and row.owner_site == caller.site_id
        return may_read(caller, resource_type, row.keys)

    # whole-transaction checks

    def _check_whole(self) -> None:
        caller = self.caller
        for staged in list(self.staged.values()):
            op = staged.operation
            assert op is not None
            where = op.where()
            name = f"{staged.resource_type}/{staged.resource_id}"
            new, old = staged.content, staged.previous.content if staged.previous else None
            if staged.resource_type == "Slot":
                if new is not None:
                    schedule_id = _one_ref(new.get("schedule"), "Schedule")
                    if schedule_id is None or self.lookup("Schedule", schedule_id) is None:
                        raise Unprocessable(
                            f"{where}{name} refers to a Schedule this hub does not have", expression="Slot.schedule"
                        )
                if caller.kind is SiteKind.AGENCY:
                    for content in (new, old):
                        if content is not None:
                            self._check_agency_slot(where, name, content)
                elif caller.kind is SiteKind.DESK:
                    self._check_desk_slot(where, name, staged)
            elif staged.resource_type == "Schedule" and caller.kind is SiteKind.AGENCY:
                for content in (new, old):
                    if content is not None:
                        self._check_agency_schedule(where, name, content)
            elif staged.resource_type == "Appointment" and new is not None:
                for slot_id in referenced(new.get("slot"), "Slot"):
                    slot = self.lookup("Slot", slot_id)
                    if slot is None:
                        raise Unprocessable(
                            f"{where}{name} books Slot/{slot_id}, which this hub does not have",
                            expression="Appointment.slot",
                        )
                    if _active(new) and slot.get("status") in ("busy-unavailable", "entered-in-error"):
                        raise Conflict(f"{where}Slot/{slot_id} is not available for booking ({slot.get('status')})")
            elif staged.resource_type == "ServiceRequest" and new is not None and caller.kind is SiteKind.KIOSK:
                requester = new.get("requester")
                parsed = parse_reference(requester.get("reference")) if isinstance(requester, dict) else None
                if parsed is None or parsed[0] != "Patient":
                    raise Forbidden(f"{where}a kiosk may only send self-referrals: the requester must be the Patient")
            elif staged.resource_type == "Task" and new is not None and caller.kind is SiteKind.AGENCY:
                owners = referenced(new.get("owner"), "HealthcareService")
                if not owners or not set(owners) <= caller.services:
                    raise Forbidden(f"{where}an agency site may only keep a Task owned by one of its own services")

    def _check_agency_schedule(self, where: str, name: str, schedule: dict[str, Any]) -> None:
        services = referenced(schedule.get("actor"), "HealthcareService")
        if not services or not set(services) <= self.caller.services:
            raise Forbidden(f"{where}{name} is not a schedule of a service this agency runs")

    def _check_agency_slot(self, where: str, name: str, slot: dict[str, Any]) -> None:
        schedule_id = _one_ref(slot.get("schedule"), "Schedule")
        schedule = self.lookup("Schedule", schedule_id) if schedule_id else None
        services = referenced(schedule.get("actor"), "HealthcareService") if schedule else []
        if not services or not set(services) <= self.caller.services:
            raise Forbidden(f"{where}{name} is not a slot of a service this agency runs")

    def _check_desk_slot(self, where: str, name: str, staged: _Staged) -> None:
        new, previous = staged.content, staged.previous
        if new is None or previous is None or previous.deleted or previous.content is None:
            raise Forbidden(f"{where}a desk may book and release existing slots, not create or delete them")
        old = previous.content
        if any(new.get(element) != old.get(element) for element in ("schedule", "start", "end")) or new.get(
            "status"
        ) not in ("free", "busy"):
            raise Forbidden(f"{where}a desk may only change {name}'s status between free and busy")

    # slots

    def _book_slots(self) -> None:
        """Keep ``slot_bookings`` (one row per Slot held by an active Appointment) and Slot.status in step."""
        gained: set[str] = set()
        released: set[str] = set()
        for staged in list(self.staged.values()):
            if staged.resource_type != "Appointment":
                continue
            appointment_id = staged.resource_id
            held = set(
                self.connection.execute(
                    select(SlotBooking.slot_id).where(SlotBooking.appointment_id == appointment_id)
                ).scalars()
            )
            wanted = (
                set(referenced(staged.content.get("slot"), "Slot"))
                if staged.content and _active(staged.content)
                else set()
            )
            for slot_id in sorted(held - wanted):
                self.connection.execute(delete(SlotBooking).where(SlotBooking.slot_id == slot_id))
                released.add(slot_id)
            for slot_id in sorted(wanted - held):
                self._take_slot(staged, slot_id)
                gained.add(slot_id)
        for staged in self.staged.values():
            if staged.resource_type != "Slot":
                continue
            booked = staged.resource_id in gained or self._booked(staged.resource_id)
            if not booked:
                continue
            where = staged.operation.where() if staged.operation else ""
            if staged.content is None:
                raise Conflict(f"{where}Slot/{staged.resource_id} is booked; cancel its appointment before deleting it")
            if staged.content.get("status") == "free":
                raise Conflict(f"{where}Slot/{staged.resource_id} is booked; cancel its appointment to free it")
        for slot_id in sorted(gained):
            self._set_slot_status(slot_id, "busy", only_from="free")
        for slot_id in sorted(released - gained):
            if not self._booked(slot_id):
                self._set_slot_status(slot_id, "free", only_from="busy")

    def _take_slot(self, staged: _Staged, slot_id: str) -> None:
        where = staged.operation.where() if staged.operation else ""
        holder = self.connection.execute(
            select(SlotBooking.appointment_id).where(SlotBooking.slot_id == slot_id)
        ).first()
        if holder is not None:
            raise Conflict(f"{where}Slot/{slot_id} is already booked")
        try:
            self.connection.execute(insert(SlotBooking), {"slot_id": slot_id, "appointment_id": staged.resource_id})
        except IntegrityError:
            raise Conflict(f"{where}Slot/{slot_id} has just been booked by someone else") from None

    def _booked(self, slot_id: str) -> bool:
        return (
            self.connection.execute(select(SlotBooking.slot_id).where(SlotBooking.slot_id == slot_id)).first()
            is not None
        )

    def _set_slot_status(self, slot_id: str, status: str, *, only_from: str) -> None:
        staged = self.staged.get(("Slot", slot_id))
        if staged is not None:
            if staged.content is not None and staged.content.get("status") == only_from:
                staged.content = {**staged.content, "status": status}
            return
        self._load([("Slot", slot_id)], lock=True)
        row = self.rows.get(("Slot", slot_id))
        if row is None or row.deleted or row.content is None or row.content.get("status") != only_from:
            return
        content = {**without_server_meta(row.content), "status": status}
        self.staged[("Slot", slot_id)] = _Staged(None, "Slot", slot_id, content, row)

    # access keys

    def _compute_access(self) -> None:
        caller = self.caller
        for staged in self.staged.values():
            previous = staged.previous
            staged.owner_key = previous.owner_key if previous is not None and previous.owner_key else caller.owner_key
            staged.owner_site = previous.owner_site if previous is not None and previous.owner_site else caller.site_id
            if staged.resource_type not in PERSONAL_TYPES:
                continue
            if staged.content is None:
                staged.keys = set(previous.keys) if previous else set()
                continue
            keys = {staged.owner_key} if staged.owner_key else set()
            services = self._services_of(staged.resource_type, staged.content)
            keys |= {service_key(s) for s in services}
            if staged.resource_type == "Patient":
                staged.grow_keys = True
            staged.keys = keys
            for patient_id in self._patients_of(staged.resource_type, staged.content):
                self.grants.setdefault(("Patient", patient_id), set()).update(service_key(s) for s in services)

    def _services_of(self, resource_type: str, content: dict[str, Any]) -> set[str]:
        services: set[str] = set()
        if resource_type == "ServiceRequest":
            services |= set(referenced(content.get("performer"), "HealthcareService"))
        elif resource_type == "Task":
            services |= set(referenced(content.get("owner"), "HealthcareService"))
            for request_id in referenced(content.get("focus"), "ServiceRequest"):
                request = self.lookup("ServiceRequest", request_id)
                if request is not None:
                    services |= set(referenced(request.get("performer"), "HealthcareService"))
        elif resource_type == "Appointment":
            for request_id in referenced(content.get("basedOn"), "ServiceRequest"):
                request = self.lookup("ServiceRequest", request_id)
                if request is not None:
                    services |= set(referenced(request.get("performer"), "HealthcareService"))
            for slot_id in referenced(content.get("slot"), "Slot"):
                slot = self.lookup("Slot", slot_id)
                schedule_id = _one_ref(slot.get("schedule"), "Schedule") if slot else None
                schedule = self.lookup("Schedule", schedule_id) if schedule_id else None
                if schedule is not None:
                    services |= set(referenced(schedule.get("actor"), "HealthcareService"))
        return services

    @staticmethod
    def _patients_of(resource_type: str, content: dict[str, Any]) -> list[str]:
        if resource_type == "ServiceRequest":
            return referenced(content.get("subject"), "Patient")
        if resource_type == "Task":
            return referenced(content.get("for"), "Patient")
        if resource_type == "Appointment":
            return [p for item in content.get("participant") or () for p in referenced(item.get("actor"), "Patient")]
        return []

    # commit

    def _commit_versions(self) -> None:
        writes = list(self.staged.values())
        self._write_index_and_access(writes)
        if writes:
            # From here to commit every other writer waits: only what needs the sequence number is done here.
            counter = self.connection.execute(_LOCK_COUNTER).one()
            now = max(self.store.clock(), counter.last_time + timedelta(microseconds=1))
            self.connection.execute(_ADVANCE_COUNTER, {"new_seq": counter.seq + len(writes), "new_time": now})
            self._write_versions(writes, counter.seq + 1, now)

    def _write_index_and_access(self, writes: list[_Staged]) -> None:
        """Search index rows and access keys of the new versions (they do not depend on the sequence number)."""
        connection = self.connection
        index_rows, access_rows, reindexed, rekeyed = [], [], [], []
        for staged in writes:
            res_type, res_id, previous = staged.resource_type, staged.resource_id, staged.previous
            if previous is not None:
                reindexed.append({"b_type": res_type, "b_id": res_id})
            if staged.content is not None:
                index_rows += [
                    {"res_type": res_type, "res_id": res_id, "param": name, **_index_columns(value)}
                    for name, value in index_values(res_type, staged.content)
                ]
            if res_type in PERSONAL_TYPES:
                if previous is not None and not staged.grow_keys and staged.content is not None:
                    rekeyed.append({"b_type": res_type, "b_id": res_id})
                keys = set(staged.keys) | self.grants.get((res_type, res_id), set())
                access_rows += [{"res_type": res_type, "res_id": res_id, "key": clip(k)} for k in sorted(keys)]
        access_rows += [
            {"res_type": t, "res_id": i, "key": clip(k)}
            for (t, i), keys in self.grants.items()
            if (t, i) not in self.staged
            for k in sorted(keys)
        ]
        if reindexed:
            connection.execute(_CLEAR_INDEX, reindexed)
        if index_rows:
            connection.execute(insert(SearchIndexRow), index_rows)
        if rekeyed:
            connection.execute(_CLEAR_ACCESS, rekeyed)
        if access_rows:
            connection.execute(self._insert_access_ignoring_duplicates(), access_rows)

    def _write_versions(self, writes: list[_Staged], first_seq: int, now: datetime) -> None:
        """The versions and current rows, with as few statements as possible (executemany throughout)."""
        connection = self.connection
        stamp = format_instant(now)
        created_rows, updated_rows, versions = [], [], []
        for offset, staged in enumerate(writes):
            previous = staged.previous
            staged.version = (previous.version + 1) if previous is not None else 1
            res_type, res_id = staged.resource_type, staged.resource_id
            if staged.content is not None:
                meta = {
                    k: v for k, v in (staged.content.get("meta") or {}).items() if k not in ("versionId", "lastUpdated")
                }
                meta = {"versionId": str(staged.version), "lastUpdated": stamp, **meta}
                body = {k: v for k, v in staged.content.items() if k not in ("resourceType", "id", "meta")}
                staged.final = {"resourceType": res_type, "id": res_id, "meta": meta, **body}
            text = dumps(staged.final) if staged.final is not None else None
            seq = first_seq + offset
            values = {
                "version_id": staged.version,
                "seq": seq,
                "last_updated": now,
                "deleted": staged.final is None,
                "content": text,
                "owner_practice": staged.owner_key,
                "owner_site": staged.owner_site,
                "sort_date": sort_date(res_type, staged.final) if staged.final else None,
            }
            if previous is None:
                created_rows.append({"res_type": res_type, "res_id": res_id, **values})
            else:
                updated_rows.append({"b_type": res_type, "b_id": res_id, **values})
            versions.append(
                {
                    "res_type": res_type,
                    "res_id": res_id,
                    "version_id": staged.version,
                    "seq": seq,
                    "last_updated": now,
                    "method": "DELETE" if staged.final is None else "PUT",
                    "created": (previous is None or previous.deleted) and staged.final is not None,
                    "content": text,
                }
            )
        if created_rows:
            try:
                connection.execute(insert(StoredResource), created_rows)
            except IntegrityError:
                # Someone created one of these resources since we looked: the whole transaction runs again.
                raise _RetryError("a resource was created concurrently") from None
        if updated_rows:
            connection.execute(_UPDATE_RESOURCE, updated_rows)
        connection.execute(insert(ResourceVersion), versions)

    def _insert_access_ignoring_duplicates(self) -> Any:
        dialect = postgresql if self.connection.dialect.name == "postgresql" else sqlite
        return dialect.insert(ResourceAccess).on_conflict_do_nothing()

    def _outcome(self, index: int, op: Operation) -> Outcome:
        if index in self.outcomes:
            return self.outcomes[index]
        staged = self.staged[op.key]
        assert staged.previous is None or staged.version > staged.previous.version
        last_updated = None
        if staged.final is not None:
            last_updated = datetime.fromisoformat(staged.final["meta"]["lastUpdated"].replace("Z", "+00:00"))
        if staged.final is None:
            return Outcome(204, op.resource_type, op.resource_id, staged.version, last_updated, None)
        created = staged.previous is None or staged.previous.deleted
        return Outcome(
            201 if created else 200, op.resource_type, op.resource_id, staged.version, last_updated, staged.final
        )


# --- helpers -------------------------------------------------------------------------------------------------


_LOCK_COUNTER = select(WriteCounter.seq, WriteCounter.last_time).where(WriteCounter.id == 1).with_for_update()
_ADVANCE_COUNTER = (
    update(WriteCounter).where(WriteCounter.id == 1).values(seq=bindparam("new_seq"), last_time=bindparam("new_time"))
)
_UPDATE_RESOURCE = (
    update(StoredResource)
    .where(StoredResource.res_type == bindparam("b_type"), StoredResource.res_id == bindparam("b_id"))
    .values(
        {
            name: bindparam(name)
            for name in (
                "version_id",
                "seq",
                "last_updated",
                "deleted",
                "content",
                "owner_practice",
                "owner_site",
                "sort_date",
            )
        }
    )
)
_CLEAR_INDEX = delete(SearchIndexRow).where(
    SearchIndexRow.res_type == bindparam("b_type"), SearchIndexRow.res_id == bindparam("b_id")
)
_CLEAR_ACCESS = delete(ResourceAccess).where(
    ResourceAccess.res_type == bindparam("b_type"), ResourceAccess.res_id == bindparam("b_id")
)


def _check_unique(operations: Sequence[Operation]) -> None:
    seen: dict[tuple[str, str], str] = {}
    for op in operations:
        if op.key in seen:
            raise BadRequest(
                f"{op.where()}{op.resource_type}/{op.resource_id} appears twice in one transaction "
                f"(also {seen[op.key] or 'earlier'}); a transaction may change each resource once"
            )
        seen[op.key] = op.label


_KIND_WRITES: dict[SiteKind, dict[str, frozenset[str]]] = {
    SiteKind.DESK: {
        "PUT": frozenset({"Patient", "ServiceRequest", "Appointment", "Task", "Slot"}),
        "DELETE": frozenset({"Patient", "ServiceRequest", "Appointment", "Task"}),
    },
    SiteKind.KIOSK: {"PUT": frozenset({"Patient", "ServiceRequest", "Task"}), "DELETE": frozenset()},
    SiteKind.AGENCY: {"PUT": frozenset({"Task", "Schedule", "Slot"}), "DELETE": frozenset({"Schedule", "Slot"})},
    SiteKind.ADMIN: {"PUT": frozenset(HUB_TYPES), "DELETE": frozenset(HUB_TYPES)},
}


def _check_kind_may_write(caller: Caller, op: Operation) -> None:
    if op.resource_type not in _KIND_WRITES[caller.kind][op.method]:
        verb = "change" if op.method == "PUT" else "delete"
        raise Forbidden(f"{op.where()}a {caller.kind.value} site may not {verb} {op.resource_type} resources")


def _meta_time(content: dict[str, Any]) -> datetime | None:
    meta = content.get("meta")
    stamp = meta.get("lastUpdated") if isinstance(meta, dict) else None
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")) if isinstance(stamp, str) else None


def _active(appointment: dict[str, Any]) -> bool:
    return appointment.get("status") not in RELEASED_APPOINTMENT_STATUSES


def _one_ref(value: object, resource_type: str) -> str | None:
    found = referenced(value, resource_type)
    return found[0] if found else None


def _index_columns(value: Any) -> dict[str, Any]:
    return {
        "system": clip(value.system) if value.system else None,
        "value": value.value,
        "low": value.low,
        "high": value.high,
    }


def _current(row: Row[Any]) -> Version:
    return Version(
        resource_type=row.res_type,
        resource_id=row.res_id,
        version=row.version_id,
        last_updated=row.last_updated,
        deleted=row.deleted,
        content=json.loads(row.content) if row.content else None,
        seq=row.seq,
    )


def _history_version(row: Row[Any]) -> Version:
    return Version(
        resource_type=row.res_type,
        resource_id=row.res_id,
        version=row.version_id,
        last_updated=row.last_updated,
        deleted=row.content is None,
        content=json.loads(row.content) if row.content else None,
        seq=row.seq,
        method=row.method,
        created=row.created,
    )


# --- sorting and cursors -------------------------------------------------------------------------------------

SORTS = ("_lastUpdated", "-_lastUpdated", "start")


def _order(sort: str) -> list[Any]:
    if sort == "-_lastUpdated":
        return [StoredResource.seq.desc()]
    if sort == "start":
        return [StoredResource.sort_date.asc(), StoredResource.res_id.asc()]
    return [StoredResource.seq.asc()]


def _cursor_after(sort: str, last: Version) -> str:
    if sort == "start":
        start = sort_date(last.resource_type, last.content or {})
        return f"{format_instant(start) if start else ''}|{last.resource_id}"
    return str(last.seq)


def _int_cursor(cursor: str) -> int:
    if not cursor.isdigit():
        raise BadRequest("the paging cursor is not valid; start again from the first page")
    return int(cursor)


def _cursor_clause(sort: str, cursor: str) -> ColumnElement[bool]:
    if sort == "start":
        moment, _, last_id = cursor.partition("|")
        try:
            start = date_range(moment)[0]
        except ValueError:
            raise BadRequest("the paging cursor is not valid; start again from the first page") from None
        return or_(
            StoredResource.sort_date > start,
            and_(StoredResource.sort_date == start, StoredResource.res_id > last_id),
        )
    after = _int_cursor(cursor)
    return StoredResource.seq < after if sort == "-_lastUpdated" else StoredResource.seq > after


# --- search conditions ---------------------------------------------------------------------------------------

DATE_PREFIXES = ("eq", "ne", "gt", "ge", "lt", "le")


def search_condition(resource_type: str, name: str, modifier: str | None, raw: str) -> ColumnElement[bool]:
    """The WHERE clause for one ``name[:modifier]=value[,value]`` search parameter (values are OR-ed)."""
    values = [v for v in _split_values(raw)]
    if not values or any(v == "" for v in values):
        raise BadRequest(f"search parameter {name!r} has an empty value")
    if name == "_id":
        if modifier:
            raise BadRequest(f"_id does not support :{modifier}")
        return StoredResource.res_id.in_(values)
    if name == "_lastUpdated":
        if modifier:
            raise BadRequest(f"_lastUpdated does not support :{modifier}")
        return or_(*(_date_match(StoredResource.last_updated, StoredResource.last_updated, v, name) for v in values))
    param = PARAMS.get(resource_type, {}).get(name)
    if param is None:
        raise BadRequest(f"{resource_type} has no search parameter {name!r} on this hub")
    if param.name == "service" and resource_type == "Slot":
        return _slot_service(param, modifier, values)
    if param.type == "token":
        return _token_condition(resource_type, param, modifier, values)
    if param.type == "reference":
        refs = [ref for value in values for ref in _reference_values(param, modifier, value)]
        return _indexed(resource_type, param.name, SearchIndexRow.value.in_(refs))
    if param.type == "string":
        if modifier not in (None, "exact", "contains"):
            raise BadRequest(f"{name} does not support :{modifier} (only :exact and :contains)")
        column = SearchIndexRow.value
        matches = []
        for value in values:
            text = normalise_string(value)
            if modifier == "exact":
                matches.append(column == text)
            elif modifier == "contains":
                matches.append(column.contains(text, autoescape=True))
            else:
                matches.append(column.startswith(text, autoescape=True))
        return _indexed(resource_type, param.name, or_(*matches))
    if modifier:
        raise BadRequest(f"{name} does not support :{modifier}")
    return _indexed(
        resource_type,
        param.name,
        or_(*(_date_match(SearchIndexRow.low, SearchIndexRow.high, v, name) for v in values)),
    )


def _split_values(raw: str) -> list[str]:
    """Comma separates alternatives; ``\\,`` is a literal comma."""
    parts, current, escaped = [], [], False
    for char in raw:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ",":
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _indexed(resource_type: str, name: str, match: ColumnElement[bool]) -> ColumnElement[bool]:
    return exists().where(
        SearchIndexRow.res_type == resource_type,
        SearchIndexRow.res_id == StoredResource.res_id,
        SearchIndexRow.param == name,
        match,
    )


def _token_condition(
    resource_type: str, param: SearchParam, modifier: str | None, values: list[str]
) -> ColumnElement[bool]:
    if modifier not in (None, "not"):
        raise BadRequest(f"{param.name} does not support :{modifier} (only :not)")
    matches = []
    for value in values:
        if "|" in value:
            system, _, code = value.partition("|")
            parts = []
            if code:
                parts.append(SearchIndexRow.value == clip(code))
            parts.append(SearchIndexRow.system.is_(None) if system == "" else SearchIndexRow.system == clip(system))
            matches.append(and_(*parts))
        else:
            matches.append(SearchIndexRow.value == clip(value))
    condition = _indexed(resource_type, param.name, or_(*matches))
    return not_(condition) if modifier == "not" else condition


def _reference_values(param: SearchParam, modifier: str | None, value: str) -> list[str]:
    if modifier and modifier not in HUB_TYPES:
        raise BadRequest(f"{param.name} does not support :{modifier}")
    if "/" in value:
        parsed = parse_reference(value)
        if parsed is None:
            raise BadRequest(f"{param.name}={value!r} is not a reference (Type/id)")
        return [f"{parsed[0]}/{parsed[1]}"]
    if modifier:
        return [f"{modifier}/{value}"]
    targets = param.targets or HUB_TYPES
    return [f"{target}/{value}" for target in targets]


_ACTOR_INDEX = aliased(SearchIndexRow, name="actor_index")


def _slot_service(param: SearchParam, modifier: str | None, values: list[str]) -> ColumnElement[bool]:
    service_refs = [ref for value in values for ref in _reference_values(param, modifier, value)]
    actor = _ACTOR_INDEX
    schedule_refs = select(literal("Schedule/") + actor.res_id).where(
        actor.res_type == "Schedule", actor.param == "actor", actor.value.in_(service_refs)
    )
    return exists().where(
        SearchIndexRow.res_type == "Slot",
        SearchIndexRow.res_id == StoredResource.res_id,
        SearchIndexRow.param == "schedule",
        SearchIndexRow.value.in_(schedule_refs),
    )


def _date_match(low: Any, high: Any, raw: str, name: str) -> ColumnElement[bool]:
    prefix = raw[:2] if raw[:2] in DATE_PREFIXES else "eq"
    text = raw[2:] if raw[:2] in DATE_PREFIXES else raw
    try:
        start, end = date_range(text)
    except ValueError:
        raise BadRequest(f"{name}={raw!r} is not a date (for example ge2026-03-01 or lt2026-03-01T09:00:00Z)") from None
    if prefix == "eq":
        return and_(low >= start, high < end)
    if prefix == "ne":
        return not_(and_(low >= start, high < end))
    if prefix == "gt":
        return high >= end
    if prefix == "ge":
        return high >= start
    if prefix == "lt":
        return low < start
    return low < end
