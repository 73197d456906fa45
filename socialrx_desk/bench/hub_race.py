"""hub-race: many desks race to book a few slots on one hub; the hub must hand out each slot exactly once.

    python -m socialrx_desk.bench hub-race [--clients 50] [--slots 20] [--database URL | --postgres]

The hub runs in a child process (so the clients' threads do not share its interpreter lock) on a fresh
SQLite file, on ``--database URL`` (an initialised or empty hub database; the race uses a new service of its
own), or on a throwaway PostgreSQL cluster with ``--postgres``. Each client is a desk site of its own, on its own
thread with its own HTTP connection: all start together, look for free slots, pick one at random and send
the booking transaction a desk sends (Slot busy with If-Match, Patient, ServiceRequest, Appointment, Task),
and try again after a 409/412 until it has a booking or no slot is free.

Afterwards every Appointment of the race's slots is read back as the administrator. The last line printed is
one JSON object: ``bookings`` (active appointments), ``double_booked`` (slots with more than one),
``p50_ms``/``p95_ms`` (booking transactions), ``requests_per_s`` (all requests), and more detail.
Exit status 0 when bookings == min(clients, slots) and nothing is double-booked.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import httpx

from socialrx_desk.fhir.common import (
    RELEASED_APPOINTMENT_STATUSES,
    bundle_link,
    bundle_resources,
    put_entry,
    transaction,
)
from socialrx_desk.fhir.directory import schedule_resource, slot_resource


@dataclass
class ClientResult:
    booked: bool = False
    booking_ms: list[float] = field(default_factory=list)
    search_ms: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)


def _serve_child(database_url: str, pipe: Connection) -> None:
    from socialrx_desk.server.embedded import start_hub

    with start_hub(database_url, init=False) as hub:
        pipe.send(hub.base_url)
        pipe.recv()


@contextmanager
def hub_process(database_url: str, in_process: bool) -> Iterator[str]:
    """The FHIR base URL of a hub serving ``database_url``, in a child process unless ``in_process``."""
    if in_process:
        from socialrx_desk.server.embedded import start_hub

        with start_hub(database_url, init=False) as hub:
            yield hub.base_url
        return
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    process = context.Process(target=_serve_child, args=(database_url, child), daemon=True)
    process.start()
    try:
        if not parent.poll(60):
            raise RuntimeError("the hub process did not start within 60 s")
        yield str(parent.recv())
    finally:
        if process.is_alive():
            parent.send("stop")
            process.join(30)
        if process.is_alive():
            process.kill()


def prepare(database_url: str, clients: int, slots: int) -> tuple[str, list[str], str, list[str]]:
    """A service with ``slots`` free slots, one desk site per client and an admin site on the hub."""
    from socialrx_desk.server.admin import add_site_to
    from socialrx_desk.server.auth import ADMINISTRATOR
    from socialrx_desk.server.db import Database
    from socialrx_desk.server.hubinfo import initialise
    from socialrx_desk.server.storage import Operation, Store

    run = uuid.uuid4().hex[:8]
    service_id = f"race-{run}"
    with Database(database_url, pool_size=2) as db:
        initialise(db)
        store = Store(db)
        name = f"Race {run}"
        service = {"resourceType": "HealthcareService", "id": service_id, "active": True, "name": name}
        schedule = schedule_resource(service_id, service_name=name)
        first = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=1)
        slot_resources = [
            slot_resource(
                schedule["id"],
                first + timedelta(minutes=10 * n),
                first + timedelta(minutes=10 * (n + 1)),
                slot_id=str(uuid.uuid4()),
            )
            for n in range(slots)
        ]
        operations = [Operation("PUT", r["resourceType"], r["id"], r) for r in (service, schedule, *slot_resources)]
        store.transact(ADMINISTRATOR, operations)
        db.analyze()
        tokens = [add_site_to(db, f"race {run} desk {n}", "desk", practice=f"race {run} P{n}") for n in range(clients)]
        admin = add_site_to(db, f"race {run} admin", "admin")
    return service_id, tokens, admin, [r["id"] for r in slot_resources]


def booking_bundle(slot: dict[str, Any], service_id: str) -> dict[str, Any]:
    patient_id, request_id, appointment_id, task_id = (str(uuid.uuid4()) for _ in range(4))
    busy = {k: v for k, v in slot.items() if k != "meta"} | {"status": "busy"}
    patient = {"resourceType": "Patient", "id": patient_id, "name": [{"family": "Race", "given": ["Test"]}]}
    request = {
        "resourceType": "ServiceRequest",
        "id": request_id,
        "status": "active",
        "intent": "order",
        "subject": {"reference": f"Patient/{patient_id}"},
        "performer": [{"reference": f"HealthcareService/{service_id}"}],
    }
    appointment = {
        "resourceType": "Appointment",
        "id": appointment_id,
        "status": "booked",
        "slot": [{"reference": f"Slot/{slot['id']}"}],
        "basedOn": [{"reference": f"ServiceRequest/{request_id}"}],
        "participant": [{"actor": {"reference": f"Patient/{patient_id}"}, "status": "accepted"}],
    }
    task = {
        "resourceType": "Task",
        "id": task_id,
        "status": "requested",
        "intent": "order",
        "focus": {"reference": f"ServiceRequest/{request_id}"},
        "owner": {"reference": f"HealthcareService/{service_id}"},
    }
    return transaction(
        [
            put_entry(busy, if_match=slot["meta"]["versionId"]),
            put_entry(patient),
            put_entry(request),
            put_entry(appointment),
            put_entry(task),
        ]
    )


def client(base_url: str, token: str, service_id: str, slots: int, start: threading.Barrier) -> ClientResult:
    result = ClientResult()
    rng = random.Random()
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/fhir+json"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=60) as http:
        start.wait()
        for _ in range(slots * 3 + 5):
            began = time.perf_counter()
            try:
                found = http.get("/Slot", params={"service": service_id, "status": "free", "_count": slots})
            except httpx.HTTPError as error:
                result.errors.append(f"search: {error}")
                continue
            result.search_ms.append((time.perf_counter() - began) * 1000)
            result.statuses[found.status_code] += 1
            free = bundle_resources(found.json(), "Slot") if found.status_code == 200 else []
            if not free:
                break
            began = time.perf_counter()
            try:
                response = http.post("", json=booking_bundle(rng.choice(free), service_id))
            except httpx.HTTPError as error:
                result.errors.append(f"booking: {error}")
                continue
            result.booking_ms.append((time.perf_counter() - began) * 1000)
            result.statuses[response.status_code] += 1
            if response.status_code == 200:
                result.booked = True
                break
            if response.status_code not in (409, 412):
                result.errors.append(f"booking answered {response.status_code}: {response.text[:200]}")
    return result


def verify(base_url: str, admin_token: str, slot_ids: list[str]) -> tuple[int, int, int]:
    """(active appointments, slots with more than one, busy slots), read back through the API."""
    headers = {"Authorization": f"Bearer {admin_token}"}
    active: Counter[str] = Counter()
    busy = 0
    with httpx.Client(base_url=base_url, headers=headers, timeout=60) as http:
        for offset in range(0, len(slot_ids), 50):
            chunk = slot_ids[offset : offset + 50]
            url: str | None = "/Appointment"
            params: dict[str, Any] | None = {"slot": ",".join(f"Slot/{s}" for s in chunk), "_count": 1000}
            while url is not None:
                page = http.get(url, params=params).raise_for_status().json()
                for appointment in bundle_resources(page, "Appointment"):
                    if appointment.get("status") not in RELEASED_APPOINTMENT_STATUSES:
                        for ref in appointment.get("slot", []):
                            active[ref["reference"].split("/")[-1]] += 1
                url, params = bundle_link(page, "next"), None
            page = http.get("/Slot", params={"_id": ",".join(chunk), "_count": 1000}).raise_for_status().json()
            busy += sum(1 for slot in bundle_resources(page, "Slot") if slot.get("status") == "busy")
    return sum(active.values()), sum(1 for n in active.values() if n > 1), busy


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(fraction * 100) - 1]


def race(database_url: str, clients: int, slots: int, *, in_process: bool = False) -> dict[str, Any]:
    service_id, tokens, admin, slot_ids = prepare(database_url, clients, slots)
    with hub_process(database_url, in_process) as base_url:
        start = threading.Barrier(clients + 1)
        results: list[ClientResult] = [ClientResult() for _ in range(clients)]

        def run(index: int) -> None:
            results[index] = client(base_url, tokens[index], service_id, slots, start)

        threads = [threading.Thread(target=run, args=(n,), name=f"race-client-{n}") for n in range(clients)]
        for thread in threads:
            thread.start()
        start.wait()
        began = time.perf_counter()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - began
        bookings, double_booked, busy = verify(base_url, admin, slot_ids)
    booking_ms = [ms for r in results for ms in r.booking_ms]
    search_ms = [ms for r in results for ms in r.search_ms]
    statuses: Counter[int] = Counter()
    for r in results:
        statuses.update(r.statuses)
    requests = len(booking_ms) + len(search_ms)
    return {
        "database": "postgresql" if database_url.startswith("postgresql") else "sqlite",
        "clients": clients,
        "slots": slots,
        "bookings": bookings,
        "double_booked": double_booked,
        "clients_told_booked": sum(1 for r in results if r.booked),
        "slots_busy": busy,
        "p50_ms": round(percentile(booking_ms, 0.50), 1),
        "p95_ms": round(percentile(booking_ms, 0.95), 1),
        "search_p50_ms": round(percentile(search_ms, 0.50), 1),
        "search_p95_ms": round(percentile(search_ms, 0.95), 1),
        "requests": requests,
        "requests_per_s": round(requests / seconds, 1) if seconds > 0 else 0.0,
        "seconds": round(seconds, 2),
        "statuses": {str(code): n for code, n in sorted(statuses.items())},
        "errors": sum(len(r.errors) for r in results),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m socialrx_desk.bench hub-race", description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--slots", type=int, default=20)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--database", metavar="URL", help="hub database URL (default: a new temporary SQLite file)")
    where.add_argument("--postgres", action="store_true", help="run on a throwaway PostgreSQL cluster")
    parser.add_argument("--in-process", action="store_true", help="serve the hub from a thread of this process")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.slots < 1:
        parser.error("--clients and --slots must be at least 1")
    with ExitStack() as stack:
        if args.database:
            database_url = args.database
        elif args.postgres:
            from socialrx_desk.server.tempdb import PostgresUnavailable, TemporaryPostgres

            try:
                database_url = stack.enter_context(TemporaryPostgres()).create_database()
            except PostgresUnavailable as error:
                print(f"hub-race: {error}", file=sys.stderr)
                return 1
        else:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="hub-race-")))
            database_url = f"sqlite:///{folder / 'hub.sqlite3'}"
        result = race(database_url, args.clients, args.slots, in_process=args.in_process)
    print(json.dumps(result))
    expected = min(args.clients, args.slots)
    return 0 if result["bookings"] == expected and result["double_booked"] == 0 and result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
