"""The admin CLI and functions: init and epochs, directory import, slot generation, sites, serve."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
from datetime import date, time
from pathlib import Path

import httpx
import pytest

from socialrx_desk.fhir.common import HUB_EPOCH_EXTENSION
from socialrx_desk.fhir.directory import is_bookable, schedule_id_for
from socialrx_desk.server import cli
from socialrx_desk.server.admin import AdminError, list_sites, parse_days, parse_hours, parse_length
from socialrx_desk.server.embedded import add_site, import_directory, init_hub, make_slots, start_hub
from tests.conftest import REPO, data_path
from tests.server.support import LIVERPOOL_SERVICE, http_client


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_init_keeps_its_epoch_until_told(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--database", database_url, "init")
    assert code == 0
    epoch = out.strip().rsplit(" ", 1)[1]
    code, out, _ = run(capsys, "--database", database_url, "init")
    assert code == 0 and out.strip().endswith(epoch)
    code, out, _ = run(capsys, "--database", database_url, "init", "--new-epoch")
    assert code == 0 and not out.strip().endswith(epoch)
    new_epoch = out.strip().rsplit(" ", 1)[1]
    with start_hub(database_url, init=False) as hub:
        statement = httpx.get(f"{hub.base_url}/metadata").json()
        assert {"url": HUB_EPOCH_EXTENSION, "valueString": new_epoch} in statement["extension"]


def test_commands_refuse_an_uninitialised_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "add-site", "Desk", "--kind", "desk")
    assert code == 1 and "init" in err
    code, _, err = run(capsys, "--database", "mysql://nobody@nowhere/hub", "init")
    assert code == 1 and "SQLite or PostgreSQL" in err
    code, _, err = run(capsys, "--database", "not a url", "init")
    assert code == 1


def test_data_dir_and_default_locations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli.resolve_database("sqlite:///x.db", None) == "sqlite:///x.db"
    assert cli.resolve_database(None, str(tmp_path)) == f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    monkeypatch.setenv(cli.DATABASE_ENV, "postgresql+psycopg://hub@db/hub")
    assert cli.resolve_database(None, None) == "postgresql+psycopg://hub@db/hub"
    monkeypatch.delenv(cli.DATABASE_ENV)
    assert cli.resolve_database(None, None).endswith("socialrx-hub/hub.sqlite3")


def test_import_directory_reports_and_is_idempotent(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    init_hub(database_url)
    records = json.loads(data_path("liverpool-oruk-v3.json").read_text())
    records["contents"].insert(1, {"id": "broken", "description": "a service without a name"})
    source = tmp_path / "feed.json"
    source.write_text(json.dumps(records))
    code, out, err = run(capsys, "--database", database_url, "import-directory", str(source))
    assert code == 0, err
    assert "27 services read" in out and "0 updated, 0 unchanged; 1 records skipped" in out
    assert "item 2: no name" in err
    report = import_directory(database_url, str(source))
    assert report.created == report.updated == 0 and report.unchanged > 0
    code, _, err = run(capsys, "--database", database_url, "import-directory", str(tmp_path / "missing.json"))
    assert code == 1 and "no such file" in err


def test_make_slots_from_opening_hours_and_explicit_hours(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    init_hub(database_url)
    import_directory(database_url, str(data_path("liverpool-oruk-v1.json")))
    # Mon-Fri 09:00-16:30 in 30-minute slots: 15 a day; 2026-12-25/26 are holiday closures
    code, out, _ = run(
        capsys, "--database", database_url, "make-slots", "--service", LIVERPOOL_SERVICE,
        "--from", "2026-12-21", "--to", "2026-12-27", "--length", "30m",
    )  # fmt: skip
    assert code == 0 and out.startswith("60 new slots")
    assert make_slots(database_url, LIVERPOOL_SERVICE, date(2026, 12, 21), date(2026, 12, 27), 30) == 0
    explicit = make_slots(
        database_url, LIVERPOOL_SERVICE, date(2027, 1, 4), date(2027, 1, 10), 60,
        days=["MO", "WE"], hours=[(time(10), time(12)), (time(14), time(15))],
    )  # fmt: skip
    assert explicit == 6
    admin = add_site(database_url, "Admin", "admin")
    with (
        start_hub(database_url, init=False) as hub,
        http_client(hub.base_url, {"Authorization": f"Bearer {admin}"}) as http,
    ):
        service = http.get(f"/HealthcareService/{LIVERPOOL_SERVICE}").json()
        assert is_bookable(service)
        slots = http.get(
            "/Slot", params={"schedule": schedule_id_for(LIVERPOOL_SERVICE), "_count": 1000, "_sort": "start"}
        ).json()
        starts = [entry["resource"]["start"] for entry in slots["entry"]]
        assert len(starts) == 66
        assert starts[0] == "2026-12-21T09:00:00+00:00" and starts[59] == "2026-12-24T16:00:00+00:00"
        assert starts[60:] == [
            "2027-01-04T10:00:00+00:00",
            "2027-01-04T11:00:00+00:00",
            "2027-01-04T14:00:00+00:00",
            "2027-01-06T10:00:00+00:00",
            "2027-01-06T11:00:00+00:00",
            "2027-01-06T14:00:00+00:00",
        ]
        # a booked slot survives regeneration untouched
        first = slots["entry"][0]["resource"]
        busy = {k: v for k, v in first.items() if k != "meta"} | {"status": "busy"}
        assert http.put(f"/Slot/{first['id']}", json=busy).status_code == 200
        assert make_slots(database_url, LIVERPOOL_SERVICE, date(2026, 12, 21), date(2026, 12, 27), 30) == 0
        assert http.get(f"/Slot/{first['id']}").json()["status"] == "busy"
    summer = make_slots(database_url, LIVERPOOL_SERVICE, date(2027, 7, 5), date(2027, 7, 5), 450)
    assert summer == 1  # 09:00-16:30 local is 08:00Z in British Summer Time
    with pytest.raises(AdminError, match="no HealthcareService"):
        make_slots(database_url, "nope", date(2027, 1, 4), date(2027, 1, 5), 30)
    code, _, err = run(
        capsys,
        "--database",
        database_url,
        "make-slots",
        "--service",
        LIVERPOOL_SERVICE,
        "--from",
        "2027-01-05",
        "--to",
        "2027-01-04",
    )
    assert code == 1 and "before" in err


def test_parsers() -> None:
    assert (
        parse_length("30m") == 30
        and parse_length("1h") == 60
        and parse_length("1h30m") == 90
        and parse_length("45") == 45
    )
    assert parse_length("90min") == 90
    for bad in ("", "0", "soon", "m"):
        with pytest.raises(AdminError):
            parse_length(bad)
    assert parse_days("mo, TU,we") == ("MO", "TU", "WE")
    with pytest.raises(AdminError):
        parse_days("Funday")
    assert parse_hours("09:00-12:00,13:30-16:00") == [(time(9), time(12)), (time(13, 30), time(16))]
    for bad in ("12:00-09:00", "9-5", "09:00"):
        with pytest.raises(AdminError):
            parse_hours(bad)


def test_sites(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    init_hub(database_url)
    import_directory(database_url, str(data_path("liverpool-oruk-v1.json")))
    code, out, err = run(capsys, "--database", database_url, "add-site", "Desk 1", "--kind", "desk", "--practice", "P1")
    assert code == 0 and "shown only this once" in err
    token = out.strip()
    assert token.startswith("srx_") and len(token) > 40
    assert token not in {site.name for site in list_sites(database_url)}
    code, _, err = run(capsys, "--database", database_url, "add-site", "Desk 1", "--kind", "desk")
    assert code == 1 and "already" in err
    code, _, err = run(
        capsys, "--database", database_url, "add-site", "Agency", "--kind", "agency", "--service", "nope"
    )
    assert code == 1 and "no HealthcareService nope" in err
    code, _, err = run(capsys, "--database", database_url, "add-site", "Agency", "--kind", "agency")
    assert code == 1 and "--service" in err
    code, _, err = run(capsys, "--database", database_url, "add-site", "Admin", "--kind", "admin", "--practice", "P1")
    assert code == 1
    code, out, _ = run(
        capsys,
        "--database",
        database_url,
        "add-site",
        "Agency",
        "--kind",
        "agency",
        "--service",
        LIVERPOOL_SERVICE,
        "--expires-days",
        "30",
    )
    assert code == 0
    code, out, _ = run(capsys, "--database", database_url, "list-sites")
    assert "Desk 1: desk; practice P1" in out and f"Agency: agency; services {LIVERPOOL_SERVICE}; expires" in out
    with start_hub(database_url, init=False) as hub:
        assert httpx.get(f"{hub.base_url}/Slot", headers={"Authorization": f"Bearer {token}"}).status_code == 200
        code, out, _ = run(capsys, "--database", database_url, "revoke-site", "Desk 1")
        assert code == 0
        assert httpx.get(f"{hub.base_url}/Slot", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    code, out, _ = run(capsys, "--database", database_url, "list-sites")
    assert "REVOKED" in out
    code, _, err = run(capsys, "--database", database_url, "revoke-site", "Nobody")
    assert code == 1


def test_serve_from_the_command_line(tmp_path: Path) -> None:
    data = tmp_path / "hub"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run(
        [sys.executable, "-m", "socialrx_desk.server.cli", "--data-dir", str(data), "init"],
        check=True,
        env=env,
        capture_output=True,
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "socialrx_desk.server.cli", "--data-dir", str(data), "serve", "--port", str(port)],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stderr is not None
        banner = server.stderr.readline()
        assert f"http://127.0.0.1:{port}/fhir" in banner
        for _ in range(300):
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/fhir/metadata", timeout=1)
                break
            except httpx.ConnectError:
                with contextlib.suppress(subprocess.TimeoutExpired):  # a pause that ends at once if the server dies
                    server.wait(0.05)
                    pytest.fail(f"the server exited: {server.stderr.read()}")
        assert response.status_code == 200
        assert response.headers["x-hub-epoch"]
    finally:
        server.terminate()
        server.wait(10)


def test_uninitialised_hub_will_not_serve(tmp_path: Path) -> None:
    from socialrx_desk.server.app import create_app
    from socialrx_desk.server.hubinfo import NotInitialisedError

    with pytest.raises(NotInitialisedError, match="init"):
        create_app(f"sqlite:///{tmp_path / 'empty.sqlite3'}")


def test_a_withdrawn_service_shows_as_inactive_in_history(database_url: str, tmp_path: Path) -> None:
    init_hub(database_url)
    feed = json.loads(data_path("liverpool-oruk-v3.json").read_text())
    first = feed["contents"][0]
    source = tmp_path / "feed.json"
    source.write_text(json.dumps(feed))
    import_directory(database_url, str(source))
    first["status"] = "defunct"
    source.write_text(json.dumps(feed))
    report = import_directory(database_url, str(source))
    assert report.updated == 1 and report.created == 0
    token = add_site(database_url, "Desk", "desk")
    with (
        start_hub(database_url, init=False) as hub,
        http_client(hub.base_url, {"Authorization": f"Bearer {token}"}) as http,
    ):
        history = http.get(f"/HealthcareService/{first['id']}/_history").json()
        assert [entry["resource"]["active"] for entry in history["entry"]] == [False, True]
        active = http.get("/HealthcareService", params={"active": "true", "_count": 1000}).json()
        assert first["id"] not in [entry["resource"]["id"] for entry in active["entry"]]
