"""``--demo``: a local hub with the sample directory and free slots, so a newcomer sees the whole flow.

The hub (FastAPI, uvicorn) runs in a child process, started after the window is on screen:

* the desk never imports the server package (the layers contract keeps ``ui`` and ``server`` apart), and its
  start-up never pays for FastAPI;
* the hub's request handling does not compete with the desk's GUI thread for the interpreter lock;
* it is what a real deployment looks like: the hub is another program the desk talks to over HTTP.

The child also plays the practice's waiting-room kiosk once: a patient asks the desk to book for them, so the
demo's referrals view has a request waiting. It prints one JSON line (hub URL, a desk token, how many slots it
made) and then serves until its stdin closes, which happens when the desk quits, or dies: an orphaned demo hub
never outlives its desk.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

START_TIMEOUT_S = 120
DEMO_SITE = "Demo desk"
SLOT_DAYS = 14
SLOT_MINUTES = 30

# Runs in the child. Services booked by appointment get slots from their opening hours for the next two weeks.
CHILD = """
import json, sys
from datetime import date, timedelta
from pathlib import Path
from socialrx_desk.core.patients import PatientDetails
from socialrx_desk.directory.oruk import RecordError, parse_service
from socialrx_desk.directory.source import read_records
from socialrx_desk.fhir.directory import fhir_id
from socialrx_desk.paths import Profile
from socialrx_desk.server.embedded import AdminError, add_site, import_directory, make_slots, start_hub
from socialrx_desk.services.workspace import Workspace
from socialrx_desk.sync.runner import SyncRunner

folder, directory, site, days, minutes = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
url = "sqlite:///" + folder + "/hub.sqlite3"
hub = start_hub(url)
import_directory(url, directory)
token = add_site(url, site, "desk", practice="demo")
bookable = []
for record in read_records(directory):
    try:
        service = parse_service(record.data)
    except RecordError:
        continue
    if any(access.value == "appointment" for access in service.access) and service.opening_hours:
        bookable.append(service.id)

# The waiting-room kiosk of the same practice asks the desk to book for a patient: the desk's inbox has work.
kiosk_token = add_site(url, "Demo waiting-room kiosk", "kiosk", practice="demo")
with Workspace.open(Profile(Path(folder) / "kiosk")) as kiosk:
    kiosk.settings.hub_url, kiosk.settings.mode = hub.base_url, "kiosk"
    runner = SyncRunner(kiosk.profile, kiosk.engine, kiosk.vocabulary, kiosk.settings, token=lambda: kiosk_token)
    runner.run_once()
    if bookable:
        runner.referrals.self_refer(
            service_id=bookable[0],
            patient=PatientDetails("Maria Kowalska", date(1951, 3, 9), None, "0151 496 0312", "L8 1TH"),
            consent=True,
            reason="I fell in the bathroom last month and need rails fitted",
            ask_desk=True,
        )
        runner.run_once()

start = date.today()
made = 0
for service_id in bookable:
    try:
        made += make_slots(url, fhir_id(service_id, "service"), start, start + timedelta(days=days - 1), minutes)
    except AdminError as error:  # one service the hub cannot make slots for must not stop the demo
        print(f"no demo slots for {service_id}: {error}", file=sys.stderr, flush=True)
print(json.dumps({"url": hub.base_url, "token": token, "slots": made}), flush=True)
sys.stdin.read()
hub.stop()
"""


class DemoHubError(Exception):
    """The demo hub could not start; the message says why, in plain words."""


@dataclass(frozen=True, slots=True)
class DemoHubInfo:
    url: str
    token: str
    slots: int


class DemoHub:
    """The child process. :meth:`start` blocks (run it on a worker); :meth:`stop` may be called from anywhere."""

    def __init__(self, folder: Path, directory: Path) -> None:
        self.folder = folder
        self.directory = directory
        self._process: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()
        self._stopped = False

    def start(self, context: object = None) -> DemoHubInfo:
        if getattr(sys, "frozen", False):
            raise DemoHubError("the demo hub needs a Python installation; this packaged build runs without one")
        self.folder.mkdir(parents=True, exist_ok=True)
        command = [
            sys.executable,
            "-c",
            CHILD,
            str(self.folder),
            str(self.directory),
            DEMO_SITE,
            str(SLOT_DAYS),
            str(SLOT_MINUTES),
        ]
        with self._lock:
            if self._stopped:
                raise DemoHubError("the desk is closing")
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=open(self.folder / "hub.log", "w", encoding="utf-8"),  # noqa: SIM115 (the child owns it)
                text=True,
            )
            process = self._process
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line:
            code = process.wait(timeout=10)
            raise DemoHubError(f"the demo hub stopped while starting (exit {code}); see {self.folder / 'hub.log'}")
        try:
            data = json.loads(line)
            return DemoHubInfo(str(data["url"]), str(data["token"]), int(data["slots"]))
        except (ValueError, KeyError, TypeError) as error:
            raise DemoHubError(f"the demo hub said something unexpected: {line.strip()[:200]}") from error

    def stop(self, timeout: float = 10.0) -> None:
        with self._lock:
            self._stopped = True
            process, self._process = self._process, None
        if process is None:
            return
        try:
            if process.stdin is not None:
                process.stdin.close()  # the child's cue to stop its hub and exit
            process.wait(timeout)
        except (OSError, subprocess.TimeoutExpired):
            log.warning("the demo hub did not stop in %.0f s; killing it", timeout)
            process.kill()
            process.wait(5)
        finally:
            if process.stdout is not None:
                process.stdout.close()
