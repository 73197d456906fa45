"""A real hub on loopback (SQLite), desks enrolled with it directly or through a fault proxy."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from socialrx_desk.paths import Profile
from socialrx_desk.server.embedded import RunningHub, add_site, import_directory, make_slots, start_hub
from socialrx_desk.services.referrals import Referrals
from socialrx_desk.services.workspace import Workspace
from socialrx_desk.sync.enroll import enrol
from socialrx_desk.sync.runner import SyncRunner
from tests.conftest import MemoryKeyring, data_path
from tests.sync.fault_proxy import FaultProxy

SERVICE = "15ee69f3-2085-40b3-850e-1ddd90fb67b5"  # Grab rails (appointment access)
OTHER_SERVICE = "445ab586-7005-4012-92ed-69d542f0c530"  # Handyperson small repairs


@pytest.fixture(autouse=True)
def _keyring_in_memory(memory_keyring: MemoryKeyring) -> MemoryKeyring:
    return memory_keyring


@dataclass
class Hub:
    running: RunningHub
    database_url: str
    folder: Path

    @property
    def url(self) -> str:
        return self.running.base_url

    def token(self, name: str, kind: str = "desk", practice: str | None = "P1", services: tuple[str, ...] = ()) -> str:
        return add_site(self.database_url, name, kind, practice=practice, services=services)


def populate(database_url: str) -> None:
    import_directory(database_url, str(data_path("liverpool-oruk-v1.json")))
    start = date.today() + timedelta(days=1)
    for service in (SERVICE, OTHER_SERVICE):
        make_slots(database_url, service, start, start + timedelta(days=6), 30)


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[Hub]:
    folder = tmp_path / "hub"
    folder.mkdir()
    url = f"sqlite:///{folder / 'hub.sqlite3'}"
    running = start_hub(url)
    populate(url)
    yield Hub(running, url, folder)
    running.stop()


@dataclass
class Desk:
    workspace: Workspace
    runner: SyncRunner
    referrals: Referrals

    def sync(self):  # type: ignore[no-untyped-def]
        return self.runner.run_once()


DeskFactory = Callable[..., Desk]


@pytest.fixture
def make_desk(tmp_path: Path) -> Iterator[DeskFactory]:
    opened: list[Workspace] = []

    def factory(name: str, url: str, token: str, *, kiosk: bool = False, timeout: float = 5.0) -> Desk:
        workspace = Workspace.open(Profile(tmp_path / name))
        opened.append(workspace)
        workspace.settings.site_name = name
        enrol(workspace.profile, workspace.engine, workspace.settings, url, token, kiosk=kiosk)
        runner = SyncRunner(
            workspace.profile, workspace.engine, workspace.vocabulary, workspace.settings, timeout=timeout
        )
        return Desk(workspace, runner, runner.referrals)

    yield factory
    for workspace in opened:
        workspace.close()


@pytest.fixture
def proxy(hub: Hub) -> Iterator[FaultProxy]:
    fault_proxy = FaultProxy(hub.running.port)
    yield fault_proxy
    fault_proxy.close()
