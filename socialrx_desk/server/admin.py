"""Hub administration as plain functions: what ``socialrx-server`` runs, and what tests, benchmarks and the desk's
``--demo`` call directly. Each takes the hub's SQLAlchemy URL (``sqlite:///path`` or ``postgresql+psycopg://...``).

- ``init_hub(database_url, new_epoch=False) -> str``: create or upgrade the schema and return the hub's epoch
  (made on first init; ``new_epoch=True`` replaces it, which is what to do after restoring a backup, so that
  clients notice and download everything again).
- ``add_site(database_url, name, kind, practice=None, services=(), expires_at=None) -> str``: add a desk,
  kiosk, agency or admin site and return its bearer token. This is the only time the token exists in clear.
- ``revoke_site(database_url, name)``, ``list_sites(database_url) -> list[SiteInfo]``.
- ``import_directory(database_url, source) -> ImportReport``: Open Referral UK (v1 or v3; a file or an API URL)
  -> Organization, Location, HealthcareService, upserted by id in one transaction; bad records are reported
  and skipped; unchanged resources get no new version.
- ``make_slots(database_url, service_id, start, end, length_minutes, days=None, hours=None) -> int``: free Slots
  from the service's opening hours (or explicit weekdays and hours) between two dates, inclusive; returns how
  many were new. Running it twice creates nothing twice and never touches a booked slot.

All writes go through the same store as the REST API, as the hub administrator, so they are versioned and
visible in ``_history`` like any other change.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import httpx
from sqlalchemy import delete, insert, select, update

from socialrx_desk.core.directory import OpeningHours
from socialrx_desk.core.schedule import sessions
from socialrx_desk.core.weekdays import WEEKDAY_CODES
from socialrx_desk.directory.oruk import RecordError, parse_service
from socialrx_desk.directory.source import SourceError, read_records
from socialrx_desk.fhir.common import CHARACTERISTIC_BOOKABLE, SERVICE_CHARACTERISTIC_SYSTEM
from socialrx_desk.fhir.directory import (
    closures_of,
    healthcare_service_resource,
    location_resource,
    opening_hours_of,
    organization_resource,
    schedule_id_for,
    schedule_resource,
    slot_id_for,
    slot_resource,
    with_bookable,
)
from socialrx_desk.server.auth import ADMINISTRATOR, SiteKind, hash_token, new_token
from socialrx_desk.server.db import Database
from socialrx_desk.server.errors import HubError
from socialrx_desk.server.hubinfo import hub_epoch, initialise
from socialrx_desk.server.models import Site, SiteService, StoredResource
from socialrx_desk.server.storage import Operation, Store, search_condition, utcnow

DEFAULT_TIMEZONE = "Europe/London"
MAX_SLOTS = 100_000


class AdminError(Exception):
    """An administrative command cannot be done; the message says why."""


@contextmanager
def open_hub(database_url: str) -> Iterator[Database]:
    """The initialised hub database at ``database_url`` (schema brought up to date)."""
    db = Database(database_url, pool_size=2)
    try:
        db.migrate()
        hub_epoch(db)
        yield db
    finally:
        db.dispose()


# --- init ----------------------------------------------------------------------------------------------------


def init_hub(database_url: str, *, new_epoch: bool = False) -> str:
    db = Database(database_url, pool_size=2)
    try:
        epoch, _ = initialise(db, new_epoch=new_epoch)
        return epoch
    finally:
        db.dispose()


# --- sites ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SiteInfo:
    name: str
    kind: str
    practice: str | None
    services: tuple[str, ...]
    created_at: datetime
    expires_at: datetime | None
    revoked: bool


def add_site(
    database_url: str,
    name: str,
    kind: str,
    practice: str | None = None,
    services: Iterable[str] = (),
    expires_at: datetime | None = None,
) -> str:
    with open_hub(database_url) as db:
        return add_site_to(db, name, kind, practice, services, expires_at)


def add_site_to(
    db: Database,
    name: str,
    kind: str,
    practice: str | None = None,
    services: Iterable[str] = (),
    expires_at: datetime | None = None,
) -> str:
    name = " ".join(name.split())
    if not name or len(name) > 200:
        raise AdminError("a site needs a name of 1 to 200 characters")
    try:
        site_kind = SiteKind(kind)
    except ValueError:
        raise AdminError(f"kind must be one of {', '.join(k.value for k in SiteKind)}, not {kind!r}") from None
    practice = " ".join(practice.split()) if practice else None
    if practice and site_kind not in (SiteKind.DESK, SiteKind.KIOSK):
        raise AdminError("only desk and kiosk sites belong to a practice")
    service_ids = sorted(set(services))
    if service_ids and site_kind is not SiteKind.AGENCY:
        raise AdminError("only agency sites run services")
    if site_kind is SiteKind.AGENCY and not service_ids:
        raise AdminError("an agency site needs at least one --service it runs")
    if expires_at is not None and expires_at.tzinfo is not None:
        expires_at = expires_at.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)
    token = new_token()
    with db.write() as connection:
        if connection.execute(select(Site.id).where(Site.name == name)).first() is not None:
            raise AdminError(f"there is already a site called {name!r}")
        if service_ids:
            known = set(
                connection.execute(
                    select(StoredResource.res_id).where(
                        StoredResource.res_type == "HealthcareService",
                        StoredResource.res_id.in_(service_ids),
                        StoredResource.deleted.is_(False),
                    )
                ).scalars()
            )
            missing = [s for s in service_ids if s not in known]
            if missing:
                raise AdminError(f"this hub has no HealthcareService {', '.join(missing)}; import the directory first")
        site_id = connection.execute(
            insert(Site)
            .values(
                name=name,
                kind=site_kind.value,
                practice=practice,
                token_hash=hash_token(token),
                created_at=utcnow(),
                expires_at=expires_at,
            )
            .returning(Site.id)
        ).scalar_one()
        for service_id in service_ids:
            connection.execute(insert(SiteService).values(site_id=site_id, service_id=service_id))
    return token


def revoke_site(database_url: str, name: str) -> None:
    with open_hub(database_url) as db, db.write() as connection:
        done = connection.execute(update(Site).where(Site.name == name).values(revoked_at=utcnow()).returning(Site.id))
        if done.first() is None:
            raise AdminError(f"there is no site called {name!r}")


def remove_site(database_url: str, name: str) -> None:
    with open_hub(database_url) as db, db.write() as connection:
        done = connection.execute(delete(Site).where(Site.name == name).returning(Site.id))
        if done.first() is None:
            raise AdminError(f"there is no site called {name!r}")


def list_sites(database_url: str) -> list[SiteInfo]:
    with open_hub(database_url) as db, db.read() as connection:
        services: dict[int, list[str]] = {}
        for site_id, service_id in connection.execute(select(SiteService.site_id, SiteService.service_id)):
            services.setdefault(site_id, []).append(service_id)
        return [
            SiteInfo(
                row.name,
                row.kind,
                row.practice,
                tuple(sorted(services.get(row.id, []))),
                row.created_at,
                row.expires_at,
                row.revoked_at is not None,
            )
            for row in connection.execute(select(Site).order_by(Site.name))
        ]


# --- directory -----------------------------------------------------------------------------------------------


@dataclass(slots=True)
class ImportReport:
    services: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        text = (
            f"{self.services} services read: {self.created} resources created, {self.updated} updated, "
            f"{self.unchanged} unchanged; {len(self.skipped)} records skipped"
        )
        return text


def import_directory(database_url: str, source: str, *, client: httpx.Client | None = None) -> ImportReport:
    with open_hub(database_url) as db:
        return import_directory_to(db, source, client=client)


def import_directory_to(db: Database, source: str, *, client: httpx.Client | None = None) -> ImportReport:
    report = ImportReport()
    resources: dict[tuple[str, str], dict[str, Any]] = {}
    services: list[dict[str, Any]] = []
    try:
        for raw in read_records(source, client):
            try:
                service = parse_service(raw.data)
            except RecordError as error:
                report.skipped.append((raw.where, str(error)))
                continue
            report.services += 1
            if service.organization is not None:
                organization = organization_resource(service.organization)
                resources.setdefault(("Organization", organization["id"]), organization)
            for location in service.locations:
                resource = location_resource(location)
                resources.setdefault(("Location", resource["id"]), resource)
            services.append(healthcare_service_resource(service))
    except SourceError as error:
        raise AdminError(str(error)) from None
    store = Store(db)
    bookable = _bookable_services(store)
    for resource in services:
        if resource["id"] in bookable:
            resource = with_bookable(resource)
        resources[("HealthcareService", resource["id"])] = resource
    operations = [
        Operation("PUT", resource_type, resource_id, resource, label=f"{resource_type}/{resource_id}")
        for (resource_type, resource_id), resource in resources.items()
    ]
    if operations:
        try:
            outcomes = store.transact(ADMINISTRATOR, operations)
        except HubError as error:
            raise AdminError(f"the import was not stored: {error.diagnostics}") from None
        for outcome in outcomes:
            if not outcome.changed:
                report.unchanged += 1
            elif outcome.status == 201:
                report.created += 1
            else:
                report.updated += 1
        if report.created or report.updated:
            db.analyze()
    return report


def _bookable_services(store: Store) -> set[str]:
    condition = search_condition(
        "HealthcareService", "characteristic", None, f"{SERVICE_CHARACTERISTIC_SYSTEM}|{CHARACTERISTIC_BOOKABLE}"
    )
    found: set[str] = set()
    cursor = None
    while True:
        page = store.search(
            ADMINISTRATOR,
            "HealthcareService",
            [condition],
            sort="_lastUpdated",
            count=1000,
            cursor=cursor,
            want_total=False,
        )
        found |= {version.resource_id for version in page.versions}
        if page.next_cursor is None:
            return found
        cursor = page.next_cursor


# --- slots ---------------------------------------------------------------------------------------------------


def parse_length(text: str) -> int:
    """'30m', '30', '1h', '1h30m', '90min' -> minutes."""
    value = text.strip().lower().replace("min", "m").replace(" ", "")
    total = 0
    number = ""
    for char in value:
        if char.isdigit():
            number += char
        elif char in "hm" and number:
            total += int(number) * (60 if char == "h" else 1)
            number = ""
        else:
            raise AdminError(f"{text!r} is not a length such as 30m or 1h")
    if number:
        total += int(number)
    if total <= 0:
        raise AdminError(f"{text!r} is not a length such as 30m or 1h")
    return total


def parse_days(text: str) -> tuple[str, ...]:
    days = tuple(part.strip().upper()[:2] for part in text.split(",") if part.strip())
    bad = [d for d in days if d not in WEEKDAY_CODES]
    if bad or not days:
        raise AdminError(f"{text!r} is not a list of weekdays such as MO,TU,WE")
    return days


def parse_hours(text: str) -> list[tuple[time, time]]:
    """'09:00-12:00' or '09:00-12:00,13:30-16:00'."""
    ranges = []
    for part in text.split(","):
        opens, sep, closes = part.strip().partition("-")
        try:
            start, end = time.fromisoformat(opens.strip()), time.fromisoformat(closes.strip())
        except ValueError:
            raise AdminError(f"{part!r} is not a time range such as 09:00-12:00") from None
        if not sep or end <= start:
            raise AdminError(f"{part!r} is not a time range such as 09:00-12:00")
        ranges.append((start, end))
    return ranges


def make_slots(
    database_url: str,
    service_id: str,
    start: date,
    end: date,
    length_minutes: int,
    days: Sequence[str] | None = None,
    hours: Sequence[tuple[time, time]] | None = None,
    timezone: str = DEFAULT_TIMEZONE,
) -> int:
    with open_hub(database_url) as db:
        return make_slots_in(db, service_id, start, end, length_minutes, days, hours, timezone)


def make_slots_in(
    db: Database,
    service_id: str,
    start: date,
    end: date,
    length_minutes: int,
    days: Sequence[str] | None = None,
    hours: Sequence[tuple[time, time]] | None = None,
    timezone: str = DEFAULT_TIMEZONE,
) -> int:
    if end < start:
        raise AdminError("--to is before --from")
    if length_minutes <= 0:
        raise AdminError("the slot length must be positive")
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise AdminError(f"{timezone!r} is not a time zone name such as Europe/London") from None
    store = Store(db)
    try:
        service = store.read(ADMINISTRATOR, "HealthcareService", service_id)
    except HubError:
        raise AdminError(f"this hub has no HealthcareService {service_id}; import the directory first") from None
    assert service.content is not None
    if days or hours:
        if not hours:
            raise AdminError("--days needs --hours too (for example --hours 09:00-12:00)")
        rules = [OpeningHours(weekdays=tuple(days or WEEKDAY_CODES[:5]), opens=a, closes=b) for a, b in hours]
    else:
        rules = [rule for rule in opening_hours_of(service.content) if rule.opens and rule.closes]
        if not rules:
            raise AdminError(f"HealthcareService {service_id} has no opening hours; give --days and --hours")
    length = timedelta(minutes=length_minutes)
    wanted: dict[str, dict[str, Any]] = {}
    schedule_id = schedule_id_for(service_id)
    for session in sessions(rules, start, end, closures_of(service.content)):
        if session.opens is None or session.closes is None:
            continue
        moment = datetime.combine(session.day, session.opens)
        closes = datetime.combine(session.day, session.closes)
        while moment + length <= closes:
            slot_start = moment.replace(tzinfo=zone)
            slot_end = (moment + length).replace(tzinfo=zone)
            slot_id = slot_id_for(service_id, slot_start)
            wanted[slot_id] = slot_resource(schedule_id, slot_start, slot_end, slot_id=slot_id)
            moment += length
            if len(wanted) > MAX_SLOTS:
                raise AdminError(f"that would make more than {MAX_SLOTS:,} slots; choose a shorter period")
    with db.read() as connection:
        existing = set()
        ids = sorted(wanted)
        for offset in range(0, len(ids), 500):
            existing |= set(
                connection.execute(
                    select(StoredResource.res_id).where(
                        StoredResource.res_type == "Slot", StoredResource.res_id.in_(ids[offset : offset + 500])
                    )
                ).scalars()
            )
    new = [resource for slot_id, resource in wanted.items() if slot_id not in existing]
    operations = [
        Operation("PUT", "Schedule", schedule_id, _schedule(store, service_id, service.content), label="Schedule"),
        Operation("PUT", "HealthcareService", service_id, with_bookable(service.content), label="HealthcareService"),
    ]
    operations += [Operation("PUT", "Slot", r["id"], r, label=f"Slot/{r['id']}") for r in new]
    try:
        store.transact(ADMINISTRATOR, operations)
    except HubError as error:
        raise AdminError(f"the slots were not stored: {error.diagnostics}") from None
    if new:
        db.analyze()
    return len(new)


def _schedule(store: Store, service_id: str, service: dict[str, Any]) -> dict[str, Any]:
    try:
        current = store.read(ADMINISTRATOR, "Schedule", schedule_id_for(service_id))
    except HubError:
        return schedule_resource(service_id, service_name=service.get("name"))
    assert current.content is not None
    return current.content
