"""A small hub-race, on both databases: the benchmark runs end to end and reports what it should."""

from __future__ import annotations

import json

import pytest

from socialrx_desk.bench import hub_race


def test_hub_race_smoke(database_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = hub_race.main(["--clients", "6", "--slots", "3", "--database", database_url, "--in-process"])
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert code == 0, result
    assert result["bookings"] == 3 and result["double_booked"] == 0 and result["slots_busy"] == 3
    assert result["clients_told_booked"] == 3
    assert {"p50_ms", "p95_ms", "requests_per_s"} <= set(result)
    assert result["p95_ms"] >= result["p50_ms"] > 0


def test_hub_race_in_a_separate_process_on_a_fresh_sqlite_hub(capsys: pytest.CaptureFixture[str]) -> None:
    code = hub_race.main(["--clients", "3", "--slots", "2"])
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert code == 0 and result["database"] == "sqlite" and result["bookings"] == 2
