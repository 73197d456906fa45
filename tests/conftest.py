from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

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
