"""The service directory in FHIR R4: core types <-> Organization, Location, HealthcareService; Schedule and Slot.

The hub publishes what the Open Referral UK import produced, and desks rebuild their local directory from it, so
the mapping goes both ways and round-trips: everything FHIR has an element for goes there (so any FHIR client
understands the directory), and what it has not (ORUK opening rules beyond weekly hours, ages, fees, taxonomy
vocabularies) rides along in extensions under :data:`~socialrx_desk.fhir.common.STRUCTURE_DEFINITION_BASE`.

ORUK ids may be any string up to 200 characters; FHIR ids may not. An ORUK id that is a valid FHIR id is used as
it is; any other becomes a name-based UUID (stable across imports). The ORUK id is always kept as an identifier.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from typing import Any

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
from socialrx_desk.core.schedule import describe
from socialrx_desk.core.weekdays import WEEKDAY_CODES
from socialrx_desk.fhir.common import (
    BCP47_SYSTEM,
    CHARACTERISTIC_BOOKABLE,
    ORUK_LOCATION_SYSTEM,
    ORUK_ORGANIZATION_SYSTEM,
    ORUK_SERVICE_SYSTEM,
    ORUK_TAXONOMY_SYSTEM,
    SERVICE_CHARACTERISTIC_SYSTEM,
    STRUCTURE_DEFINITION_BASE,
    find_identifier,
    format_instant,
    has_coding,
    identifier,
    is_valid_id,
    parse_reference,
    reference,
    referenced,
)

#: Namespace of the name-based UUIDs that stand in for ORUK ids FHIR cannot carry, and of schedule/slot ids.
ID_NAMESPACE = uuid.UUID("5b0a7d4e-3c1f-4b8e-9a6d-2f7e1c0b9d31")

EXT_OPENING_HOURS = f"{STRUCTURE_DEFINITION_BASE}/opening-hours"
EXT_CLOSURE = f"{STRUCTURE_DEFINITION_BASE}/closure"
EXT_SERVICE_STATUS = f"{STRUCTURE_DEFINITION_BASE}/service-status"
EXT_MIN_AGE = f"{STRUCTURE_DEFINITION_BASE}/minimum-age"
EXT_MAX_AGE = f"{STRUCTURE_DEFINITION_BASE}/maximum-age"
EXT_FEES = f"{STRUCTURE_DEFINITION_BASE}/fees"
EXT_ALERT = f"{STRUCTURE_DEFINITION_BASE}/alert"
EXT_ATTENDING_TYPE = f"{STRUCTURE_DEFINITION_BASE}/attending-type"
EXT_SERVICE_AREA = f"{STRUCTURE_DEFINITION_BASE}/service-area"
EXT_SOURCE_LAST_MODIFIED = f"{STRUCTURE_DEFINITION_BASE}/source-last-modified"
EXT_DESCRIPTION = f"{STRUCTURE_DEFINITION_BASE}/description"
EXT_ACCESSIBILITY = f"{STRUCTURE_DEFINITION_BASE}/accessibility"
EXT_CONTACT = f"{STRUCTURE_DEFINITION_BASE}/contact"
EXT_TAXONOMY_TERM = f"{STRUCTURE_DEFINITION_BASE}/taxonomy-term"

_FHIR_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def fhir_id(oruk_id: str, kind: str) -> str:
    """The FHIR id for an ORUK record id of ``kind`` ("service", "organization", "location")."""
    if is_valid_id(oruk_id):
        return oruk_id
    return str(uuid.uuid5(ID_NAMESPACE, f"{kind}:{oruk_id}"))


def schedule_id_for(service_id: str) -> str:
    """The one Schedule the hub keeps per HealthcareService: a stable id so slot generation can be re-run."""
    return str(uuid.uuid5(ID_NAMESPACE, f"schedule:{service_id}"))


def slot_id_for(service_id: str, start: datetime) -> str:
    """A stable Slot id per service and start, so generating the same slots twice creates no duplicates."""
    return str(uuid.uuid5(ID_NAMESPACE, f"slot:{service_id}:{format_instant(start)}"))


# --- core -> FHIR --------------------------------------------------------------------------------------------


def organization_resource(organization: Organization) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Organization",
        "id": fhir_id(organization.id, "organization"),
        "identifier": [identifier(ORUK_ORGANIZATION_SYSTEM, organization.id)],
        "active": True,
        "name": organization.name,
    }
    telecom = []
    if organization.email:
        telecom.append({"system": "email", "value": organization.email})
    if organization.url:
        telecom.append({"system": "url", "value": organization.url})
    if telecom:
        resource["telecom"] = telecom
    if organization.description:
        resource["extension"] = [{"url": EXT_DESCRIPTION, "valueMarkdown": organization.description}]
    return resource


def location_resource(location: Location) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Location",
        "id": fhir_id(location.id, "location"),
        "identifier": [identifier(ORUK_LOCATION_SYSTEM, location.id)],
        "status": "active",
    }
    if location.name:
        resource["name"] = location.name
    if location.description:
        resource["description"] = location.description
    if location.addresses:
        resource["address"] = _address(location.addresses[0])
    if location.latitude is not None and location.longitude is not None:
        resource["position"] = {"latitude": location.latitude, "longitude": location.longitude}
    extensions: list[dict[str, Any]] = [{"url": EXT_ACCESSIBILITY, "valueString": t} for t in location.accessibility]
    extensions += [
        {"url": f"{STRUCTURE_DEFINITION_BASE}/other-address", "valueAddress": _address(extra)}
        for extra in location.addresses[1:]
    ]
    if extensions:
        resource["extension"] = extensions
    return resource


def healthcare_service_resource(service: Service, *, bookable: bool = False) -> dict[str, Any]:
    """A HealthcareService for ``service``; ``bookable`` adds the characteristic saying the hub holds its slots."""
    resource: dict[str, Any] = {
        "resourceType": "HealthcareService",
        "id": fhir_id(service.id, "service"),
        "identifier": [identifier(ORUK_SERVICE_SYSTEM, service.id)],
        "active": service.status.listed_by_default,
    }
    if service.organization is not None:
        resource["providedBy"] = {
            "reference": reference("Organization", fhir_id(service.organization.id, "organization")),
            "display": service.organization.name,
        }
    if service.taxonomy:
        resource["type"] = [_taxonomy_concept(term) for term in service.taxonomy]
    if service.locations:
        resource["location"] = [
            {
                "reference": reference("Location", fhir_id(loc.id, "location")),
                **({"display": loc.name} if loc.name else {}),
            }
            for loc in service.locations
        ]
    resource["name"] = service.name
    if service.description:
        resource["comment"] = service.description
    telecom = [{"system": "phone", "value": phone} for phone in service.phones]
    if service.email:
        telecom.append({"system": "email", "value": service.email})
    if service.url:
        telecom.append({"system": "url", "value": service.url})
    if telecom:
        resource["telecom"] = telecom
    if service.eligibility:
        resource["eligibility"] = [{"code": {"text": text}} for text in service.eligibility]
    characteristics = [_characteristic(access.value) for access in service.access]
    if bookable:
        characteristics.append(_characteristic(CHARACTERISTIC_BOOKABLE))
    if characteristics:
        resource["characteristic"] = characteristics
    if service.languages:
        resource["communication"] = [_language(code) for code in service.languages]
    if Access.APPOINTMENT in service.access:
        resource["appointmentRequired"] = True
    available = [_available_time(rule) for rule in service.opening_hours]
    if any(available):
        resource["availableTime"] = [item for item in available if item]
    closed = [c for c in service.closures if c.closed]
    if closed:
        resource["notAvailable"] = [
            {"description": "Closed", "during": {"start": c.start.isoformat(), "end": c.end.isoformat()}}
            for c in closed
        ]
    irregular = [rule for rule in service.opening_hours if not _available_time(rule)]
    if irregular and describe(irregular):
        resource["availabilityExceptions"] = "; ".join(describe(irregular))
    extensions = _service_extensions(service)
    if extensions:
        resource["extension"] = extensions
    return resource


def schedule_resource(
    service_id: str,
    *,
    service_name: str | None = None,
    horizon: tuple[date, date] | None = None,
    schedule_id: str | None = None,
) -> dict[str, Any]:
    actor: dict[str, Any] = {"reference": reference("HealthcareService", service_id)}
    if service_name:
        actor["display"] = service_name
    resource: dict[str, Any] = {
        "resourceType": "Schedule",
        "id": schedule_id or schedule_id_for(service_id),
        "active": True,
        "actor": [actor],
    }
    if horizon is not None:
        resource["planningHorizon"] = {"start": horizon[0].isoformat(), "end": horizon[1].isoformat()}
    return resource


def slot_resource(
    schedule_id: str,
    start: datetime,
    end: datetime,
    *,
    slot_id: str,
    status: str = "free",
) -> dict[str, Any]:
    """A Slot; ``start`` and ``end`` must be aware datetimes (a Slot's times are instants)."""
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("slot times need a time zone")
    return {
        "resourceType": "Slot",
        "id": slot_id,
        "schedule": {"reference": reference("Schedule", schedule_id)},
        "status": status,
        "start": start.isoformat(),
        "end": end.isoformat(),
    }


def _address(address: Address) -> dict[str, Any]:
    result: dict[str, Any] = {}
    if address.line1:
        result["line"] = [address.line1]
    if address.city:
        result["city"] = address.city
    if address.region:
        result["district"] = address.region
    if address.postcode:
        result["postalCode"] = address.postcode
    if address.country:
        result["country"] = address.country
    return result


def _taxonomy_concept(term: TaxonomyTerm) -> dict[str, Any]:
    details = [{"url": "id", "valueString": term.id}]
    if term.vocabulary:
        details.append({"url": "vocabulary", "valueString": term.vocabulary})
    if term.code:
        details.append({"url": "code", "valueString": term.code})
    if term.parent_id:
        details.append({"url": "parent", "valueString": term.parent_id})
    return {
        "extension": [{"url": EXT_TAXONOMY_TERM, "extension": details}],
        "coding": [{"system": ORUK_TAXONOMY_SYSTEM, "code": term.id, "display": term.name}],
        "text": term.name,
    }


def _characteristic(code: str) -> dict[str, Any]:
    return {"coding": [{"system": SERVICE_CHARACTERISTIC_SYSTEM, "code": code}], "text": code}


def _language(value: str) -> dict[str, Any]:
    looks_like_tag = 2 <= len(value) <= 12 and all(part.isalnum() for part in value.split("-"))
    if looks_like_tag and len(value.split("-")[0]) <= 3:
        return {"coding": [{"system": BCP47_SYSTEM, "code": value}], "text": value}
    return {"text": value}


def _fhir_time(moment: time) -> str:
    return moment.strftime("%H:%M:%S")


def _available_time(rule: OpeningHours) -> dict[str, Any] | None:
    """FHIR availableTime can say "these weekdays, these hours" and nothing more (no months, ordinals, dates).

    A weekly rule with a validity period is still given: readers that only know FHIR are better told the
    usual hours than nothing; the exact rule is in the opening-hours extension.
    """
    plain_weekly = (
        rule.freq is Frequency.WEEKLY
        and rule.interval == 1
        and rule.weekdays
        and all(code in WEEKDAY_CODES for code in rule.weekdays)
    )
    if not plain_weekly:
        return None
    item: dict[str, Any] = {"daysOfWeek": [_FHIR_DAYS[WEEKDAY_CODES.index(code)] for code in rule.weekdays]}
    if rule.opens and rule.closes:
        item["availableStartTime"] = _fhir_time(rule.opens)
        item["availableEndTime"] = _fhir_time(rule.closes)
    else:
        item["allDay"] = True
    return item


def _service_extensions(service: Service) -> list[dict[str, Any]]:
    extensions: list[dict[str, Any]] = [{"url": EXT_SERVICE_STATUS, "valueCode": _code(service.status.value)}]
    for rule in service.opening_hours:
        parts: list[dict[str, Any]] = [{"url": "freq", "valueCode": rule.freq.value}]
        if rule.weekdays:
            parts.append({"url": "byday", "valueString": ",".join(rule.weekdays)})
        if rule.month_days:
            parts.append({"url": "bymonthday", "valueString": ",".join(str(d) for d in rule.month_days)})
        if rule.interval != 1:
            parts.append({"url": "interval", "valuePositiveInt": rule.interval})
        if rule.opens:
            parts.append({"url": "opens", "valueTime": _fhir_time(rule.opens)})
        if rule.closes:
            parts.append({"url": "closes", "valueTime": _fhir_time(rule.closes)})
        for name, day in (("valid-from", rule.valid_from), ("valid-to", rule.valid_to), ("dtstart", rule.dtstart)):
            if day:
                parts.append({"url": name, "valueDate": day.isoformat()})
        if rule.description:
            parts.append({"url": "description", "valueString": rule.description})
        extensions.append({"url": EXT_OPENING_HOURS, "extension": parts})
    for closure in service.closures:
        parts = [
            {"url": "start", "valueDate": closure.start.isoformat()},
            {"url": "end", "valueDate": closure.end.isoformat()},
            {"url": "closed", "valueBoolean": closure.closed},
        ]
        if closure.opens:
            parts.append({"url": "opens", "valueTime": _fhir_time(closure.opens)})
        if closure.closes:
            parts.append({"url": "closes", "valueTime": _fhir_time(closure.closes)})
        extensions.append({"url": EXT_CLOSURE, "extension": parts})
    if service.min_age is not None:
        extensions.append({"url": EXT_MIN_AGE, "valueInteger": service.min_age})
    if service.max_age is not None:
        extensions.append({"url": EXT_MAX_AGE, "valueInteger": service.max_age})
    for url, text in (
        (EXT_FEES, service.fees),
        (EXT_ALERT, service.alert),
        (EXT_ATTENDING_TYPE, service.attending_type),
    ):
        if text:
            extensions.append({"url": url, "valueString": text})
    extensions += [{"url": EXT_SERVICE_AREA, "valueString": area} for area in service.service_areas]
    if service.last_modified is not None:
        moment = service.last_modified
        value = moment.isoformat() if moment.tzinfo is not None else format_instant(moment)
        extensions.append({"url": EXT_SOURCE_LAST_MODIFIED, "valueDateTime": value})
    for contact in service.contacts:
        parts = []
        for name, text in (
            ("name", contact.name),
            ("title", contact.title),
            ("email", contact.email),
            ("id", contact.id),
        ):
            if text:
                parts.append({"url": name, "valueString": text})
        parts += [{"url": "phone", "valueString": phone} for phone in contact.phones]
        if parts:
            extensions.append({"url": EXT_CONTACT, "extension": parts})
    return extensions


def _code(text: str) -> str:
    return "-".join(text.split())


# --- FHIR -> core --------------------------------------------------------------------------------------------


def organization_from_resource(resource: Mapping[str, Any]) -> Organization:
    telecom = _telecom(resource)
    return Organization(
        id=find_identifier(resource, ORUK_ORGANIZATION_SYSTEM) or str(resource["id"]),
        name=str(resource.get("name") or ""),
        description=_extension_value(resource, EXT_DESCRIPTION, "valueMarkdown"),
        email=next(iter(telecom.get("email", [])), None),
        url=next(iter(telecom.get("url", [])), None),
    )


def location_from_resource(resource: Mapping[str, Any]) -> Location:
    position = resource.get("position") or {}
    addresses = [_core_address(resource["address"])] if isinstance(resource.get("address"), Mapping) else []
    addresses += [
        _core_address(ext["valueAddress"])
        for ext in resource.get("extension") or ()
        if ext.get("url") == f"{STRUCTURE_DEFINITION_BASE}/other-address"
        and isinstance(ext.get("valueAddress"), Mapping)
    ]
    return Location(
        id=find_identifier(resource, ORUK_LOCATION_SYSTEM) or str(resource["id"]),
        name=resource.get("name"),
        description=resource.get("description"),
        latitude=position.get("latitude"),
        longitude=position.get("longitude"),
        addresses=addresses,
        accessibility=_extension_values(resource, EXT_ACCESSIBILITY, "valueString"),
    )


def service_from_resource(
    resource: Mapping[str, Any],
    organization: Mapping[str, Any] | None = None,
    locations: Iterable[Mapping[str, Any]] = (),
) -> Service:
    """Rebuild a core Service from a HealthcareService and the Organization / Locations it references.

    Works for HealthcareServices from any FHIR server; ours round-trip exactly through the extensions.
    """
    by_id = {str(loc.get("id")): loc for loc in locations}
    service_locations = [
        location_from_resource(by_id[loc_id])
        for loc_id in referenced(resource.get("location"), "Location")
        if loc_id in by_id
    ]
    telecom = _telecom(resource)
    contacts = _contacts(resource)
    if not contacts and telecom.get("phone"):
        contacts = [Contact(phones=list(telecom["phone"]))]
    status_code = _extension_value(resource, EXT_SERVICE_STATUS, "valueCode")
    status = (
        ServiceStatus.parse(status_code)
        if status_code
        else (ServiceStatus.ACTIVE if resource.get("active", True) else ServiceStatus.INACTIVE)
    )
    access = [Access(code) for code in _characteristic_codes(resource) if code in {member.value for member in Access}]
    min_age = _extension_value(resource, EXT_MIN_AGE, "valueInteger")
    max_age = _extension_value(resource, EXT_MAX_AGE, "valueInteger")
    last_modified = _extension_value(resource, EXT_SOURCE_LAST_MODIFIED, "valueDateTime")
    opening_hours = _opening_hours(resource)
    return Service(
        id=find_identifier(resource, ORUK_SERVICE_SYSTEM) or str(resource["id"]),
        name=str(resource.get("name") or ""),
        description=resource.get("comment"),
        organization=organization_from_resource(organization) if organization is not None else None,
        status=status,
        url=next(iter(telecom.get("url", [])), None),
        email=next(iter(telecom.get("email", [])), None),
        fees=_extension_value(resource, EXT_FEES, "valueString"),
        access=access,
        attending_type=_extension_value(resource, EXT_ATTENDING_TYPE, "valueString"),
        min_age=min_age if isinstance(min_age, int) else None,
        max_age=max_age if isinstance(max_age, int) else None,
        eligibility=[
            str(item["code"]["text"])
            for item in resource.get("eligibility") or ()
            if isinstance(item.get("code"), Mapping) and item["code"].get("text")
        ],
        locations=service_locations,
        contacts=contacts,
        opening_hours=opening_hours,
        closures=_closures(resource),
        taxonomy=[term for term in (_taxonomy_term(c) for c in resource.get("type") or ()) if term is not None],
        languages=[_language_code(item) for item in resource.get("communication") or () if _language_code(item)],
        service_areas=_extension_values(resource, EXT_SERVICE_AREA, "valueString"),
        alert=_extension_value(resource, EXT_ALERT, "valueString"),
        last_modified=datetime.fromisoformat(last_modified.replace("Z", "+00:00")) if last_modified else None,
    )


def is_bookable(resource: Mapping[str, Any]) -> bool:
    return has_coding(resource.get("characteristic"), SERVICE_CHARACTERISTIC_SYSTEM, CHARACTERISTIC_BOOKABLE)


def with_bookable(resource: Mapping[str, Any]) -> dict[str, Any]:
    """The HealthcareService with the bookable characteristic added (unchanged when it already has it)."""
    result = dict(resource)
    if not is_bookable(resource):
        result["characteristic"] = [*(resource.get("characteristic") or ()), _characteristic(CHARACTERISTIC_BOOKABLE)]
    return result


def opening_hours_of(resource: Mapping[str, Any]) -> list[OpeningHours]:
    """The opening rules of a HealthcareService: our exact extension, else FHIR's weekly availableTime."""
    return _opening_hours(resource)


def closures_of(resource: Mapping[str, Any]) -> list[Closure]:
    return _closures(resource)


def schedule_service_ids(schedule: Mapping[str, Any]) -> list[str]:
    return referenced(schedule.get("actor"), "HealthcareService")


def slot_schedule_id(slot: Mapping[str, Any]) -> str | None:
    schedule = slot.get("schedule")
    parsed = parse_reference(schedule.get("reference")) if isinstance(schedule, Mapping) else None
    return parsed[1] if parsed and parsed[0] == "Schedule" else None


def _telecom(resource: Mapping[str, Any]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for item in resource.get("telecom") or ():
        if isinstance(item, Mapping) and item.get("system") and item.get("value"):
            found.setdefault(str(item["system"]), []).append(str(item["value"]))
    return found


def _extensions(resource: Mapping[str, Any], url: str) -> list[Mapping[str, Any]]:
    return [ext for ext in resource.get("extension") or () if isinstance(ext, Mapping) and ext.get("url") == url]


def _extension_value(resource: Mapping[str, Any], url: str, key: str) -> Any:
    for ext in _extensions(resource, url):
        if key in ext:
            return ext[key]
    return None


def _extension_values(resource: Mapping[str, Any], url: str, key: str) -> list[Any]:
    return [ext[key] for ext in _extensions(resource, url) if key in ext]


def _parts(ext: Mapping[str, Any]) -> dict[str, list[Any]]:
    parts: dict[str, list[Any]] = {}
    for part in ext.get("extension") or ():
        value = next((v for k, v in part.items() if k.startswith("value")), None)
        if value is not None:
            parts.setdefault(str(part.get("url")), []).append(value)
    return parts


def _time(value: Any) -> time | None:
    return time.fromisoformat(value) if isinstance(value, str) and value else None


def _date(value: Any) -> date | None:
    return date.fromisoformat(value[:10]) if isinstance(value, str) and value else None


def _opening_hours(resource: Mapping[str, Any]) -> list[OpeningHours]:
    rules = []
    for ext in _extensions(resource, EXT_OPENING_HOURS):
        parts = _parts(ext)
        one = {name: values[0] for name, values in parts.items()}
        rules.append(
            OpeningHours(
                weekdays=tuple(str(one["byday"]).split(",")) if one.get("byday") else (),
                opens=_time(one.get("opens")),
                closes=_time(one.get("closes")),
                freq=Frequency(one.get("freq", "WEEKLY")),
                interval=int(one.get("interval", 1)),
                month_days=tuple(int(d) for d in str(one["bymonthday"]).split(",")) if one.get("bymonthday") else (),
                valid_from=_date(one.get("valid-from")),
                valid_to=_date(one.get("valid-to")),
                dtstart=_date(one.get("dtstart")),
                description=one.get("description"),
            )
        )
    if rules or _extensions(resource, EXT_SERVICE_STATUS):
        return rules
    for item in resource.get("availableTime") or ():
        days = tuple(WEEKDAY_CODES[_FHIR_DAYS.index(day)] for day in item.get("daysOfWeek") or () if day in _FHIR_DAYS)
        if not days:
            continue
        all_day = bool(item.get("allDay"))
        rules.append(
            OpeningHours(
                weekdays=days,
                opens=None if all_day else _time(item.get("availableStartTime")),
                closes=None if all_day else _time(item.get("availableEndTime")),
            )
        )
    return rules


def _closures(resource: Mapping[str, Any]) -> list[Closure]:
    closures = []
    for ext in _extensions(resource, EXT_CLOSURE):
        one = {name: values[0] for name, values in _parts(ext).items()}
        start, end = _date(one.get("start")), _date(one.get("end"))
        if start is None or end is None:
            continue
        closures.append(
            Closure(start, end, bool(one.get("closed", True)), _time(one.get("opens")), _time(one.get("closes")))
        )
    if closures or _extensions(resource, EXT_SERVICE_STATUS):
        return closures
    for item in resource.get("notAvailable") or ():
        during = item.get("during") or {}
        start = _date(during.get("start"))
        end = _date(during.get("end")) or start
        if start is not None and end is not None:
            closures.append(Closure(start, end))
    return closures


def _contacts(resource: Mapping[str, Any]) -> list[Contact]:
    contacts = []
    for ext in _extensions(resource, EXT_CONTACT):
        parts = _parts(ext)
        one = {name: values[0] for name, values in parts.items()}
        contacts.append(
            Contact(
                id=one.get("id"),
                name=one.get("name"),
                title=one.get("title"),
                email=one.get("email"),
                phones=[str(p) for p in parts.get("phone", [])],
            )
        )
    return contacts


def _characteristic_codes(resource: Mapping[str, Any]) -> list[str]:
    codes = []
    for concept in resource.get("characteristic") or ():
        for coding in concept.get("coding") or ():
            if coding.get("system") == SERVICE_CHARACTERISTIC_SYSTEM and coding.get("code"):
                codes.append(str(coding["code"]))
    return codes


def _taxonomy_term(concept: Mapping[str, Any]) -> TaxonomyTerm | None:
    for ext in _extensions(concept, EXT_TAXONOMY_TERM):
        one = {name: values[0] for name, values in _parts(ext).items()}
        if one.get("id"):
            return TaxonomyTerm(
                id=str(one["id"]),
                name=str(concept.get("text") or one["id"]),
                vocabulary=one.get("vocabulary"),
                code=one.get("code"),
                parent_id=one.get("parent"),
            )
    for coding in concept.get("coding") or ():
        if coding.get("code"):
            return TaxonomyTerm(
                id=str(coding["code"]), name=str(coding.get("display") or concept.get("text") or coding["code"])
            )
    return None


def _language_code(concept: Mapping[str, Any]) -> str:
    for coding in concept.get("coding") or ():
        if coding.get("code"):
            return str(coding["code"])
    return str(concept.get("text") or "")


def _core_address(value: Mapping[str, Any]) -> Address:
    lines = value.get("line") or []
    return Address(
        line1=", ".join(str(line) for line in lines) or None,
        city=value.get("city"),
        region=value.get("district"),
        postcode=value.get("postalCode"),
        country=value.get("country"),
    )
