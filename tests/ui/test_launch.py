"""``socialrx-desk`` with no command: --screenshot, --demo, --kiosk and the start-up probe, as real processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from socialrx_desk.ui.startup_probe import FIRST_WINDOW, PROBE_ENV, READY

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def run_desk(*args: str, env: dict[str, str] | None = None, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    environment.pop(PROBE_ENV, None)
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "socialrx_desk", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_demo_screenshot_writes_a_png(tmp_path: Path) -> None:
    shot = tmp_path / "desk.png"
    result = run_desk("--profile", str(tmp_path / "profile"), "--demo", "--screenshot", str(shot))
    assert result.returncode == 0, result.stderr
    data = shot.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    assert len(data) > 20_000  # a real window, not a blank
    assert "Traceback" not in result.stderr
    # The demo used a throwaway profile, never the one given.
    assert not (tmp_path / "profile" / "socialrx.sqlite3").exists()


def test_screenshot_of_an_empty_profile(tmp_path: Path) -> None:
    shot = tmp_path / "empty.png"
    result = run_desk("--profile", str(tmp_path / "profile"), "--screenshot", str(shot))
    assert result.returncode == 0, result.stderr
    assert shot.read_bytes().startswith(PNG_SIGNATURE)


def test_screenshot_of_a_broken_store_exits_non_zero(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    profile.mkdir()
    (profile / "socialrx.sqlite3").write_bytes(b"not a database" * 200)
    shot = tmp_path / "broken.png"
    result = run_desk("--profile", str(profile), "--screenshot", str(shot))
    assert result.returncode == 1
    assert shot.exists()  # the error screen, for whoever investigates
    assert "Traceback" not in result.stderr


def test_kiosk_refuses_to_start_without_a_staff_pin(tmp_path: Path) -> None:
    result = run_desk("--profile", str(tmp_path / "profile"), "--kiosk")
    assert result.returncode == 2
    assert "kiosk set-pin" in result.stderr


@pytest.mark.parametrize(("mode", "marker"), [("window", FIRST_WINDOW), ("ready", READY)])
def test_startup_probe_reports_and_quits(tmp_path: Path, mode: str, marker: str) -> None:
    result = run_desk("--profile", str(tmp_path / "profile"), env={PROBE_ENV: mode}, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith(marker + " ")]
    assert len(lines) == 1
    assert float(lines[0].split()[1]) > 0


FIRST_PAINT_PROBE = """
import sys
from socialrx_desk.app import main
code = main(["--profile", sys.argv[1]])
print("loaded", " ".join(sorted(m for m in sys.modules if m.startswith(("sqlalchemy", "httpx", "keyring",
    "logging.handlers", "platformdirs", "socialrx_desk.ui.desk.backend", "socialrx_desk.ui.tasks",
    "socialrx_desk.ui.desk.results_view", "socialrx_desk.server", "PySide6.QtPrintSupport", "PySide6.QtNetwork",
    "qrcode")))))
sys.exit(code)
"""


def test_the_first_paint_loads_no_store_network_or_print_code(tmp_path: Path) -> None:
    """What the start-up target depends on: the window is painted before any of these is imported."""
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", **{PROBE_ENV: "window"})
    result = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT_PROBE, str(tmp_path / "profile")],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert FIRST_WINDOW in result.stdout
    loaded = next(line for line in result.stdout.splitlines() if line.startswith("loaded"))
    assert loaded.split() == ["loaded"], loaded
