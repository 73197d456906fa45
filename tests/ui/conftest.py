from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from socialrx_desk.paths import Profile
from socialrx_desk.ui.desk.backend import DeskBackend
from socialrx_desk.ui.desk.window import DeskWindow
from socialrx_desk.ui.tasks import TaskRunner

WAIT_MS = 10_000


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    assert tasks.shutdown(timeout=10)


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A profile with the sample directory imported, made once; tests get copies."""
    from socialrx_desk.services.directory_import import import_directory
    from socialrx_desk.services.workspace import Workspace, demo_directory_path

    root = tmp_path_factory.mktemp("demo-store")
    with Workspace.open(Profile(root)) as workspace:
        import_directory(workspace.engine, str(demo_directory_path()), workspace.vocabulary)
    return root


@pytest.fixture
def demo_profile(demo_store: Path, tmp_path: Path) -> Profile:
    root = tmp_path / "desk"
    shutil.copytree(demo_store, root)
    return Profile(root)


@pytest.fixture
def empty_profile(tmp_path: Path) -> Profile:
    return Profile(tmp_path / "empty")


def open_window(qtbot: QtBot, runner: TaskRunner, profile: Profile, debounce_ms: int = 150) -> DeskWindow:
    backend = DeskBackend(profile)
    window = DeskWindow(backend, runner, debounce_ms=debounce_ms)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.directory_ready, timeout=WAIT_MS):
        window.start()
    return window


@pytest.fixture
def desk(qtbot: QtBot, runner: TaskRunner, demo_profile: Profile) -> Iterator[DeskWindow]:
    window = open_window(qtbot, runner, demo_profile)
    qtbot.waitUntil(lambda: window.message.kind == "hint", timeout=WAIT_MS)
    yield window
    runner.shutdown(timeout=10, last=window.backend.close)


@pytest.fixture
def empty_desk(qtbot: QtBot, runner: TaskRunner, empty_profile: Profile) -> Iterator[DeskWindow]:
    window = open_window(qtbot, runner, empty_profile)
    yield window
    runner.shutdown(timeout=10, last=window.backend.close)


# --- a real hub (tests/sync/conftest.py) for booking, referrals and sync tests -------------------------------------

from tests.sync import conftest as _sync_fixtures  # noqa: E402

hub = _sync_fixtures.hub
make_desk = _sync_fixtures.make_desk
proxy = _sync_fixtures.proxy
