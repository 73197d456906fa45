"""Transaction Bundles: the desk's booking, cancelling and referring, all or nothing, and slot integrity."""

from __future__ import annotations

from socialrx_desk.fhir.common import delete_entry, entry_responses, put_entry, transaction
from tests.server.support import (
    HubUnderTest,
    appointment,
    booking,
    create_service,
    diagnostics,
    new_id,
    patient,
    search_ids,
    service_request,
    task,
)


def test_booking_bundle_commits_everything_and_answers_per_entry(hub: HubUnderTest) -> None:
    service = create_service(hub, slots=2)
    desk = hub.site("desk", practice=f"P-{new_id()}").http
    wanted = booking(service.slots[0], service.service_id)
    response = desk.post("", json=wanted.bundle())
    assert response.status_code == 200, response.text
    bundle = response.json()
    assert bundle["type"] == "transaction-response"
    answers = entry_responses(bundle)
    assert [(a.status, a.resource_type, a.version) for a in answers] == [
        (200, "Slot", 2),
        (201, "Patient", 1),
        (201, "ServiceRequest", 1),
        (201, "Appointment", 1),
        (201, "Task", 1),
    ]
    assert all(entry["response"]["etag"].startswith('W/"') for entry in bundle["entry"])
    assert bundle["entry"][3]["response"]["location"] == f"Appointment/{wanted.appointment['id']}/_history/1"
    slot = desk.get(f"/Slot/{wanted.slot['id']}").json()
    assert slot["status"] == "busy"
    assert search_ids(desk, "Appointment", slot=f"Slot/{wanted.slot['id']}") == [wanted.appointment["id"]]
    assert search_ids(desk, "Task", owner=f"HealthcareService/{service.service_id}") == [wanted.task["id"]]
    assert search_ids(desk, "Slot", service=service.service_id, status="free") == [service.slots[1]["id"]]


def test_a_retry_after_success_is_a_precondition_failure_and_changes_nothing(hub: HubUnderTest) -> None:
    service = create_service(hub, slots=1)
    desk = hub.site("desk", practice=f"P-{new_id()}").http
    wanted = booking(service.slots[0], service.service_id)
    assert desk.post("", json=wanted.bundle()).status_code == 200
    retry = desk.post("", json=wanted.bundle())
    assert retry.status_code == 412
    assert "version 2, not 1" in diagnostics(retry)
    # the client reconciles by reading its own Appointment: it is there, so the first attempt committed
    assert desk.get(f"/Appointment/{wanted.appointment['id']}").json()["status"] == "booked"


def test_cancel_frees_the_slot_for_someone_else(hub: HubUnderTest) -> None:
    service = create_service(hub, slots=1)
    desk = hub.site("desk", practice=f"P-{new_id()}").http
    first = booking(service.slots[0], service.service_id)
    assert desk.post("", json=first.bundle()).status_code == 200
    slot = desk.get(f"/Slot/{service.slots[0]['id']}").json()
    cancelled = first.appointment | {"status": "cancelled"}
    freed = {k: v for k, v in slot.items() if k != "meta"} | {"status": "free"}
    response = desk.post(
        "", json=transaction([put_entry(cancelled), put_entry(freed, if_match=slot["meta"]["versionId"])])
    )
    assert response.status_code == 200, response.text
    slot = desk.get(f"/Slot/{service.slots[0]['id']}").json()
    assert slot["status"] == "free"
    other = hub.site("desk", practice=f"P-{new_id()}").http
    assert other.post("", json=booking(slot, service.service_id).bundle()).status_code == 200


def test_the_hub_keeps_slot_status_in_step_when_the_client_does_not(hub: HubUnderTest) -> None:
    service = create_service(hub, slots=1)
    slot_id = service.slots[0]["id"]
    desk = hub.site("desk", practice=f"P-{new_id()}").http
    wanted = booking(service.slots[0], service.service_id)
    assert desk.post("", json=wanted.bundle(with_slot=False)).status_code == 200
    assert desk.get(f"/Slot/{slot_id}").json()["status"] == "busy"
    # a second booking of the same slot without any If-Match is still refused
    second = booking(service.slots[0], service.service_id)
    response = desk.post("", json=second.bundle(with_slot=False))
    assert response.status_code == 409 and "already booked" in diagnostics(response)
    assert desk.get(f"/Appointment/{second.appointment['id']}").status_code == 404
    assert desk.get(f"/Patient/{second.patient['id']}").status_code == 404
    # freeing the slot by hand while it is booked is refused
    slot = desk.get(f"/Slot/{slot_id}").json()
    freed = {k: v for k, v in slot.items() if k != "meta"} | {"status": "free"}
    assert desk.put(f"/Slot/{slot_id}", json=freed).status_code == 409
    # cancelling the appointment alone releases the slot
    cancelled = desk.put(f"/Appointment/{wanted.appointment['id']}", json=wanted.appointment | {"status": "cancelled"})
    assert cancelled.status_code == 200
    assert desk.get(f"/Slot/{slot_id}").json()["status"] == "free"
    # noshow and entered-in-error release too; booked again, then deleted, releases
    again = booking(desk.get(f"/Slot/{slot_id}").json(), service.service_id)
    assert desk.post("", json=again.bundle()).status_code == 200
    assert desk.delete(f"/Appointment/{again.appointment['id']}").status_code == 200
    assert desk.get(f"/Slot/{slot_id}").json()["status"] == "free"


def test_an_appointment_cannot_hold_a_missing_or_blocked_slot(hub: HubUnderTest) -> None:
    service = create_service(hub, slots=1)
    desk = hub.site("desk", practice=f"P-{new_id()}").http
    person = patient()
    ghost = appointment(new_id(), person["id"], None)
    response = desk.post("", json=transaction([put_entry(person), put_entry(ghost)]))
    assert response.status_code == 422 and "does not have" in diagnostics(response)
    blocked = service.slots[0] | {"status": "busy-unavailable"}
    assert hub.admin.http.put(f"/Slot/{blocked['id']}", json=blocked).status_code == 200
    response = desk.post(
        "", json=transaction([put_entry(person), put_entry(appointment(blocked["id"], person["id"], None))])
    )
    assert response.status_code == 409
    assert desk.get(f"/Patient/{person['id']}").status_code == 404


def test_a_referral_without_a_slot(hub: HubUnderTest) -> None:
    service = create_service(hub, slots=0)
    desk = hub.site("desk", practice=f"P-{new_id()}").http
    person = patient()
    request = service_request(person["id"], service.service_id)
    work = task(request["id"], service.service_id)
    response = desk.post("", json=transaction([put_entry(person), put_entry(request), put_entry(work)]))
    assert response.status_code == 200
    assert [a.status for a in entry_responses(response.json())] == [201, 201, 201]


def test_deletes_are_processed_before_puts_and_urn_references_resolve(hub: HubUnderTest) -> None:
    desk = hub.site("desk", practice=f"P-{new_id()}").http
    old, new = patient(), patient()
    desk.put(f"/Patient/{old['id']}", json=old)
    request = service_request("placeholder", "15ee69f3-2085-40b3-850e-1ddd90fb67b5")
    request["subject"] = {"reference": "urn:uuid:0f6b4c2e-9d7a-4e51-8a43-7e2b1c9d0a11"}
    bundle = transaction(
        [
            {"fullUrl": "urn:uuid:0f6b4c2e-9d7a-4e51-8a43-7e2b1c9d0a11", **put_entry(new)},
            put_entry(request),
            delete_entry("Patient", old["id"]),
        ]
    )
    response = desk.post("", json=bundle)
    assert response.status_code == 200, response.text
    assert [a.status for a in entry_responses(response.json())] == [201, 201, 204]
    stored = desk.get(f"/ServiceRequest/{request['id']}").json()
    assert stored["subject"] == {"reference": f"Patient/{new['id']}"}
    assert desk.get(f"/Patient/{old['id']}").status_code == 410
    history = desk.get("/Patient/_history", params={"_since": stored["meta"]["lastUpdated"], "_sort": "_lastUpdated"})
    methods = [(e["request"]["method"], e["fullUrl"].rsplit("/", 1)[1]) for e in history.json()["entry"]]
    assert methods.index(("DELETE", old["id"])) < methods.index(("PUT", new["id"]))

    dangling = service_request(new["id"], "svc")
    dangling["subject"] = {"reference": "urn:uuid:7a1e0c55-3f3b-4c8e-b8a6-2d4f0e6c9b10"}
    response = desk.post("", json=transaction([put_entry(dangling)]))
    assert response.status_code == 400 and "points at no entry" in diagnostics(response)


def test_a_conflict_late_in_a_transaction_undoes_the_earlier_entries(hub: HubUnderTest) -> None:
    service = create_service(hub, slots=1)
    desk = hub.site("desk", practice=f"P-{new_id()}").http
    assert desk.post("", json=booking(service.slots[0], service.service_id).bundle(with_slot=False)).status_code == 200
    late = booking(service.slots[0], service.service_id)
    other = patient()
    bundle = transaction([put_entry(other), *late.bundle(with_slot=False)["entry"]])
    assert desk.post("", json=bundle).status_code == 409
    for reference in (f"Patient/{other['id']}", f"ServiceRequest/{late.request['id']}", f"Task/{late.task['id']}"):
        assert desk.get(f"/{reference}").status_code == 404
