from __future__ import annotations

from datetime import UTC, datetime

import pytest

from socialrx_desk.fhir.common import (
    CONFLICT_STATUSES,
    FhirValidationError,
    bundle_link,
    bundle_resources,
    coding,
    concept,
    date_range,
    delete_entry,
    entry_responses,
    find_identifier,
    format_instant,
    is_valid_id,
    operation_outcome,
    outcome_text,
    parse_etag,
    parse_instant,
    parse_reference,
    put_entry,
    referenced,
    references_in,
    transaction,
    validate_resource,
    version_of,
    weak_etag,
    without_server_meta,
)


@pytest.mark.parametrize("value", ["a", "A-1.b", "x" * 64, "0f6b4c2e-9d7a-4e51-8a43-7e2b1c9d0a11"])
def test_valid_ids(value: str) -> None:
    assert is_valid_id(value)


@pytest.mark.parametrize("value", ["", ".", "..", "a/b", "a b", "x" * 65, "é", "a%2F", None, 3])
def test_invalid_ids(value: object) -> None:
    assert not is_valid_id(value)


def test_references() -> None:
    assert parse_reference("Patient/abc") == ("Patient", "abc")
    assert parse_reference("Patient/abc/_history/3") == ("Patient", "abc")
    assert parse_reference("https://hub.example/fhir/Slot/s-1") == ("Slot", "s-1")
    for bad in (
        "#contained",
        "urn:uuid:0f6b4c2e-9d7a-4e51-8a43-7e2b1c9d0a11",
        "abc",
        "patient/abc",
        "Patient/a b",
        "",
        None,
    ):
        assert parse_reference(bad) is None
    resource = {
        "subject": {"reference": "Patient/p"},
        "performer": [{"reference": "HealthcareService/h"}, {"display": "x"}],
    }
    assert sorted(references_in(resource)) == ["HealthcareService/h", "Patient/p"]
    assert referenced(resource["performer"], "HealthcareService") == ["h"]
    assert referenced(resource["subject"], "HealthcareService") == []


def test_etags() -> None:
    assert weak_etag(3) == 'W/"3"'
    assert parse_etag('W/"3"') == parse_etag('"3"') == parse_etag("3") == 3
    assert parse_etag("W/three") is None and parse_etag(None) is None


def test_instants_and_date_ranges() -> None:
    moment = datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=UTC)
    assert format_instant(moment) == "2026-03-01T09:30:15.123456Z"
    assert parse_instant(format_instant(moment)) == moment
    assert parse_instant("2026-03-01T10:30:15.123456+01:00") == moment
    with pytest.raises(ValueError):
        parse_instant("2026-03-01T09:30:15")
    assert date_range("2026") == (datetime(2026, 1, 1), datetime(2027, 1, 1))
    assert date_range("2026-12") == (datetime(2026, 12, 1), datetime(2027, 1, 1))
    assert date_range("2026-02-28") == (datetime(2026, 2, 28), datetime(2026, 3, 1))
    assert date_range("2026-03-01T10:00:00+01:00") == (datetime(2026, 3, 1, 9), datetime(2026, 3, 1, 9, 0, 1))
    assert date_range("2026-03-01T09:00Z")[1] == datetime(2026, 3, 1, 9, 1)
    start, end = date_range("2026-03-01T09:00:00.5Z")
    assert (end - start).total_seconds() == pytest.approx(1e-6)
    for bad in ("tomorrow", "2026-13", "01/03/2026"):
        with pytest.raises(ValueError):
            date_range(bad)


def test_outcomes() -> None:
    outcome = operation_outcome("Slot/1 is already booked", code="conflict", expression="Appointment.slot")
    assert outcome["issue"][0] == {
        "severity": "error",
        "code": "conflict",
        "diagnostics": "Slot/1 is already booked",
        "expression": ["Appointment.slot"],
    }
    assert outcome_text(outcome) == "Slot/1 is already booked"
    assert outcome_text({"resourceType": "OperationOutcome", "issue": [{"details": {"text": "nope"}}]}) == "nope"
    assert outcome_text({"resourceType": "Patient"}) == ""


def test_bundles() -> None:
    slot = {"resourceType": "Slot", "id": "s1", "status": "busy"}
    bundle = transaction(
        [
            put_entry(slot, if_match=2),
            put_entry({"resourceType": "Patient", "id": "p"}),
            delete_entry("Task", "t", 'W/"4"'),
        ]
    )
    assert bundle["type"] == "transaction"
    assert bundle["entry"][0]["request"] == {"method": "PUT", "url": "Slot/s1", "ifMatch": 'W/"2"'}
    assert "ifMatch" not in bundle["entry"][1]["request"]
    assert bundle["entry"][2]["request"] == {"method": "DELETE", "url": "Task/t", "ifMatch": 'W/"4"'}
    assert [r["id"] for r in bundle_resources(bundle)] == ["s1", "p"]
    assert bundle_resources(bundle, "Patient") == [{"resourceType": "Patient", "id": "p"}]
    response = {
        "resourceType": "Bundle",
        "type": "transaction-response",
        "link": [{"relation": "next", "url": "http://x/fhir/Slot?_cursor=1"}],
        "entry": [{"response": {"status": "201 Created", "location": "Slot/s1/_history/3", "etag": 'W/"3"'}}],
    }
    answer = entry_responses(response)[0]
    assert (answer.status, answer.resource_type, answer.resource_id, answer.version) == (201, "Slot", "s1", 3)
    assert bundle_link(response, "next") == "http://x/fhir/Slot?_cursor=1"
    assert bundle_link(response, "previous") is None
    assert find_identifier({"identifier": [{"system": "a", "value": "1"}]}, "a") == "1"


def test_validation_accepts_valid_r4_and_explains_what_is_wrong() -> None:
    appointment = {
        "resourceType": "Appointment",
        "id": "a1",
        "status": "booked",
        "slot": [{"reference": "Slot/s1"}],
        "participant": [{"actor": {"reference": "Patient/p"}, "status": "accepted"}],
    }
    assert validate_resource(appointment, "Appointment") is appointment
    cases = [
        ([1], None, "array"),
        ({"id": "x"}, None, "no resourceType"),
        ({"resourceType": "Wizard"}, None, "not a FHIR R4 resource type"),
        (appointment, "Slot", "expected a Slot"),
        (appointment | {"id": "a/b"}, None, "not a valid id"),
        (appointment | {"status": "maybe"}, None, "Appointment.status 'maybe' is not one of"),
        ({k: v for k, v in appointment.items() if k != "participant"}, None, "participant is required"),
        (appointment | {"colour": "red"}, None, "colour is not an element"),
        (appointment | {"start": "tomorrow"}, None, "Appointment.start"),
    ]
    for data, expected, text in cases:
        with pytest.raises(FhirValidationError) as caught:
            validate_resource(data, expected)
        assert text in caught.value.diagnostics, caught.value.diagnostics


def test_small_builders_and_meta_helpers() -> None:
    assert coding("s", "c", "Display") == {"system": "s", "code": "c", "display": "Display"}
    assert concept("s", "c", "Display") == {
        "coding": [{"system": "s", "code": "c", "display": "Display"}],
        "text": "Display",
    }
    slot = {
        "resourceType": "Slot",
        "id": "s",
        "meta": {"versionId": "4", "lastUpdated": "2026-01-01T00:00:00Z", "tag": []},
    }
    assert version_of(slot) == 4 and version_of({"resourceType": "Slot"}) is None
    assert without_server_meta(slot) == {"resourceType": "Slot", "id": "s", "meta": {"tag": []}}
    assert without_server_meta({"id": "x", "meta": {"versionId": "1"}}) == {"id": "x"}
    assert {409, 412} == CONFLICT_STATUSES
