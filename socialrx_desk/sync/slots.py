"""Hub Slots as local rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from socialrx_desk.fhir.directory import slot_schedule_id
from socialrx_desk.services.referrals import slot_times


def slot_row_values(resource: dict[str, Any], service_id: str | None, now: datetime) -> dict[str, Any] | None:
    """Column values for a SlotRow, or None when the slot cannot be placed (unknown service, bad times)."""
    if service_id is None:
        return None
    try:
        start, end = slot_times(resource)
    except (KeyError, ValueError):
        return None
    meta = resource.get("meta") or {}
    return {
        "id": str(resource["id"]),
        "service_id": service_id,
        "schedule_id": slot_schedule_id(resource),
        "start": start,
        "end": end,
        "status": str(resource.get("status") or "busy"),
        "version": str(meta["versionId"]) if meta.get("versionId") is not None else None,
        "resource": {k: v for k, v in resource.items() if k != "meta"},
        "updated_at": now,
    }
