"""The search parameters the hub supports, per resource type, and how each is read out of a resource.

Every parameter here is both indexed on write (rows in ``search_index``) and listed in the CapabilityStatement,
so the two cannot drift apart. ``_id`` and ``_lastUpdated`` work on every type from the ``resources`` columns;
Slot's ``service`` (Slots of a HealthcareService, through their Schedule) is resolved at query time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from socialrx_desk.fhir.common import SEARCH_PARAMETER_BASE, date_range, parse_reference

ParamType = Literal["token", "reference", "string", "date"]
VALUE_LENGTH = 512


@dataclass(frozen=True, slots=True)
class IndexValue:
    system: str | None = None
    value: str | None = None
    low: datetime | None = None
    high: datetime | None = None


@dataclass(frozen=True, slots=True)
class SearchParam:
    name: str
    type: ParamType
    extract: Callable[[Mapping[str, Any]], Iterable[IndexValue]] | None
    description: str
    targets: tuple[str, ...] = ()
    definition: str | None = None


HL7_SEARCH_PARAMETER = "http://hl7.org/fhir/SearchParameter"


def normalise_string(text: str) -> str:
    """FHIR string search is case- and accent-insensitive; we fold case and collapse spaces."""
    return " ".join(text.casefold().split())[:VALUE_LENGTH]


def clip(text: str) -> str:
    return text[:VALUE_LENGTH]


# --- extractors ----------------------------------------------------------------------------------------------


def _list(value: object) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _path(resource: Mapping[str, Any], path: str) -> list[Any]:
    """Follow a dotted path through objects and arrays: 'participant.actor' -> every actor."""
    current: list[Any] = [resource]
    for step in path.split("."):
        following: list[Any] = []
        for item in current:
            if isinstance(item, Mapping) and step in item:
                following.extend(_list(item[step]))
        current = following
    return current


def tokens_of(path: str) -> Callable[[Mapping[str, Any]], Iterator[IndexValue]]:
    """Token values at ``path``: codes, booleans, Codings, CodeableConcepts and Identifiers."""

    def extract(resource: Mapping[str, Any]) -> Iterator[IndexValue]:
        for item in _path(resource, path):
            if isinstance(item, bool):
                yield IndexValue(value="true" if item else "false")
            elif isinstance(item, str):
                yield IndexValue(value=clip(item))
            elif isinstance(item, Mapping):
                if "coding" in item:
                    for coding in _list(item.get("coding")):
                        if isinstance(coding, Mapping) and isinstance(coding.get("code"), str):
                            yield IndexValue(coding.get("system"), clip(coding["code"]))
                elif isinstance(item.get("code"), str):
                    yield IndexValue(item.get("system"), clip(item["code"]))
                elif isinstance(item.get("value"), str):
                    yield IndexValue(item.get("system"), clip(item["value"]))

    return extract


def references_of(path: str, targets: tuple[str, ...] = ()) -> Callable[[Mapping[str, Any]], Iterator[IndexValue]]:
    """References at ``path`` as ``Type/id`` (absolute URLs and version suffixes dropped)."""

    def extract(resource: Mapping[str, Any]) -> Iterator[IndexValue]:
        for item in _path(resource, path):
            parsed = parse_reference(item.get("reference")) if isinstance(item, Mapping) else None
            if parsed is not None and (not targets or parsed[0] in targets):
                yield IndexValue(value=f"{parsed[0]}/{parsed[1]}")

    return extract


def strings_of(*paths: str) -> Callable[[Mapping[str, Any]], Iterator[IndexValue]]:
    def extract(resource: Mapping[str, Any]) -> Iterator[IndexValue]:
        for path in paths:
            for item in _path(resource, path):
                if isinstance(item, str) and item.strip():
                    yield IndexValue(value=normalise_string(item))

    return extract


def human_names(resource: Mapping[str, Any], parts: tuple[str, ...]) -> Iterator[IndexValue]:
    for name in _list(resource.get("name")):
        if not isinstance(name, Mapping):
            continue
        for part in parts:
            for text in _list(name.get(part)):
                if isinstance(text, str) and text.strip():
                    yield IndexValue(value=normalise_string(text))


def dates_of(path: str) -> Callable[[Mapping[str, Any]], Iterator[IndexValue]]:
    """Dates at ``path`` as inclusive UTC ranges: an instant is one moment, a date its whole day."""

    def extract(resource: Mapping[str, Any]) -> Iterator[IndexValue]:
        for item in _path(resource, path):
            if isinstance(item, str):
                try:
                    low, high = date_range(item)
                except ValueError:
                    continue
                yield IndexValue(low=low, high=high - timedelta(microseconds=1))
            elif isinstance(item, Mapping) and ("start" in item or "end" in item):
                begins = _bound(item.get("start"), start=True)
                ends = _bound(item.get("end"), start=False)
                yield IndexValue(low=begins or datetime.min, high=ends or datetime.max)

    return extract


def _bound(value: object, *, start: bool) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        low, high = date_range(value)
    except ValueError:
        return None
    return low if start else high - timedelta(microseconds=1)


def _std(resource_type: str, name: str) -> str:
    return f"{HL7_SEARCH_PARAMETER}/{resource_type}-{name}"


def _common(resource_type: str) -> list[SearchParam]:
    return [
        SearchParam(
            "identifier",
            "token",
            tokens_of("identifier"),
            "A business identifier (system|value)",
            definition=_std(resource_type, "identifier"),
        )
    ]


def _ref(resource_type: str, name: str, path: str, targets: tuple[str, ...], description: str) -> SearchParam:
    return SearchParam(
        name, "reference", references_of(path, targets), description, targets, definition=_std(resource_type, name)
    )


def _token(resource_type: str, name: str, path: str, description: str) -> SearchParam:
    return SearchParam(name, "token", tokens_of(path), description, definition=_std(resource_type, name))


PARAMS: dict[str, dict[str, SearchParam]] = {}


def _register(resource_type: str, params: list[SearchParam]) -> None:
    PARAMS[resource_type] = {param.name: param for param in _common(resource_type) + params}


_register(
    "Organization",
    [
        SearchParam(
            "name", "string", strings_of("name", "alias"), "Name or alias", definition=_std("Organization", "name")
        ),
        _token("Organization", "active", "active", "Whether the organisation is active"),
    ],
)
_register(
    "Location",
    [
        SearchParam(
            "name", "string", strings_of("name", "alias"), "Name or alias", definition=_std("Location", "name")
        ),
        _ref("Location", "organization", "managingOrganization", ("Organization",), "The managing organisation"),
        SearchParam(
            "address-postalcode",
            "string",
            strings_of("address.postalCode"),
            "Postcode",
            definition=_std("Location", "address-postalcode"),
        ),
    ],
)
_register(
    "HealthcareService",
    [
        SearchParam("name", "string", strings_of("name"), "Service name", definition=_std("HealthcareService", "name")),
        _ref("HealthcareService", "organization", "providedBy", ("Organization",), "The organisation providing it"),
        _ref("HealthcareService", "location", "location", ("Location",), "Where it is delivered"),
        _token("HealthcareService", "active", "active", "Whether the service is active"),
        _token("HealthcareService", "service-type", "type", "Service type (ORUK taxonomy)"),
        _token("HealthcareService", "service-category", "category", "Service category"),
        _token("HealthcareService", "characteristic", "characteristic", "Self-referral, bookable, access"),
    ],
)
_register(
    "Schedule",
    [
        _ref("Schedule", "actor", "actor", (), "Who the schedule is for (a HealthcareService)"),
        _token("Schedule", "active", "active", "Whether the schedule is in use"),
    ],
)
_register(
    "Slot",
    [
        _ref("Slot", "schedule", "schedule", ("Schedule",), "The Schedule the slot belongs to"),
        _token("Slot", "status", "status", "free | busy | busy-unavailable | busy-tentative | entered-in-error"),
        SearchParam("start", "date", dates_of("start"), "When the slot starts", definition=_std("Slot", "start")),
        SearchParam(
            "service",
            "reference",
            None,
            "Slots of a HealthcareService (the actor of the slot's Schedule)",
            ("HealthcareService",),
            definition=f"{SEARCH_PARAMETER_BASE}/Slot-service",
        ),
    ],
)
_register(
    "Patient",
    [
        SearchParam(
            "name",
            "string",
            lambda r: human_names(r, ("family", "given", "text", "prefix", "suffix")),
            "Any part of a name",
            definition=_std("Patient", "name"),
        ),
        SearchParam(
            "family",
            "string",
            lambda r: human_names(r, ("family",)),
            "Family name",
            definition=_std("Patient", "family"),
        ),
        SearchParam(
            "given", "string", lambda r: human_names(r, ("given",)), "Given name", definition=_std("Patient", "given")
        ),
        SearchParam(
            "birthdate", "date", dates_of("birthDate"), "Date of birth", definition=_std("Patient", "birthdate")
        ),
    ],
)
_register(
    "ServiceRequest",
    [
        _token("ServiceRequest", "status", "status", "draft | active | on-hold | revoked | completed | ..."),
        _ref("ServiceRequest", "subject", "subject", (), "Who the referral is for"),
        _ref("ServiceRequest", "patient", "subject", ("Patient",), "The patient the referral is for"),
        _ref(
            "ServiceRequest", "requester", "requester", (), "The surgery Organization, or the Patient (self-referral)"
        ),
        _ref("ServiceRequest", "performer", "performer", (), "The HealthcareService referred to"),
        SearchParam(
            "authored",
            "date",
            dates_of("authoredOn"),
            "When it was written",
            definition=_std("ServiceRequest", "authored"),
        ),
    ],
)
_register(
    "Appointment",
    [
        _token("Appointment", "status", "status", "booked | cancelled | ..."),
        _ref("Appointment", "slot", "slot", ("Slot",), "The Slot booked"),
        _ref("Appointment", "patient", "participant.actor", ("Patient",), "The patient taking part"),
        _ref("Appointment", "actor", "participant.actor", (), "Any participant"),
        _ref("Appointment", "based-on", "basedOn", ("ServiceRequest",), "The referral it fulfils"),
        SearchParam("date", "date", dates_of("start"), "When it starts", definition=_std("Appointment", "date")),
    ],
)
_register(
    "Task",
    [
        _token("Task", "status", "status", "requested | accepted | rejected | completed | ..."),
        _ref("Task", "focus", "focus", (), "The ServiceRequest the task is about"),
        _ref("Task", "owner", "owner", (), "Who should act (the HealthcareService)"),
        _ref("Task", "requester", "requester", (), "Who asked"),
        _ref("Task", "patient", "for", ("Patient",), "The patient it is for"),
        _token("Task", "business-status", "businessStatus", "The agency's own status"),
    ],
)


def index_values(resource_type: str, resource: Mapping[str, Any]) -> Iterator[tuple[str, IndexValue]]:
    for name, param in PARAMS.get(resource_type, {}).items():
        if param.extract is None:
            continue
        seen: set[IndexValue] = set()
        for value in param.extract(resource):
            if value not in seen:
                seen.add(value)
                yield name, value


def sort_date(resource_type: str, resource: Mapping[str, Any]) -> datetime | None:
    """The value ``_sort=start`` orders Slots by (their start, as naive UTC)."""
    if resource_type != "Slot" or not isinstance(resource.get("start"), str):
        return None
    try:
        return date_range(resource["start"])[0]
    except ValueError:
        return None
