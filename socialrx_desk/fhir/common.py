"""What every FHIR R4 exchange in socialrx_desk shares: systems, ids, references, ETags, outcomes, bundles, validation.

The hub server and the desk's sync client both build and read the same wire shapes, so the constants and small
helpers live here once. Resources travel as plain ``dict`` JSON; the ``fhir.resources`` R4B models (wire-compatible
with R4 4.0.1 for the resources we use) are used to *validate* them, never as the in-memory representation, so
that what a client sent is stored and returned byte for byte apart from ``meta``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

FHIR_VERSION = "4.0.1"
FHIR_JSON = "application/fhir+json"

SOCIALRX_BASE = "https://socialrx.example/fhir"
STRUCTURE_DEFINITION_BASE = f"{SOCIALRX_BASE}/StructureDefinition"
CODE_SYSTEM_BASE = f"{SOCIALRX_BASE}/CodeSystem"
SEARCH_PARAMETER_BASE = f"{SOCIALRX_BASE}/SearchParameter"

#: CapabilityStatement extension carrying the hub's epoch: a random UUID made when the hub is initialised and
#: replaced when it is re-initialised or restored from a backup. A client that sees it change re-downloads.
HUB_EPOCH_EXTENSION = f"{STRUCTURE_DEFINITION_BASE}/hub-epoch"
HUB_EPOCH_HEADER = "X-Hub-Epoch"

# Identifier systems.
NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number"
ORUK_SERVICE_SYSTEM = f"{SOCIALRX_BASE}/Id/oruk-service"
ORUK_ORGANIZATION_SYSTEM = f"{SOCIALRX_BASE}/Id/oruk-organization"
ORUK_LOCATION_SYSTEM = f"{SOCIALRX_BASE}/Id/oruk-location"
#: The short human reference printed on slips and read out on the phone ("SRX-7K3Q-9PWD").
REFERRAL_REFERENCE_SYSTEM = f"{SOCIALRX_BASE}/Id/referral-reference"

# Coding systems.
ORUK_TAXONOMY_SYSTEM = f"{CODE_SYSTEM_BASE}/oruk-taxonomy"
SERVICE_CHARACTERISTIC_SYSTEM = f"{CODE_SYSTEM_BASE}/service-characteristic"
NEEDS_SYSTEM = f"{CODE_SYSTEM_BASE}/needs"
CHARACTERISTIC_BOOKABLE = "bookable"
CHARACTERISTIC_SELF_REFERRAL = "self-referral"
BCP47_SYSTEM = "urn:ietf:bcp:47"

# Resource types the hub serves.
DIRECTORY_TYPES: tuple[str, ...] = ("Organization", "Location", "HealthcareService", "Schedule", "Slot")
PERSONAL_TYPES: tuple[str, ...] = ("Patient", "ServiceRequest", "Appointment", "Task")
HUB_TYPES: tuple[str, ...] = DIRECTORY_TYPES + PERSONAL_TYPES

# Required value-set bindings that the R4B models do not enforce (they check the code's syntax only).
SLOT_STATUSES = frozenset({"busy", "free", "busy-unavailable", "busy-tentative", "entered-in-error"})
APPOINTMENT_STATUSES = frozenset(
    {
        "proposed",
        "pending",
        "booked",
        "arrived",
        "fulfilled",
        "cancelled",
        "noshow",
        "entered-in-error",
        "checked-in",
        "waitlist",
    }
)
#: An Appointment in any other status holds its Slot.
RELEASED_APPOINTMENT_STATUSES = frozenset({"cancelled", "noshow", "entered-in-error"})
SERVICE_REQUEST_STATUSES = frozenset(
    {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"}
)
REQUEST_INTENTS = frozenset(
    {
        "proposal",
        "plan",
        "directive",
        "order",
        "original-order",
        "reflex-order",
        "filler-order",
        "instance-order",
        "option",
    }
)
TASK_STATUSES = frozenset(
    {
        "draft",
        "requested",
        "received",
        "accepted",
        "rejected",
        "ready",
        "cancelled",
        "in-progress",
        "on-hold",
        "failed",
        "completed",
        "entered-in-error",
    }
)
TASK_INTENTS = REQUEST_INTENTS | {"unknown"}
ADMINISTRATIVE_GENDERS = frozenset({"male", "female", "other", "unknown"})

_REQUIRED_CODES: dict[tuple[str, str], frozenset[str]] = {
    ("Slot", "status"): SLOT_STATUSES,
    ("Appointment", "status"): APPOINTMENT_STATUSES,
    ("ServiceRequest", "status"): SERVICE_REQUEST_STATUSES,
    ("ServiceRequest", "intent"): REQUEST_INTENTS,
    ("Task", "status"): TASK_STATUSES,
    ("Task", "intent"): TASK_INTENTS,
    ("Patient", "gender"): ADMINISTRATIVE_GENDERS,
}

MAX_ID_LENGTH = 64
_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")
_TYPE = re.compile(r"[A-Z][A-Za-z]{1,63}")


def is_valid_id(value: object) -> bool:
    """FHIR's id rule, minus ``.`` and ``..``, which the rule allows but which every URL resolver rewrites."""
    return isinstance(value, str) and _ID.fullmatch(value) is not None and value.strip(".") != ""


# --- references ----------------------------------------------------------------------------------------------


def reference(resource_type: str, resource_id: str) -> str:
    return f"{resource_type}/{resource_id}"


def reference_to(resource: Mapping[str, Any]) -> dict[str, str]:
    return {"reference": reference(str(resource["resourceType"]), str(resource["id"]))}


def parse_reference(value: object) -> tuple[str, str] | None:
    """``Type/id``, ``Type/id/_history/3`` or an absolute URL ending so -> (Type, id); anything else -> None.

    Contained (``#x``) and ``urn:uuid:`` references are not references to a stored resource and give None.
    """
    if not isinstance(value, str) or not value or value.startswith(("#", "urn:")):
        return None
    path = value.split("?", 1)[0].rstrip("/")
    parts = path.split("/")
    if len(parts) >= 4 and parts[-2] == "_history":
        parts = parts[:-2]
    if len(parts) < 2:
        return None
    resource_type, resource_id = parts[-2], parts[-1]
    if _TYPE.fullmatch(resource_type) is None or not is_valid_id(resource_id):
        return None
    return resource_type, resource_id


def references_in(value: object) -> Iterator[str]:
    """Every ``reference`` string anywhere in a resource (the walk FHIR's transaction rules need)."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            if key == "reference" and isinstance(item, str):
                yield item
            else:
                yield from references_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from references_in(item)


def referenced(value: object, resource_type: str) -> list[str]:
    """Ids of the ``resource_type`` resources a Reference (or list of them) points at."""
    items = value if isinstance(value, list) else [value]
    found = []
    for item in items:
        if isinstance(item, Mapping):
            parsed = parse_reference(item.get("reference"))
            if parsed is not None and parsed[0] == resource_type:
                found.append(parsed[1])
    return found


# --- identifiers ---------------------------------------------------------------------------------------------


def identifier(system: str, value: str) -> dict[str, str]:
    return {"system": system, "value": value}


def find_identifier(resource: Mapping[str, Any], system: str) -> str | None:
    for item in resource.get("identifier") or ():
        if isinstance(item, Mapping) and item.get("system") == system and isinstance(item.get("value"), str):
            return str(item["value"])
    return None


def coding(system: str, code: str, display: str | None = None) -> dict[str, str]:
    result = {"system": system, "code": code}
    if display:
        result["display"] = display
    return result


def concept(system: str, code: str, display: str | None = None, text: str | None = None) -> dict[str, Any]:
    """A CodeableConcept with one coding (and text, by default the display)."""
    result: dict[str, Any] = {"coding": [coding(system, code, display)]}
    if text or display:
        result["text"] = text or display
    return result


def has_coding(concepts: object, system: str, code: str) -> bool:
    items = concepts if isinstance(concepts, list) else [concepts]
    for concept in items:
        if isinstance(concept, Mapping):
            for coding in concept.get("coding") or ():
                if isinstance(coding, Mapping) and coding.get("system") == system and coding.get("code") == code:
                    return True
    return False


# --- versions and time ---------------------------------------------------------------------------------------


#: What the hub answers when a write lost a race: 412 for a stale If-Match (the spec), 409 for everything else
#: (a slot already booked, a resource created concurrently; HAPI also uses 409 for stale versions). Clients
#: reconcile on both.
CONFLICT_STATUSES = frozenset({409, 412})


def version_of(resource: Mapping[str, Any]) -> int | None:
    """``meta.versionId`` as a number (what to send back as If-Match), or None."""
    meta = resource.get("meta")
    value = meta.get("versionId") if isinstance(meta, Mapping) else None
    return int(value) if isinstance(value, str) and value.isdigit() else None


def without_server_meta(resource: Mapping[str, Any]) -> dict[str, Any]:
    """The resource without the ``meta`` elements a server sets (versionId, lastUpdated): what to PUT back
    after changing a copy read from the hub, and what to compare when asking "did anything change?"."""
    result = dict(resource)
    meta = result.get("meta")
    if isinstance(meta, Mapping):
        kept = {k: v for k, v in meta.items() if k not in ("versionId", "lastUpdated")}
        if kept:
            result["meta"] = kept
        else:
            result.pop("meta")
    return result


def weak_etag(version: int | str) -> str:
    return f'W/"{version}"'


def parse_etag(value: str | None) -> int | None:
    """``W/"3"``, ``"3"`` or ``3`` -> 3; anything else -> None."""
    if value is None:
        return None
    text = value.strip()
    if text.startswith(("W/", "w/")):
        text = text[2:]
    text = text.strip().strip('"')
    return int(text) if text.isdigit() else None


def format_instant(moment: datetime) -> str:
    """A FHIR instant in UTC with microseconds, so that writes close together still order by lastUpdated."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f") + "Z"


def parse_instant(value: str) -> datetime:
    """A FHIR instant or dateTime with a time zone -> aware UTC datetime. Raises ValueError otherwise."""
    moment = datetime.fromisoformat(value.strip().replace(" ", "+"))
    if moment.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone")
    return moment.astimezone(UTC)


_DATE_PRECISION = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_range(value: str) -> tuple[datetime, datetime]:
    """The half-open UTC range ``[start, end)`` a FHIR date/dateTime/instant value stands for.

    ``2026``, ``2026-03`` and ``2026-03-01`` cover the year, month and day; a dateTime without a time zone is read
    as UTC (the hub's zone); a full instant covers one microsecond. Raises ValueError when it is no such value.
    """
    text = value.strip().replace(" ", "+")
    match = _DATE_PRECISION.match(text)
    if match:
        year, month, day = int(match.group(1)), match.group(2), match.group(3)
        if month is None:
            start = datetime(year, 1, 1)
            return start, datetime(year + 1, 1, 1)
        if day is None:
            start = datetime(year, int(month), 1)
            return start, (datetime(year + 1, 1, 1) if start.month == 12 else datetime(year, start.month + 1, 1))
        start = datetime.combine(date(year, int(month), int(day)), datetime.min.time())
        return start, start + timedelta(days=1)
    if "T" not in text:
        raise ValueError(f"{value!r} is not a FHIR date or dateTime")
    moment = datetime.fromisoformat(text.replace("z", "Z"))
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    seconds_given = len(text.split("T", 1)[1]) >= 8 and text.split("T", 1)[1][5:6] == ":"
    if "." in text.split("T", 1)[1]:
        return moment, moment + timedelta(microseconds=1)
    return moment, moment + (timedelta(seconds=1) if seconds_given else timedelta(minutes=1))


# --- OperationOutcome ----------------------------------------------------------------------------------------


def operation_outcome(
    diagnostics: str,
    *,
    code: str = "processing",
    severity: str = "error",
    expression: str | None = None,
) -> dict[str, Any]:
    issue: dict[str, Any] = {"severity": severity, "code": code, "diagnostics": diagnostics}
    if expression:
        issue["expression"] = [expression]
    return {"resourceType": "OperationOutcome", "issue": [issue]}


def outcome_text(outcome: object) -> str:
    """The human text of an OperationOutcome (what a client shows the receptionist), or '' when there is none."""
    if not isinstance(outcome, Mapping) or outcome.get("resourceType") != "OperationOutcome":
        return ""
    texts = []
    for issue in outcome.get("issue") or ():
        if isinstance(issue, Mapping):
            details = issue.get("details")
            text = issue.get("diagnostics") or (details.get("text") if isinstance(details, Mapping) else None)
            if isinstance(text, str) and text:
                texts.append(text)
    return "; ".join(texts)


# --- bundles -------------------------------------------------------------------------------------------------


def put_entry(resource: Mapping[str, Any], if_match: int | str | None = None) -> dict[str, Any]:
    """A transaction entry that upserts ``resource`` at its client-assigned id, optionally only at a version."""
    resource_type, resource_id = str(resource["resourceType"]), str(resource["id"])
    request: dict[str, Any] = {"method": "PUT", "url": reference(resource_type, resource_id)}
    if if_match is not None:
        request["ifMatch"] = _as_etag(if_match)
    return {"resource": dict(resource), "request": request}


def delete_entry(resource_type: str, resource_id: str, if_match: int | str | None = None) -> dict[str, Any]:
    request: dict[str, Any] = {"method": "DELETE", "url": reference(resource_type, resource_id)}
    if if_match is not None:
        request["ifMatch"] = _as_etag(if_match)
    return {"request": request}


def _as_etag(version: int | str) -> str:
    return version if isinstance(version, str) and version.startswith("W/") else weak_etag(version)


def transaction(entries: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    return {"resourceType": "Bundle", "type": "transaction", "entry": [dict(entry) for entry in entries]}


def bundle_resources(bundle: Mapping[str, Any], resource_type: str | None = None) -> list[dict[str, Any]]:
    found = []
    for entry in bundle.get("entry") or ():
        resource = entry.get("resource") if isinstance(entry, Mapping) else None
        if isinstance(resource, dict) and (resource_type is None or resource.get("resourceType") == resource_type):
            found.append(resource)
    return found


def bundle_link(bundle: Mapping[str, Any], relation: str) -> str | None:
    for link in bundle.get("link") or ():
        if isinstance(link, Mapping) and link.get("relation") == relation and isinstance(link.get("url"), str):
            return str(link["url"])
    return None


@dataclass(frozen=True, slots=True)
class EntryResponse:
    """One entry of a transaction-response: what happened to the resource at ``location``."""

    status: int
    resource_type: str | None
    resource_id: str | None
    version: int | None
    resource: dict[str, Any] | None


def entry_responses(bundle: Mapping[str, Any]) -> list[EntryResponse]:
    responses = []
    for entry in bundle.get("entry") or ():
        response = entry.get("response") if isinstance(entry, Mapping) else None
        if not isinstance(response, Mapping):
            continue
        status_text = str(response.get("status", "0")).split(" ", 1)[0]
        parsed = parse_reference(response.get("location"))
        resource = entry.get("resource")
        responses.append(
            EntryResponse(
                status=int(status_text) if status_text.isdigit() else 0,
                resource_type=parsed[0] if parsed else None,
                resource_id=parsed[1] if parsed else None,
                version=parse_etag(response.get("etag")),
                resource=resource if isinstance(resource, dict) else None,
            )
        )
    return responses


# --- validation ----------------------------------------------------------------------------------------------


class FhirValidationError(ValueError):
    """A resource that is not valid FHIR R4 (or not one we accept); ``str()`` is meant for people."""

    def __init__(self, diagnostics: str, expression: str | None = None) -> None:
        super().__init__(diagnostics)
        self.diagnostics = diagnostics
        self.expression = expression


@cache
def _model_class(resource_type: str) -> Any:
    from fhir.resources.R4B import get_fhir_model_class

    try:
        return get_fhir_model_class(resource_type)
    except (KeyError, ValueError):
        return None


def preload_models(resource_types: Iterable[str] = HUB_TYPES) -> None:
    """Import the R4B models now (about 40 ms each) rather than inside the first request that needs one."""
    for resource_type in resource_types:
        _model_class(resource_type)


def validate_resource(data: object, expected_type: str | None = None) -> dict[str, Any]:
    """Check ``data`` is a valid R4 resource (of ``expected_type`` when given) and return it unchanged.

    Structure and datatypes are checked by the ``fhir.resources`` R4B model; the required status bindings that
    the model leaves open are checked here. Raises :class:`FhirValidationError` with a readable reason.
    """
    if not isinstance(data, dict):
        raise FhirValidationError(f"expected a FHIR resource (a JSON object), got {_json_kind(data)}")
    resource_type = data.get("resourceType")
    if not isinstance(resource_type, str) or not resource_type:
        raise FhirValidationError("the JSON object has no resourceType", "resourceType")
    if expected_type is not None and resource_type != expected_type:
        raise FhirValidationError(f"expected a {expected_type} resource, got {resource_type}", "resourceType")
    model = _model_class(resource_type)
    if model is None:
        raise FhirValidationError(f"{resource_type} is not a FHIR R4 resource type", "resourceType")
    if "id" in data and not is_valid_id(data["id"]):
        raise FhirValidationError(
            f"{resource_type}.id {data['id']!r} is not a valid id (1-64 of A-Z, a-z, 0-9, '-' and '.')",
            f"{resource_type}.id",
        )
    from pydantic import ValidationError

    try:
        model.model_validate(data)
    except ValidationError as error:
        raise FhirValidationError(_describe(resource_type, error), _first_location(resource_type, error)) from None
    except (TypeError, ValueError) as error:
        raise FhirValidationError(f"{resource_type} is not valid: {error}") from None
    for (kind, element), allowed in _REQUIRED_CODES.items():
        if kind == resource_type and element in data and data[element] not in allowed:
            raise FhirValidationError(
                f"{resource_type}.{element} {data[element]!r} is not one of: {', '.join(sorted(allowed))}",
                f"{resource_type}.{element}",
            )
    return data


def _describe(resource_type: str, error: Any) -> str:
    problems = []
    for item in error.errors()[:5]:
        where = ".".join(str(part) for part in item.get("loc", ()) if part != "__root__")
        message = " ".join(str(item.get("msg", "invalid")).split())
        if item.get("type") == "missing":
            message = "is required"
        elif item.get("type") == "extra_forbidden":
            message = "is not an element of this resource"
        problems.append(f"{resource_type}.{where} {message}" if where else f"{resource_type}: {message}")
    more = len(error.errors()) - len(problems)
    if more > 0:
        problems.append(f"and {more} more")
    return "; ".join(problems)


def _first_location(resource_type: str, error: Any) -> str | None:
    errors = error.errors()
    if not errors:
        return None
    where = ".".join(str(part) for part in errors[0].get("loc", ()) if part != "__root__")
    return f"{resource_type}.{where}" if where else resource_type


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    return type(value).__name__
