"""No double booking, ever: concurrent transactions for one slot give exactly one success."""

from __future__ import annotations

import threading
from collections import Counter

import pytest

from socialrx_desk.fhir.common import put_entry, transaction
from tests.server.support import HubUnderTest, booking, create_service, http_client, new_id, patient, search_ids

RACERS = 12


def _race(hub: HubUnderTest, bundles: list[dict[str, object]], tokens: list[str]) -> list[int]:
    start = threading.Barrier(len(bundles))
    statuses: list[int] = [0] * len(bundles)

    def run(index: int) -> None:
        with http_client(hub.base_url, {"Authorization": f"Bearer {tokens[index]}"}) as http:
            start.wait()
            statuses[index] = http.post("", json=bundles[index]).status_code

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(bundles))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


@pytest.mark.parametrize("if_match", [True, False], ids=["with-if-match", "without-if-match"])
def test_one_slot_many_desks_one_booking(hub: HubUnderTest, if_match: bool) -> None:
    service = create_service(hub, slots=1)
    slot = service.slots[0]
    sites = [hub.site("desk", practice=f"P-{new_id()}") for _ in range(RACERS)]
    attempts = [booking(slot, service.service_id) for _ in range(RACERS)]
    statuses = _race(hub, [a.bundle(if_match=if_match) for a in attempts], [s.token for s in sites])
    counted = Counter(statuses)
    assert counted[200] == 1, counted
    assert set(counted) <= {200, 409, 412}, counted
    if not if_match:
        assert counted[409] == RACERS - 1
    winners = [a for a, status in zip(attempts, statuses, strict=True) if status == 200]
    admin = hub.admin.http
    active = [
        entry["resource"]
        for entry in admin.get("/Appointment", params={"slot": f"Slot/{slot['id']}"}).json().get("entry", [])
    ]
    assert [a["id"] for a in active] == [winners[0].appointment["id"]]
    assert admin.get(f"/Slot/{slot['id']}").json()["status"] == "busy"
    for loser in (a for a, status in zip(attempts, statuses, strict=True) if status != 200):
        assert admin.get(f"/Patient/{loser.patient['id']}").status_code == 404


def test_many_desks_many_slots_never_double_booked(hub: HubUnderTest) -> None:
    service = create_service(hub, slots=4)
    sites = [hub.site("desk", practice=f"P-{new_id()}") for _ in range(RACERS)]
    attempts = [booking(service.slots[n % 4], service.service_id) for n in range(RACERS)]
    bundles = [a.bundle(if_match=n % 2 == 0) for n, a in enumerate(attempts)]
    statuses = _race(hub, bundles, [s.token for s in sites])
    assert Counter(statuses)[200] == 4, statuses
    booked = search_ids(
        hub.admin.http, "Appointment", slot=",".join(f"Slot/{s['id']}" for s in service.slots), status="booked"
    )
    assert len(booked) == 4
    busy = search_ids(hub.admin.http, "Slot", service=service.service_id, status="busy")
    assert len(busy) == 4


def test_the_same_new_resource_put_at_once_by_many_is_created_once(hub: HubUnderTest) -> None:
    site = hub.site("desk", practice=f"P-{new_id()}")
    person = patient()
    bundles = [transaction([put_entry(person)]) for _ in range(RACERS)]
    statuses = _race(hub, bundles, [site.token] * RACERS)
    assert Counter(statuses) == {200: RACERS}, statuses
    history = site.http.get(f"/Patient/{person['id']}/_history").json()
    assert [entry["response"]["etag"] for entry in history["entry"]] == ['W/"1"']
