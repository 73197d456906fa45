"""Writing and reading the directory: bulk upsert of services with their full-text rows, and reading back.

Writes use SQLAlchemy Core executemany on the caller's connection (one transaction for a whole import):
the ORM's unit of work would be ten times slower for 100,000 services.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import Any

from sqlalchemy import Connection, Table, delete, func, insert, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from socialrx_desk.core.directory import (
    Access,
    Address,
    Closure,
    Contact,
    Frequency,
    Location,
    OpeningHours,
    Organization,
    Service,
    ServiceStatus,
    TaxonomyTerm,
)
from socialrx_desk.core.schedule import open_weekdays
from socialrx_desk.store.models import (
    AddressRow,
    ClosureRow,
    ContactRow,
    LocationRow,
    OpeningHoursRow,
    OrganizationRow,
    ServiceLocationRow,
    ServiceNeedRow,
    ServiceRow,
    ServiceTaxonomyRow,
    StoreMetaRow,
    TaxonomyTermRow,
)

_CHUNK = 500
_T = Any  # Table objects of the typed models


@dataclass(frozen=True, slots=True)
class IndexDocument:
    """The stemmed text a service contributes to the full-text index, one field per FTS column."""

    name: str
    organization: str
    taxonomy: str
    needs: str
    description: str


@dataclass(frozen=True, slots=True)
class UpsertCounts:
    inserted: int
    updated: int


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _upsert(connection: Connection, model: type[Any], rows: list[dict[str, Any]], key: str) -> None:
    if not rows:
        return
    table = _table(model)
    statement = sqlite_insert(table)
    updates = {c.name: statement.excluded[c.name] for c in table.columns if c.name != key}
    connection.execute(statement.on_conflict_do_update(index_elements=[key], set_=updates), rows)


def _hhmm(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def _weekday_mask(service: Service) -> int:
    mask = 0
    for day in open_weekdays(service.opening_hours):
        mask |= 1 << day
    return mask


def upsert_services(
    connection: Connection,
    services: Sequence[Service],
    needs: Mapping[str, Mapping[str, float]],
    documents: Mapping[str, IndexDocument],
) -> UpsertCounts:
    """Insert or replace services (by ORUK id) with everything hanging off them, in the caller's transaction.

    ``needs`` and ``documents`` are keyed by service id: the needs tags and index text computed by the caller.
    A service that appears twice in one batch keeps its last version.
    """
    latest = {service.id: service for service in services}
    batch = list(latest.values())
    if not batch:
        return UpsertCounts(0, 0)
    existing: dict[str, int] = {}
    for chunk in _chunks([s.id for s in batch]):
        existing.update(connection.execute(select(ServiceRow.id, ServiceRow.pk).where(ServiceRow.id.in_(chunk))).all())
    next_pk = (connection.execute(select(func.max(ServiceRow.pk))).scalar() or 0) + 1
    pks: dict[str, int] = {}
    for service in batch:
        if service.id in existing:
            pks[service.id] = existing[service.id]
        else:
            pks[service.id] = next_pk
            next_pk += 1

    stale = list(existing.values())
    for chunk in _chunks(stale):
        for model in (
            ContactRow,
            OpeningHoursRow,
            ClosureRow,
            ServiceLocationRow,
            ServiceTaxonomyRow,
            ServiceNeedRow,
        ):
            connection.execute(delete(_table(model)).where(_table(model).c.service_pk.in_(chunk)))
        connection.execute(text(f"DELETE FROM service_fts WHERE rowid IN ({','.join(str(int(pk)) for pk in chunk)})"))

    organizations = {s.organization.id: s.organization for s in batch if s.organization}
    _upsert(connection, OrganizationRow, [_organization_row(o) for o in organizations.values()], "id")

    locations = {loc.id: loc for s in batch for loc in s.locations}
    _upsert(connection, LocationRow, [_location_row(loc) for loc in locations.values()], "id")
    location_ids = list(locations)
    for chunk in _chunks(location_ids):
        connection.execute(delete(_table(AddressRow)).where(_table(AddressRow).c.location_id.in_(chunk)))
    address_rows = [_address_row(loc.id, address) for loc in locations.values() for address in loc.addresses]
    if address_rows:
        connection.execute(insert(_table(AddressRow)), address_rows)

    terms = {t.id: t for s in batch for t in s.taxonomy}
    _upsert(connection, TaxonomyTermRow, [_term_row(t) for t in terms.values()], "id")

    now = datetime.now(UTC).replace(tzinfo=None)
    _upsert(
        connection,
        ServiceRow,
        [_service_row(s, pks[s.id], needs.get(s.id, {}), now) for s in batch],
        "id",
    )
    children: dict[type[Any], list[dict[str, Any]]] = {
        ContactRow: [],
        OpeningHoursRow: [],
        ClosureRow: [],
        ServiceLocationRow: [],
        ServiceTaxonomyRow: [],
        ServiceNeedRow: [],
    }
    for service in batch:
        pk = pks[service.id]
        children[ContactRow] += [_contact_row(pk, c) for c in service.contacts]
        children[OpeningHoursRow] += [_hours_row(pk, h) for h in service.opening_hours]
        children[ClosureRow] += [_closure_row(pk, c) for c in service.closures]
        children[ServiceLocationRow] += [
            {"service_pk": pk, "location_id": loc_id} for loc_id in dict.fromkeys(loc.id for loc in service.locations)
        ]
        children[ServiceTaxonomyRow] += [
            {"service_pk": pk, "term_id": term_id} for term_id in dict.fromkeys(t.id for t in service.taxonomy)
        ]
        children[ServiceNeedRow] += [
            {"service_pk": pk, "need": need, "weight": weight} for need, weight in needs.get(service.id, {}).items()
        ]
    for model, rows in children.items():
        if rows:
            connection.execute(insert(_table(model)), rows)

    fts_rows = []
    for service in batch:
        document = documents[service.id]
        fts_rows.append(
            {
                "rowid": pks[service.id],
                "name": document.name,
                "organization": document.organization,
                "taxonomy": document.taxonomy,
                "needs": document.needs,
                "description": document.description,
            }
        )
    connection.execute(
        text(
            "INSERT INTO service_fts (rowid, name, organization, taxonomy, needs, description) "
            "VALUES (:rowid, :name, :organization, :taxonomy, :needs, :description)"
        ),
        fts_rows,
    )
    return UpsertCounts(inserted=len(batch) - len(existing), updated=len(existing))


def _organization_row(org: Organization) -> dict[str, Any]:
    return {
        "id": org.id,
        "name": org.name,
        "description": org.description,
        "email": org.email,
        "url": org.url,
    }


def _location_row(loc: Location) -> dict[str, Any]:
    return {
        "id": loc.id,
        "name": loc.name,
        "description": loc.description,
        "latitude": loc.latitude,
        "longitude": loc.longitude,
        "accessibility": loc.accessibility,
    }


def _address_row(location_id: str, address: Address) -> dict[str, Any]:
    return {
        "location_id": location_id,
        "line1": address.line1,
        "city": address.city,
        "region": address.region,
        "postcode": address.postcode,
        "country": address.country,
    }


def _term_row(term: TaxonomyTerm) -> dict[str, Any]:
    return {
        "id": term.id,
        "name": term.name,
        "vocabulary": term.vocabulary,
        "code": term.code,
        "parent_id": term.parent_id,
    }


def _service_row(service: Service, pk: int, needs: Mapping[str, float], now: datetime) -> dict[str, Any]:
    return {
        "pk": pk,
        "id": service.id,
        "name": service.name,
        "description": service.description,
        "organization_id": service.organization.id if service.organization else None,
        "status": service.status.value,
        "url": service.url,
        "email": service.email,
        "fees": service.fees,
        "access": " ".join(a.value for a in service.access),
        "attending_type": service.attending_type,
        "min_age": service.min_age,
        "max_age": service.max_age,
        "eligibility": service.eligibility,
        "languages": service.languages,
        "service_areas": service.service_areas,
        "alert": service.alert,
        "open_days": _weekday_mask(service),
        "needs": " ".join(needs),
        "last_modified": service.last_modified.replace(tzinfo=None) if service.last_modified else None,
        "imported_at": now,
    }


def _contact_row(pk: int, contact: Contact) -> dict[str, Any]:
    return {
        "service_pk": pk,
        "name": contact.name,
        "title": contact.title,
        "email": contact.email,
        "phones": contact.phones,
    }


def _hours_row(pk: int, hours: OpeningHours) -> dict[str, Any]:
    return {
        "service_pk": pk,
        "weekdays": ",".join(hours.weekdays),
        "opens": _hhmm(hours.opens),
        "closes": _hhmm(hours.closes),
        "freq": hours.freq.value,
        "interval": hours.interval,
        "month_days": ",".join(str(d) for d in hours.month_days),
        "valid_from": hours.valid_from,
        "valid_to": hours.valid_to,
        "dtstart": hours.dtstart,
        "description": hours.description,
    }


def _closure_row(pk: int, closure: Closure) -> dict[str, Any]:
    return {
        "service_pk": pk,
        "start": closure.start,
        "end": closure.end,
        "closed": closure.closed,
        "opens": _hhmm(closure.opens),
        "closes": _hhmm(closure.closes),
    }


# --- reading ----------------------------------------------------------------------------------------------


def _time(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def service_from_row(row: ServiceRow) -> Service:
    org = row.organization
    return Service(
        id=row.id,
        name=row.name,
        description=row.description,
        organization=Organization(org.id, org.name, org.description, org.email, org.url) if org else None,
        status=ServiceStatus.parse(row.status),
        url=row.url,
        email=row.email,
        fees=row.fees,
        access=[a for a in (Access.parse(v) for v in row.access.split()) if a is not None],
        attending_type=row.attending_type,
        min_age=row.min_age,
        max_age=row.max_age,
        eligibility=list(row.eligibility or []),
        locations=[
            Location(
                id=loc.id,
                name=loc.name,
                description=loc.description,
                latitude=loc.latitude,
                longitude=loc.longitude,
                addresses=[Address(a.line1, a.city, a.region, a.postcode, a.country) for a in loc.addresses],
                accessibility=list(loc.accessibility or []),
            )
            for loc in row.locations
        ],
        contacts=[Contact(None, c.name, c.title, c.email, list(c.phones or [])) for c in row.contacts],
        opening_hours=[
            OpeningHours(
                weekdays=tuple(d for d in h.weekdays.split(",") if d),
                opens=_time(h.opens),
                closes=_time(h.closes),
                freq=Frequency(h.freq),
                interval=h.interval,
                month_days=tuple(int(d) for d in h.month_days.split(",") if d),
                valid_from=h.valid_from,
                valid_to=h.valid_to,
                dtstart=h.dtstart,
                description=h.description,
            )
            for h in row.opening_hours
        ],
        closures=[Closure(c.start, c.end, c.closed, _time(c.opens), _time(c.closes)) for c in row.closures],
        taxonomy=[TaxonomyTerm(t.id, t.name, t.vocabulary, t.code, t.parent_id) for t in row.taxonomy],
        languages=list(row.languages or []),
        service_areas=list(row.service_areas or []),
        alert=row.alert,
        last_modified=row.last_modified,
    )


def load_service(session: Session, service_id: str) -> tuple[Service, list[str]] | None:
    """A service with its needs (strongest first), or None."""
    row = session.scalars(select(ServiceRow).where(ServiceRow.id == service_id)).one_or_none()
    if row is None:
        return None
    return service_from_row(row), row.needs.split()


def service_count(session: Session) -> int:
    return session.execute(select(func.count()).select_from(ServiceRow)).scalar_one()


def get_meta(connection: Connection, key: str) -> str | None:
    return connection.execute(select(StoreMetaRow.value).where(StoreMetaRow.key == key)).scalar_one_or_none()


def set_meta(connection: Connection, key: str, value: str) -> None:
    _upsert(connection, StoreMetaRow, [{"key": key, "value": value}], "key")
