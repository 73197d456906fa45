import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import data_path


def run_cli(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOCIALRX_PROFILE": str(profile)}
    return subprocess.run(
        [sys.executable, "-m", "socialrx_desk", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_import_then_search_as_json(tmp_path: Path) -> None:
    profile = tmp_path / "p"
    imported = run_cli(profile, "directory", "import", str(data_path("liverpool-oruk-v1.json")))
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip() == "imported 80, updated 0, skipped 0"
    again = run_cli(profile, "--profile", str(profile), "directory", "import", str(data_path("liverpool-oruk-v3.json")))
    assert again.stdout.strip() == "imported 0, updated 27, skipped 0"

    found = run_cli(profile, "directory", "search", "boiler's", "packed", "in", "--json", "--limit", "3")
    assert found.returncode == 0, found.stderr
    rows = json.loads(found.stdout)
    assert len(rows) == 3
    assert {"id", "name", "organization", "needs", "score"} <= set(rows[0])
    assert rows[0]["score"] >= rows[1]["score"] >= rows[2]["score"]
    assert "boiler" in rows[0]["name"].lower()
    assert (profile / "logs" / "socialrx.log").exists()


def test_import_reports_skips_and_fails_only_when_nothing_usable(tmp_path: Path) -> None:
    profile = tmp_path / "p"
    mixed = tmp_path / "mixed.json"
    mixed.write_text(json.dumps({"content": [{"id": "a", "name": "A"}, {"id": "b"}]}))
    result = run_cli(profile, "directory", "import", str(mixed))
    assert result.returncode == 0
    assert result.stdout.strip() == "imported 1, updated 0, skipped 1"
    assert "item 2 (id b): no name" in result.stderr

    missing = run_cli(profile, "directory", "import", str(tmp_path / "missing.json"))
    assert missing.returncode != 0 and "no such file" in missing.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{{{")
    result = run_cli(profile, "directory", "import", str(bad))
    assert result.returncode != 0 and "not valid JSON" in result.stderr
    assert "Traceback" not in result.stderr


def test_search_filters_and_unknown_need(tmp_path: Path) -> None:
    profile = tmp_path / "p"
    run_cli(profile, "directory", "import", str(data_path("liverpool-oruk-v1.json")))
    unknown = run_cli(profile, "directory", "search", "x", "--need", "no_such_need")
    assert unknown.returncode == 2 and "unknown need" in unknown.stderr
    young = run_cli(profile, "directory", "search", "grab rails", "--age", "30", "--json")
    assert all("Grab rails" not in row["name"] for row in json.loads(young.stdout))  # grab rails are for 60+
    human = run_cli(profile, "directory", "search", "skint")
    assert human.returncode == 0 and " 1. " in human.stdout


def test_profile_option_keeps_state_apart(tmp_path: Path) -> None:
    run_cli(tmp_path / "one", "directory", "import", str(data_path("liverpool-oruk-v1.json")))
    other = run_cli(tmp_path / "two", "directory", "search", "debt", "--json")
    assert json.loads(other.stdout) == []
    assert (tmp_path / "one" / "socialrx.sqlite3").exists()
    assert (tmp_path / "two" / "socialrx.sqlite3").exists()
