"""The sync commands as a receptionist's script would run them, in real processes: enrol, sync, book, list,
and a client killed with SIGKILL in the middle of sending a booking."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.sync.conftest import SERVICE, Hub
from tests.sync.fault_proxy import Fault, FaultProxy
from tests.sync.test_sync import hub_search


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    """A file keyring shared by the test's processes (test only: it stores secrets in plain text)."""
    data = tmp_path / "xdg"
    data.mkdir()
    return {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
        "XDG_DATA_HOME": str(data),
        "SOCIALRX_PROFILE": str(tmp_path / "desk"),
    }


def cli(env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "socialrx_desk", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def spawn(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "socialrx_desk", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def book_args(slot: str) -> list[str]:
    return [
        "book", "--service", SERVICE, "--slot", slot, "--nhs-number", "9434765919", "--name", "Ann Smith",
        "--dob", "1948-05-17", "--phone", "07700900123", "--postcode", "L1 1AA", "--consent", "--reason", "falls",
    ]  # fmt: skip


def referrals(env: dict[str, str]) -> list[dict[str, Any]]:
    listed = cli(env, "referrals", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    return list(json.loads(listed.stdout))


def test_enrol_book_offline_sync_and_list(hub: Hub, cli_env: dict[str, str]) -> None:
    token = hub.token("desk-cli")
    enrolled = cli(cli_env, "enroll", "--server", hub.url, stdin=token + "\n")
    assert enrolled.returncode == 0, enrolled.stderr
    settings = (Path(cli_env["SOCIALRX_PROFILE"]) / "settings.json").read_text()
    assert token not in settings  # the token lives in the keyring only
    log = (Path(cli_env["SOCIALRX_PROFILE"]) / "logs" / "socialrx.log").read_text()
    assert token not in log

    assert cli(cli_env, "sync").returncode == 0
    free = json.loads(cli(cli_env, "slots", "--service", SERVICE, "--json").stdout)
    hub.running.stop()  # the network goes down: booking still works
    booked = cli(cli_env, *book_args(free[0]["id"]))
    assert booked.returncode == 0, booked.stderr
    referral_id = booked.stdout.strip()
    assert len(referral_id) == 36
    [row] = referrals(cli_env)
    assert row == {**row, "id": referral_id, "service": SERVICE, "slot": free[0]["id"], "state": "provisional"}
    offline = cli(cli_env, "sync")
    assert offline.returncode != 0 and "could not be reached" in offline.stderr
    status = json.loads(cli(cli_env, "status", "--json").stdout)
    assert status["online"] is False and status["queued"] == 1


def test_bad_patient_details_are_explained(hub: Hub, cli_env: dict[str, str]) -> None:
    cli(cli_env, "enroll", "--server", hub.url, stdin=hub.token("desk-cli") + "\n")
    cli(cli_env, "sync")
    free = json.loads(cli(cli_env, "slots", "--service", SERVICE, "--json").stdout)
    args = book_args(free[0]["id"])
    refused = cli(cli_env, *[a for a in args if a != "--consent"])
    assert refused.returncode == 2 and "consent" in refused.stderr
    args[args.index("9434765919")] = "9434765918"
    refused = cli(cli_env, *args)
    assert refused.returncode == 2 and "not a valid NHS number" in refused.stderr
    assert referrals(cli_env) == []


def test_no_keyring_backend_is_a_clear_error(hub: Hub, cli_env: dict[str, str]) -> None:
    env = {**cli_env, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    result = cli(env, "enroll", "--server", hub.url, stdin=hub.token("desk-cli") + "\n")
    assert result.returncode == 2
    assert "keyring" in result.stderr and "Secret Service" in result.stderr
    assert "Traceback" not in result.stderr


def test_client_killed_mid_sync_loses_and_doubles_nothing(hub: Hub, proxy: FaultProxy, cli_env: dict[str, str]) -> None:
    assert cli(cli_env, "enroll", "--server", proxy.url(), stdin=hub.token("desk-cli") + "\n").returncode == 0
    assert cli(cli_env, "sync").returncode == 0
    free = json.loads(cli(cli_env, "slots", "--service", SERVICE, "--json").stdout)
    referral_id = cli(cli_env, *book_args(free[0]["id"])).stdout.strip()

    proxy.add(Fault("hold", method="POST"))  # the hub gets and commits the booking; the answer is held back
    syncing = spawn(cli_env, "sync")
    assert proxy.forwarded.wait(60), "the booking never reached the hub"
    os.kill(syncing.pid, signal.SIGKILL)
    syncing.wait(30)
    proxy.release()
    assert syncing.returncode == -signal.SIGKILL

    [row] = referrals(cli_env)
    assert row["state"] == "provisional"  # not confirmed to anyone yet, and not lost
    again = cli(cli_env, "sync")
    assert again.returncode == 0, again.stderr
    [row] = referrals(cli_env)
    assert row["id"] == referral_id and row["state"] == "booked"
    assert len(hub_search(hub, "Appointment", slot=f"Slot/{free[0]['id']}")) == 1
    assert len(hub_search(hub, "ServiceRequest", _id=referral_id)) == 1
    posts = [path for method, path in proxy.requests if method == "POST"]
    assert len(posts) == 1  # the restart read back and found the booking, rather than sending it again
