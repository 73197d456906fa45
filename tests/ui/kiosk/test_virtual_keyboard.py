"""Qt's virtual keyboard comes up on the kiosk's name question, on a real X server (Xvfb).

The keyboard never shows on the offscreen platform, so this test starts Xvfb on a free display and runs the kiosk
in a child process with QT_IM_MODULE=qtvirtualkeyboard. System packages: xvfb xauth libxcb-icccm4
libxcb-keysyms1 libpulse0 (packaging/bootstrap.sh installs them).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

XVFB_START_TIMEOUT_S = 15


@pytest.fixture
def xvfb_display() -> Iterator[str]:
    if shutil.which("Xvfb") is None:
        pytest.fail("the virtual keyboard test needs Xvfb: apt-get install xvfb xauth", pytrace=False)
    read, write = os.pipe()
    # -displayfd: Xvfb picks a free display itself and writes its number once it accepts connections.
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            pytest.fail("Xvfb did not start", pytrace=False)
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(XVFB_START_TIMEOUT_S)


def run_probe(display: str, *extra: str) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", QT_IM_MODULE="qtvirtualkeyboard")
    environment.pop("WAYLAND_DISPLAY", None)
    return subprocess.run(
        [sys.executable, str(Path(__file__).with_name("vkb_probe.py")), *extra],
        env=environment,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )


def test_the_virtual_keyboard_opens_on_the_name_field(xvfb_display: str, tmp_path: Path) -> None:
    shot = tmp_path / "keyboard.png"
    result = run_probe(xvfb_display, "--screenshot", str(shot))
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines, result.stderr[-3000:]
    report = json.loads(lines[-1])
    assert result.returncode == 0, (report, result.stderr[-3000:])
    assert report["platform"] == "xcb"
    assert report["visible"] is True
    _x, top, width, height = report["keyboard"]
    screen_width, screen_height = report["screen"]
    assert width >= screen_width * 0.9 and 0 < height < screen_height  # a full-width panel, not the whole screen
    assert top + height == screen_height  # along the bottom edge
    assert report["focus"] == "name"
    assert report["bottom_margin"] == height  # the page moved up so the field is not hidden behind the keys
    assert report["typed"] == "Ann"
    assert shot.read_bytes().startswith(b"\x89PNG")
