from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, time

import pytest

from socialrx_desk.core.directory import Frequency, OpeningHours, Organization, Service
from socialrx_desk.directory.oruk import parse_service, split_envelope
from socialrx_desk.fhir.common import ORUK_SERVICE_SYSTEM, find_identifier, validate_resource
from socialrx_desk.fhir.directory import (
    closures_of,
    fhir_id,
    healthcare_service_resource,
    is_bookable,
    location_resource,
    opening_hours_of,
    organization_resource,
    schedule_id_for,
    schedule_resource,
    schedule_service_ids,
    service_from_resource,
    slot_id_for,
    slot_resource,
    slot_schedule_id,
    with_bookable,
)
from tests.conftest import data_path

SAMPLES = [
    "liverpool-oruk-v1.json",
    "liverpool-oruk-v3.json",
    "uk-profile-v3-service_full.json",
    "heldout_directory.json",
]


def _services(name: str) -> list[Service]:
    records, _ = split_envelope(json.loads(data_path(name).read_text()))
    return [parse_service(record) for record in records]


@pytest.mark.parametrize("sample", SAMPLES)
def test_every_sample_service_maps_to_valid_r4_and_back(sample: str) -> None:
    for service in _services(sample):
        resource = validate_resource(healthcare_service_resource(service), "HealthcareService")
        organization = organization_resource(service.organization) if service.organization else None
        if organization is not None:
            validate_resource(organization, "Organization")
        locations = [validate_resource(location_resource(loc), "Location") for loc in service.locations]
        back = service_from_resource(resource, organization, locations)
        differences = [f.name for f in dataclasses.fields(Service) if getattr(back, f.name) != getattr(service, f.name)]
        assert differences == [], (service.id, differences)


def test_the_mapping_speaks_plain_fhir_too() -> None:
    service = _services("liverpool-oruk-v1.json")[0]
    resource = healthcare_service_resource(service, bookable=True)
    assert resource["id"] == service.id
    assert find_identifier(resource, ORUK_SERVICE_SYSTEM) == service.id
    assert resource["providedBy"]["display"] == "Mersey Community Trust"
    assert resource["availableTime"] == [
        {
            "daysOfWeek": ["mon", "tue", "wed", "thu", "fri"],
            "availableStartTime": "09:00:00",
            "availableEndTime": "16:30:00",
        }
    ]
    assert resource["notAvailable"][0]["during"] == {"start": "2026-12-25", "end": "2026-12-26"}
    assert is_bookable(resource)
    assert resource["telecom"][0] == {"system": "phone", "value": "01215 242802"}
    # a HealthcareService from another server, without our extensions, still gives hours and closures
    plain = {k: v for k, v in resource.items() if k != "extension"}
    assert opening_hours_of(plain) == [
        OpeningHours(weekdays=("MO", "TU", "WE", "TH", "FR"), opens=time(9), closes=time(16, 30))
    ]
    assert [(c.start, c.end) for c in closures_of(plain)] == [(date(2026, 12, 25), date(2026, 12, 26))]
    assert service_from_resource(plain).name == service.name


def test_irregular_opening_hours_travel_in_the_extension() -> None:
    service = Service(
        id="monthly",
        name="First Friday club",
        opening_hours=[OpeningHours(weekdays=("1FR",), opens=time(18), closes=time(20), freq=Frequency.MONTHLY)],
    )
    resource = healthcare_service_resource(service)
    assert "availableTime" not in resource
    assert resource["availabilityExceptions"] == "1st Fri of the month 18:00-20:00"
    assert opening_hours_of(resource) == service.opening_hours


def test_ids_fhir_cannot_carry_become_stable_uuids() -> None:
    odd = "service:42/with spaces"
    assert fhir_id(odd, "service") == fhir_id(odd, "service") != fhir_id(odd, "location")
    service = Service(id=odd, name="Odd", organization=Organization(id="org 1", name="Org"))
    resource = validate_resource(healthcare_service_resource(service))
    assert find_identifier(resource, ORUK_SERVICE_SYSTEM) == odd
    assert resource["providedBy"]["reference"] == f"Organization/{fhir_id('org 1', 'organization')}"
    assert service_from_resource(resource).id == odd


def test_schedules_and_slots() -> None:
    start = datetime(2026, 3, 2, 9, tzinfo=UTC)
    slot_id = slot_id_for("svc", start)
    assert slot_id == slot_id_for("svc", start) != slot_id_for("svc", start.replace(hour=10))
    schedule = validate_resource(
        schedule_resource("svc", service_name="Service", horizon=(date(2026, 3, 1), date(2026, 3, 31)))
    )
    assert schedule["id"] == schedule_id_for("svc") and schedule_service_ids(schedule) == ["svc"]
    slot = validate_resource(slot_resource(schedule["id"], start, start.replace(minute=30), slot_id=slot_id))
    assert slot_schedule_id(slot) == schedule["id"] and slot["status"] == "free"
    with pytest.raises(ValueError):
        slot_resource("x", datetime(2026, 3, 2, 9), datetime(2026, 3, 2, 10), slot_id="s")
    service = healthcare_service_resource(Service(id="svc", name="S"))
    assert not is_bookable(service)
    once = with_bookable(service)
    assert is_bookable(once) and with_bookable(once) == once
