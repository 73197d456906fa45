"""Fixtures: every hub test runs against SQLite and against a real PostgreSQL started here in a temp folder.

A missing PostgreSQL fails the run (it must be installed wherever the suite runs), it never skips.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from socialrx_desk.server.embedded import import_directory, init_hub, make_slots, start_hub
from socialrx_desk.server.tempdb import PostgresUnavailable, TemporaryPostgres
from tests.conftest import data_path
from tests.server.support import LIVERPOOL_SERVICE, HubUnderTest

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres() -> Iterator[TemporaryPostgres]:
    try:
        cluster = TemporaryPostgres().start()
    except PostgresUnavailable as error:
        pytest.fail(f"the hub tests need PostgreSQL: {error}", pytrace=False)
    yield cluster
    cluster.stop()


def new_database(backend: str, request: pytest.FixtureRequest, folder: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{folder / 'hub.sqlite3'}"
    cluster: TemporaryPostgres = request.getfixturevalue("postgres")
    return cluster.create_database()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty database on each backend."""
    return new_database(request.param, request, tmp_path)


@pytest.fixture(scope="module", params=BACKENDS)
def hub(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubUnderTest]:
    """A running hub shared by a test module, with the Liverpool directory and a week of slots for one service."""
    url = new_database(request.param, request, tmp_path_factory.mktemp("hub"))
    init_hub(url)
    import_directory(url, str(data_path("liverpool-oruk-v1.json")))
    make_slots(url, LIVERPOOL_SERVICE, date(2030, 3, 4), date(2030, 3, 8), 30)
    with start_hub(url, init=False) as running:
        under_test = HubUnderTest(running, url, request.param)
        yield under_test
        under_test.close()
