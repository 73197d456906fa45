import json
from datetime import date, time

import pytest

from socialrx_desk.core.directory import Access, Frequency, ServiceStatus
from socialrx_desk.directory.oruk import RecordError, parse_service, split_envelope
from tests.conftest import data_path


def _records(name: str) -> list[object]:
    records, _ = split_envelope(json.loads(data_path(name).read_text()))
    return records


def test_v1_record_is_read_in_full() -> None:
    service = parse_service(_records("liverpool-oruk-v1.json")[0])
    assert service.id == "15ee69f3-2085-40b3-850e-1ddd90fb67b5"
    assert service.name == "Grab rails and stair rails fitting"
    assert service.organization is not None and service.organization.name == "Mersey Community Trust"
    assert service.access == [Access.APPOINTMENT]
    assert service.min_age == 60 and service.max_age is None
    assert service.locations[0].addresses[0].postcode == "L25 6WP"
    assert service.phones == ["01215 242802"]
    assert service.opening_hours[0].weekdays == ("MO", "TU", "WE", "TH", "FR")
    assert service.opening_hours[0].opens == time(9) and service.opening_hours[0].closes == time(16, 30)
    assert service.closures[0].start == date(2026, 12, 25)
    assert [t.name for t in service.taxonomy] == ["Home adaptations"]
    assert service.languages == ["fa"]


def test_v3_record_is_read_in_full() -> None:
    service = parse_service(_records("liverpool-oruk-v3.json")[0])
    assert service.min_age == 60
    assert service.locations[0].addresses[0].line1 == "24 Allerton Road"
    assert service.locations[0].accessibility == ["Step-free access"]
    assert [t.id for t in service.taxonomy] == ["sampleServiceTypes:home-adaptations"]
    assert service.attending_type == "home visit"
    assert service.last_modified is not None and service.last_modified.year == 2026


def test_uk_profile_example_with_seconds_and_stray_monthdays() -> None:
    service = parse_service(json.loads(data_path("uk-profile-v3-service_full.json").read_text()))
    hours = service.opening_hours[0]
    assert hours.opens == time(10) and hours.closes == time(18)
    assert hours.weekdays == ("TH", "FR") and hours.month_days == ()
    assert service.min_age == 12 and service.max_age == 100
    assert service.description is not None and service.description.endswith("circumstances.")
    assert service.locations == []  # a service_at_location without a location object is not a location


MESSY = {
    "id": 1234,
    "name": "  <b>Warm&nbsp;Homes</b> &amp; Energy  ",
    "description": "<p>Help with <i>heating</i>.</p><br>Drop in any Tuesday.",
    "status": "ACTIVE",
    "minimum_age": "18",
    "maximum_age": "not a number",
    "organization": {"id": "org-1", "name": "Warm &amp; Well"},
    "service_taxonomys": None,
    "eligibilitys": None,
    "contacts": [{"phones": [{"number": " 0151 000 0000 "}, {"number": None}]}, "junk"],
    "regular_schedules": [
        {"byday": ["mo", "WE"], "freq": "week", "opens_at": "09:30:00", "closes_at": "5pm", "interval": "2"},
        {"byday": "1FR", "freq": "monthly", "opens_at": "bad", "closes_at": None},
        {"byday": None, "freq": "WEEKLY"},
    ],
    "holiday_schedules": [{"start_date": "2026-12-25T00:00:00Z", "end_date": None, "closed": "true"}],
    "service_at_locations": [{"location": {"id": "loc-1", "latitude": "53.4", "physical_addresses": None}}],
    "some_future_field": {"nested": [1, 2, 3]},
}


def test_messy_record_keeps_what_can_be_understood() -> None:
    service = parse_service(MESSY)
    assert service.id == "1234"
    assert service.name == "Warm Homes & Energy"
    assert service.description == "Help with heating.\n\nDrop in any Tuesday."
    assert service.status is ServiceStatus.ACTIVE
    assert service.min_age == 18 and service.max_age is None
    assert service.organization is not None and service.organization.name == "Warm & Well"
    assert service.phones == ["0151 000 0000"]
    weekly, monthly = service.opening_hours
    assert weekly.weekdays == ("MO", "WE") and weekly.freq is Frequency.WEEKLY and weekly.interval == 2
    assert weekly.opens == time(9, 30) and weekly.closes == time(17)
    assert monthly.freq is Frequency.MONTHLY and monthly.weekdays == ("1FR",) and monthly.opens is None
    assert service.closures[0].start == date(2026, 12, 25) == service.closures[0].end
    assert service.locations[0].latitude == 53.4
    assert service.access == [Access.DROP_IN]  # no attending_access: read from the text


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"name": "No id"}, "no id"),
        ({"id": "  ", "name": "Blank id"}, "no id"),
        ({"id": True, "name": "Boolean id"}, "no id"),
        ({"id": "x" * 500, "name": "Huge id"}, "no id"),
        ({"id": "a"}, "no name"),
        ({"id": "a", "name": "<br>"}, "no name"),
        ("just a string", "expected a JSON object"),
        (None, "expected a JSON object"),
    ],
)
def test_unusable_records_say_why(record: object, reason: str) -> None:
    with pytest.raises(RecordError, match=reason):
        parse_service(record)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("inactive", ServiceStatus.INACTIVE),
        ("Defunct", ServiceStatus.DEFUNCT),
        (None, ServiceStatus.ACTIVE),
        ("temporarily_closed", ServiceStatus.TEMPORARILY_CLOSED),
        ("weird", ServiceStatus.ACTIVE),
    ],
)
def test_status_parsing(status: str | None, expected: ServiceStatus) -> None:
    assert ServiceStatus.parse(status) is expected


def test_envelopes() -> None:
    one = {"id": "a", "name": "A"}
    assert split_envelope(one)[0] == [one]
    assert split_envelope([one, one])[0] == [one, one]
    records, page = split_envelope({"content": [one], "number": 0, "totalPages": 2, "last": False})
    assert records == [one] and page.has_next(1)
    records, page = split_envelope({"contents": [one], "page_number": 2, "total_pages": 2})
    assert not page.has_next(1)
    with pytest.raises(RecordError):
        split_envelope({"hello": "world"})
    with pytest.raises(RecordError):
        split_envelope(42)
