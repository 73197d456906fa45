"""Sites see only what is theirs: practices share within themselves, agencies see what is addressed to them."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from socialrx_desk.fhir.common import put_entry, transaction
from tests.server.support import (
    BookableService,
    Booking,
    HubUnderTest,
    Site,
    booking,
    create_service,
    diagnostics,
    new_id,
    patient,
    search_ids,
    service_request,
    task,
)


@dataclass
class World:
    service: BookableService
    other_service: BookableService
    desk: Site
    kiosk: Site
    second_desk: Site
    foreign_desk: Site
    agency: Site
    other_agency: Site
    booked: Booking


@pytest.fixture(scope="module")
def world(hub: HubUnderTest) -> World:
    service = create_service(hub, slots=3)
    other_service = create_service(hub, slots=1)
    practice = f"Surgery {new_id()}"
    desk = hub.site("desk", practice=practice)
    world = World(
        service=service,
        other_service=other_service,
        desk=desk,
        kiosk=hub.site("kiosk", practice=practice),
        second_desk=hub.site("desk", practice=practice),
        foreign_desk=hub.site("desk", practice=f"Elsewhere {new_id()}"),
        agency=hub.site("agency", services=[service.service_id]),
        other_agency=hub.site("agency", services=[other_service.service_id]),
        booked=booking(service.slots[0], service.service_id),
    )
    assert desk.http.post("", json=world.booked.bundle()).status_code == 200
    return world


def _personal(b: Booking) -> list[str]:
    return [
        f"Patient/{b.patient['id']}",
        f"ServiceRequest/{b.request['id']}",
        f"Appointment/{b.appointment['id']}",
        f"Task/{b.task['id']}",
    ]


def test_the_practice_sees_its_own_and_nobody_else_does(world: World) -> None:
    for reference in _personal(world.booked):
        assert world.desk.http.get(f"/{reference}").status_code == 200
        assert world.second_desk.http.get(f"/{reference}").status_code == 200, "same practice"
        foreign = world.foreign_desk.http.get(f"/{reference}")
        assert foreign.status_code == 404, reference
        assert world.booked.patient["name"][0]["family"] not in foreign.text
        assert world.foreign_desk.http.get(f"/{reference}/_history").status_code == 404
        assert world.foreign_desk.http.get(f"/{reference}/_history/1").status_code == 404
    assert world.booked.appointment["id"] not in search_ids(world.foreign_desk.http, "Appointment")
    assert world.booked.patient["id"] not in search_ids(world.foreign_desk.http, "Patient", family="Jones")
    history = world.foreign_desk.http.get("/Patient/_history", params={"_count": 1000}).json()
    assert all(world.booked.patient["id"] not in entry["fullUrl"] for entry in history.get("entry", []))
    assert world.booked.appointment["id"] in search_ids(world.second_desk.http, "Appointment")


def test_cross_site_writes_are_refused_without_revealing_anything(world: World) -> None:
    foreign = world.foreign_desk.http
    stolen = world.booked.patient | {"name": [{"family": "Hijacked"}]}
    response = foreign.put(f"/Patient/{stolen['id']}", json=stolen)
    assert response.status_code == 404
    assert "Jones" not in response.text
    assert foreign.delete(f"/Task/{world.booked.task['id']}").status_code == 404
    bundle = transaction([put_entry(world.booked.appointment | {"status": "cancelled"})])
    assert foreign.post("", json=bundle).status_code == 404
    assert world.desk.http.get(f"/Patient/{stolen['id']}").json()["name"][0]["family"] == "Jones"
    assert world.desk.http.get(f"/Appointment/{world.booked.appointment['id']}").json()["status"] == "booked"


def test_kiosk_self_referral_reaches_the_practice_desks_only(world: World) -> None:
    kiosk = world.kiosk.http
    person = patient(family="Kiosky")
    request = service_request(person["id"], world.service.service_id, requester=f"Patient/{person['id']}")
    work = task(request["id"], world.service.service_id)
    response = kiosk.post("", json=transaction([put_entry(person), put_entry(request), put_entry(work)]))
    assert response.status_code == 200, response.text
    assert "Kiosky" not in response.text, "a kiosk gets no personal data back"
    assert all("resource" not in entry for entry in response.json()["entry"])
    # a retry of the same self-referral is harmless
    assert kiosk.post("", json=transaction([put_entry(person), put_entry(request), put_entry(work)])).status_code == 200
    assert request["id"] in search_ids(world.desk.http, "ServiceRequest", requester=f"Patient/{person['id']}")
    assert world.desk.http.get(f"/Patient/{person['id']}").status_code == 200
    assert world.foreign_desk.http.get(f"/Patient/{person['id']}").status_code == 404
    # the kiosk itself reads nothing personal, not even what it sent
    assert kiosk.get(f"/Patient/{person['id']}").status_code == 404
    assert kiosk.get(f"/ServiceRequest/{request['id']}/_history/1").status_code == 404
    for resource_type in ("Patient", "ServiceRequest", "Appointment", "Task"):
        assert kiosk.get(f"/{resource_type}").status_code == 403
        assert kiosk.get(f"/{resource_type}/_history").status_code == 403
    # but reads the directory and the slots
    assert kiosk.get(f"/HealthcareService/{world.service.service_id}").status_code == 200
    assert search_ids(kiosk, "Slot", service=world.service.service_id)
    put_minimal = kiosk.put(f"/Patient/{person['id']}", json=person | {"gender": "female"})
    assert put_minimal.status_code == 200 and "Kiosky" not in put_minimal.text


def test_kiosk_may_only_self_refer(world: World) -> None:
    kiosk = world.kiosk.http
    person = patient()
    on_behalf = service_request(person["id"], world.service.service_id, requester="Organization/surgery-1")
    response = kiosk.post("", json=transaction([put_entry(person), put_entry(on_behalf)]))
    assert response.status_code == 403 and "self-referrals" in diagnostics(response)
    slot = world.service.slots[1]
    attempt = booking(slot, world.service.service_id, requester=f"Patient/{person['id']}")
    assert kiosk.post("", json=attempt.bundle()).status_code == 403
    assert kiosk.delete(f"/Patient/{person['id']}").status_code == 403
    # a kiosk cannot touch what a desk of its own practice wrote
    desk_patient = world.booked.patient | {"gender": "male"}
    assert kiosk.put(f"/Patient/{desk_patient['id']}", json=desk_patient).status_code == 404


def test_agency_sees_what_is_addressed_to_its_services(world: World) -> None:
    agency = world.agency.http
    for reference in _personal(world.booked):
        assert agency.get(f"/{reference}").status_code == 200, reference
        assert world.other_agency.http.get(f"/{reference}").status_code == 404, reference
    assert world.booked.task["id"] in search_ids(agency, "Task", owner=f"HealthcareService/{world.service.service_id}")
    assert search_ids(world.other_agency.http, "Task") == []
    assert world.booked.request["id"] in search_ids(agency, "ServiceRequest", patient=world.booked.patient["id"])


def test_agency_updates_its_tasks_and_the_desk_sees_it(world: World) -> None:
    agency = world.agency.http
    current = agency.get(f"/Task/{world.booked.task['id']}").json()
    accepted = current | {"status": "accepted", "businessStatus": {"text": "We will phone on Monday"}}
    response = agency.put(
        f"/Task/{current['id']}", json=accepted, headers={"If-Match": f'W/"{current["meta"]["versionId"]}"'}
    )
    assert response.status_code == 200, response.text
    seen = world.desk.http.get(f"/Task/{current['id']}").json()
    assert seen["status"] == "accepted" and seen["businessStatus"]["text"] == "We will phone on Monday"
    assert search_ids(world.desk.http, "Task", status="accepted", focus=f"ServiceRequest/{world.booked.request['id']}")
    # not allowed: handing the task to a service it does not run, creating tasks, changing the referral
    elsewhere = accepted | {"owner": {"reference": f"HealthcareService/{world.other_service.service_id}"}}
    assert agency.put(f"/Task/{current['id']}", json=elsewhere).status_code == 403
    new_task = task(world.booked.request["id"], world.service.service_id)
    assert agency.put(f"/Task/{new_task['id']}", json=new_task).status_code == 403
    revoked = world.booked.request | {"status": "revoked"}
    assert agency.put(f"/ServiceRequest/{revoked['id']}", json=revoked).status_code == 403
    assert world.other_agency.http.put(f"/Task/{current['id']}", json=accepted).status_code == 404


def test_agency_manages_slots_of_its_own_services_only(world: World) -> None:
    agency = world.agency.http
    slot = {
        "resourceType": "Slot",
        "id": new_id(),
        "schedule": {"reference": f"Schedule/{world.service.schedule_id}"},
        "status": "free",
        "start": "2030-02-01T10:00:00Z",
        "end": "2030-02-01T10:30:00Z",
    }
    assert agency.put(f"/Slot/{slot['id']}", json=slot).status_code == 201
    assert agency.put(f"/Slot/{slot['id']}", json=slot | {"status": "busy-unavailable"}).status_code == 200
    assert agency.delete(f"/Slot/{slot['id']}").status_code == 200
    foreign = slot | {"id": new_id(), "schedule": {"reference": f"Schedule/{world.other_service.schedule_id}"}}
    assert agency.put(f"/Slot/{foreign['id']}", json=foreign).status_code == 403
    other_slot = world.other_service.slots[0]
    assert agency.put(f"/Slot/{other_slot['id']}", json=other_slot | {"status": "busy-unavailable"}).status_code == 403
    assert agency.delete(f"/Slot/{other_slot['id']}").status_code == 403
    booked_slot = agency.get(f"/Slot/{world.booked.slot['id']}").json()
    assert agency.delete(f"/Slot/{booked_slot['id']}").status_code == 409, "a booked slot cannot be deleted"
    assert (
        agency.put(
            f"/HealthcareService/{world.service.service_id}",
            json={"resourceType": "HealthcareService", "id": world.service.service_id},
        ).status_code
        == 403
    )
    assert agency.put(f"/Patient/{new_id()}", json=patient()).status_code in (400, 403)


def test_desks_change_only_slot_status(world: World) -> None:
    desk = world.desk.http
    slot = desk.get(f"/Slot/{world.service.slots[2]['id']}").json()
    moved = slot | {"start": "2030-01-07T08:00:00Z"}
    response = desk.put(f"/Slot/{slot['id']}", json=moved)
    assert response.status_code == 403 and "status" in diagnostics(response)
    assert desk.put(f"/Slot/{slot['id']}", json=slot | {"status": "busy-unavailable"}).status_code == 403
    new_slot = slot | {"id": new_id()}
    assert desk.put(f"/Slot/{new_slot['id']}", json=new_slot).status_code == 403
    assert desk.delete(f"/Slot/{slot['id']}").status_code == 403
    for resource_type in ("Organization", "Location", "HealthcareService", "Schedule"):
        assert desk.put(f"/{resource_type}/{new_id()}", json={"resourceType": resource_type}).status_code in (400, 403)
    organization = {"resourceType": "Organization", "id": new_id(), "name": "Not mine"}
    assert desk.put(f"/Organization/{organization['id']}", json=organization).status_code == 403


def test_directory_is_readable_by_every_kind(hub: HubUnderTest, world: World) -> None:
    for site in (world.desk, world.kiosk, world.agency, hub.admin):
        assert site.http.get(f"/HealthcareService/{world.service.service_id}").status_code == 200
        assert site.http.get(f"/Schedule/{world.service.schedule_id}").status_code == 200
        assert site.http.get("/Organization", params={"_count": 1}).status_code == 200
        assert site.http.get("/Location/_history", params={"_count": 1}).status_code == 200


def test_admin_sees_everything(hub: HubUnderTest, world: World) -> None:
    for reference in _personal(world.booked):
        assert hub.admin.http.get(f"/{reference}").status_code == 200
