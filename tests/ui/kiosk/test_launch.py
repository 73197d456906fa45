"""``launch_kiosk`` as a real process: --demo --screenshot in each language, and the refusal to start for real
without a staff PIN. Also the translation sources: complete, placeholders intact, compiled by the build step."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from socialrx_desk.ui.kiosk import translations
from tests.conftest import REPO

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LAUNCH = (
    "import argparse, sys; from pathlib import Path; from socialrx_desk.paths import Profile; "
    "from socialrx_desk.ui.kiosk.launch import launch_kiosk; "
    "args = argparse.Namespace(demo=sys.argv[1] == 'demo', screenshot=sys.argv[2] or None, language=sys.argv[3]); "
    "sys.exit(launch_kiosk(args, Profile(Path(sys.argv[4]))))"
)


def run_kiosk(
    tmp_path: Path, *, demo: bool, screenshot: Path | None, language: str = "en", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    environment.update(env or {})
    return subprocess.run(
        [
            sys.executable,
            "-c",
            LAUNCH,
            "demo" if demo else "real",
            str(screenshot or ""),
            language,
            str(tmp_path / "profile"),
        ],
        env=environment,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("language", ["en", "ar"])
def test_demo_screenshot(tmp_path: Path, language: str) -> None:
    shot = tmp_path / "kiosk.png"
    result = run_kiosk(tmp_path, demo=True, screenshot=shot, language=language)
    assert result.returncode == 0, result.stderr[-2000:]
    assert shot.read_bytes().startswith(PNG_SIGNATURE) and shot.stat().st_size > 20_000
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "profile" / "socialrx.sqlite3").exists()  # the demo used a throwaway profile


def test_a_real_kiosk_needs_a_staff_pin(tmp_path: Path) -> None:
    env = {
        "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    result = run_kiosk(tmp_path, demo=False, screenshot=None, env=env)
    assert result.returncode == 2
    assert "kiosk set-pin" in result.stderr and "Traceback" not in result.stderr


def test_without_a_keyring_the_kiosk_says_why(tmp_path: Path) -> None:
    result = run_kiosk(
        tmp_path, demo=False, screenshot=None, env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    )
    assert result.returncode == 2
    assert "keyring" in result.stderr and "Traceback" not in result.stderr


def test_translations_are_complete_and_keep_their_placeholders() -> None:
    sources = translations.ts_files()
    assert {translations.language_of(path) for path in sources} >= {"pl", "ar", "ur", "so"}
    for path in sources:
        root = ET.parse(path).getroot()
        assert root.get("language") == translations.language_of(path)
        for message in root.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None and translation.get("type") is None, (path.name, source)
            text = translation.text or ""
            assert text.strip(), (path.name, source)
            for placeholder in ("%1", "%2"):
                assert source.count(placeholder) == text.count(placeholder), (path.name, source, text)


def test_the_build_step_compiles_every_language(tmp_path: Path) -> None:
    assert translations.find_lrelease() is not None, "pyside6-lrelease should come with PySide6"
    result = subprocess.run(
        [sys.executable, str(REPO / "packaging" / "build_translations.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    built = sorted(path.name for path in tmp_path.glob("*.qm"))
    assert built == sorted(f"{path.stem}.qm" for path in translations.ts_files())
    assert all(path.stat().st_size > 1000 for path in tmp_path.glob("*.qm"))


def test_sigterm_wipes_and_quits_cleanly(tmp_path: Path) -> None:
    """A service manager's stop is an administrator's exit: the locked kiosk must not refuse it."""
    import signal
    import time

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(scratch))
    process = subprocess.Popen(
        [sys.executable, "-c", LAUNCH, "demo", "", "en", str(tmp_path / "profile")],
        env=environment,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    # Running once its throwaway profile has a database (the signal handlers are in place by then).
    while not list(scratch.glob("socialrx-kiosk-demo-*/socialrx.sqlite3")):
        assert time.monotonic() < deadline, "the kiosk did not start"
        with contextlib.suppress(subprocess.TimeoutExpired):  # a pause that ends at once if the kiosk dies
            process.wait(0.05)
            pytest.fail(f"the kiosk exited while starting: {process.communicate()[1][-2000:]}")
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err[-2000:]
    assert "Traceback" not in err
    assert not list(scratch.glob("socialrx-kiosk-demo-*"))  # the demo profile was removed
