"""``python -m socialrx_desk.bench sync [--queued 1000]``

Queues N bookings on a desk while its hub is down, starts the hub again (a local SQLite hub on loopback),
drains the queue with the real sync runner and checks the hub: every booking there exactly once. Prints one JSON
object on its last line: ``queued``, ``seconds``, ``per_s``, ``duplicates``, ``lost``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import httpx

from socialrx_desk.core.patients import PatientDetails
from socialrx_desk.paths import Profile
from socialrx_desk.server.embedded import add_site, import_directory, make_slots, start_hub
from socialrx_desk.services.workspace import Workspace, demo_directory_path
from socialrx_desk.sync.runner import SyncRunner

SERVICES = (
    "15ee69f3-2085-40b3-850e-1ddd90fb67b5",
    "445ab586-7005-4012-92ed-69d542f0c530",
    "9f73dbdb-43a8-4010-a9da-562b1a3063f5",
    "53bdb3a5-c9be-4022-9b2b-fbd6b0b20c70",
)


def _hub_appointments(base_url: str, token: str) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    url: str | None = f"{base_url}/Appointment?_count=500"
    with httpx.Client(headers={"Authorization": f"Bearer {token}"}, timeout=60) as http:
        while url:
            bundle = http.get(url).json()
            found += [entry["resource"] for entry in bundle.get("entry", [])]
            url = next((link["url"] for link in bundle.get("link", []) if link["relation"] == "next"), None)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m socialrx_desk.bench sync")
    parser.add_argument("--queued", type=int, default=1000)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="socialrx-bench-sync-") as tmp:
        folder = Path(tmp)
        database = f"sqlite:///{folder / 'hub.sqlite3'}"
        hub = start_hub(database)
        import_directory(database, str(demo_directory_path()))
        start = date.today() + timedelta(days=1)
        slots = 0
        days = 7
        while slots < args.queued:
            slots = sum(make_slots(database, s, start, start + timedelta(days=days), 15) for s in SERVICES)
            days *= 2
        token = add_site(database, "Bench desk", "desk", practice="bench")
        admin = add_site(database, "Bench admin", "admin")

        with Workspace.open(Profile(folder / "desk")) as workspace:
            workspace.settings.hub_url = hub.base_url
            runner = SyncRunner(
                workspace.profile, workspace.engine, workspace.vocabulary, workspace.settings, token=lambda: token
            )
            runner.run_once()
            port = hub.port
            hub.stop()  # the surgery's network goes down

            free = [slot for service in SERVICES for slot in runner.referrals.free_slots(service, limit=100_000)]
            queued_ids = []
            started = time.perf_counter()
            for index, slot in enumerate(free[: args.queued]):
                patient = PatientDetails(
                    f"Bench Patient {index}",
                    date(1950, 1, 1) + timedelta(days=index),
                    None,
                    f"07700{900000 + index:06d}"[:11],
                    None,
                )
                view = runner.referrals.book(service_id=slot.service_id, slot_id=slot.id, patient=patient, consent=True)
                queued_ids.append(view.id)
            queue_seconds = time.perf_counter() - started
            print(f"queued {len(queued_ids)} bookings offline in {queue_seconds:.1f} s", flush=True)

            hub = start_hub(database, port=port, init=False)  # the network is back
            started = time.perf_counter()
            while runner.status().queued:
                report = runner.run_once()
                if not report.reached:
                    raise SystemExit(f"the hub could not be reached: {report.error}")
            seconds = time.perf_counter() - started

            states = Counter(runner.referrals.get(i).state for i in queued_ids)  # type: ignore[union-attr]
            appointments = [a for a in _hub_appointments(hub.base_url, admin) if a.get("status") == "booked"]
            hub.stop()

    based_on = Counter(str(a["basedOn"][0]["reference"]).split("/")[1] for a in appointments)  # type: ignore[index]
    slots_used = Counter(str(a["slot"][0]["reference"]) for a in appointments)  # type: ignore[index]
    duplicates = sum(n - 1 for n in based_on.values() if n > 1) + sum(n - 1 for n in slots_used.values() if n > 1)
    lost = sum(1 for i in queued_ids if i not in based_on)
    figures = {
        "queued": len(queued_ids),
        "seconds": round(seconds, 2),
        "per_s": round(len(queued_ids) / seconds, 1) if seconds else None,
        "duplicates": duplicates,
        "lost": lost,
        "booked_locally": states.get("booked", 0),
    }
    print(json.dumps(figures))
    return 0
