from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TEST_DATA = Path(__file__).resolve().parent / "data"
REPO = Path(__file__).resolve().parents[1]


def data_path(name: str) -> Path:
    return TEST_DATA / name


@pytest.fixture
def profile_dir(tmp_path: Path) -> Path:
    return tmp_path / "profile"


@pytest.fixture
def workspace(profile_dir: Path) -> Iterator[object]:
    from socialrx_desk.paths import Profile
    from socialrx_desk.services.workspace import Workspace

    with Workspace.open(Profile(profile_dir)) as opened:
        yield opened


class MemoryKeyring(KeyringBackend):
    """Secrets in memory for one test (the real app never falls back to anything but the OS keyring)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
