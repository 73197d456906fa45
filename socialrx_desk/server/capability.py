"""The CapabilityStatement: exactly what this hub implements, built from the same tables the code runs on."""

from __future__ import annotations

from typing import Any

from socialrx_desk import __version__ as package_version
from socialrx_desk.fhir.common import FHIR_JSON, FHIR_VERSION, HUB_EPOCH_EXTENSION, HUB_TYPES
from socialrx_desk.server.params import HL7_SEARCH_PARAMETER, PARAMS

RESOURCE_INTERACTIONS = ("read", "vread", "update", "delete", "search-type", "history-instance", "history-type")

REST_DOCUMENTATION = (
    "socialrx_desk reference hub. Every request except /metadata needs 'Authorization: Bearer <site token>'. "
    "Resources are created and updated with PUT at client-assigned ids (update-create); If-Match with a weak "
    "ETag makes an update conditional (412 when the version differs). POST to the base accepts transaction "
    "Bundles only (PUT and DELETE entries, all or nothing). Search results: _count (default 50, at most 1000), "
    "_sort=_lastUpdated (default) | -_lastUpdated | start (Slot), _total=accurate, _summary=count; follow the "
    "'next' link to page (it stays correct while data changes when sorted by ascending _lastUpdated). "
    "_history on a type or instance takes _since, _count and _sort=_lastUpdated | -_lastUpdated (default, "
    "newest first) and shows deletions. A Slot can be held by at most one Appointment that is not cancelled, "
    "noshow or entered-in-error: a second booking is refused with 409 even without If-Match. Unknown search "
    "parameters are refused with 400 unless the request says 'Prefer: handling=lenient'."
)


def capability_statement(base_url: str, epoch: str, published: str) -> dict[str, Any]:
    return {
        "resourceType": "CapabilityStatement",
        "extension": [{"url": HUB_EPOCH_EXTENSION, "valueString": epoch}],
        "status": "active",
        "date": published,
        "publisher": "socialrx_desk",
        "kind": "instance",
        "software": {"name": "socialrx-hub", "version": package_version},
        "implementation": {"description": "socialrx_desk reference hub", "url": base_url},
        "fhirVersion": FHIR_VERSION,
        "format": [FHIR_JSON, "json"],
        "rest": [
            {
                "mode": "server",
                "documentation": REST_DOCUMENTATION,
                "security": {
                    "cors": False,
                    "description": "Bearer token per site (desk, kiosk, agency, admin), issued by the hub "
                    "administrator with 'socialrx-server add-site'.",
                },
                "resource": [_resource(resource_type) for resource_type in HUB_TYPES],
                "interaction": [{"code": "transaction"}],
            }
        ],
    }


def _resource(resource_type: str) -> dict[str, Any]:
    params = [
        {
            "name": "_id",
            "definition": f"{HL7_SEARCH_PARAMETER}/Resource-id",
            "type": "token",
            "documentation": "Logical id",
        },
        {
            "name": "_lastUpdated",
            "definition": f"{HL7_SEARCH_PARAMETER}/Resource-lastUpdated",
            "type": "date",
            "documentation": "When the current version was written (eq, ne, gt, ge, lt, le)",
        },
    ]
    for param in PARAMS.get(resource_type, {}).values():
        entry: dict[str, Any] = {"name": param.name, "type": param.type, "documentation": param.description}
        if param.definition:
            entry["definition"] = param.definition
        params.append(entry)
    return {
        "type": resource_type,
        "interaction": [{"code": code} for code in RESOURCE_INTERACTIONS],
        "versioning": "versioned-update",
        "readHistory": True,
        "updateCreate": True,
        "conditionalCreate": False,
        "conditionalRead": "not-match",
        "conditionalUpdate": False,
        "conditionalDelete": "not-supported",
        "searchParam": params,
    }
