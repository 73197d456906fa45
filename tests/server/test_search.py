"""Search and paging, checked partly through independent FHIR clients (fhirpy and fhirclient)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fhirclient.models.appointment import Appointment as FcAppointment
from fhirclient.models.healthcareservice import HealthcareService as FcHealthcareService
from fhirclient.models.slot import Slot as FcSlot
from fhirclient.server import FHIRServer
from fhirpy import SyncFHIRClient

from socialrx_desk.fhir.common import ORUK_SERVICE_SYSTEM, bundle_link, put_entry, transaction
from socialrx_desk.fhir.directory import slot_resource
from tests.server.support import LIVERPOOL_SERVICE, HubUnderTest, booking, create_service, new_id, search_ids


def _fhirclient(hub: HubUnderTest, token: str) -> FHIRServer:
    server = FHIRServer(None, base_uri=hub.base_url)
    server.session.headers["Authorization"] = f"Bearer {token}"
    return server


def test_fhirpy_reads_searches_and_pages(hub: HubUnderTest) -> None:
    service = create_service(hub, slots=12)
    desk = hub.site("desk", practice=f"P-{new_id()}")
    client = SyncFHIRClient(hub.base_url, authorization=f"Bearer {desk.token}")
    slots = client.resources("Slot").search(service=service.service_id).limit(5).fetch_all()
    assert sorted(s["id"] for s in slots) == sorted(s["id"] for s in service.slots)
    first_page = client.resources("Slot").search(service=service.service_id).sort("start").limit(5).fetch()
    assert [s["id"] for s in first_page] == [s["id"] for s in service.slots[:5]]
    one = client.reference("HealthcareService", LIVERPOOL_SERVICE).to_resource()
    assert one["name"] == "Grab rails and stair rails fitting"
    found = (
        client.resources("HealthcareService").search(identifier=f"{ORUK_SERVICE_SYSTEM}|{LIVERPOOL_SERVICE}").fetch()
    )
    assert [s["id"] for s in found] == [LIVERPOOL_SERVICE]
    named = client.resources("HealthcareService").search(name="grab rails").fetch_all()
    assert LIVERPOOL_SERVICE in [s["id"] for s in named]
    assert all(s["name"].lower().startswith("grab rails") for s in named)


def test_fhirclient_parses_what_the_hub_serves(hub: HubUnderTest) -> None:
    service = create_service(hub, slots=7)
    desk = hub.site("desk", practice=f"P-{new_id()}")
    assert desk.http.post("", json=booking(service.slots[0], service.service_id).bundle()).status_code == 200
    server = _fhirclient(hub, desk.token)
    assert server.capabilityStatement.fhirVersion == "4.0.1"
    healthcare = FcHealthcareService.read(LIVERPOOL_SERVICE, server)
    assert healthcare.name == "Grab rails and stair rails fitting"
    assert healthcare.availableTime[0].daysOfWeek == ["mon", "tue", "wed", "thu", "fri"]
    search = FcSlot.where(struct={"service": service.service_id, "_count": "3"})
    slots = list(search.perform_resources_iter(server))
    assert len(slots) == 7
    assert sum(1 for s in slots if s.status == "busy") == 1
    appointments = list(
        FcAppointment.where(struct={"slot": f"Slot/{service.slots[0]['id']}"}).perform_resources_iter(server)
    )
    assert [a.status for a in appointments] == ["booked"]


def _page_all(http: Any, url: str, params: dict[str, Any] | None) -> list[list[dict[str, Any]]]:
    pages = []
    response = http.get(url, params=params)
    while True:
        assert response.status_code == 200, response.text
        bundle = response.json()
        pages.append([entry["resource"] for entry in bundle.get("entry", [])])
        following = bundle_link(bundle, "next")
        if following is None:
            return pages
        response = http.get(following)


def test_paging_misses_nothing_while_data_changes(hub: HubUnderTest) -> None:
    service = create_service(hub, slots=30)
    admin = hub.admin.http
    params: dict[str, str | int] = {"service": service.service_id, "_sort": "_lastUpdated", "_count": 7}
    response = admin.get("/Slot", params=params)
    bundle = response.json()
    seen = [(e["resource"]["id"], e["resource"]["meta"]["versionId"]) for e in bundle["entry"]]
    originals = {s["id"] for s in service.slots}
    seen_ids = [pair[0] for pair in seen]
    unseen = [s for s in service.slots if s["id"] not in seen_ids]
    # between pages: change three seen and three unseen slots and add two
    for slot in [admin.get(f"/Slot/{i}").json() for i in seen_ids[:3]] + unseen[:3]:
        changed = {k: v for k, v in slot.items() if k != "meta"} | {"status": "busy-unavailable"}
        assert admin.put(f"/Slot/{slot['id']}", json=changed).status_code == 200
    added = [
        slot_resource(
            service.schedule_id,
            datetime(2031, 1, 1, 9, tzinfo=UTC),
            datetime(2031, 1, 1, 10, tzinfo=UTC),
            slot_id=new_id(),
        )
        for _ in range(2)
    ]
    for slot in added:
        assert admin.put(f"/Slot/{slot['id']}", json=slot).status_code == 201
    following = bundle_link(bundle, "next")
    assert following is not None
    for page in _page_all(admin, following, None):
        seen += [(s["id"], s["meta"]["versionId"]) for s in page]
    ids = {pair[0] for pair in seen}
    assert originals <= ids, "every resource that existed when paging began is seen"
    assert {s["id"] for s in added} <= ids, "and so is what was written while paging"
    assert len(seen) == len(set(seen)), "no (id, version) twice"
    versions = {pair for pair in seen if pair[0] in {s["id"] for s in unseen[:3]}}
    assert all(v == "2" for _, v in versions), "changed resources not yet seen appear once, in their new version"


def test_paging_with_a_writer_running_alongside(hub: HubUnderTest) -> None:
    service = create_service(hub, slots=40)
    admin = hub.admin.http
    writer_http = hub.client(hub.admin.token)
    stop = threading.Event()
    failures: list[str] = []

    def write() -> None:
        n = 0
        while not stop.is_set():
            slot = service.slots[n % len(service.slots)]
            current = writer_http.get(f"/Slot/{slot['id']}").json()
            status = "busy-unavailable" if current["status"] == "free" else "free"
            changed = {k: v for k, v in current.items() if k != "meta"} | {"status": status}
            response = writer_http.put(f"/Slot/{slot['id']}", json=changed)
            if response.status_code != 200:
                failures.append(response.text)
            n += 7

    writer = threading.Thread(target=write)
    writer.start()
    try:
        for sort in ("_lastUpdated", "start"):
            pages = _page_all(admin, "/Slot", {"service": service.service_id, "_sort": sort, "_count": 6})
            ids = {s["id"] for page in pages for s in page}
            assert {s["id"] for s in service.slots} <= ids, sort
    finally:
        stop.set()
        writer.join()
    assert not failures


def test_search_parameters(hub: HubUnderTest) -> None:
    start = datetime(2032, 5, 3, 9, tzinfo=UTC)
    service = create_service(hub, slots=20, start=start)  # 09:00 to 19:00 in half hours
    desk = hub.site("desk", practice=f"P-{new_id()}")
    http = desk.http
    made = booking(service.slots[0], service.service_id)
    assert http.post("", json=made.bundle()).status_code == 200

    def ids(resource_type: str, **params: Any) -> set[str]:
        return set(search_ids(http, resource_type, **params))

    every = {s["id"] for s in service.slots}
    assert ids("Slot", service=service.service_id) == every
    assert ids("Slot", service=f"HealthcareService/{service.service_id}") == every
    assert ids("Slot", schedule=service.schedule_id) == every
    assert ids("Slot", schedule=f"{hub.base_url}/Schedule/{service.schedule_id}") == every
    assert ids("Slot", service=service.service_id, status="busy") == {made.slot["id"]}
    assert ids("Slot", service=service.service_id, **{"status:not": "free"}) == {made.slot["id"]}
    assert ids("Slot", service=service.service_id, status="busy,free") == every
    morning = {s["id"] for s in service.slots if s["start"] < "2032-05-03T12:00"}
    assert (
        ids("Slot", service=service.service_id, start=["ge2032-05-03T09:00:00Z", "lt2032-05-03T12:00:00Z"]) == morning
    )
    assert ids("Slot", service=service.service_id, start="2032-05-03") == every
    assert ids("Slot", service=service.service_id, start="gt2032-05-03") == set()
    assert ids("Slot", service=service.service_id, start="le2032-05") == every
    assert ids("Slot", _id=f"{service.slots[1]['id']},{service.slots[2]['id']}") == {
        service.slots[1]["id"],
        service.slots[2]["id"],
    }
    assert ids("Appointment", patient=made.patient["id"]) == {made.appointment["id"]}
    assert ids("Appointment", patient=f"Patient/{made.patient['id']}", status="booked") == {made.appointment["id"]}
    assert ids("Appointment", **{"based-on": f"ServiceRequest/{made.request['id']}"}) == {made.appointment["id"]}
    assert ids("ServiceRequest", performer=f"HealthcareService/{service.service_id}") == {made.request["id"]}
    assert ids("ServiceRequest", patient=made.patient["id"], status="active") == {made.request["id"]}
    assert ids("Task", status="requested,accepted", owner=f"HealthcareService/{service.service_id}") == {
        made.task["id"]
    }
    assert ids("Task", patient=made.patient["id"]) == set()  # this task has no Task.for
    assert made.patient["id"] in ids("Patient", family="jon", birthdate="1948-05-01")
    assert made.patient["id"] in ids("Patient", **{"name:contains": "ARY"})
    assert made.patient["id"] not in ids("Patient", **{"family:exact": "Jon"})
    assert ids("HealthcareService", name="Grab") >= {LIVERPOOL_SERVICE}

    stamp = http.get(f"/Appointment/{made.appointment['id']}").json()["meta"]["lastUpdated"]
    assert made.appointment["id"] in ids("Appointment", _lastUpdated=f"ge{stamp}")
    assert made.appointment["id"] not in ids("Appointment", _lastUpdated=f"gt{stamp}")
    later = (datetime.fromisoformat(stamp.replace("Z", "+00:00")) + timedelta(seconds=1)).isoformat()
    assert made.appointment["id"] in ids("Appointment", _lastUpdated=f"lt{later}")


def test_counts_totals_and_sorting(hub: HubUnderTest) -> None:
    service = create_service(hub, slots=9)
    http = hub.site("desk", practice=f"P-{new_id()}").http
    counted = http.get("/Slot", params={"service": service.service_id, "_count": 0}).json()
    assert counted["total"] == 9 and not counted.get("entry")
    summary = http.get("/Slot", params={"service": service.service_id, "_summary": "count"}).json()
    assert summary["total"] == 9
    page = http.get("/Slot", params={"service": service.service_id, "_count": 4, "_total": "accurate"}).json()
    assert page["total"] == 9 and len(page["entry"]) == 4
    assert "total" not in http.get("/Slot", params={"service": service.service_id, "_count": 4}).json()
    for slot in service.slots[:3][::-1]:
        changed = {k: v for k, v in slot.items() if k != "meta"} | {"status": "busy-unavailable"}
        hub.admin.http.put(f"/Slot/{slot['id']}", json=changed)
    newest = search_ids(http, "Slot", service=service.service_id, _sort="-_lastUpdated", _count=3)
    assert newest == [s["id"] for s in service.slots[:3]]
    by_start = search_ids(http, "Slot", service=service.service_id, _sort="start")
    assert by_start == [s["id"] for s in service.slots]


@pytest.mark.parametrize("count", ["1", "1000", "5000"])
def test_count_is_capped(hub: HubUnderTest, count: str) -> None:
    response = hub.admin.http.get("/Slot", params={"_count": count})
    assert response.status_code == 200
    assert len(response.json().get("entry", [])) <= 1000


def test_history_pages_and_since(hub: HubUnderTest) -> None:
    service = create_service(hub, slots=5)
    admin = hub.admin.http
    since = admin.get(f"/Slot/{service.slots[0]['id']}").json()["meta"]["lastUpdated"]
    assert (
        admin.post(
            "", json=transaction([put_entry(s | {"status": "busy-unavailable"}) for s in service.slots])
        ).status_code
        == 200
    )
    pages = _page_all(admin, "/Slot/_history", {"_since": since, "_count": 2, "_sort": "_lastUpdated"})
    versions = [(r["id"], r["meta"]["versionId"]) for page in pages for r in page]
    mine = [v for v in versions if v[0] in {s["id"] for s in service.slots}]
    assert len(mine) == 10 and len(set(mine)) == 10
    assert all(len(page) <= 2 for page in pages)
