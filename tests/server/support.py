"""Helpers for the hub tests: a running hub with its sites, and the resources a desk, kiosk or agency sends."""

from __future__ import annotations

import ssl
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from socialrx_desk.fhir.common import put_entry, transaction
from socialrx_desk.fhir.directory import schedule_resource, slot_resource
from socialrx_desk.server.admin import add_site_to
from socialrx_desk.server.db import Database
from socialrx_desk.server.embedded import RunningHub

LIVERPOOL_SERVICE = "15ee69f3-2085-40b3-850e-1ddd90fb67b5"


# Building an httpx.Client loads the CA bundle (about 30 ms); tests make hundreds of clients, so they share one.
TLS = ssl.create_default_context()


def http_client(base_url: str, headers: dict[str, str]) -> httpx.Client:
    return httpx.Client(base_url=base_url, headers=headers, timeout=60, verify=TLS)


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass
class Site:
    name: str
    kind: str
    token: str
    http: httpx.Client


@dataclass
class HubUnderTest:
    running: RunningHub
    database_url: str
    backend: str
    clients: list[httpx.Client] = field(default_factory=list)
    _admin: Site | None = None
    _db: Database | None = None

    @property
    def base_url(self) -> str:
        return self.running.base_url

    def client(self, token: str | None = None, **headers: str) -> httpx.Client:
        all_headers = {"Accept": "application/fhir+json", **headers}
        if token is not None:
            all_headers["Authorization"] = f"Bearer {token}"
        http = http_client(self.base_url, all_headers)
        self.clients.append(http)
        return http

    def site(self, kind: str, practice: str | None = None, services: Iterable[str] = ()) -> Site:
        name = f"{kind} {new_id()[:8]}"
        if self._db is None:  # one connection pool for all the sites a module adds, rather than one each
            self._db = Database(self.database_url, pool_size=1)
        token = add_site_to(self._db, name, kind, practice=practice, services=tuple(services))
        return Site(name, kind, token, self.client(token))

    @property
    def admin(self) -> Site:
        if self._admin is None:
            self._admin = self.site("admin")
        return self._admin

    def close(self) -> None:
        for http in self.clients:
            http.close()
        if self._db is not None:
            self._db.dispose()


@dataclass
class BookableService:
    service_id: str
    schedule_id: str
    slots: list[dict[str, Any]]


def create_service(hub: HubUnderTest, slots: int = 3, *, start: datetime | None = None) -> BookableService:
    """A new HealthcareService with a Schedule and free Slots, written by the hub administrator."""
    service_id = new_id()
    name = f"Test {service_id[:8]}"
    service = {"resourceType": "HealthcareService", "id": service_id, "active": True, "name": name}
    schedule = schedule_resource(service_id, service_name=name)
    first = start or datetime(2030, 1, 7, 9, tzinfo=UTC)
    slot_list = [
        slot_resource(
            schedule["id"], first + timedelta(minutes=30 * n), first + timedelta(minutes=30 * (n + 1)), slot_id=new_id()
        )
        for n in range(slots)
    ]
    response = hub.admin.http.post("", json=transaction(put_entry(r) for r in (service, schedule, *slot_list)))
    assert response.status_code == 200, response.text
    stored = [entry["resource"] for entry in response.json()["entry"][2:]]
    return BookableService(service_id, schedule["id"], stored)


def patient(patient_id: str | None = None, family: str = "Jones") -> dict[str, Any]:
    return {
        "resourceType": "Patient",
        "id": patient_id or new_id(),
        "name": [{"family": family, "given": ["Mary"]}],
        "birthDate": "1948-05-01",
    }


def service_request(
    patient_id: str, service_id: str, *, requester: str = "Organization/surgery-1", request_id: str | None = None
) -> dict[str, Any]:
    return {
        "resourceType": "ServiceRequest",
        "id": request_id or new_id(),
        "status": "active",
        "intent": "order",
        "subject": {"reference": f"Patient/{patient_id}"},
        "requester": {"reference": requester},
        "performer": [{"reference": f"HealthcareService/{service_id}"}],
    }


def appointment(
    slot_id: str, patient_id: str, request_id: str | None, *, status: str = "booked", appointment_id: str | None = None
) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Appointment",
        "id": appointment_id or new_id(),
        "status": status,
        "slot": [{"reference": f"Slot/{slot_id}"}],
        "participant": [{"actor": {"reference": f"Patient/{patient_id}"}, "status": "accepted"}],
    }
    if request_id:
        resource["basedOn"] = [{"reference": f"ServiceRequest/{request_id}"}]
    return resource


def task(request_id: str, service_id: str, *, status: str = "requested", task_id: str | None = None) -> dict[str, Any]:
    return {
        "resourceType": "Task",
        "id": task_id or new_id(),
        "status": status,
        "intent": "order",
        "focus": {"reference": f"ServiceRequest/{request_id}"},
        "owner": {"reference": f"HealthcareService/{service_id}"},
    }


@dataclass
class Booking:
    slot: dict[str, Any]
    patient: dict[str, Any]
    request: dict[str, Any]
    appointment: dict[str, Any]
    task: dict[str, Any]

    def bundle(self, *, if_match: bool = True, with_slot: bool = True) -> dict[str, Any]:
        busy = {k: v for k, v in self.slot.items() if k != "meta"} | {"status": "busy"}
        entries = []
        if with_slot:
            entries.append(put_entry(busy, if_match=self.slot["meta"]["versionId"] if if_match else None))
        entries += [put_entry(self.patient), put_entry(self.request), put_entry(self.appointment), put_entry(self.task)]
        return transaction(entries)


def booking(slot: dict[str, Any], service_id: str, *, requester: str = "Organization/surgery-1") -> Booking:
    person = patient()
    request = service_request(person["id"], service_id, requester=requester)
    return Booking(
        slot, person, request, appointment(slot["id"], person["id"], request["id"]), task(request["id"], service_id)
    )


def read(http: httpx.Client, reference: str) -> httpx.Response:
    return http.get(f"/{reference}")


def search_ids(http: httpx.Client, resource_type: str, **params: Any) -> list[str]:
    response = http.get(f"/{resource_type}", params={"_count": 1000, **params})
    assert response.status_code == 200, response.text
    return [entry["resource"]["id"] for entry in response.json().get("entry", [])]


def diagnostics(response: httpx.Response) -> str:
    body = response.json()
    assert body["resourceType"] == "OperationOutcome", body
    return " ".join(issue.get("diagnostics", "") for issue in body["issue"])
